//! `adr renumber`: give a record a new number (the usual fix when two
//! branches took the same one), rename its file, and rewrite every link to
//! it in every record. The whole plan is computed before anything is written.

use crate::folder::Decisions;
use crate::parse::scan::{heading, lines_from};
use crate::parse::split_href;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::atomic::Transaction;

/// One file's change: its current path, its new path when renamed, its
/// content as read and its new content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub rename_to: Option<PathBuf>,
    pub original: String,
    pub content: String,
}

/// The numbers a record can have: what a file name of up to five digits
/// holds, from 1 (adr-tools' first record).
pub const NUMBERS: std::ops::RangeInclusive<u32> = 1..=99_999;

pub fn plan_renumber(d: &Decisions, id: &str, new_number: u32) -> Result<Vec<Change>, InputError> {
    if !NUMBERS.contains(&new_number) {
        return Err(InputError::new(format!(
            "{new_number} is not a record number: use {} to {}",
            NUMBERS.start(),
            NUMBERS.end()
        )));
    }
    let rec = d.resolve(id)?;
    let Some(old_number) = rec.number else {
        return Err(InputError::in_file(
            &rec.rel_path,
            "this record has no number to change",
        ));
    };
    if let Some(other) = d
        .records
        .iter()
        .find(|r| r.number == Some(new_number) && r.path != rec.path)
    {
        return Err(InputError::new(format!(
            "number {new_number} is taken by {}",
            other.rel_path
        ))
        .with_help("pick a free number; `techlead adr list` shows the ones in use"));
    }
    let digits = rec.id.bytes().take_while(u8::is_ascii_digit).count();
    let new_stem = format!("{new_number:0digits$}{}", &rec.id[digits..]);
    let old_name = rec
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = old_name.strip_prefix(rec.id.as_str()).unwrap_or(".md");
    let new_name = format!("{new_stem}{ext}");
    let new_path = rec.path.with_file_name(&new_name);
    if new_path.exists() && new_path != rec.path {
        return Err(InputError::in_file(
            &rec.rel_path,
            format!("cannot rename: {new_name} already exists"),
        ));
    }

    let mut changes = Vec::new();
    for r in &d.records {
        let text = crate::folder::read_text(r)?;
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for h in &r.hrefs {
            let (path, _) = split_href(&h.target);
            let name_start = path.rfind(['/', '\\']).map(|i| i + 1).unwrap_or(0);
            if path[name_start..] == old_name {
                let start = h.span.start + name_start;
                edits.push((start..h.span.end, new_name.clone()));
                edits.extend(relabel(&text, h.span.start, old_number, new_number));
            }
        }
        if r.path == rec.path
            && let Some(e) = retitle(&text, r.title_line, old_number, new_number)
        {
            edits.push(e);
        }
        if edits.is_empty() && r.path != rec.path {
            continue;
        }
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        let mut content = text.clone();
        for (range, with) in edits {
            content.replace_range(range, &with);
        }
        changes.push(Change {
            path: r.path.clone(),
            rename_to: (r.path == rec.path && new_path != rec.path).then(|| new_path.clone()),
            original: text,
            content,
        });
    }
    Ok(changes)
}

/// The number in the text of the inline link whose href starts at
/// `href_start`: `[3. Title]` -> `[7. Title]`, `[ADR-0003]` -> `[ADR-0007]`.
/// Other link texts are the author's words and stay.
fn relabel(
    text: &str,
    href_start: usize,
    old: u32,
    new: u32,
) -> Option<(std::ops::Range<usize>, String)> {
    let close = href_start.checked_sub(2)?;
    if text.get(close..href_start)? != "](" {
        return None;
    }
    let open = crate::parse::links::matching_open(text.as_bytes(), close)?;
    let label = &text[open + 1..close];
    let lead = label.len() - label.trim_start().len();
    let (at, must_follow) = match label[lead..].get(..4) {
        Some(p) if p.eq_ignore_ascii_case("adr-") => (lead + 4, None),
        _ => (lead, Some('.')),
    };
    let digits = label[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || label[at..at + digits].parse::<u32>().ok()? != old {
        return None;
    }
    if let Some(c) = must_follow
        && !label[at + digits..].starts_with(c)
    {
        return None;
    }
    let width = if label[at..].starts_with('0') {
        digits
    } else {
        0
    };
    let start = open + 1 + at;
    Some((start..start + digits, format!("{new:0width$}")))
}

/// `# 3. Title` -> `# 7. Title`, keeping zero padding (`# 0003.`).
fn retitle(
    text: &str,
    line: Option<u32>,
    old: u32,
    new: u32,
) -> Option<(std::ops::Range<usize>, String)> {
    let line = line?;
    let (off, _, content) = lines_from(text, 0).find(|(_, no, _)| *no == line)?;
    // The first line carries the BOM, if any, before its `#`.
    let (off, content) = match content.strip_prefix('\u{feff}') {
        Some(rest) => (off + 3, rest),
        None => (off, content),
    };
    heading(content)?;
    let hashes = content.find('#')?;
    let after = content[hashes..].trim_start_matches('#');
    let ws = after.len() - after.trim_start().len();
    let start = hashes + (content[hashes..].len() - after.len()) + ws;
    let digits = content[start..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits == 0 || !content[start + digits..].starts_with('.') {
        return None;
    }
    if content[start..start + digits].parse::<u32>().ok()? != old {
        return None;
    }
    let width = if content[start..].starts_with('0') {
        digits
    } else {
        0
    };
    Some((off + start..off + start + digits, format!("{new:0width$}")))
}

/// The plan as one transaction: every file is written, the record renamed
/// and every link to it updated, or nothing is.
pub fn transaction(root: &Path, plan: &[Change]) -> Transaction {
    let mut tx = Transaction::new(root);
    for c in plan {
        match &c.rename_to {
            Some(to) => tx.rename(&c.path, to, c.original.as_bytes(), c.content.as_bytes()),
            None => tx.replace(&c.path, c.original.as_bytes(), c.content.as_bytes()),
        }
    }
    tx
}
