//! Which top-level modules a PyPI distribution installs: `gitpython` is
//! imported as `git`, `pyyaml` as `yaml`, `protobuf` as `google.protobuf`.
//!
//! The installed metadata says it best: a virtual environment in the
//! project (`.venv`, `venv`, or any folder with a `pyvenv.cfg`, at the
//! root or beside a Python manifest) holds a `*.dist-info` folder per
//! distribution, whose `top_level.txt` (setuptools) or else `RECORD` (every
//! installed file) names its modules. Without an environment, or for a
//! distribution not installed there, a table shipped with techlead
//! (`data/pypi_import_names.tsv`) covers the common differences; a name
//! in neither is imported as itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use techlead_core::source;
use techlead_project::pep503;

const TABLE: &str = include_str!("../data/pypi_import_names.tsv");

/// PEP 503 distribution name -> its top-level import names.
fn table() -> &'static HashMap<String, Vec<String>> {
    static T: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(d, imports)| {
                (
                    pep503(d),
                    imports.split_whitespace().map(str::to_string).collect(),
                )
            })
            .collect()
    })
}

/// The import names of PyPI distributions, from the project's virtual
/// environments and the shipped table.
#[derive(Debug, Default, Clone)]
pub struct PypiImportNames {
    /// From installed metadata: PEP 503 name -> top-level modules.
    installed: HashMap<String, Vec<String>>,
    /// The environments read, relative to the root.
    pub environments: Vec<String>,
}

impl PypiImportNames {
    /// Reads the virtual environments in `root` and in `folders` (relative
    /// to it; the folders of the Python manifests).
    pub fn load<'a>(root: &Path, folders: impl IntoIterator<Item = &'a str>) -> Self {
        let mut out = PypiImportNames::default();
        for (rel, sites) in environments(root, folders) {
            let mut any = false;
            for site in sites {
                any |= out.read_site_packages(&site);
            }
            if any {
                out.environments.push(rel);
            }
        }
        out
    }

    fn read_site_packages(&mut self, site: &Path) -> bool {
        // Through the kernel: a backfill's mounted tree answers too.
        let Ok(entries) = source::read_dir(site) else {
            return false;
        };
        for (folder, _) in entries {
            let Some(stem) = folder
                .strip_suffix(".dist-info")
                .or_else(|| folder.strip_suffix(".egg-info"))
            else {
                continue;
            };
            let meta = site.join(&folder);
            let name = distribution_name(&meta)
                .unwrap_or_else(|| stem.split('-').next().unwrap_or(stem).to_string());
            let modules = top_level(&meta);
            if !modules.is_empty() {
                self.installed
                    .entry(pep503(&name))
                    .or_default()
                    .extend(modules);
            }
        }
        true
    }

    /// The top-level modules a distribution installs: from an environment
    /// if it is installed there, else from the table, else its own name
    /// with `-` as `_`. Dotted names (`google.protobuf`) keep their dots.
    pub fn import_names(&self, distribution: &str) -> Vec<String> {
        let norm = pep503(distribution);
        if let Some(m) = self.installed.get(&norm) {
            return m.clone();
        }
        if let Some(m) = table().get(&norm) {
            return m.clone();
        }
        vec![norm.replace('-', "_")]
    }
}

/// The virtual environments in `root` and in `folders` (relative to it):
/// `.venv`, `venv` or any folder with a `pyvenv.cfg`, each as its path
/// relative to the root and its site-packages folders.
pub(crate) fn environments<'a>(
    root: &Path,
    folders: impl IntoIterator<Item = &'a str>,
) -> Vec<(String, Vec<PathBuf>)> {
    let mut dirs: Vec<&str> = folders.into_iter().collect();
    dirs.push("");
    dirs.sort();
    dirs.dedup();
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = source::read_dir(&root.join(dir)) else {
            continue;
        };
        let mut venvs: Vec<(String, PathBuf)> = entries
            .into_iter()
            .filter(|(_, kind)| *kind == source::Kind::Dir)
            .map(|(name, _)| {
                let path = root.join(dir).join(&name);
                (name, path)
            })
            .filter(|(name, path)| {
                name == ".venv" || name == "venv" || techlead_project::walk::is_virtualenv(path)
            })
            .collect();
        venvs.sort();
        for (name, path) in venvs {
            let rel = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            out.push((rel, site_packages(&path)));
        }
    }
    out
}

