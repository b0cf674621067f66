//! Edits of goal records, and of the `goals:` field of other records,
//! that keep every byte they do not mean to change (the markdown kernel's
//! `set_field` and `append_to_section`).

use crate::goal::Goal;
use crate::status::Status;
use crate::work::RecordRef;
use techlead_markdown::edit::{append_to_section, set_field};

/// A flow list of double-quoted strings: `["a", "b"]`.
pub fn flow_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| serde_json::to_string(i).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// The goal's text with `status` set to `to` and a line
/// `- DATE: FROM → TO: REASON` added to its `## History`.
pub fn set_status(text: &str, goal: &Goal, to: Status, date: &str, reason: &str) -> String {
    let text = set_field(text, "status", to.as_str());
    let reason = reason.trim();
    let entry = if reason.is_empty() {
        format!("- {date}: {} → {to}", goal.status)
    } else {
        format!("- {date}: {} → {to}: {reason}", goal.status)
    };
    append_to_section(&text, "History", &entry)
}

/// The goal's text with `to` added to its `links:`; None when the goal
/// already names that record.
pub fn add_link(
    text: &str,
    goal: &Goal,
    to: &RecordRef,
    same: impl Fn(&RecordRef) -> bool,
) -> Option<String> {
    if goal.links.iter().any(|l| same(&l.to)) {
        return None;
    }
    let mut list: Vec<String> = goal.links.iter().map(|l| l.to.to_string()).collect();
    list.push(to.to_string());
    Some(set_field(text, "links", &flow_list(&list)))
}

/// The goal's text without the records `same` picks in its `links:`;
/// None when it names none of them.
pub fn remove_link(text: &str, goal: &Goal, same: impl Fn(&RecordRef) -> bool) -> Option<String> {
    if !goal.links.iter().any(|l| same(&l.to)) {
        return None;
    }
    let kept: Vec<String> = goal
        .links
        .iter()
        .filter(|l| !same(&l.to))
        .map(|l| l.to.to_string())
        .collect();
    Some(set_field(text, "links", &flow_list(&kept)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn goal(text: &str) -> Goal {
        crate::goal::parse("g/0001-x.md", Path::new("g/0001-x.md"), text).unwrap()
    }

    #[test]
    fn status_keeps_the_rest_and_records_history() {
        let text =
            "---\r\ntitle: X\r\nstatus: active # since March\r\nodd: [kept]\r\n---\r\n\r\n# X\r\n";
        let out = set_status(text, &goal(text), Status::Achieved, "2026-04-02", "all met");
        assert_eq!(
            out,
            "---\r\ntitle: X\r\nstatus: achieved\r\nodd: [kept]\r\n---\r\n\r\n# X\r\n\r\n## History\r\n\r\n- 2026-04-02: active → achieved: all met\r\n"
        );
        assert_eq!(goal(&out).status, Status::Achieved);
    }

    #[test]
    fn links_and_goal_fields_are_added_once() {
        let text = "---\ntitle: X\nlinks: [\"adr:0002\"]\n---\nBody\n";
        let g = goal(text);
        let to = RecordRef::parse("debt:3").unwrap();
        let out = add_link(text, &g, &to, |r| *r == to).unwrap();
        assert_eq!(
            out,
            "---\ntitle: X\nlinks: [\"adr:0002\", \"debt:3\"]\n---\nBody\n"
        );
        let again = RecordRef::parse("adr:0002").unwrap();
        assert_eq!(add_link(text, &g, &again, |r| *r == again), None);
        // And removed, the rest of the file as it was.
        let g2 = goal(&out);
        let back = remove_link(&out, &g2, |r| *r == to).unwrap();
        assert_eq!(back, text);
        assert_eq!(remove_link(&back, &goal(&back), |r| *r == to), None);
        assert_eq!(
            remove_link(text, &g, |r| *r == again).unwrap(),
            "---\ntitle: X\nlinks: []\n---\nBody\n"
        );

        let radar = "---\nname: Kafka\nring: trial\n---\n\nWhy.\n";
        assert_eq!(
            crate::field::add(radar, &[], "0001"),
            "---\nname: Kafka\nring: trial\ngoals: [\"0001\"]\n---\n\nWhy.\n"
        );
        let with = "---\nname: Kafka\ngoals:\n  - \"0001\"\n---\n";
        assert_eq!(
            crate::field::add(with, &["0001".into()], "0002"),
            "---\nname: Kafka\ngoals: [\"0001\", \"0002\"]\n---\n"
        );
    }
}
