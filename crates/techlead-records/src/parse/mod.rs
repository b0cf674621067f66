//! Reading one decision record, whatever its format. One pass over the
//! lines, skipping fenced code, with every field's line and every link's
//! byte span recorded so edits can change exactly what they mean to.

pub(crate) use techlead_markdown::front_matter;
pub(crate) mod links;
pub(crate) mod scan;
mod status;

pub use links::{link_kind, split_href};
pub use status::{KNOWN_STATUSES, normalize_status};

use crate::model::{Field, Record, RecordStyle};
use std::path::Path;
use techlead_core::InputError;
use techlead_core::paths::display_rel;
use techlead_core::text_pos::line_col;
pub use techlead_markdown::dates::{first_date, valid_date};

/// Parses `bytes` read from `path`. Binary content, invalid UTF-8 and
/// broken front matter are input errors naming the file and line.
pub fn parse_record(root: &Path, path: &Path, bytes: &[u8]) -> Result<Record, InputError> {
    let rel = display_rel(root, path);
    if let Some(pos) = memchr::memchr(0, bytes) {
        let line = memchr::memchr_iter(b'\n', &bytes[..pos]).count() + 1;
        return Err(InputError::in_file(
            &rel,
            "binary file (contains NUL bytes), not a markdown record",
        )
        .at(line, None));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let (line, col) = line_col(std::str::from_utf8(&bytes[..valid]).unwrap_or(""), valid);
        InputError::in_file(&rel, "invalid UTF-8 (techlead reads records as UTF-8)")
            .at(line, Some(col))
    })?;
    parse_text(&rel, path, text)
}

/// Parses a record already known to be UTF-8 text.
pub fn parse_text(rel: &str, path: &Path, text: &str) -> Result<Record, InputError> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let number = number_of(&id);
    let fm = front_matter::read(rel, text)?;
    let body = scan::scan(
        text,
        fm.as_ref().map(|f| f.end).unwrap_or_else(|| bom_len(text)),
    );

    let fm_fields = fm.as_ref().map(|f| &f.fields);
    let fm_get = |key: &str| fm_fields.and_then(|f| f.get(key));

    // Title: front matter wins, else the first H1.
    let (title, title_line) = match fm_get("title") {
        Some(t) if !t.value.is_empty() => (Some(t.value.clone()), Some(t.line)),
        _ => match &body.title {
            Some(f) => (Some(strip_number(&f.raw, number)), Some(f.line)),
            None => (None, None),
        },
    };

    // Status and its style: front matter, then bullet, then section.
    let (status_field, style) = if let Some(s) = fm_get("status") {
        (
            Some(Field {
                raw: s.value.clone(),
                line: s.line,
            }),
            RecordStyle::FrontMatter,
        )
    } else if let Some(s) = &body.status_bullet {
        (Some(s.clone()), RecordStyle::Bullets)
    } else if let Some(s) = &body.status_section {
        (s.first.clone(), RecordStyle::Section)
    } else {
        (None, fallback_style(fm.as_ref(), &body))
    };
    let status = status_field.as_ref().and_then(|f| normalize_status(&f.raw));

    let date_field = fm_get("date")
        .map(|d| Field {
            raw: d.value.clone(),
            line: d.line,
        })
        .or_else(|| body.date.clone());
    let date = match &date_field {
        Some(f) => first_date(&f.raw),
        None => date_from_name(&id),
    };
    let review_by = fm_get("review-by")
        .or_else(|| fm_get("review_by"))
        .map(|d| Field {
            raw: d.value.clone(),
            line: d.line,
        })
        .or_else(|| body.review_by.clone());

    let tags = match fm_get("tags") {
        Some(t) => t.list.clone(),
        None => body.tags.clone(),
    };
    let decision_makers = match fm_get("decision-makers").or_else(|| fm_get("deciders")) {
        Some(d) => d.list.clone(),
        None => body.deciders.clone(),
    };

    let mut links = Vec::new();
    if let Some(s) = fm_get("status") {
        links.extend(links::typed_links_in(&s.value, s.line));
    }
    links.extend(body.links);

    Ok(Record {
        path: path.to_path_buf(),
        rel_path: rel.to_string(),
        id,
        number,
        title,
        title_line,
        status,
        status_field,
        date,
        date_field,
        review_by,
        tags,
        decision_makers,
        links,
        hrefs: body.hrefs,
        style,
        has_front_matter: fm.is_some(),
        package: None,
    })
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Where a status would go in a record that states none: front matter if
/// the record has metadata there, bullets if it uses bullets, else the
/// adr-tools section.
fn fallback_style(fm: Option<&front_matter::FrontMatter>, body: &scan::Body) -> RecordStyle {
    let fm_has_adr_keys = fm.is_some_and(|f| {
        ["date", "decision-makers", "deciders", "tags", "title"]
            .iter()
            .any(|k| f.fields.contains_key(*k))
    });
    if fm_has_adr_keys {
        RecordStyle::FrontMatter
    } else if body.has_bullets {
        RecordStyle::Bullets
    } else if body.date.is_some() || body.numbered_title {
        RecordStyle::Section
    } else if fm.is_some() {
        RecordStyle::FrontMatter
    } else {
        RecordStyle::Section
    }
}

/// The integer of an `NNNN-` prefix of at most 5 digits.
pub fn number_of(stem: &str) -> Option<u32> {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return None;
    }
    let rest = &stem[digits..];
    if !(rest.is_empty() || rest.starts_with('-') || rest.starts_with('_')) {
        return None;
    }
    stem[..digits].parse().ok()
}

/// `# 0009. Title` -> `Title` when 9 is the record's number.
fn strip_number(title: &str, number: Option<u32>) -> String {
    let t = title.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with('.') {
        let n: Option<u32> = t[..digits].parse().ok();
        if n.is_some() && n == number {
            return t[digits + 1..].trim().to_string();
        }
    }
    t.to_string()
}

/// `20210105-slug` -> `2021-01-05`.
fn date_from_name(stem: &str) -> Option<String> {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 8 || !(stem.len() == 8 || stem[8..].starts_with('-')) {
        return None;
    }
    let d = format!("{}-{}-{}", &stem[..4], &stem[4..6], &stem[6..8]);
    valid_date(&d).then_some(d)
}

#[cfg(test)]
mod mutation_tests;
#[cfg(test)]
mod tests;
