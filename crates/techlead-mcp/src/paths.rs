//! Path arguments. An assistant may name any path; the server reads and
//! writes only inside the project root. A path that leaves it (`..`, an
//! absolute path elsewhere, a symbolic link pointing out) is refused
//! before anything is read.

use crate::tools::ToolError;
use std::path::{Component, Path, PathBuf};

/// `given` (relative to the root, or absolute inside it) as a root-relative
/// path with `/` separators; `.` for the root itself.
pub fn inside(root: &Path, given: &str) -> Result<String, ToolError> {
    let refuse = |why: &str| {
        ToolError::Refused(format!(
            "`{given}` is outside the project root ({why}): only paths inside {} are read",
            root.display()
        ))
    };
    if given.trim().is_empty() {
        return Err(ToolError::BadArguments("the path is empty".into()));
    }
    if given.contains('\0') {
        return Err(ToolError::BadArguments("the path holds a NUL byte".into()));
    }
    let given_path = Path::new(given.trim());
    let relative: PathBuf = if given_path.is_absolute() {
        match strip_root(root, given_path) {
            Some(r) => r,
            None => return Err(refuse("an absolute path elsewhere")),
        }
    } else {
        given_path.to_path_buf()
    };
    let mut parts: Vec<String> = Vec::new();
    for c in relative.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err(refuse("it climbs above the root"));
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(refuse("an absolute path elsewhere"));
            }
        }
    }
    // A symbolic link inside the tree may point out of it: the deepest
    // part of the path that exists must resolve inside the root.
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut existing = root.to_path_buf();
    let mut deepest = canonical_root.clone();
    for p in &parts {
        existing.push(p);
        match existing.canonicalize() {
            Ok(c) => deepest = c,
            Err(_) => break,
        }
    }
    if !deepest.starts_with(&canonical_root) {
        return Err(refuse("a symbolic link leads out of it"));
    }
    Ok(if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    })
}

/// An absolute path below `root` (as given, or both canonical), relative.
fn strip_root(root: &Path, path: &Path) -> Option<PathBuf> {
    if let Ok(r) = path.strip_prefix(root) {
        return Some(r.to_path_buf());
    }
    let canonical_root = root.canonicalize().ok()?;
    if let Ok(r) = path.strip_prefix(&canonical_root) {
        return Some(r.to_path_buf());
    }
    // The file may not exist yet: canonicalise its parent.
    let parent = path.parent()?.canonicalize().ok()?;
    let rest = parent.strip_prefix(&canonical_root).ok()?;
    Some(rest.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_pass_and_outside_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("src/a")).unwrap();
        assert_eq!(inside(root, "src/a/../a/x.rs").unwrap(), "src/a/x.rs");
        assert_eq!(inside(root, "./src/").unwrap(), "src");
        assert_eq!(inside(root, ".").unwrap(), ".");
        let abs = root.join("src/new.rs");
        assert_eq!(inside(root, abs.to_str().unwrap()).unwrap(), "src/new.rs");
        for bad in ["../x", "src/../../x", "/etc/passwd"] {
            assert!(
                matches!(inside(root, bad), Err(ToolError::Refused(_))),
                "{bad}"
            );
        }
        assert!(matches!(inside(root, ""), Err(ToolError::BadArguments(_))));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_root_is_refused() {
        let d = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(out.path(), d.path().join("link")).unwrap();
        assert!(matches!(
            inside(d.path(), "link/secret.txt"),
            Err(ToolError::Refused(_))
        ));
    }
}
