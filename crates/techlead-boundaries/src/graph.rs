//! The module graph for `boundaries graph`: modules, the dependencies
//! between them with import counts, and which rules each one breaks;
//! rendered as JSON, DOT or Mermaid, modules grouped by layer (DOT
//! clusters, Mermaid subgraphs). [`crate::graph_view`] collapses and
//! filters it.

use crate::modules::Modules;
use crate::rules::Crossing;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize)]
pub struct ModuleGraph {
    pub modules: Vec<GraphModule>,
    pub edges: Vec<ModuleEdge>,
    /// The layers from high to low, for grouping.
    #[serde(skip)]
    pub layers: Vec<String>,
    /// `--focus`: the module drawn at the centre.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GraphModule {
    pub name: String,
    pub layer: Option<String>,
    /// With `--depth`: the declared modules merged into this one; absent
    /// for a declared module drawn as itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModuleEdge {
    pub from: String,
    pub to: String,
    /// How many imports make up this dependency.
    pub imports: usize,
    /// How many of them test code makes; absent when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub test_imports: usize,
    /// Rule ids this dependency breaks; empty when it is allowed.
    pub violations: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn build(
    modules: &Modules,
    crossings: &[Crossing],
    violations: &crate::Violations,
) -> ModuleGraph {
    let mut counts: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    for c in crossings {
        let n = counts.entry((c.from, c.to)).or_default();
        n.0 += 1;
        n.1 += usize::from(c.edge.test);
    }
    let name = |m: usize| modules.modules[m].name.clone();
    let mut edges: Vec<ModuleEdge> = counts
        .into_iter()
        .map(|((a, b), (n, tests))| ModuleEdge {
            from: name(a),
            to: name(b),
            imports: n,
            test_imports: tests,
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
                members: Vec::new(),
            })
            .collect(),
        edges,
        layers: modules.layers.iter().map(|l| l.name.clone()).collect(),
        focus: None,
    }
}

impl ModuleGraph {
    /// Module indexes grouped by layer, high to low, then those in no
    /// layer (`None`).
    fn by_layer(&self) -> Vec<(Option<&str>, Vec<usize>)> {
        let mut groups: Vec<(Option<&str>, Vec<usize>)> = self
            .layers
            .iter()
            .map(|l| (Some(l.as_str()), Vec::new()))
            .collect();
        let mut loose = Vec::new();
        for (i, m) in self.modules.iter().enumerate() {
            match groups
                .iter_mut()
                .find(|(l, _)| l.is_some() && *l == m.layer.as_deref())
            {
                Some((_, members)) => members.push(i),
                None => loose.push(i),
            }
        }
        groups.retain(|(_, m)| !m.is_empty());
        groups.push((None, loose));
        groups
    }

    /// An edge that only test code makes is drawn dashed.
    fn test_only(e: &ModuleEdge) -> bool {
        e.test_imports > 0 && e.test_imports == e.imports
    }

    pub fn to_dot(&self) -> String {
        let mut s = String::from("digraph modules {\n  rankdir=TB;\n  node [shape=box];\n");
        let node = |s: &mut String, indent: &str, m: &GraphModule| {
            let focus = if self.focus.as_deref() == Some(m.name.as_str()) {
                " [style=bold, penwidth=2]"
            } else {
                ""
            };
            let _ = writeln!(s, "{indent}{}{focus};", dot_id(&m.name));
        };
        for (k, (layer, members)) in self.by_layer().into_iter().enumerate() {
            match layer {
                Some(layer) => {
                    let _ = writeln!(s, "  subgraph \"cluster_{k}\" {{");
                    let _ = writeln!(s, "    label={};", dot_id(layer));
                    s.push_str("    style=rounded;\n    color=gray;\n");
                    for &i in &members {
                        node(&mut s, "    ", &self.modules[i]);
                    }
                    s.push_str("  }\n");
                }
                None => {
                    for &i in &members {
                        node(&mut s, "  ", &self.modules[i]);
                    }
                }
            }
        }
        for e in &self.edges {
            let mut style = String::new();
            if !e.violations.is_empty() {
                style = format!(
                    ", color=red, fontcolor=red, tooltip={}",
                    dot_id(&e.violations.join(", "))
                );
            }
            if Self::test_only(e) {
                style.push_str(", style=dashed");
            }
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
        let index: std::collections::HashMap<&str, usize> = self
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.as_str(), i))
            .collect();
        let id = |name: &str| format!("m{}", index.get(name).copied().unwrap_or(0));
        for (k, (layer, members)) in self.by_layer().into_iter().enumerate() {
            let indent = if layer.is_some() { "    " } else { "  " };
            if let Some(layer) = layer {
                let _ = writeln!(s, "  subgraph layer{k}[\"{}\"]", mermaid_text(layer));
            }
            for &i in &members {
                let _ = writeln!(
                    s,
                    "{indent}m{i}[\"{}\"]",
                    mermaid_text(&self.modules[i].name)
                );
            }
            if layer.is_some() {
                s.push_str("  end\n");
            }
        }
        let mut red = Vec::new();
        for (k, e) in self.edges.iter().enumerate() {
            let arrow = if Self::test_only(e) { "-.->" } else { "-->" };
            let _ = writeln!(s, "  {} {arrow}|{}| {}", id(&e.from), e.imports, id(&e.to));
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
        if let Some(f) = self.focus.as_deref().and_then(|f| index.get(f)) {
            let _ = writeln!(s, "  style m{f} stroke-width:3px");
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
