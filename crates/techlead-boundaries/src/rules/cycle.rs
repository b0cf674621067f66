//! `boundaries/cycle`: modules that depend on each other in a loop. One finding per
//! strongly connected group, naming the shortest loop through it in full.

use super::{Crossing, Ctx};
use crate::config::TestsMode;
use std::collections::{BTreeSet, VecDeque};
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/cycle",
    Severity::Error,
    "Modules depend on each other in a cycle.",
);

pub struct Cycle;

impl Rule<Ctx<'_>> for Cycle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        if ctx.section.forbid_cycles == Some(false) {
            return;
        }
        let n = ctx.modules.modules.len();
        let separate = ctx.section.tests == TestsMode::Separate;
        let suppressed = |c: &Crossing| {
            ctx.suppressions
                .covering(&c.edge.from, c.edge.line, INFO.id)
                .next()
        };
        // The comment that suppresses each crossing, looked up once.
        let comments: Vec<Option<usize>> = ctx.crossings.iter().map(suppressed).collect();
        // Production code on its own: with `tests = "separate"`, a cycle
        // must exist without the tests' imports.
        let prod: Vec<&Crossing> = ctx
            .crossings
            .iter()
            .zip(&comments)
            .filter(|(c, s)| !(separate && c.edge.test) && s.is_none())
            .map(|(c, _)| c)
            .collect();
        let prod_adj = adjacency(n, &prod);
        let mut prod_groups = Vec::new();
        for comp in sccs(&prod_adj) {
            if comp.len() < 2 {
                continue;
            }
            // Start from the first module by name so the report is stable.
            let start = *comp
                .iter()
                .min_by_key(|&&m| ctx.name(m))
                .unwrap_or(&comp[0]);
            let path = shortest_cycle(&prod_adj, &comp, start);
            let first = prod
                .iter()
                .find(|c| c.from == path[0] && c.to == path[1])
                .copied();
            out.push(finding(ctx, &comp, &path, first, None));
            let mut sorted = comp.clone();
            sorted.sort();
            prod_groups.push(sorted);
        }
        if separate {
            let all: Vec<&Crossing> = ctx
                .crossings
                .iter()
                .zip(&comments)
                .filter(|(_, s)| s.is_none())
                .map(|(c, _)| c)
                .collect();
            test_cycles(ctx, &all, &prod, &prod_groups, out);
        }
        // Imports set aside by a comment: each one that would close a
        // loop is listed with the comment that suppressed it.
        if comments.iter().all(Option::is_none) {
            return;
        }
        let every: Vec<&Crossing> = ctx.crossings.iter().collect();
        let every_adj = adjacency(n, &every);
        let comps = sccs(&every_adj);
        for (c, s) in ctx.crossings.iter().zip(&comments) {
            let Some(index) = *s else { continue };
            let Some(comp) = comps
                .iter()
                .find(|k| k.contains(&c.from) && k.contains(&c.to))
            else {
                continue;
            };
            let mut path = vec![c.from];
            path.extend(shortest_path(&every_adj, comp, c.to, c.from));
            ctx.suppressions
                .hide(finding(ctx, comp, &path, Some(c), None), index, INFO.id);
        }
    }
}

fn adjacency(n: usize, crossings: &[&Crossing]) -> Vec<BTreeSet<usize>> {
    let mut adj: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    // Tens of thousands of imports make few module pairs: a pair seen is
    // skipped with one bit rather than a set insert (up to 1,024 modules).
    let mut seen = vec![false; if n <= 1024 { n * n } else { 0 }];
    for c in crossings {
        if let Some(s) = seen.get_mut(c.from * n + c.to) {
            if *s {
                continue;
            }
            *s = true;
        }
        adj[c.from].insert(c.to);
    }
    adj
}

/// `tests = "separate"`: the loops that only test code closes, one per
/// group of modules that is not already a production cycle, at the test
/// import that closes the shortest of them.
fn test_cycles(
    ctx: &Ctx<'_>,
    all: &[&Crossing],
    prod: &[&Crossing],
    prod_groups: &[Vec<usize>],
    out: &mut Vec<Finding>,
) {
    let adj = adjacency(ctx.modules.modules.len(), all);
    for comp in sccs(&adj) {
        let mut sorted = comp.clone();
        sorted.sort();
        if comp.len() < 2 || prod_groups.contains(&sorted) {
            continue;
        }
        // The shortest loop through a dependency that only tests have.
        let test_only = |a: usize, b: usize| !prod.iter().any(|c| c.from == a && c.to == b);
        let mut best: Option<(Vec<usize>, &Crossing)> = None;
        for c in all.iter().filter(|c| {
            c.edge.test && comp.contains(&c.from) && comp.contains(&c.to) && test_only(c.from, c.to)
        }) {
            let mut path = vec![c.from];
            path.extend(shortest_path(&adj, &comp, c.to, c.from));
            let names = |p: &[usize]| {
                p.iter()
                    .map(|&m| ctx.name(m).to_string())
                    .collect::<Vec<_>>()
            };
            let better = match &best {
                None => true,
                Some((b, _)) => (path.len(), names(&path)) < (b.len(), names(b)),
            };
            if better {
                best = Some((path, c));
            }
        }
        if let Some((path, c)) = best {
            out.push(finding(ctx, &comp, &path, Some(c), Some(())));
        }
    }
}

