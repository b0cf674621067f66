//! Software bills of materials from the inventory: CycloneDX 1.6 JSON and
//! SPDX 2.3 JSON. Offline and deterministic: one component per package URL
//! (a package in several lockfiles is one component with an occurrence in
//! each), components and relationships sorted, no timestamp unless one is
//! given, and identifiers (the CycloneDX serial number, the SPDX document
//! namespace) derived from the content, so that the same tree gives the
//! same bytes and two SBOMs diff cleanly.

mod cyclonedx;
pub mod purl;
mod spdx;

pub use cyclonedx::write as write_cyclonedx;
pub use spdx::write as write_spdx;

use crate::license::License;
use crate::{Ecosystem, Package};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use techlead_project::pep503;

/// One component: every package of the inventory with the same URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// The version, or the range as written where no lockfile resolved it.
    pub version: String,
    pub purl: String,
    /// Unique in the document: the purl, with the range after it when the
    /// version is not exact.
    pub bom_ref: String,
    /// A project in the tree declares it (in any of its lockfiles).
    pub direct: bool,
    /// Only for development where every occurrence says so; needed at
    /// run time where any does; None where none says.
    pub dev: Option<bool>,
    pub license: Option<License>,
    /// Each lockfile or manifest that names it, with the line.
    pub occurrences: Vec<(String, u32)>,
    /// Indexes of the components it depends on; None where no lockfile
    /// that names it records dependencies (go.mod, pom.xml,
    /// requirements.txt): unknown, not none.
    pub depends: Option<BTreeSet<usize>>,
}

/// The whole bill: components sorted by URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sbom {
    /// The project's name (the root folder's, unless given).
    pub name: String,
    pub components: Vec<Component>,
}

/// What the writers add around the components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// RFC 3339, from `SOURCE_DATE_EPOCH` or `--timestamp`; None: no time
    /// is recorded (SPDX, which requires one, gets the Unix epoch and a
    /// comment saying so).
    pub timestamp: Option<String>,
    /// The generating tool's version.
    pub tool_version: String,
}

/// Builds the bill from the inventory's packages (licenses filled in by
/// the caller).
pub fn build(name: &str, packages: &[Package]) -> Sbom {
    let key = |p: &Package| {
        (
            purl::purl(p.ecosystem, &p.name, &p.version),
            p.version.clone(),
        )
    };
    // Components by (purl, version as written), in URL order.
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, p) in packages.iter().enumerate() {
        groups.entry(key(p)).or_default().push(i);
    }
    let mut index_of = vec![0usize; packages.len()];
    let mut components = Vec::with_capacity(groups.len());
    for (n, ((purl, version), members)) in groups.iter().enumerate() {
        let first = &packages[members[0]];
        let all = || members.iter().map(|&i| &packages[i]);
        let dev = if all().any(|p| p.dev == Some(false)) {
            Some(false)
        } else if all().all(|p| p.dev == Some(true)) {
            Some(true)
        } else {
            None
        };
        let mut occurrences: Vec<(String, u32)> =
            all().map(|p| (p.source.clone(), p.line)).collect();
        occurrences.sort();
        occurrences.dedup();
        let bom_ref = if purl::is_exact(version) {
            purl.clone()
        } else {
            format!("{purl}#range={version}")
        };
        components.push(Component {
            ecosystem: first.ecosystem,
            name: first.name.clone(),
            version: version.clone(),
            purl: purl.clone(),
            bom_ref,
            direct: all().any(|p| p.direct == Some(true)),
            dev,
            license: all().find_map(|p| p.license.clone()),
            occurrences,
            depends: None,
        });
        for &i in members {
            index_of[i] = n;
        }
    }
    // Edges: each package's references, resolved within its own file.
    let mut by_file: HashMap<(&str, String), Vec<usize>> = HashMap::new();
    for (i, p) in packages.iter().enumerate() {
        by_file
            .entry((p.source.as_str(), same_name(p.ecosystem, &p.name)))
            .or_default()
            .push(i);
    }
    for (i, p) in packages.iter().enumerate() {
        if !crate::formats::records_edges(&p.source) {
            continue;
        }
        let mut targets = BTreeSet::new();
        for d in &p.depends {
            let Some(candidates) =
                by_file.get(&(p.source.as_str(), same_name(p.ecosystem, &d.name)))
            else {
                continue;
            };
            let matching: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| d.version.as_ref().is_none_or(|v| *v == packages[c].version))
                .collect();
            // A name without a version that the file holds in several
            // versions says nothing about which: left out, not guessed.
            if let [one] = matching[..] {
                targets.insert(index_of[one]);
            }
        }
        let c = index_of[i];
        targets.remove(&c);
        components[c]
            .depends
            .get_or_insert_with(BTreeSet::new)
            .extend(targets);
    }
    Sbom {
        name: name.to_string(),
        components,
    }
}

/// Names compare as the registry does: PyPI's PEP 503-normalised.
fn same_name(eco: Ecosystem, name: &str) -> String {
    match eco {
        Ecosystem::Pypi => pep503(name),
        _ => name.to_string(),
    }
}

impl Sbom {
    /// The components that a project in the tree declares.
    pub fn direct(&self) -> impl Iterator<Item = (usize, &Component)> {
        self.components.iter().enumerate().filter(|(_, c)| c.direct)
    }

    /// A name-based UUID (RFC 9562 version 5, SHA-1) of `content`, so the
    /// same content always gets the same id.
    pub fn uuid(content: &[u8]) -> String {
        // The URL namespace of RFC 9562, appendix A.
        const NAMESPACE: [u8; 16] = [
            0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ];
        let mut data = NAMESPACE.to_vec();
        data.extend_from_slice(b"techlead:sbom:");
        data.extend_from_slice(content);
        // Version 5 is plain SHA-1; a detected collision attack only
        // concerns the id's uniqueness, so its plain digest is still used.
        let digest = match sha1dc::digest(&data) {
            Ok(d) => d.to_bytes(),
            Err(c) => c.digest().to_bytes(),
        };
        let mut b = [0u8; 16];
        b.copy_from_slice(&digest[..16]);
        b[6] = (b[6] & 0x0f) | 0x50;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }
}

/// The project's name for an SBOM: the `name` of the root's
/// package.json, Cargo.toml `[package]` or pyproject.toml `[project]`,
/// else the root folder's name.
pub fn project_name(root: &std::path::Path) -> String {
    let read = |name: &str| {
        techlead_core::read::regular_text(&root.join(name), techlead_core::read::CONFIG_LIMIT).ok()
    };
    let from_manifest = read("package.json")
        .and_then(|t| techlead_project::npm::PackageJson::parse(&t).ok()?.name)
        .or_else(|| {
            read("Cargo.toml").and_then(|t| {
                techlead_project::cargo::CargoManifest::parse(&t)
                    .ok()?
                    .package
            })
        })
        .or_else(|| {
            read("pyproject.toml")
                .and_then(|t| techlead_project::pyproject::Pyproject::parse(&t).ok()?.name)
        });
    from_manifest
        .filter(|n| !n.trim().is_empty())
        .or_else(|| root.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "project".to_string())
}

/// The occurrences as one line: `package-lock.json:12, web/yarn.lock:40`.
fn found_in(c: &Component) -> String {
    c.occurrences
        .iter()
        .map(|(s, l)| format!("{s}:{l}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
