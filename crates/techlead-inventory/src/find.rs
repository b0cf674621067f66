//! Finding the lockfiles and manifests in a tree, reading them and running
//! their parsers in parallel.

use crate::formats::{Format, format_of};
use crate::{Dep, Package};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use techlead_core::InputError;

/// Installed and vendored trees hold other projects' lockfiles, not ours.
const SKIP_DIRS: &[&str] = &["node_modules", ".venv", "venv", "vendor", "target", ".git"];

/// What the inventory read: every external package the lockfiles and
/// manifests name, sorted, and the files that could not be read (each an
/// error naming the file and line; the other files are still read).
#[derive(Debug, Default)]
pub struct Inventory {
    pub packages: Vec<Package>,
    pub errors: Vec<InputError>,
}

pub fn inventory(root: &Path) -> Inventory {
    let mut files: Vec<(String, PathBuf, &'static Format)> = Vec::new();
    let mut cargo_manifests: Vec<(String, PathBuf)> = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIP_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Some(rel) = relative(root, entry.path()) else {
            continue;
        };
        if rel == "Cargo.toml" || rel.ends_with("/Cargo.toml") {
            cargo_manifests.push((rel.clone(), entry.path().to_path_buf()));
        }
        if let Some(format) = format_for(&rel) {
            files.push((rel, entry.into_path(), format));
        }
    }
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
    cargo_dev_from_members(&mut out, &cargo_manifests);
    out.sort();
    Inventory {
        packages: out,
        errors,
    }
}

/// A workspace's Cargo.lock sits beside the root manifest, but members
/// declare the dependencies: a direct crate that some member needs at run
/// or build time is not dev; one that members only name under
/// dev-dependencies is.
fn cargo_dev_from_members(packages: &mut [Package], manifests: &[(String, PathBuf)]) {
    let mut by_lock: std::collections::HashMap<String, (HashSet<String>, HashSet<String>)> =
        Default::default();
    for p in packages.iter_mut() {
        if p.ecosystem != crate::Ecosystem::Cargo || p.direct != Some(true) || p.dev.is_some() {
            continue;
        }
        let dir = p.source.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let (runtime, dev) = by_lock.entry(dir.clone()).or_insert_with(|| {
            let mut runtime = HashSet::new();
            let mut dev = HashSet::new();
            for (rel, abs) in manifests {
                if dir.is_empty() || rel.starts_with(&format!("{dir}/")) {
                    let text = std::fs::read_to_string(abs).unwrap_or_default();
                    let (r, d) = crate::formats::cargo_manifest_names(&text);
                    runtime.extend(r);
                    dev.extend(d);
                }
            }
            (runtime, dev)
        });
        if runtime.contains(&p.name) {
            p.dev = Some(false);
        } else if dev.contains(&p.name) {
            p.dev = Some(true);
        }
    }
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
            match std::fs::read(&path) {
                Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                Err(_) => None,
            }
        }
        None => None,
    };
    let deps = (format.parse)(&text, manifest.as_deref())
        .map_err(|e| InputError::in_file(rel, e.message).at(e.line.max(1) as usize, None))?;
    let dev_by_name = requirements_dev(rel);
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
            line: d.line,
            released: d.released,
        })
        .collect())
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

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
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
}
