//! `adr graph`: records as nodes, links as edges, in DOT (Graphviz) or
//! Mermaid. A supersede recorded on both sides is drawn once, from the new
//! record to the old.

use crate::model::Record;
use std::collections::{BTreeSet, HashSet};
use techlead_core::escape;

/// (from, to, label) edges, deduplicated and in a stable order.
pub fn edges(records: &[Record]) -> Vec<(usize, usize, String)> {
    let index: std::collections::HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut seen = HashSet::new();
    let mut out = BTreeSet::new();
    for (i, r) in records.iter().enumerate() {
        for l in &r.links {
            let Some(&j) = index.get(l.target.as_str()) else {
                continue;
            };
            let (from, to, label) = match l.canonical_kind() {
                "superseded-by" => (j, i, "supersedes".to_string()),
                "supersedes" => (i, j, "supersedes".to_string()),
                other => (i, j, other.replace('-', " ")),
            };
            if seen.insert((from, to, label.clone())) {
                out.insert((from, to, label));
            }
        }
    }
    out.into_iter().collect()
}

fn label(r: &Record) -> String {
    let title = r.title.as_deref().unwrap_or(&r.id);
    match r.number {
        Some(n) => format!("{n}. {title}"),
        None => title.to_string(),
    }
}

fn faded(r: &Record) -> bool {
    matches!(
        r.status.as_deref(),
        Some("superseded" | "deprecated" | "rejected")
    )
}

pub fn dot(records: &[Record]) -> String {
    let mut out = String::from(
        "digraph decisions {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n",
    );
    for (i, r) in records.iter().enumerate() {
        let status = r.status.as_deref().unwrap_or("no status");
        let style = if faded(r) {
            ", style=\"rounded,dashed\", fontcolor=gray40, color=gray60"
        } else {
            ""
        };
        out.push_str(&format!(
            "  n{i} [label=\"{}\\n({})\"{style}];\n",
            escape::dot(&label(r)),
            escape::dot(status)
        ));
    }
    for (from, to, l) in edges(records) {
        out.push_str(&format!(
            "  n{from} -> n{to} [label=\"{}\"];\n",
            escape::dot(&l)
        ));
    }
    out.push_str("}\n");
    out
}

pub fn mermaid(records: &[Record]) -> String {
    let mut out = String::from("flowchart LR\n");
    for (i, r) in records.iter().enumerate() {
        let status = r.status.as_deref().unwrap_or("no status");
        out.push_str(&format!(
            "  n{i}[\"{}<br/>({})\"]\n",
            escape::mermaid(&label(r)),
            escape::mermaid(status)
        ));
    }
    for (from, to, l) in edges(records) {
        out.push_str(&format!(
            "  n{from} -->|\"{}\"| n{to}\n",
            escape::mermaid(&l)
        ));
    }
    let faded: Vec<String> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| faded(r))
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !faded.is_empty() {
        out.push_str("  classDef faded stroke-dasharray: 5 5,color:#777;\n");
        out.push_str(&format!("  class {} faded\n", faded.join(",")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_record;
    use std::path::Path;

    fn rec(name: &str, text: &str) -> Record {
        parse_record(
            Path::new("/r"),
            &Path::new("/r").join(name),
            text.as_bytes(),
        )
        .unwrap()
    }

    fn pair() -> Vec<Record> {
        vec![
            rec(
                "0001-a.md",
                "# 1. A \"quoted\"\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n",
            ),
            rec(
                "0002-b.md",
                "# 2. B\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n\nAmends [1. A](0001-a.md)\n",
            ),
        ]
    }

    #[test]
    fn dot_draws_a_supersede_once() {
        assert_eq!(
            dot(&pair()),
            "digraph decisions {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  n0 [label=\"1. A \\\"quoted\\\"\\n(superseded)\", style=\"rounded,dashed\", fontcolor=gray40, color=gray60];\n  n1 [label=\"2. B\\n(accepted)\"];\n  n1 -> n0 [label=\"amends\"];\n  n1 -> n0 [label=\"supersedes\"];\n}\n"
        );
    }

    #[test]
    fn mermaid_escapes_and_fades() {
        assert_eq!(
            mermaid(&pair()),
            "flowchart LR\n  n0[\"1. A #quot;quoted#quot;<br/>(superseded)\"]\n  n1[\"2. B<br/>(accepted)\"]\n  n1 -->|\"amends\"| n0\n  n1 -->|\"supersedes\"| n0\n  classDef faded stroke-dasharray: 5 5,color:#777;\n  class n0 faded\n"
        );
    }
}
