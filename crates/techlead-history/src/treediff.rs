//! The tree diff of the walk: the files (every entry that is not a tree)
//! that differ between two trees, read where they lie in the delta cache.
//!
//! gix's tree diff reads each tree through `Find`, which copies the object
//! into the diff's own buffer, and its recorder allocates a path for every
//! subtree it enters. This one merges the two trees' entries in place
//! (both are sorted in git's order: a tree's name as if it ended in `/`),
//! enters a pair of subtrees only when their ids differ, and names a path
//! only for a change. It gives what gix's diff and recorder give, less the
//! changes to trees themselves, in the same order: level by level, each
//! tree's entries in their order (`tests` compares the two).

use crate::odb::Odb;
use gix::ObjectId;
use gix::bstr::BString;
use gix::object::tree::EntryMode;
use gix::objs::TreeRefIter;
use gix::objs::tree::EntryRef;
use std::cmp::Ordering;
use std::collections::VecDeque;

/// A change to one file (an entry that is not a tree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    Addition {
        mode: EntryMode,
        id: ObjectId,
        path: BString,
    },
    Deletion {
        mode: EntryMode,
        id: ObjectId,
        path: BString,
    },
    /// The same path with another id or another mode (raw, as written).
    Modification {
        previous_mode: EntryMode,
        previous_id: ObjectId,
        mode: EntryMode,
        id: ObjectId,
        path: BString,
    },
}

pub(crate) type Error = Box<dyn std::error::Error + Send + Sync>;

/// A pair of trees still to compare, either side absent, and the path
/// they are at ("" for the root).
type Pending = (Option<ObjectId>, Option<ObjectId>, BString);

/// The files that differ from `old` (None: the empty tree) to `new`.
pub(crate) fn changes(
    odb: &Odb,
    old: Option<ObjectId>,
    new: ObjectId,
) -> Result<Vec<Change>, Error> {
    let mut out = Vec::new();
    let mut queue: VecDeque<Pending> = VecDeque::new();
    queue.push_back((old, Some(new), BString::default()));
    let hash = odb.repo().object_hash();
    while let Some((old, new, at)) = queue.pop_front() {
        let old = old.map(|id| tree(odb, &id)).transpose()?;
        let new = new.map(|id| tree(odb, &id)).transpose()?;
        let mut lhs = TreeRefIter::from_bytes(old.as_deref().map_or(&[], |b| &b[..]), hash);
        let mut rhs = TreeRefIter::from_bytes(new.as_deref().map_or(&[], |b| &b[..]), hash);
        let mut level = Level {
            at: &at,
            queue: &mut queue,
            out: &mut out,
        };
        let (mut a, mut b) = (lhs.next().transpose()?, rhs.next().transpose()?);
        loop {
            match (a, b) {
                (None, None) => break,
                (Some(x), None) => {
                    level.deleted(&x);
                    a = lhs.next().transpose()?;
                }
                (None, Some(y)) => {
                    level.added(&y);
                    b = rhs.next().transpose()?;
                }
                (Some(x), Some(y)) => match order(&x, &y) {
                    Ordering::Less => {
                        level.deleted(&x);
                        a = lhs.next().transpose()?;
                    }
                    Ordering::Greater => {
                        level.added(&y);
                        b = rhs.next().transpose()?;
                    }
                    Ordering::Equal => {
                        level.both(&x, &y);
                        a = lhs.next().transpose()?;
                        b = rhs.next().transpose()?;
                    }
                },
            }
        }
    }
    Ok(out)
}

/// A tree's bytes, shared with the cache.
fn tree(odb: &Odb, id: &ObjectId) -> Result<crate::deltacache::Bytes, Error> {
    match odb.object(id)? {
        Some((gix::object::Kind::Tree, bytes)) => Ok(bytes),
        Some((kind, _)) => Err(format!("object {id} is a {kind}, not a tree").into()),
        None => Err(format!("tree {id} is missing").into()),
    }
}

