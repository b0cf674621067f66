//! The `goals:` field of the records that serve goals: a front-matter
//! list (`goals: ["0001"]`) in decisions with front matter, debt items and
//! technologies, or a `Goals: 0001, 0002` line in records without front
//! matter (Nygard's decisions, which keep `Date:` and `Status` in the body
//! too). Goals owns the field; each context reads the rest of its records.

use techlead_markdown::front_matter;
use techlead_markdown::lines::{heading, insert_line_at, lines_from, replace_line};

/// The goals a record names and the line they are written on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalsField {
    pub goals: Vec<String>,
    pub line: Option<u32>,
}

/// The record's `goals:`: the front-matter field when the record has front
/// matter, else its `Goals:` line. A record whose front matter does not
/// read names no goal here (its own context reports it).
pub fn read(text: &str) -> GoalsField {
    if front_matter::locate(text).is_some() {
        let Ok(Some(fm)) = front_matter::read("", text) else {
            return GoalsField::default();
        };
        return match fm.fields.get("goals") {
            Some(f) => GoalsField {
                goals: f.list.clone(),
                line: Some(f.line),
            },
            None => GoalsField::default(),
        };
    }
    match body_line(text) {
        Some((line, items)) => GoalsField {
            goals: items,
            line: Some(line),
        },
        None => GoalsField::default(),
    }
}

/// The `Goals:` line of a record without front matter, and its items.
fn body_line(text: &str) -> Option<(u32, Vec<String>)> {
    lines_from(text, 0).find_map(|(_, no, line)| {
        let t = line.trim().trim_start_matches("**");
        let rest = t
            .get(..6)
            .filter(|p| p.eq_ignore_ascii_case("goals:"))
            .map(|_| &t[6..])?;
        let rest = rest.trim_start_matches("**");
        let items = rest
            .split(',')
            .map(|s| {
                s.trim()
                    .trim_matches(['"', '\'', '[', ']'])
                    .trim()
                    .to_string()
            })
            .filter(|s| !s.is_empty())
            .collect();
        Some((no, items))
    })
}

/// The record's text with `goal` added to the goals it names: the
/// front-matter field (added when missing), else the `Goals:` line, else a
/// new `Goals:` line after the `Date:` line or the title. Every other byte
/// is kept.
pub fn add(text: &str, current: &[String], goal: &str) -> String {
    let mut list = current.to_vec();
    list.push(goal.to_string());
    if let Some((_, end, _)) = front_matter::locate(text)
        && end != usize::MAX
    {
        return techlead_markdown::edit::set_field(text, "goals", &crate::edit::flow_list(&list));
    }
    let line = format!("Goals: {}", list.join(", "));
    if let Some((no, _)) = body_line(text) {
        return replace_line(text, no, &line);
    }
    // Right after `Date:` (Nygard's records), else after the title.
    let mut after: Option<usize> = None;
    for (off, _, l) in lines_from(text, 0) {
        let t = l.trim();
        if t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("date:")) {
            after = Some(off + l.len());
            break;
        }
        if after.is_none() && matches!(heading(l), Some((1, _))) {
            after = Some(off + l.len());
        }
    }
    let eol = techlead_markdown::lines::eol(text);
    match after {
        // The line after it starts past its line ending.
        Some(end) => match text[end..].find('\n') {
            Some(i) => insert_line_at(text, end + i + 1, &line),
            None => format!("{text}{eol}{line}{eol}"),
        },
        None => format!("{line}{eol}{eol}{text}"),
    }
}

