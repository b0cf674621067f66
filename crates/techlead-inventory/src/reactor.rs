//! A repository's own modules that its manifests name like registry
//! packages: the modules of a Maven multi-module build (a dependency on a
//! `pom.xml` of the tree, at that pom's version, is built from the tree;
//! at another version it is a release from the repository), and the
//! modules a `go.work` uses (the go command builds them from their
//! folders, whatever version a `require` names). They are left out of the
//! inventory, as Cargo and npm workspace members are.

use crate::find::{Found, text};
use crate::{Ecosystem, Package};
use std::collections::{HashMap, HashSet};
use techlead_project::gomod::GoMod;
use techlead_project::walk::parent;

/// The tree's own Maven modules (coordinates and version) and the Go
/// modules its go.work files use.
#[derive(Default)]
pub struct Own {
    maven: HashMap<String, HashSet<String>>,
    /// Per go.work: the go.mod files it uses, and their modules.
    go: Vec<(HashSet<String>, HashSet<String>)>,
}

impl Own {
    pub fn find(found: &Found) -> Own {
        let mut own = Own::default();
        for (rel, abs, _) in &found.lockfiles {
            if rel.rsplit('/').next() == Some("pom.xml")
                && let Some((coordinates, version)) = text(abs)
                    .ok()
                    .and_then(|t| crate::formats::pom_xml::own_coordinates(&t))
            {
                own.maven.entry(coordinates).or_default().insert(version);
            }
        }
        for (rel, abs) in &found.go_work {
            let Ok(work) = text(abs) else { continue };
            let (mut sources, mut modules) = (HashSet::new(), HashSet::new());
            for dir in go_work_uses(&work) {
                let go_mod = join(&join(parent(rel), &dir), "go.mod");
                if let Some(module) = text(&found.root.join(&go_mod))
                    .ok()
                    .and_then(|t| GoMod::parse(&t).ok()?.module)
                {
                    sources.insert(go_mod);
                    modules.insert(module);
                }
            }
            own.go.push((sources, modules));
        }
        own
    }

    /// A package built from the tree: a module of the go.work that uses
    /// the go.mod requiring it, or a Maven module at its own version (or
    /// with no version: one the parent manages).
    fn is_own(&self, p: &Package) -> bool {
        match p.ecosystem {
            Ecosystem::Go => self
                .go
                .iter()
                .any(|(sources, modules)| sources.contains(&p.source) && modules.contains(&p.name)),
            Ecosystem::Maven => self
                .maven
                .get(&p.name)
                .is_some_and(|v| p.version.is_empty() || v.contains(&p.version)),
            _ => false,
        }
    }

    /// Drops the packages that are the tree's own modules.
    pub fn drop_from(&self, packages: &mut Vec<Package>) {
        packages.retain(|p| !self.is_own(p));
    }

    /// Their names, for the imports: a module of the tree is not a use of
    /// a registry package.
    pub fn names(&self) -> impl Iterator<Item = (Ecosystem, String)> + '_ {
        let maven = self.maven.keys().map(|n| (Ecosystem::Maven, n.clone()));
        let go = self.go.iter().flat_map(|(_, m)| m.iter());
        maven.chain(go.map(|n| (Ecosystem::Go, n.clone())))
    }
}

/// The folders a `go.work` names in `use` directives, one-line or in a
/// block, as written (relative to the go.work's folder).
fn go_work_uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for raw in text.lines() {
        let code = raw.split("//").next().unwrap_or_default().trim();
        if in_block {
            if code == ")" {
                in_block = false;
            } else if !code.is_empty() {
                out.push(code.trim_matches(['"', '`']).to_string());
            }
            continue;
        }
        let Some(rest) = code.strip_prefix("use") else {
            continue;
        };
        let rest = rest.trim();
        if rest == "(" {
            in_block = true;
        } else if !rest.is_empty() && (code.starts_with("use ") || code.starts_with("use\t")) {
            out.push(rest.trim_matches(['"', '`']).to_string());
        }
    }
    out
}

/// `base/dir` with `.` and `..` folded away (`use .` is the go.work's own
/// folder, `use ../api` from `tools/` is `api`); a path that leaves the
/// tree keeps its leading `..` and names no go.mod in it.
fn join(base: &str, dir: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(dir.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_paths_are_folded() {
        assert_eq!(join("tools", "../api"), "api");
        assert_eq!(join("", "./api/"), "api");
        assert_eq!(join("a", "."), "a");
        assert_eq!(join("", "../x"), "../x");
        assert_eq!(join("a/b", "../../c"), "c");
    }

    #[test]
    fn go_work_use_lines_and_blocks() {
        let work = "go 1.25\n\nuse (\n\t.\n\t./compliance // the suite\n\t\"./tools\"\n)\nuse ./web\nreplace a => ./b\n";
        assert_eq!(
            go_work_uses(work),
            [".", "./compliance", "./tools", "./web"]
        );
        assert_eq!(join("", "."), "");
        assert_eq!(join("", "./compliance"), "compliance");
        assert_eq!(join("svc", "./x/"), "svc/x");
        assert_eq!(join("svc", "."), "svc");
    }
}
