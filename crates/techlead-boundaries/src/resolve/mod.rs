//! From imports as written to files in the tree (edges) or to external
//! packages. One resolver per language; each is built once from the file
//! list and the manifests, then asked about every import in parallel.

mod go;
mod java;
mod jsonc;
mod python;
mod rust;
mod typescript;

use crate::Warning;
use crate::cache::{self, Cache};
use crate::config::BoundariesConfig;
use crate::walk::{SourceFile, Walked};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use techlead_lang::{Import, ImportKind, Language};

/// A resolved internal import: file `from` imports `to` at `line`.
/// This is the JSON contract of `boundaries imports`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edge {
    pub from: Arc<str>,
    /// A file; for Go, which imports packages, the package's folder.
    pub to: Arc<str>,
    pub line: u32,
    pub kind: ImportKind,
    pub language: Language,
    /// The import is made by test code (`[boundaries] tests`): a test
    /// file, or Rust code compiled for tests only. Left out of JSON when
    /// false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
}

/// An import that leaves the tree: a package by name, for the radar.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct External {
    pub from: Arc<str>,
    pub line: u32,
    /// The package as an ecosystem names it: a crate, a PyPI top-level
    /// module, an npm package (`@scope/name`), a Go import path, a Java
    /// package.
    pub name: String,
    pub language: Language,
}

/// What one import resolves to.
pub enum Target {
    Files(Vec<Arc<str>>),
    External(String),
    /// Neither a file in the tree nor a package we can name (for example
    /// a Rust path to a local item, or a JS import of a missing file).
    Unknown,
}

/// The scanned tree, indexed for the resolvers.
pub struct Tree<'w> {
    pub files: &'w [SourceFile],
    /// Every scanned file, interned: edges share these strings instead of
    /// allocating one per import.
    pub paths: HashMap<&'w str, Arc<str>>,
    /// Folders that hold at least one scanned file, interned.
    pub dirs: HashMap<&'w str, Arc<str>>,
    pub manifests: &'w [String],
    pub root: &'w Path,
}

impl<'w> Tree<'w> {
    fn new(walked: &'w Walked, root: &'w Path) -> Self {
        let mut dirs: HashMap<&str, Arc<str>> = HashMap::default();
        for f in &walked.files {
            let d = parent(&f.path);
            dirs.entry(d).or_insert_with(|| Arc::from(d));
        }
        Tree {
            files: &walked.files,
            paths: walked
                .files
                .iter()
                .map(|f| (f.path.as_str(), Arc::from(f.path.as_str())))
                .collect(),
            dirs,
            manifests: &walked.manifests,
            root,
        }
    }

    pub fn has(&self, path: &str) -> bool {
        self.paths.contains_key(path)
    }

    /// A target of one file, as the shared string when it was scanned.
    pub fn target(&self, path: String) -> Target {
        Target::Files(vec![self.file(&path).unwrap_or_else(|| path.into())])
    }

    /// The shared string of a scanned file's path.
    pub fn file(&self, path: &str) -> Option<Arc<str>> {
        self.paths.get(path).cloned()
    }

    /// Reads a manifest; None (and a warning) if it cannot be read.
    pub fn read(&self, rel: &str, warnings: &mut Vec<Warning>) -> Option<String> {
        match techlead_core::read::regular_text(
            &self.root.join(rel),
            techlead_core::read::CONFIG_LIMIT,
        ) {
            Ok(s) => Some(s),
            Err(e) => {
                warnings.push(Warning {
                    path: rel.to_string(),
                    line: None,
                    message: format!("cannot read: {e}"),
                });
                None
            }
        }
    }

    pub fn manifests_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.manifests
            .iter()
            .map(String::as_str)
            .filter(move |m| file_name(m) == name)
    }
}

pub struct Resolved {
    pub edges: Vec<Edge>,
    pub externals: Vec<External>,
    /// Packages declared by manifests (Rust crates, JS/TS workspace
    /// packages): name and folder, sorted by folder.
    pub packages: Vec<(String, String)>,
}

/// Resolves every file's imports; files marked `cached` take their edges
/// from `cache` instead (the caller checked the context is unchanged).
pub fn resolve_all(
    walked: &Walked,
    root: &Path,
    config: &BoundariesConfig,
    warnings: &mut Vec<Warning>,
    cache: Option<&Cache>,
) -> Resolved {
    resolve_where(walked, root, config, warnings, cache, &|_| true)
}