/// The record's text without the goals `is_goal` picks among those it
/// names; None when it names none of them. A `Goals:` line left empty is
/// removed with its line ending; every other byte is kept.
pub fn remove(text: &str, current: &[String], is_goal: impl Fn(&str) -> bool) -> Option<String> {
    if !current.iter().any(|g| is_goal(g)) {
        return None;
    }
    let kept: Vec<String> = current.iter().filter(|g| !is_goal(g)).cloned().collect();
    if let Some((_, end, _)) = front_matter::locate(text)
        && end != usize::MAX
    {
        return Some(techlead_markdown::edit::set_field(
            text,
            "goals",
            &crate::edit::flow_list(&kept),
        ));
    }
    let (no, _) = body_line(text)?;
    if !kept.is_empty() {
        return Some(replace_line(
            text,
            no,
            &format!("Goals: {}", kept.join(", ")),
        ));
    }
    let r = techlead_markdown::lines::line_range(text, no)?;
    let end = match text[r.end..].find('\n') {
        Some(i) => r.end + i + 1,
        None => text.len(),
    };
    Some(format!("{}{}", &text[..r.start], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_or_a_goals_line() {
        let f = read("---\ntitle: X\ngoals: [\"0001\", \"2\"]\n---\nBody\n");
        assert_eq!(f.goals, ["0001", "2"]);
        assert_eq!(f.line, Some(3));
        let f = read(
            "# 1. Use Rust\n\nDate: 2026-01-02\nGoals: 0001, 0003-team\n\n## Status\n\nAccepted\n",
        );
        assert_eq!(f.goals, ["0001", "0003-team"]);
        assert_eq!(f.line, Some(4));
        assert_eq!(
            read("# 1. Use Rust\n\nThe goals: none.\n"),
            GoalsField::default()
        );
        assert_eq!(
            read("---\ntitle: X\n---\nGoals: 1\n").goals,
            Vec::<String>::new()
        );
    }

    #[test]
    fn adds_to_front_matter_or_a_goals_line_keeping_the_rest() {
        assert_eq!(
            add("---\ntitle: X\n---\nBody\n", &[], "0001"),
            "---\ntitle: X\ngoals: [\"0001\"]\n---\nBody\n"
        );
        let nygard = "# 1. Use Rust\r\n\r\nDate: 2026-01-02\r\n\r\n## Status\r\n\r\nAccepted\r\n";
        let once = add(nygard, &[], "0001");
        assert_eq!(
            once,
            "# 1. Use Rust\r\n\r\nDate: 2026-01-02\r\nGoals: 0001\r\n\r\n## Status\r\n\r\nAccepted\r\n"
        );
        let twice = add(&once, &read(&once).goals, "0002");
        assert!(twice.contains("Goals: 0001, 0002\r\n"));
        assert_eq!(read(&twice).goals, ["0001", "0002"]);
        assert_eq!(add("# T\n\nBody\n", &[], "1"), "# T\nGoals: 1\n\nBody\n");
        assert_eq!(add("Body\n", &[], "1"), "Goals: 1\n\nBody\n");
    }

    #[test]
    fn removes_from_front_matter_or_a_goals_line_keeping_the_rest() {
        fn is(g: &'static str) -> impl Fn(&str) -> bool {
            move |x| x == g
        }
        let fm = "---\ntitle: X\ngoals: [\"0001\", \"0002\"]\n---\nBody\n";
        assert_eq!(
            remove(fm, &read(fm).goals, is("0001")).unwrap(),
            "---\ntitle: X\ngoals: [\"0002\"]\n---\nBody\n"
        );
        assert_eq!(remove(fm, &read(fm).goals, is("0009")), None);
        let nygard =
            "# 1. Use Rust\r\n\r\nDate: 2026-01-02\r\nGoals: 0001, 0002\r\n\r\n## Status\r\n";
        let one = remove(nygard, &read(nygard).goals, is("0002")).unwrap();
        assert_eq!(
            one,
            "# 1. Use Rust\r\n\r\nDate: 2026-01-02\r\nGoals: 0001\r\n\r\n## Status\r\n"
        );
        // The last one goes with its line: back to the record before `add`.
        let none = remove(&one, &read(&one).goals, is("0001")).unwrap();
        assert_eq!(
            none,
            "# 1. Use Rust\r\n\r\nDate: 2026-01-02\r\n\r\n## Status\r\n"
        );
        assert_eq!(
            add(&none, &[], "0001"),
            "# 1. Use Rust\r\n\r\nDate: 2026-01-02\r\nGoals: 0001\r\n\r\n## Status\r\n"
        );
    }
}
