//! Manifests the inventory finds but does not read, so that a tree whose
//! dependencies techlead cannot list says so instead of reporting "0
//! packages": formats of ecosystems techlead does not read (Leiningen,
//! sbt, Mix, SwiftPM, pub, NuGet, Conan, vcpkg, ...), and manifests of
//! ecosystems it reads only through a lockfile when no lockfile is beside
//! or above them.

use crate::find::Found;
use std::path::PathBuf;
use techlead_project::walk::parent;

/// A manifest found and left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unread {
    /// Relative to the root, `/` separators.
    pub path: String,
    /// The tool or ecosystem the file belongs to (`Leiningen`, `NuGet`).
    pub ecosystem: &'static str,
    /// Why it is not read.
    pub reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// techlead has no reader for this format yet.
    Unsupported,
    /// techlead reads this ecosystem from its lockfile, and none is
    /// beside or above this manifest.
    NoLockfile,
}

/// File names of formats techlead does not read, and their ecosystem.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("project.clj", "Leiningen"),
    ("deps.edn", "Clojure CLI"),
    ("build.sbt", "sbt"),
    ("mix.exs", "Mix"),
    ("mix.lock", "Mix"),
    ("Package.swift", "SwiftPM"),
    ("Package.resolved", "SwiftPM"),
    ("pubspec.yaml", "pub"),
    ("pubspec.lock", "pub"),
    ("packages.config", "NuGet"),
    ("packages.lock.json", "NuGet"),
    ("Directory.Packages.props", "NuGet"),
    ("conanfile.txt", "Conan"),
    ("conanfile.py", "Conan"),
    ("conan.lock", "Conan"),
    ("vcpkg.json", "vcpkg"),
    ("gradle.lockfile", "Gradle"),
    ("build.gradle", "Gradle"),
    ("build.gradle.kts", "Gradle"),
    ("stack.yaml", "Stack"),
    ("cabal.project", "Cabal"),
    ("cabal.project.freeze", "Cabal"),
    ("rebar.config", "rebar3"),
    ("rebar.lock", "rebar3"),
    ("Podfile", "CocoaPods"),
    ("Podfile.lock", "CocoaPods"),
    ("Cartfile", "Carthage"),
    ("Cartfile.resolved", "Carthage"),
    ("build.zig.zon", "Zig"),
    ("dune-project", "opam"),
    ("renv.lock", "renv"),
    ("environment.yml", "conda"),
    ("environment.yaml", "conda"),
    ("pdm.lock", "PDM"),
    ("bun.lock", "Bun"),
    ("bun.lockb", "Bun"),
    ("deno.lock", "Deno"),
    ("setup.py", "setuptools"),
    ("setup.cfg", "setuptools"),
];

/// Suffixes of formats techlead does not read.
const UNSUPPORTED_SUFFIXES: &[(&str, &str)] = &[
    (".csproj", "NuGet"),
    (".fsproj", "NuGet"),
    (".vbproj", "NuGet"),
    (".cabal", "Cabal"),
    (".opam", "opam"),
];

/// Manifests read only with a lockfile: their ecosystem and the
/// lockfiles that cover them from their folder or any folder above.
const LOCKED: &[(&str, &str, &[&str])] = &[
    (
        "package.json",
        "npm",
        &[
            "package-lock.json",
            "npm-shrinkwrap.json",
            "yarn.lock",
            "pnpm-lock.yaml",
            "bun.lock",
            "bun.lockb",
        ],
    ),
    ("Cargo.toml", "Cargo", &["Cargo.lock"]),
    ("Gemfile", "Bundler", &["Gemfile.lock"]),
    ("composer.json", "Composer", &["composer.lock"]),
    ("Pipfile", "Pipenv", &["Pipfile.lock"]),
];

/// Python lockfiles that cover a pyproject.toml in their folder or below.
const PYTHON_LOCKS: &[&str] = &["poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock"];

/// Should the walk keep this file name for [`unread`]?
pub fn interesting(name: &str) -> bool {
    UNSUPPORTED.iter().any(|(n, _)| *n == name)
        || UNSUPPORTED_SUFFIXES.iter().any(|(s, _)| name.ends_with(s))
        || LOCKED.iter().any(|(n, _, _)| *n == name)
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Every file the walk saw, by path.
fn all_paths(found: &Found) -> impl Iterator<Item = &str> {
    found
        .lockfiles
        .iter()
        .map(|(r, _, _)| r.as_str())
        .chain(found.others.iter().map(String::as_str))
}

/// Is there a file named one of `names` in `rel`'s folder or above?
fn covered(rel: &str, names: &[&str], present: &std::collections::HashSet<&str>) -> bool {
    let mut dir = parent(rel);
    loop {
        if names.iter().any(|n| {
            let p = if dir.is_empty() {
                n.to_string()
            } else {
                format!("{dir}/{n}")
            };
            present.contains(p.as_str())
        }) {
            return true;
        }
        if dir.is_empty() {
            return false;
        }
        dir = parent(dir);
    }
}

pub fn unread(found: &Found) -> Vec<Unread> {
    let present: std::collections::HashSet<&str> = all_paths(found).collect();
    let python_read: std::collections::HashSet<&str> = found
        .lockfiles
        .iter()
        .filter(|(_, _, f)| f.ecosystem == crate::Ecosystem::Pypi)
        .map(|(r, _, _)| parent(r))
        .chain(found.pyproject.iter().map(|(r, _)| parent(r)))
        .collect();
    // Gradle builds that use a version catalog declare their libraries
    // there, and the catalog is read.
    let catalog = found
        .lockfiles
        .iter()
        .any(|(r, _, _)| r.ends_with(".versions.toml"));
    let mut out = Vec::new();
    for rel in all_paths(found) {
        let name = file_name(rel);
        let unsupported = UNSUPPORTED
            .iter()
            .find(|(n, _)| *n == name)
            .or_else(|| UNSUPPORTED_SUFFIXES.iter().find(|(s, _)| name.ends_with(s)));
        if let Some((_, eco)) = unsupported {
            // setup.py beside a requirements file, pyproject or lock adds
            // nothing we miss: the packages are read from those.
            let python = *eco == "setuptools";
            let gradle_build = *eco == "Gradle" && name.starts_with("build.gradle");
            let skip = if python {
                // setup.cfg is often only tools' configuration (flake8,
                // isort): a manifest only where it declares requirements.
                python_read.contains(parent(rel))
                    || !crate::find::text(&found.root.join(rel))
                        .is_ok_and(|t| t.contains("install_requires"))
            } else {
                gradle_build && catalog
            };
            if !skip {
                out.push(Unread {
                    path: rel.to_string(),
                    ecosystem: eco,
                    reason: Reason::Unsupported,
                });
            }
            continue;
        }
        if let Some((_, eco, locks)) = LOCKED.iter().find(|(n, _, _)| *n == name)
            && !covered(rel, locks, &present)
        {
            out.push(Unread {
                path: rel.to_string(),
                ecosystem: eco,
                reason: Reason::NoLockfile,
            });
        }
    }
    out.sort();
    out
}

/// pyproject.toml files with no Python lockfile in their folder or above:
/// read as manifests of their own.
pub fn unlocked_pyprojects(found: &Found) -> Vec<(String, PathBuf)> {
    let present: std::collections::HashSet<&str> = all_paths(found).collect();
    found
        .pyproject
        .iter()
        .filter(|(rel, _)| !covered(rel, PYTHON_LOCKS, &present))
        .cloned()
        .collect()
}