/// As [`resolve_all`], but only the imports of the files `wanted` picks:
/// the others still count as targets (a file checked before it is written
/// resolves against the whole tree).
pub fn resolve_where(
    walked: &Walked,
    root: &Path,
    config: &BoundariesConfig,
    warnings: &mut Vec<Warning>,
    cache: Option<&Cache>,
    wanted: &(dyn Fn(&SourceFile) -> bool + Sync),
) -> Resolved {
    let tree = Tree::new(walked, root);
    let langs: HashSet<Language> = walked.files.iter().map(|f| f.language).collect();
    let rust = langs
        .contains(&Language::Rust)
        .then(|| rust::Resolver::new(&tree, warnings));
    let python = langs
        .contains(&Language::Python)
        .then(|| python::Resolver::new(&tree, config));
    let ts = (langs.contains(&Language::TypeScript) || langs.contains(&Language::JavaScript))
        .then(|| typescript::Resolver::new(&tree, config, warnings));
    let go = langs
        .contains(&Language::Go)
        .then(|| go::Resolver::new(&tree, warnings));
    let java = langs
        .contains(&Language::Java)
        .then(|| java::Resolver::new(&tree));

    let per_file: Vec<(Vec<Edge>, Vec<External>)> = walked
        .files
        .par_iter()
        .filter(|f| wanted(f))
        .map(|f| {
            let mut edges = Vec::new();
            let mut externals = Vec::new();
            let from = tree
                .file(&f.path)
                .unwrap_or_else(|| Arc::from(f.path.as_str()));
            if f.cached
                && let Some(entry) = cache.and_then(|c| c.get(&f.path, f.hash, f.len))
            {
                let intern = |p: &str| {
                    tree.file(p)
                        .or_else(|| tree.dirs.get(p).cloned())
                        .unwrap_or_else(|| Arc::from(p))
                };
                return cache::expand(entry, &from, f.language, intern);
            }
            for imp in &f.scan.imports {
                let target = match f.language {
                    Language::Rust => rust.as_ref().map(|r| r.resolve(f, imp)),
                    Language::Python => python.as_ref().map(|r| r.resolve(f, imp)),
                    Language::TypeScript | Language::JavaScript => {
                        ts.as_ref().map(|r| r.resolve(f, imp))
                    }
                    Language::Go => go.as_ref().map(|r| r.resolve(imp)),
                    Language::Java => java.as_ref().map(|r| r.resolve(f, imp)),
                };
                push(
                    f,
                    &from,
                    imp,
                    target.unwrap_or(Target::Unknown),
                    &mut edges,
                    &mut externals,
                );
            }
            // Files come in path order; sorting each file's edges makes
            // the whole list sorted without one big sort.
            edges.sort_unstable();
            edges.dedup();
            (edges, externals)
        })
        .collect();
    let mut edges = Vec::new();
    let mut externals = Vec::new();
    for (e, x) in per_file {
        edges.extend(e);
        externals.extend(x);
    }
    externals.sort();
    externals.dedup();
    let mut packages: Vec<(String, String)> = Vec::new();
    if let Some(r) = &rust {
        packages.extend(r.packages());
    }
    if let Some(r) = &ts {
        packages.extend(r.packages());
    }
    packages.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    Resolved {
        edges,
        externals,
        packages,
    }
}

fn push(
    f: &SourceFile,
    from: &Arc<str>,
    imp: &Import,
    target: Target,
    edges: &mut Vec<Edge>,
    externals: &mut Vec<External>,
) {
    match target {
        Target::Files(to) => {
            for to in to {
                if *to != *f.path && !(f.language == Language::Go && *to == *parent(&f.path)) {
                    edges.push(Edge {
                        from: from.clone(),
                        to,
                        line: imp.line,
                        kind: imp.kind,
                        language: f.language,
                        test: false,
                    });
                }
            }
        }
        Target::External(name) => externals.push(External {
            from: from.clone(),
            line: imp.line,
            name,
            language: f.language,
        }),
        Target::Unknown => {}
    }
}

/// The folder part of a relative path ("" at the root).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

pub fn file_name(path: &str) -> &str {
    path.rfind('/').map_or(path, |i| &path[i + 1..])
}

/// Joins a folder and a relative path, folding `.` and `..`. None when
/// the path climbs above the root.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_folds_dots() {
        assert_eq!(join("a/b", "../c/./d").as_deref(), Some("a/c/d"));
        assert_eq!(join("", "x").as_deref(), Some("x"));
        assert_eq!(join("a", "../.."), None);
        assert_eq!(parent("a/b/c.rs"), "a/b");
        assert_eq!(parent("c.rs"), "");
    }
}
