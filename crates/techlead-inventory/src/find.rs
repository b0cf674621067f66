//! Finding the lockfiles and manifests in a tree, reading them and running
//! their parsers in parallel.

use crate::formats::{Format, format_of};
use crate::license::{License, Origin};
use crate::unread::Unread;
use crate::{Dep, Ecosystem, Package};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use techlead_core::InputError;

/// What the inventory read: every external package the lockfiles and
/// manifests name, sorted, and the files that could not be read (each an
/// error naming the file and line; the other files are still read).
#[derive(Debug, Default)]
pub struct Inventory {
    pub packages: Vec<Package>,
    pub errors: Vec<InputError>,
    /// Manifests found but not read: formats techlead does not read, and
    /// manifests with no lockfile beside or above them. Sorted by path.
    pub unread: Vec<Unread>,
    /// The tree's own packages, by the name their manifests give them
    /// (package.json `name`, Cargo `[package] name`, pyproject `name`):
    /// an import of one of these is not a use of a registry package that
    /// happens to have the same name.
    pub local: Vec<(Ecosystem, String)>,
}

/// The manifests the walk found, by kind, as (relative, absolute) paths.
#[derive(Default)]
pub(crate) struct Found {
    pub root: PathBuf,
    pub lockfiles: Vec<(String, PathBuf, &'static Format)>,
    pub cargo: Vec<(String, PathBuf)>,
    pub package_json: Vec<(String, PathBuf)>,
    pub pnpm_workspace: Vec<(String, PathBuf)>,
    pub pyproject: Vec<(String, PathBuf)>,
    pub go_work: Vec<(String, PathBuf)>,
    /// Other manifests the walk saw that [`crate::unread`] looks at.
    pub others: Vec<String>,
}

pub fn inventory(root: &Path) -> Inventory {
    let mut found = Found {
        root: root.to_path_buf(),
        ..Found::default()
    };
    // The project's one walker (techlead-project): installed, vendored
    // and build folders hold other projects' lockfiles, not ours.
    // A past commit's tree mounted for a backfill is listed from git.
    let purpose = techlead_project::walk::Purpose::Manifests;
    let listed = techlead_project::mounted::files(root, purpose).unwrap_or_else(|| {
        techlead_project::walk::walker(root, purpose)
            .build()
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .collect()
    });
    for abs in listed {
        let Some(rel) = techlead_project::walk::relative(root, &abs) else {
            continue;
        };
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        match name {
            "Cargo.toml" => found.cargo.push((rel.clone(), abs.clone())),
            "package.json" => found.package_json.push((rel.clone(), abs.clone())),
            "pnpm-workspace.yaml" => found.pnpm_workspace.push((rel.clone(), abs.clone())),
            "pyproject.toml" => found.pyproject.push((rel.clone(), abs.clone())),
            "go.work" => found.go_work.push((rel.clone(), abs.clone())),
            _ => {}
        }
        match format_for(&rel) {
            Some(format) => found.lockfiles.push((rel, abs, format)),
            None if crate::unread::interesting(name) => found.others.push(rel),
            None => {}
        }
    }
    // A pyproject.toml with no Python lockfile beside or above it is read
    // as a manifest of its own, as requirements.txt is.
    let unlocked: Vec<(String, PathBuf, &'static Format)> =
        crate::unread::unlocked_pyprojects(&found)
            .into_iter()
            .map(|(rel, abs)| (rel, abs, &crate::formats::PYPROJECT))
            .collect();
    let mut files: Vec<&(String, PathBuf, &'static Format)> =
        found.lockfiles.iter().chain(&unlocked).collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let parsed: Vec<Result<Vec<Package>, InputError>> = files
        .par_iter()
        .map(|(rel, abs, format)| parse_file(rel, abs, format))
        .collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in parsed {
        match p {
            Ok(p) => out.extend(p),
            Err(e) => errors.push(e),
        }
    }
    crate::members::cargo_members(&mut out, &found.cargo);
    crate::members::npm_workspaces(&mut out, &found);
    crate::members::fill_declared_by(&mut out);
    let own = crate::reactor::Own::find(&found);
    own.drop_from(&mut out);
    // Parsers return their packages in file order, which lockfiles keep
    // sorted by name: a stable sort finds those runs.
    sort_by_index(&mut out, Ord::cmp);
    Inventory {
        packages: out,
        errors,
        unread: crate::unread::unread(&found),
        local: {
            let mut local = crate::members::local_packages(&found);
            local.extend(own.names());
            local.sort();
            local.dedup();
            local
        },
    }
}

/// A manifest's text, through the kernel's read path (a regular file of at
/// most the lockfile limit; a past commit's blob under a backfill's mount).
pub(crate) fn text(path: &Path) -> std::io::Result<String> {
    techlead_core::read::regular_text(path, techlead_core::read::LOCKFILE_LIMIT)
}

/// The format of a path: by file name, plus `requirements/*.txt`.
fn format_for(rel: &str) -> Option<&'static Format> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if let Some(f) = format_of(name) {
        return Some(f);
    }
    let in_requirements_dir = rel.rsplit('/').nth(1).is_some_and(|d| d == "requirements");
    if in_requirements_dir && name.ends_with(".txt") {
        return format_of("requirements.txt");
    }
    None
}

fn parse_file(rel: &str, abs: &Path, format: &Format) -> Result<Vec<Package>, InputError> {
    let text = read_text(rel, abs)?;
    let manifest = match format.manifest {
        Some(name) => {
            let path = abs.with_file_name(name);
            techlead_core::read::regular_file(&path, techlead_core::read::LOCKFILE_LIMIT)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        }
        None => None,
    };
    let deps = (format.parse)(&text, manifest.as_deref())
        .map_err(|e| InputError::in_file(rel, e.message).at(e.line.max(1) as usize, None))?;
    let dev_by_name = requirements_dev(rel);
    // A lockfile names few licenses many times (100,000 entries, a handful
    // of texts): each text is normalised to SPDX once.
    let mut licenses: HashMap<String, License> = HashMap::new();
    let mut license = |text: String| match licenses.get(&text) {
        Some(l) => l.clone(),
        None => {
            let l = License::new(&text, Origin::Lockfile);
            licenses.insert(text, l.clone());
            l
        }
    };
    Ok(deps
        .into_iter()
        .map(|d: Dep| Package {
            ecosystem: format.ecosystem,
            name: d.name,
            version: d.version,
            direct: d.direct,
            dev: d.dev.or(if format.manifest.is_none() {
                dev_by_name
            } else {
                None
            }),
            source: rel.to_string(),
            declared_by: d.declared_by,
            requested: d.requested,
            line: d.line,
            released: d.released,
            license: d.license.map(&mut license),
            depends: d.depends,
        })
        .collect())
}

/// A stable sort of `items` by `cmp` that moves each item once: indexes
/// are sorted and the items put in their order in place, by following the
/// permutation's cycles. A `Package` is a few hundred bytes, and a merge
/// sort that moves them log n times (through a scratch copy of half of
/// them) cost more than its comparisons on a 100,000-package lockfile.
pub(crate) fn sort_by_index<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater) {
        return;
    }
    // `order[k]`: where the item that belongs at `k` is now.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]));
    for start in 0..items.len() {
        // Each cycle once: a placed position points at itself.
        let mut k = start;
        while order[k] != start && order[k] != k {
            let from = order[k];
            items.swap(k, from);
            order[k] = k;
            k = from;
        }
        order[k] = k;
    }
}

