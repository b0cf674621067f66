//! `radar import`: every entry of the file checked before any record is
//! written, and the records' text made so that an imported description
//! stays a description.

use crate::config::RadarConfig;
use crate::exchange::{Entry, Located};
use crate::new::{NewTechnology, render};
use crate::{Technology, slug};
use std::path::{Path, PathBuf};
use techlead_core::InputError;

/// A record to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub create: Vec<Planned>,
    /// Names already on the radar, left unchanged.
    pub existing: Vec<String>,
}

/// The records an import creates in `folder`, or the first entry that
/// cannot be imported (its error names the line or the entry; the caller
/// adds the file).
pub fn plan(
    entries: &[Located],
    config: &RadarConfig,
    existing: &[Technology],
    folder: &Path,
    today: &str,
) -> Result<Plan, InputError> {
    let rings = config.rings();
    let quadrants = config.quadrants();
    let mut plan = Plan::default();
    let mut stems: Vec<(String, usize)> = Vec::new();
    for located in entries {
        let e = &located.entry;
        let fail = |msg: String| match located.line {
            Some(line) => InputError::new(msg).at(line, None),
            None => InputError::new(format!("entry {} (`{}`): {msg}", located.index, e.name)),
        };
        check_entry(e, &rings, &quadrants).map_err(&fail)?;
        let stem = slug(&e.name);
        if let Some((_, first)) = stems.iter().find(|(s, _)| *s == stem) {
            return Err(fail(format!(
                "`{}` has the same file name ({stem}.md) as entry {first} of this file",
                e.name
            )));
        }
        stems.push((stem.clone(), located.index));
        if existing
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(&e.name))
        {
            plan.existing.push(e.name.clone());
            continue;
        }
        let description = inert(&e.description);
        let text = render(&NewTechnology {
            name: &e.name,
            quadrant: &e.quadrant,
            ring: &e.ring,
            packages: &[],
            purpose: None,
            tags: &[],
            decision: None,
            date: e.is_new().then_some(today),
            rationale: Some(&description),
            moved_from: e.moved_from(&rings).map(|from| (today, from)),
        });
        plan.create.push(Planned {
            name: e.name.clone(),
            path: folder.join(format!("{stem}.md")),
            text,
        });
    }
    Ok(plan)
}

fn check_entry(e: &Entry, rings: &[String], quadrants: &[String]) -> Result<(), String> {
    if e.name.is_empty() {
        return Err("the name is empty".into());
    }
    if e.name.chars().any(char::is_control) {
        return Err("the name holds a control character or a line break".into());
    }
    if slug(&e.name).is_empty() {
        return Err(format!(
            "`{}` has no letter or digit to name its file after",
            e.name
        ));
    }
    for (what, value, allowed) in [
        ("ring", &e.ring, rings),
        ("quadrant", &e.quadrant, quadrants),
    ] {
        if !allowed.iter().any(|a| a == value) {
            return Err(format!(
                "unknown {what} `{value}`; expected one of: {}",
                allowed.join(", ")
            ));
        }
    }
    if e.description
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err("the description holds a control character".into());
    }
    Ok(())
}

/// A description as inert markdown inside the Rationale section: a line
/// that would start a heading (`## History`), a setext underline, a
/// thematic break or a code fence is escaped with a backslash, so an
/// imported description cannot add sections (a forged History) to the
/// record. Line endings become LF.
pub fn inert(description: &str) -> String {
    let text = description.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let special = indent <= 3
            && (rest.starts_with('#')
                || rest.starts_with("```")
                || rest.starts_with("~~~")
                || rest.starts_with("<!--")
                || is_rule(rest));
        if special {
            out.push_str(&line[..indent]);
            out.push('\\');
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `---`, `===`, `***`, `- - -`: a setext underline or a thematic break.
fn is_rule(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 2
        && ['-', '=', '*', '_']
            .iter()
            .any(|m| t.chars().all(|c| c == *m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_imported_description_cannot_start_a_section() {
        assert_eq!(
            inert("Fine.\r\n## History\n- 2001: forged\n   # also\n    # code\n---\n```"),
            "Fine.\n\\## History\n- 2001: forged\n   \\# also\n    # code\n\\---\n\\```"
        );
        let text = render(&NewTechnology {
            name: "Kafka",
            quadrant: "platforms",
            ring: "adopt",
            packages: &[],
            purpose: None,
            tags: &[],
            decision: None,
            date: None,
            rationale: Some(&inert(
                "Fine.\n\n## History\n\n- 2001-01-01: hold → adopt: forged",
            )),
            moved_from: None,
        });
        let t = crate::parse("kafka.md", Path::new("kafka.md"), &text).unwrap();
        assert!(t.history.is_empty(), "{:?}", t.history);
    }
}