/// Every site-packages folder of one environment (POSIX `lib/pythonX.Y`,
/// `lib64`, Windows `Lib`).
fn site_packages(venv: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for lib in ["lib", "lib64", "Lib"] {
        let Ok(entries) = source::read_dir(&venv.join(lib)) else {
            continue;
        };
        for (name, _) in entries {
            let path = venv.join(lib).join(&name);
            if lib == "Lib" && name == "site-packages" {
                out.push(path);
            } else if name.starts_with("python") {
                out.push(path.join("site-packages"));
            }
        }
    }
    out.sort();
    out
}

/// `Name:` from a dist-info's METADATA (or an egg-info's PKG-INFO).
fn distribution_name(meta: &Path) -> Option<String> {
    let text = crate::find::text(&meta.join("METADATA"))
        .or_else(|_| crate::find::text(&meta.join("PKG-INFO")))
        .ok()?;
    text.lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("Name:"))
        .map(|n| n.trim().to_string())
}

/// `top_level.txt`, else the first path element of each file in RECORD
/// that is a package or a module (not metadata, scripts or caches).
fn top_level(meta: &Path) -> Vec<String> {
    if let Ok(text) = crate::find::text(&meta.join("top_level.txt")) {
        let names: Vec<String> = text
            .lines()
            .map(|l| l.trim().replace('/', "."))
            .filter(|l| !l.is_empty())
            .collect();
        if !names.is_empty() {
            return names;
        }
    }
    let Ok(record) = crate::find::text(&meta.join("RECORD")) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for line in record.lines() {
        let path = line.split(',').next().unwrap_or_default().trim_matches('"');
        let first = path.split('/').next().unwrap_or_default();
        let single = !path.contains('/');
        let module = if single {
            // `six.py`, `_cffi_backend.cpython-312-x86_64-linux-gnu.so`.
            let Some(stem) = [".py", ".so", ".pyd"]
                .iter()
                .find_map(|ext| first.strip_suffix(ext))
            else {
                continue;
            };
            stem.split('.').next().unwrap_or(stem)
        } else {
            first
        };
        let skip = module.is_empty()
            || module == ".."
            || module == "__pycache__"
            || module.ends_with(".dist-info")
            || module.ends_with(".data")
            || module.ends_with(".egg-info")
            || module.contains(|c: char| !(c.is_alphanumeric() || c == '_'));
        if !skip && !out.iter().any(|m| m == module) {
            out.push(module.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed_and_names_only_differences() {
        let mut seen = std::collections::HashSet::new();
        for l in TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (d, imports) = l.split_once('\t').expect("a tab after the name");
            assert_eq!(d, pep503(d), "{d}: write the PEP 503 name");
            assert!(seen.insert(d), "{d} twice");
            let names: Vec<&str> = imports.split_whitespace().collect();
            assert!(!names.is_empty(), "{d}: no import name");
            assert!(
                names.len() > 1 || names[0].contains('.') || pep503(names[0]) != d,
                "{d}: imported as itself needs no line"
            );
        }
        assert!(seen.len() >= 250, "{} entries", seen.len());
    }

    #[test]
    fn installed_metadata_wins_over_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("env/lib/python3.12/site-packages");
        let write = |rel: &str, text: &str| {
            let p = site.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        std::fs::write(dir.path().join("env/pyvenv.cfg"), "home = /usr\n").ok();
        write(
            "GitPython-3.1.43.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: GitPython\n\nbody\n",
        );
        write("GitPython-3.1.43.dist-info/top_level.txt", "git\n");
        write("my_odd_dist-1.0.dist-info/METADATA", "Name: my-odd-dist\n");
        write(
            "my_odd_dist-1.0.dist-info/RECORD",
            "oddmod/__init__.py,sha256=x,1\noddmod/__pycache__/x.pyc,,\nsingle.py,,\n_ext.cpython-312-x86_64-linux-gnu.so,,\nmy_odd_dist-1.0.dist-info/RECORD,,\n../../bin/odd,,\n",
        );
        std::fs::write(dir.path().join("env/pyvenv.cfg"), "home = /usr\n").unwrap();
        let names = PypiImportNames::load(dir.path(), []);
        assert_eq!(names.environments, ["env"]);
        assert_eq!(names.import_names("gitpython"), ["git"]);
        assert_eq!(
            names.import_names("My_Odd.Dist"),
            ["oddmod", "single", "_ext"]
        );
        // Not installed: the table, else the name itself.
        assert_eq!(names.import_names("PyYAML"), ["yaml", "_yaml"]);
        assert_eq!(names.import_names("flask-cors"), ["flask_cors"]);
        assert!(
            PypiImportNames::load(&dir.path().join("none"), [])
                .environments
                .is_empty()
        );
    }
}
