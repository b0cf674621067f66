//! `radar move`: sets the ring in the front matter and records the move as
//! a dated line under `## History`, keeping every other byte.

use crate::Technology;
use techlead_markdown::lines::{eol, insert_line_at, line_range, replace_line};
use techlead_markdown::yaml::yaml_scalar;

/// The record's text with `ring` set to `to` and a history line
/// `- DATE: FROM → TO: REASON` added.
pub fn move_ring(text: &str, tech: &Technology, to: &str, date: &str, reason: &str) -> String {
    let from = tech.ring.as_deref().unwrap_or("none");
    let text = match tech
        .lines
        .ring
        .and_then(|l| line_range(text, l).map(|r| (l, r)))
    {
        Some((line, range)) => {
            let old = &text[range];
            let colon = old.find(':').map_or(old.len(), |c| c + 1);
            replace_line(
                text,
                line,
                &format!("{} {}", &old[..colon], yaml_scalar(to)),
            )
        }
        None => match techlead_markdown::front_matter::locate(text) {
            Some((start, _, _)) => {
                insert_line_at(text, start, &format!("ring: {}", yaml_scalar(to)))
            }
            None => text.to_string(),
        },
    };
    let reason = reason.trim();
    let entry = if reason.is_empty() {
        format!("- {date}: {from} → {to}")
    } else {
        format!("- {date}: {from} → {to}: {reason}")
    };
    add_history(&text, &entry)
}

/// After the last line of the `## History` section, or in a new section
/// at the end of the file.
fn add_history(text: &str, entry: &str) -> String {
    let e = eol(text);
    let mut section_end: Option<usize> = None;
    let mut inside = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('#') {
            let heading = t.trim_start_matches('#').trim();
            if inside {
                break;
            }
            inside = heading.eq_ignore_ascii_case("history");
        } else if inside && !t.is_empty() {
            section_end = Some(offset + line.len());
        }
        offset += line.len();
        if inside && section_end.is_none() {
            section_end = Some(offset);
        }
    }
    match section_end {
        Some(at) => {
            // The section's last line may lack a line ending at EOF.
            if at == text.len() && !text.ends_with('\n') {
                format!("{text}{e}{entry}{e}")
            } else {
                insert_line_at(text, at, entry)
            }
        }
        None => {
            let sep = if text.ends_with('\n') { "" } else { e };
            format!("{text}{sep}{e}## History{e}{e}{entry}{e}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn tech(text: &str) -> Technology {
        super::super::parse("docs/radar/x.md", Path::new("docs/radar/x.md"), text).unwrap()
    }

    #[test]
    fn moves_ring_and_keeps_the_rest() {
        let text = "---\nname: X\nring: assess # why\nextra: kept\n---\n\nBody.\n\n## History\n\n- 2026-01-01: added in assess\n\n## Notes\n\nmore\n";
        let out = move_ring(text, &tech(text), "trial", "2026-02-01", "pilot done");
        assert_eq!(
            out,
            "---\nname: X\nring: trial\nextra: kept\n---\n\nBody.\n\n## History\n\n- 2026-01-01: added in assess\n- 2026-02-01: assess → trial: pilot done\n\n## Notes\n\nmore\n"
        );
        let t = tech(&out);
        assert_eq!(t.ring.as_deref(), Some("trial"));
        assert_eq!(t.since(), Some("2026-02-01"));
    }

    #[test]
    fn adds_a_history_section_and_keeps_crlf() {
        let text = "---\r\nname: X\r\nring: hold\r\n---\r\n\r\nBody.";
        let out = move_ring(text, &tech(text), "adopt", "2026-02-01", "");
        assert_eq!(
            out,
            "---\r\nname: X\r\nring: adopt\r\n---\r\n\r\nBody.\r\n\r\n## History\r\n\r\n- 2026-02-01: hold → adopt\r\n"
        );
    }
}
