//! Project root discovery and the one way paths are printed: relative to the
//! root, with `/` separators, on every platform.

use std::path::{Component, Path, PathBuf};

pub const CONFIG_FILE: &str = "techlead.toml";

/// The nearest ancestor of `start` (itself included) that holds
/// `techlead.toml` or `.git`; `start` itself when there is none.
pub fn find_root(start: &Path) -> PathBuf {
    let start = absolute(start);
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() || dir.join(".git").exists() {
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
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
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
