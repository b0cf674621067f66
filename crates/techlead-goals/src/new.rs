//! `goals add`: a new goal, `NNNN-slug.md` with the next free number. The
//! caller holds the goals folder's lock ([`techlead_core::lock::Lock`])
//! from reading the goals to creating the file, so two runs take two
//! numbers; the file is created with a no-clobber rename, so a name
//! another tool took meanwhile moves us on.

use crate::horizon::Horizon;
use crate::kr::Op;
use crate::readings::trim;
use crate::status::Status;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_markdown::yaml::yaml_scalar;

/// A key result for a new goal.
#[derive(Debug, Clone, PartialEq)]
pub enum NewKeyResult {
    Metric {
        metric: String,
        op: Op,
        /// As given (`0`, `silver`).
        target: String,
        /// The metric's value now, written as it reads back; None when it
        /// cannot be computed now.
        start: Option<String>,
    },
    Manual {
        text: String,
        start: f64,
        target: f64,
        unit: Option<String>,
    },
}

/// What `goals add` was given.
#[derive(Debug, Clone)]
pub struct NewGoal<'a> {
    pub title: &'a str,
    pub status: Status,
    pub owner: Option<&'a str>,
    pub horizon: Option<&'a str>,
    /// The parent goal's id, resolved.
    pub parent: Option<&'a str>,
    /// YYYY-MM-DD.
    pub created: &'a str,
    pub key_results: Vec<NewKeyResult>,
}

/// Checks what the command line gave, as the goal will read it.
pub fn validate(new: &NewGoal) -> Result<(), InputError> {
    let title = new.title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(InputError::new("the title must be one non-empty line"));
    }
    if let Some(h) = new.horizon {
        Horizon::parse(h).map_err(|e| {
            InputError::new(format!("--horizon: {e}"))
                .with_help(format!("use {}", crate::horizon::FORMS))
        })?;
    }
    if let Some(o) = new.owner
        && o.contains(['\n', '\r'])
    {
        return Err(InputError::new("--owner must be one line"));
    }
    Ok(())
}

/// The new goal's text.
pub fn render(new: &NewGoal) -> String {
    let title = new.title.trim();
    let mut s = String::from("---\n");
    s.push_str(&format!("title: {}\n", yaml_scalar(title)));
    s.push_str(&format!("status: {}\n", new.status));
    if let Some(o) = new.owner.map(str::trim).filter(|o| !o.is_empty()) {
        s.push_str(&format!("owner: {}\n", yaml_scalar(o)));
    }
    if let Some(h) = new.horizon {
        s.push_str(&format!("horizon: {}\n", yaml_scalar(h.trim())));
    }
    if let Some(p) = new.parent {
        s.push_str(&format!("parent: \"{p}\"\n"));
    }
    s.push_str(&format!("created: {}\n", new.created));
    if !new.key_results.is_empty() {
        s.push_str("key_results:\n");
    }
    for kr in &new.key_results {
        match kr {
            NewKeyResult::Metric {
                metric,
                op,
                target,
                start,
            } => {
                let expr = format!("{metric} {op} {}", target.trim());
                s.push_str(&format!("  - metric: {}\n", yaml_scalar(&expr)));
                if let Some(v) = start {
                    s.push_str(&format!("    start: {}\n", yaml_scalar(v)));
                    s.push_str(&format!("    added: {}\n", new.created));
                }
            }
            NewKeyResult::Manual {
                text,
                start,
                target,
                unit,
            } => {
                s.push_str(&format!("  - text: {}\n", yaml_scalar(text)));
                s.push_str(&format!("    start: {}\n", trim(*start, 6)));
                s.push_str(&format!("    target: {}\n", trim(*target, 6)));
                s.push_str(&format!("    current: {}\n", trim(*start, 6)));
                if let Some(u) = unit {
                    s.push_str(&format!("    unit: {}\n", yaml_scalar(u)));
                }
                s.push_str(&format!("    updated: {}\n", new.created));
            }
        }
    }
    s.push_str("links: []\n");
    s.push_str("---\n\n");
    s.push_str(&format!("# {title}\n\n"));
    s.push_str(
        "## Why it matters\n\n\
         What changes for customers or the business when this goal is reached, and how we will know.\n\n\
         ## History\n\n",
    );
    s.push_str(&format!("- {}: {}\n", new.created, new.status));
    s
}

