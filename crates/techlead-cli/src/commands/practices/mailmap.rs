//! The one input of the commit log that is not a git object: the mailmap
//! its names and addresses go through. git reads it from the working
//! tree's `.mailmap` (a bare repository: HEAD's), and from `mailmap.file`
//! and `mailmap.blob` in the git configuration. A kept log is used only
//! with the `.mailmap` it was made with; where the configuration could
//! name another mailmap (it mentions one, includes another file, or comes
//! from the environment), no log is kept at all.

use std::path::{Path, PathBuf};
use techlead_practices::Tree;

/// The key of the mailmap of the repository holding `root`, whose HEAD's
/// tree is `head` when it is bare; None when the configuration could name
/// a mailmap of its own.
pub fn key(root: &Path, head: &dyn Tree) -> Option<u64> {
    if ["GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"]
        .iter()
        .any(|v| std::env::var_os(v).is_some())
    {
        return None;
    }
    let (mailmap, git_dirs) = match techlead_history::revision::top(root) {
        Some(top) => (std::fs::read(top.join(".mailmap")).ok(), git_dirs(&top)?),
        None => (head.read(".mailmap"), vec![root.to_path_buf()]),
    };
    let mut configs: Vec<PathBuf> = git_dirs
        .iter()
        .flat_map(|d| [d.join("config"), d.join("config.worktree")])
        .collect();
    configs.extend(user_configs());
    for path in configs {
        let Ok(text) = std::fs::read(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&text).to_ascii_lowercase();
        if text.contains("mailmap") || text.contains("include") {
            return None;
        }
    }
    let mut key = vec![u8::from(mailmap.is_some())];
    key.extend(mailmap.unwrap_or_default());
    Some(techlead_core::cache::content_hash(&key))
}

/// The git folders of a working tree at `top`: its `.git` folder, or the
/// one a `.git` file points to and its common folder.
fn git_dirs(top: &Path) -> Option<Vec<PathBuf>> {
    let dot = top.join(".git");
    if dot.is_dir() {
        return Some(vec![dot]);
    }
    let text = std::fs::read_to_string(&dot).ok()?;
    let dir = top.join(text.trim().strip_prefix("gitdir:")?.trim());
    let mut dirs = vec![dir.clone()];
    if let Ok(common) = std::fs::read_to_string(dir.join("commondir")) {
        dirs.push(dir.join(common.trim()));
    }
    Some(dirs)
}

/// The user's and the system's git configuration files.
fn user_configs() -> Vec<PathBuf> {
    let var = |name: &str| std::env::var_os(name).map(PathBuf::from);
    let mut out = Vec::new();
    match var("GIT_CONFIG_GLOBAL") {
        Some(p) => out.push(p),
        None => {
            if let Some(home) = var("HOME") {
                out.push(home.join(".gitconfig"));
                out.push(home.join(".config/git/config"));
            }
            out.extend(var("XDG_CONFIG_HOME").map(|x| x.join("git/config")));
        }
    }
    if var("GIT_CONFIG_NOSYSTEM").is_none() {
        out.push(var("GIT_CONFIG_SYSTEM").unwrap_or_else(|| "/etc/gitconfig".into()));
    }
    out
}
