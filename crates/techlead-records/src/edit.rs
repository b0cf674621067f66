//! Edits to a record's text that keep every byte they do not mean to
//! change: the line ending, a BOM, front-matter key order and unknown keys.
//! Each edit works on line positions from a fresh parse of the text, so
//! edits can be chained safely.

use crate::model::{Record, RecordStyle};
use crate::parse::scan::{heading, lines_from, meta_line};
use crate::parse::{front_matter, link_kind, normalize_status, parse_text};
use crate::text::{capitalized, yaml_scalar};
use std::path::Path;
pub(crate) use techlead_markdown::lines::{eol, insert_line_at, line_range, replace_line};

/// Reads `text` back as the record at `like`'s path.
fn reparse(like: &Record, text: &str) -> Record {
    parse_text(&like.rel_path, &like.path, text).unwrap_or_else(|_| like.clone())
}

/// Sets the status, written in the record's own style. A record without
/// a status gets one where its style keeps it.
pub fn set_status(text: &str, record: &Record, status: &str) -> String {
    let status = status.trim();
    match record.style {
        RecordStyle::FrontMatter => set_front_matter_status(text, record, status),
        RecordStyle::Bullets => match &record.status_field {
            Some(f) => {
                let Some(r) = line_range(text, f.line) else {
                    return text.to_string();
                };
                let line = &text[r.clone()];
                let Some(colon) = line.find(':') else {
                    return text.to_string();
                };
                // Keep `**Status:**` emphasis that closes after the colon.
                let after = &line[colon + 1..];
                let emph = after.len() - after.trim_start_matches(['*', '_']).len();
                let new = format!("{} {}", &line[..colon + 1 + emph], status);
                replace_line(text, f.line, &new)
            }
            None => insert_status_bullet(text, status),
        },
        RecordStyle::Section => match &record.status_field {
            Some(f) => replace_line(text, f.line, &capitalized(status)),
            None => insert_status_section(text, &capitalized(status)),
        },
    }
}

fn set_front_matter_status(text: &str, record: &Record, status: &str) -> String {
    if let Some(f) = &record.status_field {
        let Some(r) = line_range(text, f.line) else {
            return text.to_string();
        };
        let line = &text[r];
        let Some(colon) = line.find(':') else {
            return text.to_string();
        };
        return replace_line(
            text,
            f.line,
            &format!("{} {}", &line[..colon + 1], yaml_scalar(status)),
        );
    }
    match front_matter::locate(text) {
        Some((yaml_start, _, _)) => insert_line_at(
            text,
            yaml_start,
            &format!("status: {}", yaml_scalar(status)),
        ),
        None => {
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let e = eol(text);
            format!(
                "{}---{e}status: {}{e}---{e}{e}{}",
                &text[..bom],
                yaml_scalar(status),
                &text[bom..]
            )
        }
    }
}

/// Before the first metadata bullet, with its bullet character; else
/// after the title.
fn insert_status_bullet(text: &str, status: &str) -> String {
    for (off, _, line) in lines_from(text, 0) {
        if let Some((key, _, true)) = meta_line(line)
            && matches!(
                key.as_str(),
                "date" | "deciders" | "decision-makers" | "tags" | "technical-story"
            )
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            let bullet = line.trim_start().chars().next().unwrap_or('*');
            return insert_line_at(text, off, &format!("{indent}{bullet} Status: {status}"));
        }
    }
    after_title(text, &format!("* Status: {status}"))
}

/// Inserts `block` (lines joined with the file's ending) after the H1 and
/// a blank line; at the top when there is no title.
fn after_title(text: &str, block: &str) -> String {
    let e = eol(text);
    let start = front_matter::locate(text)
        .map(|(_, _, end)| end.min(text.len()))
        .unwrap_or(0);
    for (off, _, line) in lines_from(text, start) {
        if matches!(heading(line), Some((1, _))) {
            let next = off
                + line.len()
                + if text[off + line.len()..].starts_with("\r\n") {
                    2
                } else if text[off + line.len()..].starts_with('\n') {
                    1
                } else {
                    0
                };
            let sep = if next == text.len() && !text.ends_with('\n') {
                e
            } else {
                ""
            };
            return format!("{}{sep}{e}{block}{e}{}", &text[..next], &text[next..]);
        }
    }
    format!("{}{block}{e}{e}{}", &text[..start], &text[start..])
}

/// adr-tools records keep the status in `## Status`: add the section
/// before the first H2, or at the end.
fn insert_status_section(text: &str, status: &str) -> String {
    let e = eol(text);
    let section = format!("## Status{e}{e}{status}{e}{e}");
    let start = front_matter::locate(text)
        .map(|(_, _, end)| end.min(text.len()))
        .unwrap_or(0);
    for (off, _, line) in lines_from(text, start) {
        if matches!(heading(line), Some((2, _))) {
            return format!("{}{section}{}", &text[..off], &text[off..]);
        }
    }
    let sep = if text.ends_with('\n') || text.is_empty() {
        ""
    } else {
        e
    };
    format!("{text}{sep}{e}## Status{e}{e}{status}{e}")
}

