//! The two trees the scorecard reads: a working tree (files on disk,
//! `.gitignore` honoured, hidden files such as `.github/` included), or a
//! commit's tree read through git (a bare repository's HEAD, and every
//! quarter's end for the team table).

use std::path::{Path, PathBuf};
use techlead_history::tree::GitTree;
use techlead_practices::Tree;

/// Installed and build output folders: other projects' files, not ours.
const SKIP_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    ".venv",
    "venv",
    "target",
    "__pycache__",
];

pub struct WorkTree {
    root: PathBuf,
    files: Vec<String>,
}

impl WorkTree {
    pub fn read(root: &Path) -> WorkTree {
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && SKIP_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
            })
            .build();
        let mut files: Vec<String> = walker
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .filter_map(|e| {
                let rel = e.path().strip_prefix(root).ok()?;
                let parts: Option<Vec<&str>> =
                    rel.components().map(|c| c.as_os_str().to_str()).collect();
                Some(parts?.join("/"))
            })
            .collect();
        files.sort();
        WorkTree {
            root: root.to_path_buf(),
            files,
        }
    }
}

impl Tree for WorkTree {
    fn files(&self) -> &[String] {
        &self.files
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        std::fs::read(self.root.join(path)).ok()
    }

    fn size(&self, path: &str) -> Option<u64> {
        std::fs::metadata(self.root.join(path))
            .ok()
            .map(|m| m.len())
    }
}

/// A commit's tree, as the scorecard's [`Tree`].
pub struct Commit(pub GitTree);

impl Tree for Commit {
    fn files(&self) -> &[String] {
        self.0.files()
    }

    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.0.read(path)
    }

    fn size(&self, path: &str) -> Option<u64> {
        self.0.size(path)
    }
}