/// A file name for a title: lowercase words joined by `-`.
pub fn slug(title: &str) -> String {
    techlead_markdown::records::slug(title, "goal")
}

/// Creates the goal in `dir` under the next free number after `taken`,
/// and returns its path.
pub fn create(dir: &Path, taken: &[u32], new: &NewGoal) -> Result<PathBuf, InputError> {
    techlead_markdown::records::create_numbered(dir, taken, &slug(new.title), &render(new), "goal")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goal::Spec;

    fn new_goal(title: &str) -> NewGoal<'_> {
        NewGoal {
            title,
            status: Status::Active,
            owner: Some("payments team"),
            horizon: Some("2026-Q1"),
            parent: Some("0001"),
            created: "2026-01-15",
            key_results: vec![
                NewKeyResult::Metric {
                    metric: "history.truck_factor".into(),
                    op: Op::Ge,
                    target: "3".into(),
                    start: Some("1".into()),
                },
                NewKeyResult::Metric {
                    metric: "practices.level".into(),
                    op: Op::Ge,
                    target: "silver".into(),
                    start: None,
                },
                NewKeyResult::Manual {
                    text: "Methods: live \"now\"".into(),
                    start: 3.0,
                    target: 8.5,
                    unit: Some("methods".into()),
                },
            ],
        }
    }

    #[test]
    fn renders_a_goal_that_reads_back() {
        let text = render(&new_goal("Payments: on their own"));
        let g = crate::goal::parse("g/0002-x.md", Path::new("g/0002-x.md"), &text).unwrap();
        assert_eq!(g.title, "Payments: on their own");
        assert_eq!(g.parent.as_deref(), Some("0001"));
        assert_eq!(g.horizon.unwrap().text, "2026-Q1");
        assert_eq!(
            g.key_results[0].spec,
            Spec::Metric {
                metric: "history.truck_factor".into(),
                op: Op::Ge,
                target: "3".into(),
                start: Some("1".into()),
                added: Some("2026-01-15".into()),
            }
        );
        assert!(matches!(
            &g.key_results[1].spec,
            Spec::Metric {
                start: None,
                added: None,
                ..
            }
        ));
        assert_eq!(
            g.key_results[2].spec,
            Spec::Manual {
                text: "Methods: live \"now\"".into(),
                start: 3.0,
                target: 8.5,
                current: Some(3.0),
                unit: Some("methods".into()),
                updated: Some("2026-01-15".into()),
            }
        );
        assert!(
            text.ends_with("## History\n\n- 2026-01-15: active\n"),
            "{text}"
        );
    }

    #[test]
    fn numbers_follow_and_skip_taken_ones() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let p = create(d, &[], &new_goal("First goal")).unwrap();
        assert_eq!(p.file_name().unwrap(), "0001-first-goal.md");
        std::fs::write(d.join("0002-other.md"), "x").unwrap();
        let p = create(d, &[1], &new_goal("¿Qué tal?")).unwrap();
        assert_eq!(p.file_name().unwrap(), "0003-qué-tal.md");
    }

    #[test]
    fn refuses_bad_values() {
        let mut n = new_goal(" ");
        assert!(
            validate(&n)
                .unwrap_err()
                .message
                .contains("one non-empty line")
        );
        n.title = "T";
        n.horizon = Some("next quarter");
        assert!(validate(&n).unwrap_err().message.starts_with("--horizon"));
    }
}