/// git's order of tree entries: names compared bytewise, a tree's as if it
/// ended in `/`. Two entries are the same path only when both or neither
/// are trees.
fn order(a: &EntryRef<'_>, b: &EntryRef<'_>) -> Ordering {
    let (x, y) = (a.filename.as_ref() as &[u8], b.filename.as_ref() as &[u8]);
    let common = x.len().min(y.len());
    x[..common].cmp(&y[..common]).then_with(|| {
        let end = |name: &[u8], tree: bool| name.get(common).copied().or(tree.then_some(b'/'));
        end(x, a.mode.is_tree()).cmp(&end(y, b.mode.is_tree()))
    })
}

/// One pair of trees being compared: where they are, and where their
/// changes and subtrees go.
struct Level<'a> {
    at: &'a BString,
    queue: &'a mut VecDeque<Pending>,
    out: &'a mut Vec<Change>,
}

impl Level<'_> {
    fn path(&self, name: &[u8]) -> BString {
        let mut path = BString::from(Vec::with_capacity(self.at.len() + 1 + name.len()));
        if !self.at.is_empty() {
            path.extend_from_slice(self.at);
            path.push(b'/');
        }
        path.extend_from_slice(name);
        path
    }

    fn deleted(&mut self, e: &EntryRef<'_>) {
        self.one_side(e, true);
    }

    fn added(&mut self, e: &EntryRef<'_>) {
        self.one_side(e, false);
    }

    /// An entry on one side only: a file's change, or a tree to list.
    fn one_side(&mut self, e: &EntryRef<'_>, deleted: bool) {
        let (path, id, mode) = (self.path(e.filename), e.oid.to_owned(), e.mode);
        match (e.mode.is_tree(), deleted) {
            (true, true) => self.queue.push_back((Some(id), None, path)),
            (true, false) => self.queue.push_back((None, Some(id), path)),
            (false, true) => self.out.push(Change::Deletion { mode, id, path }),
            (false, false) => self.out.push(Change::Addition { mode, id, path }),
        }
    }

    /// The same path on both sides ([`order`]: both trees, or neither).
    fn both(&mut self, x: &EntryRef<'_>, y: &EntryRef<'_>) {
        if x.mode.is_tree() {
            // The same tree id is the same files, whatever its mode says.
            if x.oid != y.oid {
                let path = self.path(x.filename);
                self.queue
                    .push_back((Some(x.oid.to_owned()), Some(y.oid.to_owned()), path));
            }
        } else if x.oid != y.oid || x.mode != y.mode {
            let path = self.path(x.filename);
            self.out.push(Change::Modification {
                previous_mode: x.mode,
                previous_id: x.oid.to_owned(),
                mode: y.mode,
                id: y.oid.to_owned(),
                path,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odb::Packs;
    use proptest::prelude::*;
    use std::io::Write;
    use std::path::Path;
    use std::process::{Command, Stdio};

    fn git(dir: &Path, args: &[&str]) -> String {
        techlead_testing::git(dir, "Ann", "ann@example.com", "2024-01-01T00:00:00Z", args)
    }

    /// Paths that nest, and names that sort around `/` (`a-b`, `a.c` and
    /// `a0` against the folder `a`).
    const PATHS: &[&str] = &[
        "a", "a/x", "a/y", "a/b", "a/b/c", "a/b/d", "a-b", "a.c", "a0", "b", "b/z", "c/d/e",
    ];
    /// Files, executables, symbolic links, submodules (a commit id no
    /// object store holds, as a gitlink is).
    const MODES: &[&str] = &["100644", "100755", "120000", "160000"];

    /// A tree of `entries` (path index, mode index, content index), written
    /// through an index of its own. A path under a file already placed is
    /// left out, as git would refuse it.
    fn write_tree(dir: &Path, blobs: &[String], entries: &[(usize, usize, usize)]) -> ObjectId {
        let mut placed: Vec<&str> = Vec::new();
        let mut lines = String::new();
        for &(p, m, c) in entries {
            let path = PATHS[p];
            let clash = placed.iter().any(|q| {
                q == &path
                    || path.starts_with(&format!("{q}/"))
                    || q.starts_with(&format!("{path}/"))
            });
            if clash {
                continue;
            }
            placed.push(path);
            let mode = MODES[m];
            let id = if mode == "160000" {
                format!("{:040x}", c + 1)
            } else {
                blobs[c].clone()
            };
            lines.push_str(&format!("{mode} {id}\t{path}\n"));
        }
        let index = dir.join(".git").join("test-index");
        let _ = std::fs::remove_file(&index);
        let mut child = Command::new("git")
            .current_dir(dir)
            .args(["update-index", "--index-info"])
            .env("GIT_INDEX_FILE", &index)
            .stdin(Stdio::piped())
            .spawn()
            .expect("git runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(lines.as_bytes())
            .expect("written");
        assert!(child.wait().expect("git ends").success());
        let out = Command::new("git")
            .current_dir(dir)
            .args(["write-tree"])
            .env("GIT_INDEX_FILE", &index)
            .output()
            .expect("git runs");
        assert!(out.status.success());
        ObjectId::from_hex(String::from_utf8_lossy(&out.stdout).trim().as_bytes()).unwrap()
    }

    /// gix's tree diff and recorder, less the changes to trees.
    fn by_gix(odb: &Odb, old: Option<ObjectId>, new: ObjectId) -> Vec<Change> {
        use gix::diff::tree::recorder::Change as G;
        use gix::objs::Find;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        if let Some(old) = old {
            odb.try_find(&old, &mut a).unwrap().unwrap();
        }
        odb.try_find(&new, &mut b).unwrap().unwrap();
        let hash = odb.repo().object_hash();
        let mut recorder = gix::diff::tree::Recorder::default();
        gix::diff::tree(
            TreeRefIter::from_bytes(&a, hash),
            TreeRefIter::from_bytes(&b, hash),
            gix::diff::tree::State::default(),
            odb,
            &mut recorder,
        )
        .unwrap();
        recorder
            .records
            .into_iter()
            .filter_map(|c| match c {
                G::Addition {
                    entry_mode,
                    oid,
                    path,
                    ..
                } => (!entry_mode.is_tree()).then_some(Change::Addition {
                    mode: entry_mode,
                    id: oid,
                    path,
                }),
                G::Deletion {
                    entry_mode,
                    oid,
                    path,
                    ..
                } => (!entry_mode.is_tree()).then_some(Change::Deletion {
                    mode: entry_mode,
                    id: oid,
                    path,
                }),
                G::Modification {
                    previous_entry_mode,
                    previous_oid,
                    entry_mode,
                    oid,
                    path,
                } => (!entry_mode.is_tree()).then_some(Change::Modification {
                    previous_mode: previous_entry_mode,
                    previous_id: previous_oid,
                    mode: entry_mode,
                    id: oid,
                    path,
                }),
            })
            .collect()
    }

    /// Every pair of `trees` (and each against the empty tree) gives the
    /// same changes in the same order, loose and then packed (read through
    /// the delta cache).
    fn agree(dir: &Path, trees: &[ObjectId]) -> Result<(), TestCaseError> {
        for packed in [false, true] {
            if packed {
                // Commits keep the trees reachable for the repack.
                let mut parent: Option<String> = None;
                for t in trees {
                    let hex = t.to_string();
                    let mut args = vec!["commit-tree", hex.as_str(), "-m", "t"];
                    if let Some(p) = &parent {
                        args.extend(["-p", p.as_str()]);
                    }
                    parent = Some(git(dir, &args).trim().to_string());
                }
                let tip = parent.unwrap_or_default();
                git(dir, &["update-ref", "refs/heads/main", &tip]);
                git(dir, &["repack", "-adq"]);
            }
            let repo = gix::open(dir).unwrap();
            let packs = Packs::open(&repo);
            let odb = Odb::new(&packs, repo.clone(), 1 << 20);
            for (i, new) in trees.iter().enumerate() {
                let empty =
                    changes(&odb, None, *new).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(empty, by_gix(&odb, None, *new), "{} from nothing", i);
                for old in trees {
                    let ours = changes(&odb, Some(*old), *new).unwrap();
                    prop_assert_eq!(ours, by_gix(&odb, Some(*old), *new), "{} to {}", old, new);
                }
            }
        }
        Ok(())
    }

    fn repo_with_blobs() -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        let blobs = (0..3)
            .map(|i| {
                let file = dir.path().join(format!("blob{i}"));
                std::fs::write(&file, format!("content {i}\n")).unwrap();
                let name = file.to_string_lossy().into_owned();
                git(dir.path(), &["hash-object", "-w", &name])
                    .trim()
                    .to_string()
            })
            .collect();
        (dir, blobs)
    }

    #[test]
    fn agrees_with_gix_on_the_cases_by_name() {
        let (dir, blobs) = repo_with_blobs();
        let d = dir.path();
        let trees = [
            // a file, a folder beside names that sort around it
            write_tree(d, &blobs, &[(0, 0, 0), (6, 0, 1), (7, 0, 1), (8, 0, 2)]),
            // the file `a` replaced by a folder, one nested two deep
            write_tree(d, &blobs, &[(1, 0, 0), (4, 0, 1), (6, 0, 1), (7, 0, 1)]),
            // modes: executable, symbolic link, submodule
            write_tree(d, &blobs, &[(1, 1, 0), (4, 2, 1), (5, 3, 0), (6, 0, 1)]),
            // the folder `a` replaced by a file, new folders
            write_tree(d, &blobs, &[(0, 3, 1), (10, 0, 0), (11, 0, 2)]),
        ];
        agree(d, &trees).unwrap();
    }

    #[test]
    fn a_respelled_mode_is_a_modification_with_the_same_id() {
        let (dir, blobs) = repo_with_blobs();
        let d = dir.path();
        let tree = |mode: &str| {
            let mut raw = format!("{mode} a.txt\0").into_bytes();
            raw.extend(ObjectId::from_hex(blobs[0].as_bytes()).unwrap().as_bytes());
            std::fs::write(d.join("tree.bin"), &raw).unwrap();
            let args = ["hash-object", "-t", "tree", "-w", "--literally", "tree.bin"];
            ObjectId::from_hex(git(d, &args).trim().as_bytes()).unwrap()
        };
        let (old, new) = (tree("100664"), tree("100644"));
        agree(d, &[old, new]).unwrap();
        let repo = gix::open(d).unwrap();
        let packs = Packs::open(&repo);
        let odb = Odb::new(&packs, repo.clone(), 1 << 20);
        let found = changes(&odb, Some(old), new).unwrap();
        assert!(
            matches!(&found[..], [Change::Modification { previous_id, id, .. }] if previous_id == id),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_tree_is_an_error() {
        let (dir, _) = repo_with_blobs();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo);
        let odb = Odb::new(&packs, repo.clone(), 1 << 20);
        let nothing = ObjectId::from_hex(b"0123456789012345678901234567890123456789").unwrap();
        let e = changes(&odb, None, nothing).unwrap_err();
        assert!(e.to_string().contains("is missing"), "{e}");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
        /// Random trees over paths that nest and clash: the same changes
        /// as gix's diff, pair by pair.
        #[test]
        fn agrees_with_gix_on_random_trees(
            shapes in prop::collection::vec(
                prop::collection::vec((0..PATHS.len(), 0..MODES.len(), 0usize..3), 0..10),
                2..5,
            )
        ) {
            let (dir, blobs) = repo_with_blobs();
            let trees: Vec<ObjectId> =
                shapes.iter().map(|s| write_tree(dir.path(), &blobs, s)).collect();
            agree(dir.path(), &trees)?;
        }
    }
}
