//! The body scan: one pass over the lines after any front matter, outside
//! fenced code, collecting the title, metadata bullets or lines, the
//! `## Status` and `## Links` sections, and every relative link.

use super::links::{hrefs_in, inline_links, typed_links_in};
use crate::model::{Field, Href, Link};
pub use techlead_markdown::lines::{fence, heading, lines_from};

#[derive(Default)]
pub struct Body {
    pub title: Option<Field>,
    pub numbered_title: bool,
    /// `* Status: x`, `- Status: x`, or a plain `Status: x` line.
    pub status_bullet: Option<Field>,
    pub status_section: Option<StatusSection>,
    pub date: Option<Field>,
    pub review_by: Option<Field>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    /// Whether metadata is kept as bullets (MADR 2, log4brains).
    pub has_bullets: bool,
    pub links: Vec<Link>,
    pub hrefs: Vec<Href>,
}

pub struct StatusSection {
    /// The line that states the status.
    pub first: Option<Field>,
}

/// `* Status: accepted` -> ("status", "accepted", bullet?). Keys may be bold.
pub fn meta_line(line: &str) -> Option<(String, &str, bool)> {
    let t = line.trim_start();
    let (rest, bullet) = match t.as_bytes().first() {
        Some(b'*' | b'-' | b'+') if t.as_bytes().get(1) == Some(&b' ') => {
            (t[2..].trim_start(), true)
        }
        _ => (t, false),
    };
    let colon = rest.find(':')?;
    let key = rest[..colon].trim().trim_matches(['*', '_']).trim();
    if key.is_empty() || key.len() > 20 {
        return None;
    }
    let mut value = &rest[colon + 1..];
    // `**Status:** accepted`: the closing emphasis sits after the colon.
    value = value.trim_start_matches(['*', '_']);
    let key = key.to_ascii_lowercase().replace(['_', ' '], "-");
    Some((key, value.trim(), bullet))
}

/// A usual link verb of either direction (`replaces`, `amended-by`), as
/// a metadata key spells it.
fn is_link_verb(key: &str) -> bool {
    crate::edit::REVERSE_KINDS.iter().any(|(fwd, back)| {
        [fwd, back]
            .iter()
            .any(|v| v.to_ascii_lowercase().replace(' ', "-") == key)
    })
}

fn split_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().trim_matches(['[', ']']).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn scan(text: &str, start: usize) -> Body {
    let mut body = Body::default();
    let mut fence_open: Option<(u8, usize)> = None;
    let mut section = String::new();
    let mut seen_h2 = false;
    let mut status_lines: Vec<Field> = Vec::new();
    let mut in_status = false;
    let mut seen_status_section = false;

    for (offset, no, line) in lines_from(text, start) {
        if let Some((c, n)) = fence(line) {
            match fence_open {
                None => fence_open = Some((c, n)),
                Some((oc, on)) if oc == c && n >= on && line.trim()[n..].trim().is_empty() => {
                    fence_open = None
                }
                _ => {}
            }
            continue;
        }
        if fence_open.is_some() {
            continue;
        }
        hrefs_in(line, offset, no, &mut body.hrefs);

        if let Some((level, h)) = heading(line) {
            if level == 1 && body.title.is_none() && !seen_h2 {
                body.numbered_title = h.bytes().next().is_some_and(|b| b.is_ascii_digit());
                body.title = Some(Field {
                    raw: h.to_string(),
                    line: no,
                });
            }
            if level >= 2 {
                seen_h2 = true;
                section = h.to_lowercase();
                in_status = section == "status" && !seen_status_section;
                seen_status_section |= in_status;
            }
            continue;
        }
        if in_status {
            if !line.trim().is_empty() {
                status_lines.push(Field {
                    raw: line.trim().to_string(),
                    line: no,
                });
                body.links.extend(typed_links_in(line, no));
            }
            continue;
        }
        if section == "links" || section == "related decisions" {
            body.links.extend(typed_links_in(line, no));
            continue;
        }
        // After the first H2 only bullets carry metadata; prose is done.
        let first = line.trim_start().as_bytes().first().copied();
        if seen_h2 && !matches!(first, Some(b'*' | b'-' | b'+')) {
            continue;
        }
        let Some((key, value, bullet)) = meta_line(line) else {
            continue;
        };
        // Plain `Key: value` lines count only in the header area (adr-tools'
        // `Date:`); bullets count anywhere outside the sections above.
        if !bullet && seen_h2 {
            continue;
        }
        let field = || Field {
            raw: value.to_string(),
            line: no,
        };
        let mut used = true;
        match key.as_str() {
            "status" if body.status_bullet.is_none() => {
                body.links.extend(typed_links_in(line, no));
                body.status_bullet = Some(field());
            }
            "date" if body.date.is_none() => body.date = Some(field()),
            "review-by" | "review" if body.review_by.is_none() => body.review_by = Some(field()),
            "tags" if body.tags.is_empty() => body.tags = split_list(value),
            "deciders" | "decision-makers" if body.deciders.is_empty() => {
                body.deciders = split_list(value)
            }
            // `Replaces: [ADR-0002](0002-x.md)` under the date, as Home
            // Assistant's records keep it: a typed link like one in the
            // `## Status` section.
            k if is_link_verb(k) => body.links.extend(typed_links_in(line, no)),
            _ => used = false,
        }
        body.has_bullets |= used && bullet;
    }

    if seen_status_section {
        // The status is the first line that is not only a typed link to
        // another record (adr-tools lists `Supersedes [..](..)` and
        // `Amended by [..](..)` under it). When every line is such a link,
        // the verb may state the status (`Superseded by`, `Reverted by`),
        // or not (`Amended by`): then the record states none.
        let first = status_lines
            .iter()
            .find(|f| {
                inline_links(&f.raw).is_empty()
                    || super::status::normalize_status(&f.raw)
                        .is_some_and(|s| super::KNOWN_STATUSES.contains(&s.as_str()))
                    || typed_links_in(&f.raw, f.line).is_empty()
            })
            .or_else(|| {
                status_lines.iter().find(|f| {
                    typed_links_in(&f.raw, f.line)
                        .first()
                        .is_some_and(|l| super::status::implied_by_link(&l.kind).is_some())
                })
            })
            .cloned();
        body.status_section = Some(StatusSection { first });
    }
    body
}
