//! Licenses from installed copies of packages, offline: npm's
//! `node_modules` beside the lockfile, Python's virtual environments in
//! the project (dist-info `METADATA`), and Cargo's registry sources
//! (`$CARGO_HOME/registry/src/*/<name>-<version>/Cargo.toml`). A copy of
//! another version than the locked one says nothing about it. Nothing is
//! fetched; what is not installed stays unknown.

use super::{License, Origin};
use crate::{Ecosystem, Package};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use techlead_project::pep503;

/// Metadata files larger than this are not a package's metadata.
const LIMIT: u64 = 4 * 1024 * 1024;

fn read(path: &Path) -> Option<String> {
    techlead_core::read::regular_text(path, LIMIT).ok()
}

/// Where installed copies are, indexed once for every package.
#[derive(Debug, Default)]
pub struct Installed {
    /// `name-version` -> the crate's folder in the Cargo registry sources.
    cargo: HashMap<String, PathBuf>,
    /// (PEP 503 name, version) -> its dist-info folder.
    pypi: HashMap<(String, String), PathBuf>,
    /// The Python environments read, relative to the root.
    pub environments: Vec<String>,
}

impl Installed {
    /// Indexes the Cargo registry sources under `cargo_home` (when there
    /// are Cargo packages) and the Python environments at the root and
    /// beside each Python lockfile (when there are PyPI packages).
    pub fn scan(root: &Path, cargo_home: Option<&Path>, packages: &[Package]) -> Installed {
        let mut out = Installed::default();
        let has = |e: Ecosystem| packages.iter().any(|p| p.ecosystem == e);
        if has(Ecosystem::Cargo)
            && let Some(home) = cargo_home
            && let Ok(indexes) = std::fs::read_dir(home.join("registry").join("src"))
        {
            let mut indexes: Vec<PathBuf> = indexes.flatten().map(|e| e.path()).collect();
            // The same crate in two indexes (a mirror): the first by name.
            indexes.sort();
            indexes.reverse();
            for index in indexes {
                for e in std::fs::read_dir(&index).into_iter().flatten().flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    out.cargo.insert(name, e.path());
                }
            }
        }
        if has(Ecosystem::Pypi) {
            let dirs: Vec<&str> = packages
                .iter()
                .filter(|p| p.ecosystem == Ecosystem::Pypi)
                .map(|p| p.source.rsplit_once('/').map_or("", |(d, _)| d))
                .collect();
            for (rel, sites) in crate::pypi_names::environments(root, dirs) {
                let before = out.pypi.len();
                for site in sites {
                    out.index_site_packages(&site);
                }
                if out.pypi.len() > before {
                    out.environments.push(rel);
                }
            }
        }
        out
    }

    fn index_site_packages(&mut self, site: &Path) {
        let entries = techlead_core::source::read_dir(site).unwrap_or_default();
        for (folder, _) in entries {
            // `{name}-{version}.dist-info`, the name escaped with `_`.
            if let Some((name, version)) = folder
                .strip_suffix(".dist-info")
                .and_then(|s| s.split_once('-'))
            {
                self.pypi
                    .entry((pep503(name), version.to_string()))
                    .or_insert_with(|| site.join(&folder));
            }
        }
    }

    /// The license text of the installed copy of `p`, if one of its
    /// version is installed and states one.
    pub fn license(&self, root: &Path, p: &Package) -> Option<String> {
        match p.ecosystem {
            Ecosystem::Npm => {
                let dir = root.join(&p.source);
                let path = dir
                    .parent()?
                    .join("node_modules")
                    .join(&p.name)
                    .join("package.json");
                let v: serde_json::Value = serde_json::from_str(&read(&path)?).ok()?;
                if v.get("version").and_then(|v| v.as_str()) != Some(p.version.as_str()) {
                    return None;
                }
                npm_license(&v)
            }
            Ecosystem::Cargo => {
                let dir = self.cargo.get(&format!("{}-{}", p.name, p.version))?;
                let v: toml::Table = toml::from_str(&read(&dir.join("Cargo.toml"))?).ok()?;
                v.get("package")?
                    .get("license")?
                    .as_str()
                    .map(str::to_string)
            }
            Ecosystem::Pypi => {
                let dir = self.pypi.get(&(pep503(&p.name), p.version.clone()))?;
                pypi_license(&read(&dir.join("METADATA"))?)
            }
            _ => None,
        }
    }
}

/// Fills the license of every package that has none from its installed
/// copy; returns what was scanned (for notes).
pub fn fill_installed(
    root: &Path,
    cargo_home: Option<&Path>,
    packages: &mut [Package],
) -> Installed {
    let installed = Installed::scan(root, cargo_home, packages);
    packages
        .par_iter_mut()
        .filter(|p| p.license.is_none())
        .for_each(|p| {
            p.license = installed
                .license(root, p)
                .map(|t| License::new(&t, Origin::Installed));
        });
    installed
}

/// npm's `license` (a string, or the old `{ "type": ... }`), else the old
/// `licenses` array (several: the user may choose, so OR).
pub fn npm_license(v: &serde_json::Value) -> Option<String> {
    let one = |l: &serde_json::Value| {
        l.as_str()
            .or_else(|| l.get("type").and_then(|t| t.as_str()))
            .map(str::to_string)
    };
    if let Some(l) = v.get("license").and_then(one) {
        return Some(l);
    }
    let all: Vec<String> = v
        .get("licenses")?
        .as_array()?
        .iter()
        .filter_map(one)
        .collect();
    match all.len() {
        0 => None,
        1 => all.into_iter().next(),
        _ => Some(
            all.iter()
                .map(|l| format!("({l})"))
                .collect::<Vec<_>>()
                .join(" OR "),
        ),
    }
}

/// A dist-info `METADATA`'s license: `License-Expression` (PEP 639), else
/// a `License` field that reads as one, else the license classifiers
/// (several: OR), else a short `License` text as written.
pub fn pypi_license(metadata: &str) -> Option<String> {
    let headers: Vec<(&str, &str)> = metadata
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with([' ', '\t']))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let field = |name: &str| {
        headers
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_empty())
            .map(|(_, v)| *v)
    };
    if let Some(e) = field("License-Expression") {
        return Some(e.to_string());
    }
    let license = field("License").filter(|l| l.len() <= 100 && !l.eq_ignore_ascii_case("UNKNOWN"));
    if let Some(l) = license
        && super::normalize(l).is_some()
    {
        return Some(l.to_string());
    }
    let mut classified: Vec<String> = headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("Classifier"))
        .filter_map(|(_, v)| super::classifier(v))
        .collect();
    classified.dedup();
    if !classified.is_empty() {
        return Some(match classified.len() {
            1 => classified.remove(0),
            _ => classified
                .iter()
                .map(|l| format!("({l})"))
                .collect::<Vec<_>>()
                .join(" OR "),
        });
    }
    license.map(str::to_string)
}
