//! The module graph for `boundaries graph`: modules, the dependencies
//! between them with import counts, and which rules each one breaks;
//! rendered as JSON, DOT or Mermaid.

use crate::modules::Modules;
use crate::rules::Crossing;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct ModuleGraph {
    pub modules: Vec<GraphModule>,
    pub edges: Vec<ModuleEdge>,
}

#[derive(Debug, Serialize)]
pub struct GraphModule {
    pub name: String,
    pub layer: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ModuleEdge {
    pub from: String,
    pub to: String,
    /// How many imports make up this dependency.
    pub imports: usize,
    /// Rule ids this dependency breaks; empty when it is allowed.
    pub violations: Vec<String>,
}

pub fn build(
    modules: &Modules,
    crossings: &[Crossing],
    violations: &crate::Violations,
) -> ModuleGraph {
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for c in crossings {
        *counts.entry((c.from, c.to)).or_default() += 1;
    }
    let name = |m: usize| modules.modules[m].name.clone();
    let mut edges: Vec<ModuleEdge> = counts
        .into_iter()
        .map(|((a, b), n)| ModuleEdge {
            from: name(a),
            to: name(b),
            imports: n,
            violations: violations
                .iter()
                .filter(|(x, y, _)| *x == a && *y == b)
                .map(|(_, _, r)| r.to_string())
                .collect(),
        })
        .collect();
    edges.sort_by(|x, y| (&x.from, &x.to).cmp(&(&y.from, &y.to)));
    ModuleGraph {
        modules: modules
            .modules
            .iter()
            .map(|m| GraphModule {
                name: m.name.clone(),
                layer: m.layer.map(|l| modules.layers[l].name.clone()),
            })
            .collect(),
        edges,
    }
}

impl ModuleGraph {
    pub fn to_dot(&self) -> String {
        let mut s = String::from("digraph modules {\n  rankdir=TB;\n  node [shape=box];\n");
        for m in &self.modules {
            let _ = writeln!(s, "  {};", dot_id(&m.name));
        }
        for e in &self.edges {
            let style = if e.violations.is_empty() {
                String::new()
            } else {
                format!(
                    ", color=red, fontcolor=red, tooltip={}",
                    dot_id(&e.violations.join(", "))
                )
            };
            let _ = writeln!(
                s,
                "  {} -> {} [label=\"{}\"{style}];",
                dot_id(&e.from),
                dot_id(&e.to),
                e.imports
            );
        }
        s.push_str("}\n");
        s
    }

    pub fn to_mermaid(&self) -> String {
        let mut s = String::from("flowchart TD\n");
        let id = |name: &str| {
            let i = self
                .modules
                .iter()
                .position(|m| m.name == name)
                .unwrap_or(0);
            format!("m{i}")
        };
        for (i, m) in self.modules.iter().enumerate() {
            let _ = writeln!(s, "  m{i}[\"{}\"]", mermaid_text(&m.name));
        }
        let mut red = Vec::new();
        for (k, e) in self.edges.iter().enumerate() {
            let _ = writeln!(s, "  {} -->|{}| {}", id(&e.from), e.imports, id(&e.to));
            if !e.violations.is_empty() {
                red.push(k.to_string());
            }
        }
        if !red.is_empty() {
            let _ = writeln!(
                s,
                "  linkStyle {} stroke:#d00,stroke-width:2px",
                red.join(",")
            );
        }
        s
    }
}

fn dot_id(s: &str) -> String {
    format!("\"{}\"", techlead_core::escape::dot(s))
}

fn mermaid_text(s: &str) -> String {
    techlead_core::escape::mermaid(s)
}