/// Adds `Kind [title](href)`: as a line in an adr-tools `## Status`
/// section, else as a bullet in `## Links`. Nothing changes when the
/// record already has that link.
pub fn add_link(
    text: &str,
    record: &Record,
    kind_label: &str,
    target_title: &str,
    target_href: &str,
) -> String {
    let kind = link_kind(kind_label).unwrap_or_default();
    let target =
        crate::parse::links::target_stem(crate::parse::split_href(target_href).0).unwrap_or("");
    if record
        .links
        .iter()
        .any(|l| l.kind == kind && l.target == target)
    {
        return text.to_string();
    }
    let link = format!("{kind_label} [{target_title}]({target_href})");
    if record.style == RecordStyle::Section
        && let Some(out) = append_to_section(text, "status", &link, false)
    {
        return out;
    }
    if let Some(out) = append_to_section(text, "links", &format!("* {link}"), true) {
        return out;
    }
    let e = eol(text);
    let sep = if text.ends_with('\n') || text.is_empty() {
        ""
    } else {
        e
    };
    format!("{text}{sep}{e}## Links{e}{e}* {link}{e}")
}

/// Appends `line` after the last non-blank line of the H2 section `name`
/// (lowercase), outside fenced code. `tight` keeps list items together;
/// otherwise a blank line separates, as adr-tools writes status lines.
fn append_to_section(text: &str, name: &str, line: &str, tight: bool) -> Option<String> {
    let e = eol(text);
    let mut in_section = false;
    let mut last_content_end: Option<usize> = None;
    let mut heading_end = None;
    let mut fence_open = false;
    for (off, _, l) in lines_from(text, 0) {
        if crate::parse::scan::fence(l).is_some() {
            fence_open = !fence_open;
        }
        if !fence_open && let Some((level, h)) = heading(l) {
            if in_section && level <= 2 {
                break;
            }
            if level == 2 && h.to_lowercase() == name && heading_end.is_none() {
                in_section = true;
                heading_end = Some(off + l.len());
                continue;
            }
        }
        if in_section && !l.trim().is_empty() {
            last_content_end = Some(off + l.len());
        }
    }
    heading_end?;
    let at = last_content_end.or(heading_end)?;
    let gap = if last_content_end.is_none() || !tight {
        e
    } else {
        ""
    };
    // `at` is the end of a line's content; keep its line ending before ours.
    let ending = if text[at..].starts_with("\r\n") {
        2
    } else if text[at..].starts_with('\n') {
        1
    } else {
        0
    };
    let insert_at = at + ending;
    let lead = if ending == 0 { e } else { "" };
    Some(format!(
        "{}{lead}{gap}{line}{e}{}",
        &text[..insert_at],
        &text[insert_at..]
    ))
}

/// The usual link verbs and their reverses: `adr link A Amends B` also
/// writes `Amended by A` into B.
pub const REVERSE_KINDS: &[(&str, &str)] = &[
    ("Amends", "Amended by"),
    ("Extends", "Extended by"),
    ("Reverts", "Reverted by"),
    ("Relates to", "Relates to"),
    ("Supersedes", "Superseded by"),
    ("Replaces", "Replaced by"),
];

/// The reverse of a usual link verb, either way round (case-insensitive);
/// None for a verb of the team's own.
pub fn reverse_kind(kind: &str) -> Option<&'static str> {
    let kind = kind.trim();
    REVERSE_KINDS.iter().find_map(|(fwd, back)| {
        if fwd.eq_ignore_ascii_case(kind) {
            Some(*back)
        } else if back.eq_ignore_ascii_case(kind) {
            Some(*fwd)
        } else {
            None
        }
    })
}

/// The href from `from`'s folder to `to`'s file.
pub fn relative_href(from: &Path, to: &Path) -> String {
    let from_dir = from.parent().unwrap_or(Path::new(""));
    let from_parts: Vec<_> = from_dir.components().collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = from_parts
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<String> = vec!["..".to_string(); from_parts.len() - common];
    out.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

/// How a record is named in a link's text: `3. Use PostgreSQL`.
pub fn link_title(r: &Record) -> String {
    let title = r.title.as_deref().unwrap_or(&r.id);
    match r.number {
        Some(n) => format!("{n}. {title}"),
        None => title.to_string(),
    }
}

/// `old` becomes superseded by `new`, and `new` records that it supersedes
/// `old`. adr-tools records say so in their status line, as adr-tools does.
pub fn supersede(old_text: &str, old: &Record, new_text: &str, new: &Record) -> (String, String) {
    let to_new = relative_href(&old.path, &new.path);
    let to_old = relative_href(&new.path, &old.path);
    let already = old
        .links
        .iter()
        .any(|l| l.canonical_kind() == "superseded-by" && l.target == new.id);
    let old_out = if old.style == RecordStyle::Section && !already {
        let line = format!("Superseded by [{}]({to_new})", link_title(new));
        match &old.status_field {
            Some(f) => replace_line(old_text, f.line, &line),
            None => insert_status_section(old_text, &line),
        }
    } else {
        let t = if normalize_status(
            old.status_field
                .as_ref()
                .map(|f| f.raw.as_str())
                .unwrap_or(""),
        )
        .as_deref()
            == Some("superseded")
        {
            old_text.to_string()
        } else {
            set_status(old_text, old, "superseded")
        };
        let r = reparse(old, &t);
        add_link(&t, &r, "Superseded by", &link_title(new), &to_new)
    };
    let new_out = add_link(new_text, new, "Supersedes", &link_title(old), &to_old);
    (old_out, new_out)
}

#[cfg(test)]
mod tests;
