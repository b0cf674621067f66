//! The project walker over a mounted tree ([`techlead_core::source`]): a
//! past commit's files, read from git objects for `snapshot --backfill`.
//! It finds what [`crate::walk::walker`] finds on a checkout of that
//! commit, deciding each entry as the `ignore` crate does: the `.ignore`
//! and `.gitignore` files of its folder and every folder above it up to the
//! repository's top (the nearest match of each kind decides, and a
//! `.ignore` match beats a `.gitignore` one), then hidden names (a hidden
//! file that an ignore file re-includes with `!` is kept), then the
//! purpose's skip list and virtual environments. A project below the
//! repository's top gets the ignore files of the folders above it from the
//! commit too ([`techlead_core::source::SourceTree::above`]). Outside the repository there is
//! nothing to honour: no `.git/info/exclude`, no global excludes.

use crate::walk::{Purpose, is_virtualenv};
use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};
use techlead_core::source::{self, Kind, Mount};

/// Where patterns are matched: paths relative to the repository's top,
/// under a root that names no real folder.
const TOP: &str = "/techlead-repository-top";

/// Every file the walker would find from `start` for `purpose`, sorted,
/// as absolute paths; None when `start` is not under a mounted tree.
pub fn files(start: &Path, purpose: Purpose) -> Option<Vec<PathBuf>> {
    let (mount, rel) = source::find(start)?;
    let mut out = Vec::new();
    match mount.kind(&rel) {
        None => {}
        Some(Kind::File) => out.push(start.to_path_buf()),
        Some(Kind::Dir) => {
            let (prefix, above) = mount.tree().above();
            let walker = Walker {
                mount: &mount,
                prefix,
                purpose,
            };
            // The ignore files above the project, then of the folders
            // above `start` inside it.
            let mut stack: Vec<Level> = above
                .iter()
                .map(|(dir, files)| Level::parse(dir, files))
                .collect();
            let mut at = String::new();
            for part in rel.split('/').filter(|p| !p.is_empty()) {
                stack.push(walker.level(&at));
                at = join(&at, part);
            }
            walker.walk(&rel, &mut stack, &mut out);
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
    /// `dir` relative to the repository's top; `files` the folder's
    /// ignore files by name (`.ignore`, `.gitignore`) with their bytes.
    fn parse(dir: &str, files: &[(String, Vec<u8>)]) -> Level {
        let one = |name: &str| -> Option<Gitignore> {
            let (_, bytes) = files.iter().find(|(n, _)| n == name)?;
            let root = match dir {
                "" => PathBuf::from(TOP),
                d => Path::new(TOP).join(d),
            };
            let mut b = GitignoreBuilder::new(root);
            for line in String::from_utf8_lossy(bytes).lines() {
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
}

/// The nearest match of each kind of ignore file; a `.ignore` match
/// beats a `.gitignore` one (as `ignore`'s `Ignore::matched_ignore`).
fn decide(stack: &[Level], path: &Path, is_dir: bool) -> Match<()> {
    let nearest = |kind: fn(&Level) -> &Option<Gitignore>| -> Match<()> {
        for level in stack.iter().rev() {
            if let Some(g) = kind(level) {
                match g.matched(path, is_dir) {
                    Match::None => {}
                    Match::Ignore(_) => return Match::Ignore(()),
                    Match::Whitelist(_) => return Match::Whitelist(()),
                }
            }
        }
        Match::None
    };
    match nearest(|l| &l.dot_ignore) {
        Match::None => nearest(|l| &l.gitignore),
        decided => decided,
    }
}

struct Walker<'a> {
    mount: &'a Mount,
    /// Where the project's folder sits in the repository (`""`, `app/`).
    prefix: &'a str,
    purpose: Purpose,
}

impl Walker<'_> {
    /// The ignore files of `dir`, a folder of the mounted tree.
    fn level(&self, dir: &str) -> Level {
        let files: Vec<(String, Vec<u8>)> = [".ignore", ".gitignore"]
            .into_iter()
            .filter_map(|name| {
                let rel = join(dir, name);
                self.mount.kind(&rel)?;
                Some((name.to_string(), self.mount.tree().read(&rel).ok()?))
            })
            .collect();
        let at = format!("{}{dir}", self.prefix);
        Level::parse(at.trim_end_matches('/'), &files)
    }

    fn walk(&self, dir: &str, stack: &mut Vec<Level>, out: &mut Vec<PathBuf>) {
        stack.push(self.level(dir));
        for (name, kind) in self.mount.entries(dir).unwrap_or_default() {
            let rel = join(dir, &name);
            let is_dir = kind == Kind::Dir;
            let here = Path::new(TOP).join(format!("{}{rel}", self.prefix));
            match decide(stack, &here, is_dir) {
                Match::Ignore(_) => continue,
                Match::None if name.starts_with('.') => continue,
                _ => {}
            }
            let abs = self.mount.root().join(&rel);
            if !is_dir {
                out.push(abs);
            } else if !(self.purpose.skips_name(&name) || is_virtualenv(&abs)) {
                self.walk(&rel, stack, out);
            }
        }
        stack.pop();
    }
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
    use crate::walk::{relative, walked, write_all};
    use techlead_core::source::SourceTree;

    /// Every file under a folder, hidden ones included, as git would
    /// track them.
    struct Disk(
        PathBuf,
        Vec<String>,
        String,
        Vec<techlead_core::source::Above>,
    );

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
            Disk(root.to_path_buf(), files, String::new(), Vec::new())
        }

        /// The tree of `prefix` (`app/`) in the repository at `top`, with
        /// the ignore files of the folders above it, top down.
        fn below(top: &Path, prefix: &str) -> Disk {
            let mut tree = Disk::read(&top.join(prefix));
            let parts: Vec<&str> = prefix.trim_end_matches('/').split('/').collect();
            for depth in 0..parts.len() {
                let dir = parts[..depth].join("/");
                let files: Vec<(String, Vec<u8>)> = [".gitignore", ".ignore"]
                    .iter()
                    .filter_map(|n| {
                        Some((n.to_string(), std::fs::read(top.join(&dir).join(n)).ok()?))
                    })
                    .collect();
                tree.3.push((dir, files));
            }
            tree.2 = prefix.to_string();
            tree
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
        fn above(&self) -> (&str, &[techlead_core::source::Above]) {
            (&self.2, &self.3)
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
            ("src/.gitignore", "gen/*\n!gen/keep.py\n!*.gen.js\n"),
            ("build/out.js", ""),
            (".gitignore", "build/\n*.log\n!.keep.py\n"),
            (".keep.py", ""),
            (".ignore", "*.gen.js\n"),
            ("src/x.gen.js", ""),
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
                ".keep.py",
                "a.py",
                "docs/ok.md",
                "src/b.py",
                "src/gen/keep.py",
                "vendor/m/go.mod"
            ]
        );
        assert!(files(&root, Purpose::Code).is_none());
    }

    /// A project below the repository's top: the ignore files above it
    /// apply, their patterns relative to their own folders.
    #[test]
    fn a_project_below_the_top_honours_the_ignore_files_above_it() {
        let checkout = tempfile::tempdir().unwrap();
        let top = checkout.path().join("repo");
        std::fs::create_dir_all(top.join(".git")).unwrap();
        write_all(
            &top,
            &[
                (".gitignore", "dist/\n/apps/web/only-top.py\n"),
                ("apps/.gitignore", "*.tmp.py\n"),
                ("apps/web/dist/big.js", ""),
                ("apps/web/only-top.py", ""),
                ("apps/web/x.tmp.py", ""),
                ("apps/web/ok.py", ""),
                ("apps/web/src/only-top.py", ""),
            ],
        );
        let project = top.join("apps/web");
        let want = walked(&project, &project, Purpose::Code);
        assert_eq!(want, ["ok.py", "src/only-top.py"]);
        let scratch = tempfile::tempdir().unwrap();
        let tree = Disk::below(&top, "apps/web/");
        let _mounted = source::mount(scratch.path(), std::sync::Arc::new(tree));
        let got: Vec<String> = files(scratch.path(), Purpose::Code)
            .unwrap()
            .iter()
            .filter_map(|p| relative(scratch.path(), p))
            .collect();
        assert_eq!(got, want);
    }
}