/// The cycle finding for a loop `path` (first module repeated at the end)
/// in the group `comp`, at the import `first`; `test` marks a loop that
/// only test code closes.
fn finding(
    ctx: &Ctx<'_>,
    comp: &[usize],
    path: &[usize],
    first: Option<&Crossing>,
    test: Option<()>,
) -> Finding {
    let names: Vec<&str> = path.iter().map(|&m| ctx.name(m)).collect();
    for w in path.windows(2) {
        ctx.violations.borrow_mut().insert((w[0], w[1], INFO.id));
    }
    let mut sorted: Vec<&str> = comp.iter().map(|&m| ctx.name(m)).collect();
    sorted.sort();
    let mut message = format!("dependency cycle: {}", names.join(" -> "));
    if comp.len() + 1 > path.len() {
        message.push_str(&format!(
            " (the cycle group holds {} modules: {})",
            comp.len(),
            sorted.join(", ")
        ));
    }
    let mut severity = INFO.default_severity;
    if test.is_some() {
        (_, severity) = super::test_finding(String::new(), severity);
        message = message.replacen("dependency cycle", "test code closes a dependency cycle", 1);
    }
    let mut finding = Finding::new(
        INFO.id,
        severity,
        message,
        first.map(|c| Location::line(&*c.edge.from, c.edge.line)),
        "break the cycle: remove one of the imports, move the shared code into a lower module \
         both can use, or invert one dependency behind an interface",
        &sorted.join(","),
    );
    if let Some(line) = first.and_then(|c| ctx.source_line(&c.edge.from, c.edge.line)) {
        finding = finding.with_snippet(line);
    }
    finding
}

/// The shortest path from `from` to `to` inside the component, both
/// included: [from, ..., to].
fn shortest_path(adj: &[BTreeSet<usize>], comp: &[usize], from: usize, to: usize) -> Vec<usize> {
    if from == to {
        return vec![to];
    }
    let mut prev = vec![usize::MAX; adj.len()];
    prev[from] = from;
    let mut queue = VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        for &w in &adj[v] {
            if !comp.contains(&w) || prev[w] != usize::MAX {
                continue;
            }
            prev[w] = v;
            if w == to {
                let mut path = vec![to];
                let mut cur = v;
                while cur != from {
                    path.push(cur);
                    cur = prev[cur];
                }
                path.push(from);
                path.reverse();
                return path;
            }
            queue.push_back(w);
        }
    }
    vec![from, to]
}

/// Tarjan's strongly connected components, iteratively.
fn sccs(adj: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, Vec<usize>)> = vec![(root, adj[root].iter().copied().collect())];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((v, children)) = work.last_mut() {
            let v = *v;
            if let Some(w) = children.pop() {
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, adj[w].iter().copied().collect()));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some((parent, _)) = work.last() {
                    low[*parent] = low[*parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut comp = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    out.push(comp);
                }
            }
        }
    }
    out
}

/// The shortest path from `start` back to itself inside the component,
/// as modules, starting and ending with `start`.
fn shortest_cycle(adj: &[BTreeSet<usize>], comp: &[usize], start: usize) -> Vec<usize> {
    let inside = |m: usize| comp.contains(&m);
    let mut prev = vec![usize::MAX; adj.len()];
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &adj[v] {
            if !inside(w) {
                continue;
            }
            if w == start {
                let mut path = vec![start];
                let mut cur = v;
                while cur != start {
                    path.push(cur);
                    cur = prev[cur];
                }
                // [start, v, ..., u1] walks backwards; turn the middle
                // around and close the loop: [start, u1, ..., v, start].
                path[1..].reverse();
                path.push(start);
                return path;
            }
            if prev[w] == usize::MAX && w != start {
                prev[w] = v;
                queue.push_back(w);
            }
        }
    }
    vec![start, start]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize)], n: usize) -> Vec<BTreeSet<usize>> {
        let mut adj = vec![BTreeSet::new(); n];
        for &(a, b) in edges {
            adj[a].insert(b);
        }
        adj
    }

    #[test]
    fn finds_components_and_the_shortest_loop() {
        let adj = graph(&[(0, 1), (1, 2), (2, 0), (2, 3), (1, 0)], 4);
        let mut comps: Vec<Vec<usize>> = sccs(&adj)
            .into_iter()
            .map(|mut c| {
                c.sort();
                c
            })
            .collect();
        comps.sort();
        assert_eq!(comps, vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(shortest_cycle(&adj, &[0, 1, 2], 0), vec![0, 1, 0]);
        let adj = graph(&[(0, 1), (1, 2), (2, 0)], 3);
        assert_eq!(shortest_cycle(&adj, &[0, 1, 2], 0), vec![0, 1, 2, 0]);
    }
}
