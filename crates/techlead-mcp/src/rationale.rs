//! The decision records behind a rule: records that `techlead.toml`
//! names in the comments of the `[boundaries]` section or of a module's
//! declaration (`# Our architecture (docs/decisions/0002)`), records that
//! name both modules of an import, and the record a radar entry points at.

use crate::mentions::{Term, TermKind, matches_in};
use crate::project::Session;
use crate::tools::{DecisionSummary, text_of};
use schemars::JsonSchema;
use serde::Serialize;
use techlead_records::Record;

/// A record that explains a rule, and how it was found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DecisionRef {
    pub decision: DecisionSummary,
    /// How the record was found: a `techlead.toml` comment, a radar
    /// entry's `decision`, or the record naming both sides.
    pub why: String,
}

/// The comment lines that speak for a module's declaration: the block of
/// comments right above its `[[boundaries.modules]]` header and those
/// inside it; and those of the `[boundaries]` section header.
pub fn config_comments(source: &str, name_offset: Option<usize>) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<&str> = Vec::new();
    if let Some(at) = lines.iter().position(|l| l.trim() == "[boundaries]") {
        comments_around(&lines, at, &mut out);
    }
    if let Some(offset) = name_offset {
        let line = source[..offset.min(source.len())].matches('\n').count();
        if let Some(at) = (0..=line.min(lines.len().saturating_sub(1)))
            .rev()
            .find(|&i| is_header(lines[i]))
        {
            comments_around(&lines, at, &mut out);
        }
    }
    out.join("\n")
}

fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

/// The comment block right above line `at` and the comment lines after it
/// up to the next table header.
fn comments_around<'a>(lines: &[&'a str], at: usize, out: &mut Vec<&'a str>) {
    let mut up = at;
    while up > 0 && lines[up - 1].trim_start().starts_with('#') {
        up -= 1;
    }
    out.extend(lines[up..at].iter().copied());
    out.extend(
        lines[at + 1..]
            .iter()
            .copied()
            .take_while(|l| !is_header(l))
            .filter(|l| l.trim_start().starts_with('#')),
    );
}

/// The records a text refers to: by file name or path, or as `ADR 7`,
/// `ADR-0007`, `decisions/0007`.
pub fn referenced<'r>(text: &str, records: &'r [Record]) -> Vec<&'r Record> {
    let lower = text.to_lowercase();
    let numbers = numbers_after(&lower, &["adr-", "adr ", "decisions/", "adr/", "adrs/"]);
    records
        .iter()
        .filter(|r| {
            lower.contains(&r.id.to_lowercase()) || r.number.is_some_and(|n| numbers.contains(&n))
        })
        .collect()
}

/// The numbers written right after any of `prefixes`.
fn numbers_after(text: &str, prefixes: &[&str]) -> Vec<u32> {
    let mut out = Vec::new();
    for p in prefixes {
        for (i, _) in text.match_indices(p) {
            let digits: String = text[i + p.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .take(6)
                .collect();
            if let Ok(n) = digits.parse() {
                out.push(n);
            }
        }
    }
    out
}

/// Records that name every one of `names` (whole words or paths).
pub fn naming_all<'r>(session: &Session, records: &'r [Record], names: &[&str]) -> Vec<&'r Record> {
    records
        .iter()
        .filter(|r| {
            let text = text_of(session, r);
            names.iter().all(|n| {
                !matches_in(
                    &text,
                    &[Term {
                        text: n.to_string(),
                        kind: TermKind::Text,
                    }],
                )
                .is_empty()
            })
        })
        .collect()
}

/// Adds `r` with `why`, once per record.
pub fn add(refs: &mut Vec<DecisionRef>, r: &Record, why: impl Into<String>) {
    if !refs.iter().any(|x| x.decision.id == r.id) {
        refs.push(DecisionRef {
            decision: r.into(),
            why: why.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_above_and_inside_a_module_and_of_the_section() {
        let src = "# top\n[boundaries]\n# Our architecture (docs/decisions/0002)\nstrict = true\n\n# the cli\n# composes\n[[boundaries.modules]]\nname = \"cli\"\n# inside\npaths = []\n\n[[boundaries.modules]]\nname = \"x\"\n";
        let offset = src.find("\"cli\"").unwrap();
        let c = config_comments(src, Some(offset));
        assert!(c.contains("docs/decisions/0002"), "{c}");
        assert!(c.contains("# the cli") && c.contains("# composes") && c.contains("# inside"));
        assert!(!c.contains("name = \"x\""));
        assert_eq!(
            numbers_after("see adr-0007 and decisions/12.", &["adr-", "decisions/"]),
            [7, 12]
        );
    }
}
