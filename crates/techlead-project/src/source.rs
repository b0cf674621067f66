//! A project's files as a source tree: the working tree on disk, or a
//! commit's tree read from git objects (the CLI lends that one, built on
//! techlead-history's reader). Whoever reads a tree through [`SourceTree`]
//! works the same on a checkout and on a past commit that was never
//! checked out (`techlead snapshot --backfill`).
//!
//! Both kinds apply the walker's skip list ([`crate::walk`]): installed
//! packages ([`crate::walk::INSTALLED`]) and Python virtual environments
//! are never the project's files. A commit's tree has only tracked files,
//! so `.gitignore` does not apply to it.

use crate::walk::{self, Purpose};
use std::path::{Path, PathBuf};

/// A project's files: listed with their sizes, read by path. Paths are
/// relative to the project root, `/`-separated, sorted.
pub trait SourceTree {
    /// Every file of the project, sorted.
    fn files(&self) -> &[String];
    /// A file's size in bytes; None when it is not in the tree.
    fn size(&self, path: &str) -> Option<u64>;
    /// A file's bytes; Err names what could not be read (a missing object
    /// in a shallow clone, an unreadable file).
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
}

/// The working tree, as [`walk::walker`] sees it for code: `.gitignore`
/// honoured, hidden files and the skip list left out.
pub struct WorkTree {
    root: PathBuf,
    files: Vec<String>,
}

impl WorkTree {
    pub fn read(root: &Path) -> WorkTree {
        let mut files: Vec<String> = walk::walker(root, Purpose::Code)
            .build()
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .filter_map(|e| walk::relative(root, e.path()))
            .collect();
        files.sort();
        WorkTree {
            root: root.to_path_buf(),
            files,
        }
    }
}

impl SourceTree for WorkTree {
    fn files(&self) -> &[String] {
        &self.files
    }

    fn size(&self, path: &str) -> Option<u64> {
        self.files.binary_search_by(|p| p.as_str().cmp(path)).ok()?;
        std::fs::metadata(self.root.join(path))
            .ok()
            .map(|m| m.len())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.root.join(path)).map_err(|e| format!("{path}: {e}"))
    }
}

/// Does the skip list leave this tracked path out? Any folder on its way
/// that is an installed-packages folder, or a virtual environment (a
/// folder whose tracked files include `pyvenv.cfg`, as `venvs` lists).
pub fn skipped(path: &str, venvs: &[&str]) -> bool {
    let folders = path.split('/').rev().skip(1);
    if folders.into_iter().any(|f| Purpose::Code.skips_name(f)) {
        return true;
    }
    venvs
        .iter()
        .any(|v| path.strip_prefix(v).is_some_and(|r| r.starts_with('/')))
}

/// The folders of a list of tracked files that are Python virtual
/// environments (they hold a `pyvenv.cfg`, PEP 405).
pub fn virtualenvs(files: &[String]) -> Vec<&str> {
    files
        .iter()
        .filter_map(|f| f.strip_suffix("/pyvenv.cfg"))
        .collect()
}

/// Writes every file of `tree` the skip list keeps under `dest` (an empty
/// scratch folder), so that readers of the file system see the tree's
/// files as a checkout would give them, without any checkout: no index, no
/// working tree and no ref of the repository is touched. Returns how many
/// files were written; the first file that cannot be read stops it.
pub fn materialize(tree: &dyn SourceTree, dest: &Path) -> Result<usize, String> {
    let venvs = virtualenvs(tree.files());
    let mut written = 0;
    for path in tree.files() {
        if skipped(path, &venvs) || !safe(path) {
            continue;
        }
        let bytes = tree.read(path)?;
        let to = dest.join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
        written += 1;
    }
    Ok(written)
}

/// A tracked path that stays inside the scratch folder: no `..`, no
/// absolute part, no `.git` (git itself refuses such paths; a hostile
/// tree object could still hold them).
fn safe(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != ".." && !c.eq_ignore_ascii_case(".git"))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Listed(Vec<String>);

    impl SourceTree for Listed {
        fn files(&self) -> &[String] {
            &self.0
        }
        fn size(&self, path: &str) -> Option<u64> {
            Some(path.len() as u64)
        }
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            Ok(path.as_bytes().to_vec())
        }
    }

    #[test]
    fn materialize_keeps_the_tree_minus_the_skip_list() {
        let tree = Listed(
            [
                ".github/workflows/ci.yml",
                "a.py",
                "env/lib/site.py",
                "env/pyvenv.cfg",
                "node_modules/x/package.json",
                "src/.venv/y.py",
                "vendor/x/go.mod",
                "../escape",
                "x/.git/config",
            ]
            .map(String::from)
            .to_vec(),
        );
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(materialize(&tree, dir.path()), Ok(3));
        let wt = WorkTree::read(dir.path());
        // The work tree leaves hidden files out; the scratch copy has them.
        assert_eq!(wt.files(), ["a.py", "vendor/x/go.mod"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".github/workflows/ci.yml")).unwrap(),
            ".github/workflows/ci.yml"
        );
        assert_eq!(wt.size("a.py"), Some(4));
        assert_eq!(wt.size("missing"), None);
        assert_eq!(wt.read("a.py").unwrap(), b"a.py");
        assert!(wt.read("missing").unwrap_err().starts_with("missing: "));
    }
}
