//! Making a large module graph readable: collapse module names to their
//! first parts (`--depth`), and keep one module's neighbourhood
//! (`--focus`, `--radius`).

use crate::graph::{GraphModule, ModuleEdge, ModuleGraph};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use techlead_core::InputError;
use techlead_core::suggest::did_you_mean;

/// `name` cut to its first `depth` parts, split on `::`, `.` or `/` (the
/// separator as written is kept): `shop.orders.api` at 2 is `shop.orders`.
pub fn prefix(name: &str, depth: usize) -> &str {
    let mut parts = 0;
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let sep = match bytes[i] {
            b'.' | b'/' => 1,
            b':' if bytes.get(i + 1) == Some(&b':') => 2,
            _ => 0,
        };
        if sep > 0 && i > 0 {
            parts += 1;
            if parts == depth {
                return &name[..i];
            }
            i += sep;
        } else {
            i += 1;
        }
    }
    name
}

impl ModuleGraph {
    /// Merges every module into its name's first `depth` parts: imports
    /// add up, violations join, dependencies inside a merged module go.
    /// A merged module keeps its layer when all its members share it.
    pub fn collapse(self, depth: usize) -> ModuleGraph {
        let mut groups: BTreeMap<String, (Vec<String>, BTreeSet<Option<String>>)> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for m in &self.modules {
            let key = prefix(&m.name, depth).to_string();
            let g = groups.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Default::default()
            });
            g.0.push(m.name.clone());
            g.1.insert(m.layer.clone());
        }
        let merged_name = |name: &str| prefix(name, depth).to_string();
        let modules = order
            .iter()
            .map(|key| {
                let (members, layers) = &groups[key];
                let layer = match layers.iter().collect::<Vec<_>>().as_slice() {
                    [one] => (*one).clone(),
                    _ => None,
                };
                let single = members.len() == 1 && &members[0] == key;
                GraphModule {
                    name: key.clone(),
                    layer,
                    members: if single { Vec::new() } else { members.clone() },
                }
            })
            .collect();
        let mut edges: BTreeMap<(String, String), ModuleEdge> = BTreeMap::new();
        for e in self.edges {
            let (from, to) = (merged_name(&e.from), merged_name(&e.to));
            if from == to {
                continue;
            }
            let m = edges
                .entry((from.clone(), to.clone()))
                .or_insert_with(|| ModuleEdge {
                    from,
                    to,
                    imports: 0,
                    test_imports: 0,
                    violations: Vec::new(),
                });
            m.imports += e.imports;
            m.test_imports += e.test_imports;
            m.violations.extend(e.violations);
            m.violations.sort();
            m.violations.dedup();
        }
        ModuleGraph {
            modules,
            edges: edges.into_values().collect(),
            layers: self.layers,
            focus: self.focus,
        }
    }

    /// Keeps `focus`, the modules it reaches in at most `radius` steps
    /// along dependencies, and those that reach it in at most `radius`
    /// steps, with the dependencies among them except those between two
    /// modules `radius` steps away. An unknown name is an input error
    /// naming the closest module.
    pub fn focus(self, focus: &str, radius: usize) -> Result<ModuleGraph, InputError> {
        if !self.modules.iter().any(|m| m.name == focus) {
            let mut e = InputError::new(format!("--focus: no module named `{focus}` in the graph"));
            let help = match did_you_mean(focus, self.modules.iter().map(|m| m.name.as_str())) {
                Some(x) => format!("did you mean `{x}`?"),
                None => "`techlead boundaries graph --format json` lists the modules".to_string(),
            };
            e = e.with_help(help);
            return Err(e);
        }
        // Steps from the focus: along dependencies, and back along them.
        let mut dist: BTreeMap<&str, usize> = BTreeMap::from([(focus, 0)]);
        for forward in [true, false] {
            let mut seen: BTreeSet<&str> = BTreeSet::from([focus]);
            let mut queue = VecDeque::from([(focus, 0)]);
            while let Some((m, d)) = queue.pop_front() {
                if d == radius {
                    continue;
                }
                for e in &self.edges {
                    let (here, there) = if forward {
                        (&e.from, &e.to)
                    } else {
                        (&e.to, &e.from)
                    };
                    if here == m && seen.insert(there) {
                        let best = dist.entry(there).or_insert(d + 1);
                        *best = (*best).min(d + 1);
                        queue.push_back((there, d + 1));
                    }
                }
            }
        }
        // Dependencies between two modules on the outer ring are left out:
        // they are the neighbours' business, not the focus's.
        let dist: BTreeMap<String, usize> =
            dist.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let inner = |e: &ModuleEdge| match (dist.get(&e.from), dist.get(&e.to)) {
            (Some(a), Some(b)) => (*a).min(*b) < radius,
            _ => false,
        };
        let keep: BTreeSet<String> = dist.keys().cloned().collect();
        Ok(ModuleGraph {
            modules: self
                .modules
                .into_iter()
                .filter(|m| keep.contains(&m.name))
                .collect(),
            edges: self.edges.into_iter().filter(|e| inner(e)).collect(),
            layers: self.layers,
            focus: Some(focus.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::prefix;

    #[test]
    fn prefixes_on_every_separator() {
        assert_eq!(prefix("shop.orders.api", 1), "shop");
        assert_eq!(prefix("shop.orders.api", 2), "shop.orders");
        assert_eq!(prefix("shop.orders.api", 3), "shop.orders.api");
        assert_eq!(prefix("shop.orders.api", 9), "shop.orders.api");
        assert_eq!(prefix("packages/vite/src", 2), "packages/vite");
        assert_eq!(prefix("app::domain::orders", 2), "app::domain");
        assert_eq!(prefix("@scope/pkg", 1), "@scope");
        assert_eq!(prefix(".hidden.x", 1), ".hidden");
        assert_eq!(prefix("a:b", 1), "a:b");
    }
}