/// requirements-dev.txt, requirements/test.txt: development only, by name.
fn requirements_dev(rel: &str) -> Option<bool> {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let is_requirements = name.starts_with("requirements") || rel.contains("requirements/");
    if !is_requirements || !name.ends_with(".txt") {
        return None;
    }
    ["dev", "test", "lint", "doc", "ci"]
        .iter()
        .any(|w| name.contains(w))
        .then_some(true)
}

fn read_text(rel: &str, abs: &Path) -> Result<String, InputError> {
    let bytes = techlead_core::read::regular_file(abs, techlead_core::read::LOCKFILE_LIMIT)
        .map_err(|e| InputError::io(rel, &e))?;
    if bytes.len() > 256 * 1024 * 1024 {
        return Err(InputError::in_file(
            rel,
            "larger than 256 MiB; not a lockfile techlead reads",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        InputError::in_file(rel, "invalid UTF-8").at(line, None)
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_files_and_dev_by_name() {
        assert!(format_for("requirements.txt").is_some());
        assert!(format_for("svc/requirements-dev.txt").is_some());
        assert!(format_for("requirements/base.txt").is_some());
        assert!(format_for("docs/notes.txt").is_none());
        assert_eq!(requirements_dev("requirements-dev.txt"), Some(true));
        assert_eq!(requirements_dev("requirements/test.txt"), Some(true));
        assert_eq!(requirements_dev("requirements.txt"), None);
    }

    #[test]
    fn sorting_by_index_is_a_stable_sort() {
        let mut v: Vec<(u8, u32)> = (0..200u32).map(|i| ((i * 7 % 5) as u8, i)).collect();
        let mut expected = v.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_index(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, expected);
        let mut sorted = expected.clone();
        sort_by_index(&mut sorted, |a, b| a.0.cmp(&b.0));
        assert_eq!(sorted, expected);
    }
}
