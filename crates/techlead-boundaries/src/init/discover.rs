//! Modules for a first config when the team wrote none down: each Rust
//! crate and each declared workspace package (pnpm, yarn, npm) by its
//! manifest; on a single package, its first-level parts (a Python
//! package's subpackages, a TypeScript package's `src/*` folders, a Rust
//! crate's top-level modules); otherwise folders below the common one.
//! Test code never becomes a module of its own.

use super::python::nested_first;
use super::{DISCOVERED, Proposal, ProposedModule, workspaces};
use crate::Analysis;
use crate::resolve::{file_name, parent};
use crate::test_code::is_test_path;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub fn discover(root: &Path, analysis: &Analysis) -> Proposal {
    let mut notes = Vec::new();
    let mut found = manifests(root, analysis, &mut notes);
    if found.is_empty() {
        found = single_package(root, analysis);
    }
    let covered = |path: &str, found: &[ProposedModule]| {
        found.iter().any(|d| {
            d.paths
                .iter()
                .any(|p| path == p || path.starts_with(&format!("{p}/")))
        })
    };
    let rest: Vec<&str> = analysis
        .scanned
        .iter()
        .map(String::as_str)
        .filter(|p| !is_test_path(p) && !covered(p, &found))
        .collect();
    // Files beside the packages (scripts, docs examples) become folder
    // modules only when nothing else was found.
    if found.is_empty() {
        found = by_folder(&rest);
    } else if !rest.is_empty() {
        let mut tops: BTreeSet<&str> = BTreeSet::new();
        for p in &rest {
            tops.insert(p.split_once('/').map_or("(project root)", |(t, _)| t));
        }
        notes.push(format!(
            "{} source file{} outside the modules {} in none (unchecked): under {}",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" },
            if rest.len() == 1 { "is" } else { "are" },
            tops.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    unique_names(&mut found);
    nested_first(&mut found);
    for m in &mut found {
        m.depends_on = Some(Vec::new());
        m.paths = m.paths.iter().flat_map(|p| literal_paths(p)).collect();
    }
    Proposal {
        source: DISCOVERED.into(),
        settings: vec![("forbid_cycles".into(), "true".into())],
        python_roots: None,
        modules: found,
        ignore_imports: Vec::new(),
        notes,
    }
}

/// Folders of code that is not the product: playgrounds, examples, demos
/// and benchmarks, besides tests. Their packages are not proposed.
const SIDE_FOLDERS: &[&str] = &[
    "playground",
    "playgrounds",
    "examples",
    "example",
    "demo",
    "demos",
    "benchmarks",
    "bench",
];

/// Whether folder `dir` holds tests, fixtures, examples or the like.
fn side_code(dir: &str) -> bool {
    is_test_path(&format!("{dir}/_")) || dir.split('/').any(|d| SIDE_FOLDERS.contains(&d))
}

fn module(name: &str, paths: Vec<String>) -> ProposedModule {
    ProposedModule {
        name: name.to_string(),
        paths,
        ..Default::default()
    }
}

/// Rust crates, and JavaScript packages: those the workspace declares
/// when it declares any. Packages in test, fixture, example or playground
/// folders are left out.
fn manifests(root: &Path, analysis: &Analysis, notes: &mut Vec<String>) -> Vec<ProposedModule> {
    let declared = workspaces::declared(root);
    let js_dirs: Vec<&str> = analysis
        .packages
        .iter()
        .map(|(_, d)| d.as_str())
        .filter(|d| root.join(d).join("package.json").is_file())
        .collect();
    let members: Option<Vec<&str>> = declared
        .as_ref()
        .map(|(_, globs)| techlead_project::npm::workspace_members(globs, js_dirs.iter().copied()));
    let mut tests = 0;
    let mut out = Vec::new();
    for (name, dir) in &analysis.packages {
        if dir.is_empty() {
            continue;
        }
        let js = js_dirs.contains(&dir.as_str());
        if js && members.as_ref().is_some_and(|m| !m.contains(&dir.as_str())) {
            continue;
        }
        if side_code(dir) {
            tests += 1;
            continue;
        }
        out.push(module(name, vec![dir.clone()]));
    }
    if let Some((file, _)) = declared {
        notes.push(format!("JavaScript packages are those {file} declares"));
    }
    if tests > 0 {
        notes.push(if tests == 1 {
            "1 package in a test, fixture, example or playground folder is not a module".to_string()
        } else {
            format!(
                "{tests} packages in test, fixture, example or playground folders are not modules"
            )
        });
    }
    out
}

/// One package: its first-level parts.
fn single_package(root: &Path, analysis: &Analysis) -> Vec<ProposedModule> {
    let files: BTreeSet<&str> = analysis.scanned.iter().map(String::as_str).collect();
    // Python: top-level packages at the root or under src/.
    let mut packages: Vec<(String, String)> = Vec::new();
    for f in &files {
        let Some(dir) = f.strip_suffix("/__init__.py") else {
            continue;
        };
        let base = parent(dir);
        let top = base.is_empty() || base == "src";
        if top && !is_test_path(&format!("{dir}/_")) {
            packages.push((file_name(dir).to_string(), dir.to_string()));
        }
    }
    match packages.as_slice() {
        [(name, dir)] => {
            let mut subs: Vec<ProposedModule> = files
                .iter()
                .filter_map(|f| {
                    let sub = f
                        .strip_prefix(&format!("{dir}/"))?
                        .strip_suffix("/__init__.py")?;
                    (!sub.contains('/') && !is_test_path(&format!("{dir}/{sub}/_")))
                        .then(|| module(&format!("{name}.{sub}"), vec![format!("{dir}/{sub}")]))
                })
                .collect();
            if !subs.is_empty() {
                // The package's own top-level files, after its subpackages.
                let mut own = module(name, vec![dir.clone()]);
                own.comments.push(format!(
                    "the rest of {name}: its top-level files (the subpackages above come first)"
                ));
                subs.push(own);
                return subs;
            }
            return vec![module(name, vec![dir.clone()])];
        }
        [_, _, ..] => {
            return packages
                .into_iter()
                .map(|(name, dir)| module(&name, vec![dir]))
                .collect();
        }
        [] => {}
    }
    // TypeScript/JavaScript: the folders of src/.
    if root.join("package.json").is_file() {
        let mut dirs: BTreeSet<&str> = BTreeSet::new();
        for f in &files {
            if let Some(rest) = f.strip_prefix("src/")
                && let Some((d, _)) = rest.split_once('/')
                && !is_test_path(f)
            {
                dirs.insert(d);
            }
        }
        if dirs.len() > 1 {
            return dirs
                .into_iter()
                .map(|d| module(d, vec![format!("src/{d}")]))
                .collect();
        }
    }
    // A Rust crate: its top-level modules, each a file and/or a folder.
    if root.join("Cargo.toml").is_file() && files.iter().any(|f| f.starts_with("src/")) {
        let mut mods: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for f in &files {
            let Some(rest) = f.strip_prefix("src/") else {
                continue;
            };
            let (stem, path) = match rest.split_once('/') {
                Some((d, _)) => (d, format!("src/{d}")),
                None => match rest.strip_suffix(".rs") {
                    Some(s) if s != "lib" && s != "main" => (s, f.to_string()),
                    _ => continue,
                },
            };
            if stem == "bin" {
                continue;
            }
            let paths = mods.entry(stem).or_default();
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
        if mods.len() > 1 {
            return mods
                .into_iter()
                .map(|(name, mut paths)| {
                    paths.sort();
                    module(name, paths)
                })
                .collect();
        }
    }
    Vec::new()
}

/// Folders below the files' common folder (descending while there is only
/// one), one module each.
fn by_folder(rest: &[&str]) -> Vec<ProposedModule> {
    let Some(first) = rest.first() else {
        return Vec::new();
    };
    let mut common = parent(first).to_string();
    for p in &rest[1..] {
        while !(common.is_empty() || p.starts_with(&format!("{common}/"))) {
            common = parent(&common).to_string();
        }
    }
    loop {
        let mut groups: BTreeMap<String, usize> = BTreeMap::new();
        for p in rest {
            let below = if common.is_empty() {
                *p
            } else {
                &p[common.len() + 1..]
            };
            if let Some((first, _)) = below.split_once('/') {
                *groups.entry(first.to_string()).or_default() += 1;
            }
        }
        if groups.len() == 1 {
            let only = groups.into_keys().next().unwrap_or_default();
            common = if common.is_empty() {
                only
            } else {
                format!("{common}/{only}")
            };
            continue;
        }
        return groups
            .into_keys()
            .map(|dir| {
                let path = if common.is_empty() {
                    dir.clone()
                } else {
                    format!("{common}/{dir}")
                };
                module(&dir, vec![path])
            })
            .collect();
    }
}

/// A discovered folder or file as module `paths`: itself when it has no
/// glob character; otherwise (Next.js routes such as `app/[locale]`) each
/// glob character in a class of its own, and the folder's contents named
/// too, since only a path without glob characters stands for everything
/// below it.
fn literal_paths(path: &str) -> Vec<String> {
    const META: &[char] = &['*', '?', '[', ']', '{', '}'];
    if !path.contains(META) {
        return vec![path.to_string()];
    }
    let mut escaped = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        if META.contains(&c) {
            escaped.push('[');
            escaped.push(c);
            escaped.push(']');
        } else {
            escaped.push(c);
        }
    }
    vec![escaped.clone(), format!("{escaped}/**")]
}

/// Names must be unique: clashes are qualified with the parent folder.
fn unique_names(found: &mut [ProposedModule]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for d in found.iter() {
        *seen.entry(d.name.clone()).or_default() += 1;
    }
    for d in found.iter_mut() {
        if seen[&d.name] > 1 {
            let parent_name = file_name(parent(&d.paths[0]));
            if !parent_name.is_empty() {
                d.name = format!("{parent_name}/{}", d.name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_with_glob_characters_stay_literal() {
        assert_eq!(literal_paths("src/app"), ["src/app"]);
        let paths = literal_paths("src/app/[locale]/{x}*?");
        let mut b = globset::GlobSetBuilder::new();
        for p in &paths {
            b.add(
                globset::GlobBuilder::new(p)
                    .literal_separator(true)
                    .build()
                    .unwrap(),
            );
        }
        let set = b.build().unwrap();
        assert!(set.is_match("src/app/[locale]/{x}*?"));
        assert!(set.is_match("src/app/[locale]/{x}*?/page.tsx"));
        assert!(!set.is_match("src/app/l/{x}*?/page.tsx"));
        assert!(!set.is_match("src/app/[locale]/{x}ab/page.tsx"));
    }

    fn names(found: &[ProposedModule]) -> Vec<(String, String)> {
        found
            .iter()
            .map(|d| (d.name.clone(), d.paths.join(",")))
            .collect()
    }

    #[test]
    fn folders_below_the_common_one() {
        let found = by_folder(&[
            "src/shop/orders/a.py",
            "src/shop/orders/b.py",
            "src/shop/billing/c.py",
        ]);
        assert_eq!(
            names(&found),
            [
                ("billing".to_string(), "src/shop/billing".to_string()),
                ("orders".to_string(), "src/shop/orders".to_string())
            ]
        );
    }

    #[test]
    fn clashes_are_qualified() {
        let mut found = vec![
            module("api", vec!["web/x/api".into()]),
            module("api", vec!["web/y/api".into()]),
        ];
        unique_names(&mut found);
        assert_eq!(found[0].name, "x/api");
        assert_eq!(found[1].name, "y/api");
    }
}
