//! The project walker over a mounted tree ([`techlead_core::source`]): a
//! past commit's files, read from git objects for `snapshot --backfill`.
//! It finds what [`crate::walk::walker`] finds on a checkout of that
//! commit: hidden files and folders skipped, the purpose's skip list and
//! virtual environments left out, and the tree's own `.gitignore` and
//! `.ignore` files honoured (a tracked file that matches one is skipped on
//! a checkout too). Outside the tree there is nothing to honour: no
//! `.git/info/exclude`, no global excludes (the walker reads none either).

use crate::walk::{Purpose, is_virtualenv};
use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};
use techlead_core::source::{self, Kind, Mount};

/// Every file the walker would find from `start` for `purpose`, sorted,
/// as absolute paths; None when `start` is not under a mounted tree.
pub fn files(start: &Path, purpose: Purpose) -> Option<Vec<PathBuf>> {
    let (mount, rel) = source::find(start)?;
    let mut out = Vec::new();
    match mount.kind(&rel) {
        None => {}
        Some(Kind::File) => out.push(start.to_path_buf()),
        Some(Kind::Dir) => {
            // The ignore files of the folders above `start` apply too.
            let mut stack = Vec::new();
            let mut at = String::new();
            for part in rel.split('/').filter(|p| !p.is_empty()) {
                stack.push(Level::read(&mount, &at));
                at = join(&at, part);
            }
            walk(&mount, &rel, purpose, &mut stack, &mut out);
        }
    }
    out.sort();
    Some(out)
}

/// The ignore files of one folder.
struct Level {
    dot_ignore: Option<Gitignore>,
    gitignore: Option<Gitignore>,
}

impl Level {
    fn read(mount: &Mount, dir: &str) -> Level {
        let abs = mount.root().join(dir);
        let one = |name: &str| -> Option<Gitignore> {
            let rel = join(dir, name);
            mount.kind(&rel)?;
            let bytes = mount.tree().read(&rel).ok()?;
            let mut b = GitignoreBuilder::new(&abs);
            for line in String::from_utf8_lossy(&bytes).lines() {
                // A line the walker cannot parse is skipped by it too.
                let _ = b.add_line(None, line);
            }
            b.build().ok()
        };
        Level {
            dot_ignore: one(".ignore"),
            gitignore: one(".gitignore"),
        }
    }

    fn matched(&self, path: &Path, is_dir: bool) -> Match<()> {
        for g in [&self.dot_ignore, &self.gitignore].into_iter().flatten() {
            match g.matched(path, is_dir) {
                Match::None => {}
                Match::Ignore(_) => return Match::Ignore(()),
                Match::Whitelist(_) => return Match::Whitelist(()),
            }
        }
        Match::None
    }
}

/// Ignored by the nearest ignore file that has a say, as the walker
/// decides (a deeper file overrides the ones above it).
fn ignored(stack: &[Level], path: &Path, is_dir: bool) -> bool {
    for level in stack.iter().rev() {
        match level.matched(path, is_dir) {
            Match::None => {}
            Match::Ignore(_) => return true,
            Match::Whitelist(_) => return false,
        }
    }
    false
}

fn walk(
    mount: &Mount,
    dir: &str,
    purpose: Purpose,
    stack: &mut Vec<Level>,
    out: &mut Vec<PathBuf>,
) {
    stack.push(Level::read(mount, dir));
    for (name, kind) in mount.entries(dir).unwrap_or_default() {
        if name.starts_with('.') {
            continue;
        }
        let rel = join(dir, &name);
        let abs = mount.root().join(&rel);
        let is_dir = kind == Kind::Dir;
        if ignored(stack, &abs, is_dir) {
            continue;
        }
        if !is_dir {
            out.push(abs);
        } else if !(purpose.skips_name(&name) || is_virtualenv(&abs)) {
            walk(mount, &rel, purpose, stack, out);
        }
    }
    stack.pop();
}

fn join(dir: &str, name: &str) -> String {
    match dir {
        "" => name.to_string(),
        d => format!("{d}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::{relative, walked};
    use techlead_core::source::SourceTree;

    /// Every file under a folder, hidden ones included, as git would
    /// track them.
    struct Disk(PathBuf, Vec<String>);

    impl Disk {
        fn read(root: &Path) -> Disk {
            fn all(dir: &Path, root: &Path, out: &mut Vec<String>) {
                for e in std::fs::read_dir(dir).unwrap().flatten() {
                    if e.file_type().unwrap().is_dir() {
                        all(&e.path(), root, out);
                    } else {
                        out.push(relative(root, &e.path()).unwrap());
                    }
                }
            }
            let mut files = Vec::new();
            all(root, root, &mut files);
            files.sort();
            Disk(root.to_path_buf(), files)
        }
    }

    impl SourceTree for Disk {
        fn files(&self) -> &[String] {
            &self.1
        }
        fn size(&self, path: &str) -> Option<u64> {
            std::fs::metadata(self.0.join(path)).ok().map(|m| m.len())
        }
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            std::fs::read(self.0.join(path)).map_err(|e| e.to_string())
        }
    }

    #[test]
    fn a_mounted_tree_is_walked_as_its_checkout() {
        let checkout = tempfile::tempdir().unwrap();
        let root = checkout.path().join("repo");
        for (f, text) in [
            ("a.py", ""),
            ("src/b.py", ""),
            ("src/gen/c.py", ""),
            ("src/gen/keep.py", ""),
            ("src/.gitignore", "gen/*\n!gen/keep.py\n"),
            ("build/out.js", ""),
            (".gitignore", "build/\n*.log\n"),
            ("x.log", ""),
            ("docs/.ignore", "draft.md\n"),
            ("docs/draft.md", ""),
            ("docs/ok.md", ""),
            (".github/workflows/ci.yml", ""),
            ("node_modules/x/package.json", ""),
            ("env/pyvenv.cfg", ""),
            ("env/lib/site.py", ""),
            ("vendor/m/go.mod", ""),
            ("pkg/.hidden.py", ""),
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let scratch = tempfile::tempdir().unwrap();
        let _mounted = source::mount(scratch.path(), std::sync::Arc::new(Disk::read(&root)));
        for purpose in [Purpose::Code, Purpose::Manifests] {
            for start in ["", "src", "docs", "a.py", "missing"] {
                let from_tree: Vec<String> = files(&scratch.path().join(start), purpose)
                    .unwrap()
                    .iter()
                    .filter_map(|p| relative(scratch.path(), p))
                    .collect();
                let want = match start {
                    "missing" => Vec::new(),
                    s => walked(&root, &root.join(s), purpose),
                };
                assert_eq!(from_tree, want, "{purpose:?} from `{start}`");
            }
        }
        assert_eq!(
            walked(&root, &root, Purpose::Code),
            [
                "a.py",
                "docs/ok.md",
                "src/b.py",
                "src/gen/keep.py",
                "vendor/m/go.mod"
            ]
        );
        assert!(files(&root, Purpose::Code).is_none());
    }
}
