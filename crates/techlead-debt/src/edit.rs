//! `debt status` and `debt link`: edits of one item that keep every byte
//! they do not mean to change.

use crate::item::DebtItem;
use crate::new::flow_list;
use crate::status::Status;
use techlead_markdown::edit::{append_to_section, set_field};

/// The item's text with `status` set to `to` and a line
/// `- DATE: FROM → TO: REASON` added to its `## History`.
pub fn set_status(text: &str, item: &DebtItem, to: Status, date: &str, reason: &str) -> String {
    let text = set_field(text, "status", to.as_str());
    let reason = reason.trim();
    let entry = if reason.is_empty() {
        format!("- {date}: {} → {to}", item.status)
    } else {
        format!("- {date}: {} → {to}: {reason}", item.status)
    };
    append_to_section(&text, "History", &entry)
}

/// The list fields `debt link` edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Paths,
    Modules,
    Decisions,
    Goals,
    Tags,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::Paths => "paths",
            Field::Modules => "modules",
            Field::Decisions => "decisions",
            Field::Goals => "goals",
            Field::Tags => "tags",
        }
    }

    fn of(self, item: &DebtItem) -> &[String] {
        match self {
            Field::Paths => &item.paths,
            Field::Modules => &item.modules,
            Field::Decisions => &item.decisions,
            Field::Goals => &item.goals,
            Field::Tags => &item.tags,
        }
    }
}

/// The item's text with `values` added to (or, with `remove`, taken from)
/// the list `field`, and whether anything changed. An unchanged list
/// leaves the text as it is.
pub fn link(
    text: &str,
    item: &DebtItem,
    field: Field,
    values: &[String],
    remove: bool,
) -> (String, bool) {
    let old = field.of(item);
    let mut list: Vec<String> = old.to_vec();
    for v in values {
        let v = v.trim().to_string();
        if remove {
            list.retain(|x| *x != v);
        } else if !v.is_empty() && !list.contains(&v) {
            list.push(v);
        }
    }
    if list == old {
        return (text.to_string(), false);
    }
    (set_field(text, field.key(), &flow_list(&list)), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn item(text: &str) -> DebtItem {
        crate::item::parse("d/0001-x.md", Path::new("d/0001-x.md"), text).unwrap()
    }

    #[test]
    fn status_keeps_the_rest_and_records_history() {
        let text =
            "---\r\ntitle: X\r\nstatus: open # from review\r\nodd: [kept]\r\n---\r\n\r\n# X\r\n";
        let out = set_status(
            text,
            &item(text),
            Status::InProgress,
            "2026-02-01",
            "sprint 4",
        );
        assert_eq!(
            out,
            "---\r\ntitle: X\r\nstatus: in-progress\r\nodd: [kept]\r\n---\r\n\r\n# X\r\n\r\n## History\r\n\r\n- 2026-02-01: open → in-progress: sprint 4\r\n"
        );
        assert_eq!(item(&out).status, Status::InProgress);
    }

    #[test]
    fn link_adds_and_removes_once() {
        let text = "---\ntitle: X\npaths:\n  - a\n  - b\ntags: []\n---\nBody\n";
        let i = item(text);
        let (out, changed) = link(text, &i, Field::Paths, &["b".into(), "c".into()], false);
        assert!(changed);
        assert_eq!(
            out,
            "---\ntitle: X\npaths: [\"a\", \"b\", \"c\"]\ntags: []\n---\nBody\n"
        );
        let (same, changed) = link(text, &i, Field::Paths, &["a".into()], false);
        assert!(!changed);
        assert_eq!(same, text);
        let (out, _) = link(text, &i, Field::Paths, &["a".into()], true);
        assert_eq!(item(&out).paths, ["b"]);
        let (out, _) = link(text, &i, Field::Decisions, &["0012".into()], false);
        assert_eq!(
            out,
            "---\ntitle: X\npaths:\n  - a\n  - b\ntags: []\ndecisions: [\"0012\"]\n---\nBody\n"
        );
    }
}
