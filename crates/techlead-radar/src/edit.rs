//! `radar move`: sets the ring in the front matter and records the move as
//! a dated line under `## History`, keeping every other byte.

use crate::Technology;
use techlead_markdown::edit::{append_to_section, set_field};
use techlead_markdown::yaml::yaml_scalar;

/// The record's text with `ring` set to `to` and a history line
/// `- DATE: FROM → TO: REASON` added.
pub fn move_ring(text: &str, tech: &Technology, to: &str, date: &str, reason: &str) -> String {
    let from = tech.ring.as_deref().unwrap_or("none");
    let text = set_field(text, "ring", &yaml_scalar(to));
    let reason = reason.trim();
    let entry = if reason.is_empty() {
        format!("- {date}: {from} → {to}")
    } else {
        format!("- {date}: {from} → {to}: {reason}")
    };
    append_to_section(&text, "History", &entry)
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
