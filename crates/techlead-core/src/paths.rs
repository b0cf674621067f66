//! Project root discovery and the one way paths are printed: relative to the
//! root, with `/` separators, on every platform.

use std::path::{Component, Path, PathBuf};

pub const CONFIG_FILE: &str = "techlead.toml";

/// The nearest ancestor of `start` (itself included) that holds
/// `techlead.toml` or `.git`, or is a bare repository; `start` itself when
/// there is none.
pub fn find_root(start: &Path) -> PathBuf {
    let start = absolute(start);
    for dir in start.ancestors() {
        if present(&dir.join(CONFIG_FILE)) || is_repository_root(dir) {
            return dir.to_path_buf();
        }
    }
    start
}

/// Walks up from `start` looking for `techlead.toml`, stopping at the
/// repository root (the first folder holding `.git`).
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = absolute(start);
    for dir in start.ancestors() {
        let candidate = dir.join(CONFIG_FILE);
        if present(&candidate) {
            return Some(candidate);
        }
        if is_repository_root(dir) {
            return None;
        }
    }
    None
}

/// Whether a name is taken, whatever it is: a `techlead.toml` that is a
/// folder, a dangling link or a symlink loop is found, so loading it fails
/// with exit 2 instead of the file being silently ignored.
fn present(path: &Path) -> bool {
    if crate::source::mounted(path) {
        return crate::source::exists(path);
    }
    std::fs::symlink_metadata(path).is_ok()
}

/// A folder holding `.git`, or a bare repository (a clone made with
/// `--bare`, or a mirror). Without the second, `--repo some.git` inside
/// another repository's work tree would read the repository around it.
/// A work tree's own `.git` folder is not one: it belongs to the folder
/// above.
fn is_repository_root(dir: &Path) -> bool {
    if dir.join(".git").exists() {
        return true;
    }
    dir.file_name().is_some_and(|n| n != ".git")
        && dir.join("HEAD").is_file()
        && dir.join("objects").is_dir()
        && dir.join("refs").is_dir()
}

/// An absolute, lexically normalised path (no `.` or `..`), without touching
/// the file system beyond the current directory.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("."))
            .join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A path named on the command line, made absolute and checked to exist
/// inside the project root: an input error naming it otherwise.
pub fn inside_root(root: &Path, path: &Path) -> Result<PathBuf, crate::InputError> {
    let abs = absolute(&root.join(path));
    if !abs.starts_with(root) {
        return Err(
            crate::InputError::in_file(path, "is outside the project root").with_help(format!(
                "run techlead from inside {}, or pass --repo",
                root.display()
            )),
        );
    }
    if let Err(e) = std::fs::symlink_metadata(&abs) {
        // Named as every output names files: relative to the root.
        return Err(crate::InputError::io(display_rel(root, &abs), &e));
    }
    Ok(abs)
}

/// `path` relative to `root` with `/` separators; the path as given when it
/// is outside the root.
pub fn display_rel(root: &Path, path: &Path) -> String {
    // Fast path, taken for every file of a folder scan: both paths already
    // absolute and normal, so no `.`/`..` resolution is needed.
    if path.is_absolute()
        && root.is_absolute()
        && let Ok(rel) = path.strip_prefix(root)
        && rel.components().all(|c| matches!(c, Component::Normal(_)))
    {
        let s = rel.to_string_lossy();
        return match (s.is_empty(), cfg!(windows)) {
            (true, _) => ".".to_string(),
            (false, true) => s.replace('\\', "/"),
            (false, false) => s.into_owned(),
        };
    }
    let abs = absolute(path);
    let Ok(rel) = abs.strip_prefix(absolute(root)) else {
        return abs.to_string_lossy().replace('\\', "/");
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_nearest_marker() {
        let tmp = tempfile::tempdir().unwrap();
        let nested = tmp.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir(tmp.path().join(".git")).unwrap();
        assert_eq!(find_root(&nested), absolute(tmp.path()));
        std::fs::write(tmp.path().join("a").join(CONFIG_FILE), "").unwrap();
        assert_eq!(find_root(&nested), absolute(&tmp.path().join("a")));
        assert_eq!(
            find_config(&nested),
            Some(absolute(&tmp.path().join("a/techlead.toml")))
        );
    }

    #[test]
    fn a_bare_repository_is_a_root_and_a_work_trees_git_folder_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join(".git")).unwrap();
        for git_dir in ["inner.git", ".git"] {
            let dir = tmp.path().join(git_dir);
            std::fs::create_dir_all(dir.join("objects")).unwrap();
            std::fs::create_dir_all(dir.join("refs")).unwrap();
            std::fs::write(dir.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        }
        let inner = tmp.path().join("inner.git");
        assert_eq!(find_root(&inner), absolute(&inner));
        assert_eq!(find_root(&inner.join("objects")), absolute(&inner));
        assert_eq!(find_root(&tmp.path().join(".git")), absolute(tmp.path()));
        // A folder with only some of a repository's parts is not one.
        let half = tmp.path().join("half");
        std::fs::create_dir_all(half.join("objects")).unwrap();
        std::fs::write(half.join("HEAD"), "").unwrap();
        assert_eq!(find_root(&half), absolute(tmp.path()));
    }

    #[test]
    fn config_search_stops_at_repository_root() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(CONFIG_FILE), "").unwrap();
        let repo = tmp.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        assert_eq!(find_config(&repo), None);
    }

    #[test]
    fn relative_display_uses_slashes() {
        assert_eq!(
            display_rel(Path::new("/r"), Path::new("/r/docs/adr/x.md")),
            "docs/adr/x.md"
        );
        assert_eq!(display_rel(Path::new("/r"), Path::new("/r")), ".");
        assert_eq!(
            display_rel(Path::new("/r"), Path::new("/elsewhere/x")),
            "/elsewhere/x"
        );
    }
}
