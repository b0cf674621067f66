//! Where the contexts read the project's files: the disk, or a commit's
//! tree read from git objects and *mounted* at a folder.
//!
//! `techlead snapshot --backfill` measures past commits without checking
//! anything out: the CLI mounts each commit's tree (read through gix) at an
//! empty scratch folder and runs the contexts on that folder. Every read,
//! folder listing and existence check the contexts make goes through the
//! kernel ([`crate::read`], the functions here, techlead-project's walker),
//! which answers paths under a mount from the tree and all others from the
//! disk. A mount is a process-wide table rather than a handle passed down
//! every call: the contexts reach files from deep inside (module resolution
//! asks whether `x/index.ts` exists), and a path is all they carry. Since
//! the folder under a mount is empty on disk, a read that bypassed the
//! kernel would find nothing, and the backfill test (every metric of a
//! past commit equal to a checkout's) would fail: no file of the working
//! tree can leak into a past commit's numbers.
//!
//! With nothing mounted, each call costs one atomic load before the disk.

use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

/// A project's files: listed with their sizes, read by path. Paths are
/// relative to the project root, `/`-separated, sorted.
pub trait SourceTree: Send + Sync {
    /// Every file of the project, sorted.
    fn files(&self) -> &[String];
    /// A file's size in bytes; None when it is not in the tree.
    fn size(&self, path: &str) -> Option<u64>;
    /// A file's bytes; Err names what could not be read (a missing object
    /// in a shallow clone, an unreadable file).
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// Where the tree sits in its repository (`""` at the top, else
    /// `app/`), and the ignore files of the folders above it, top down:
    /// each folder relative to the repository's top with its `.gitignore`
    /// and `.ignore` files' names and bytes. A walk of the tree honours
    /// them as git and the walker do on a checkout.
    fn above(&self) -> (&str, &[Above]) {
        ("", &[])
    }
}

/// A folder above a tree and its ignore files (name, bytes).
pub type Above = (String, Vec<(String, Vec<u8>)>);

/// A tree mounted at a folder, with the folders its files imply.
pub struct Mount {
    root: PathBuf,
    tree: Arc<dyn SourceTree>,
    dirs: BTreeSet<String>,
}

impl Mount {
    /// The folder the tree is mounted at.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tree.
    pub fn tree(&self) -> &dyn SourceTree {
        self.tree.as_ref()
    }

    /// What `rel` (root-relative, `/`-separated, `""` for the root) is.
    pub fn kind(&self, rel: &str) -> Option<Kind> {
        if rel.is_empty() || self.dirs.contains(rel) {
            return Some(Kind::Dir);
        }
        // Listed is there: a blob that cannot be read is an error when it
        // is read, not a file that does not exist.
        let files = self.tree.files();
        files
            .binary_search_by(|f| f.as_str().cmp(rel))
            .ok()
            .map(|_| Kind::File)
    }

    /// The entries of folder `rel`, sorted by name.
    pub fn entries(&self, rel: &str) -> Option<Vec<(String, Kind)>> {
        if self.kind(rel) != Some(Kind::Dir) {
            return None;
        }
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        let child = |p: &str| -> Option<String> {
            let r = p.strip_prefix(&prefix)?;
            (!r.is_empty() && !r.contains('/')).then(|| r.to_string())
        };
        let mut out: Vec<(String, Kind)> = self
            .dirs
            .range(prefix.clone()..)
            .take_while(|d| d.starts_with(&prefix))
            .filter_map(|d| child(d).map(|n| (n, Kind::Dir)))
            .collect();
        let files = self.tree.files();
        let start = files.partition_point(|f| f.as_str() < prefix.as_str());
        out.extend(
            files[start..]
                .iter()
                .take_while(|f| f.starts_with(&prefix))
                .filter_map(|f| child(f).map(|n| (n, Kind::File))),
        );
        out.sort();
        Some(out)
    }
}

/// A file or a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    File,
    Dir,
}

static MOUNTS: RwLock<Vec<Arc<Mount>>> = RwLock::new(Vec::new());
static MOUNTED: AtomicUsize = AtomicUsize::new(0);

/// Keeps a tree mounted; dropping it unmounts the tree.
#[must_use = "the tree is unmounted when this is dropped"]
pub struct Mounted(Arc<Mount>);

impl Drop for Mounted {
    fn drop(&mut self) {
        let mut mounts = MOUNTS.write().unwrap_or_else(|e| e.into_inner());
        mounts.retain(|m| !Arc::ptr_eq(m, &self.0));
        MOUNTED.store(mounts.len(), Ordering::Release);
    }
}

/// Mounts `tree` at `root` (an absolute folder, normally an empty scratch
/// folder) until the returned guard is dropped.
pub fn mount(root: &Path, tree: Arc<dyn SourceTree>) -> Mounted {
    let mut dirs = BTreeSet::new();
    for f in tree.files() {
        let mut at = f.as_str();
        while let Some(i) = at.rfind('/') {
            at = &at[..i];
            if !dirs.insert(at.to_string()) {
                break;
            }
        }
    }
    let m = Arc::new(Mount {
        root: crate::paths::absolute(root),
        tree,
        dirs,
    });
    let mut mounts = MOUNTS.write().unwrap_or_else(|e| e.into_inner());
    mounts.push(m.clone());
    MOUNTED.store(mounts.len(), Ordering::Release);
    Mounted(m)
}

/// The mount `path` is under and the path relative to its root (lexically
/// normalised; `""` for the root itself). None for paths on the disk.
pub fn find(path: &Path) -> Option<(Arc<Mount>, String)> {
    if MOUNTED.load(Ordering::Acquire) == 0 {
        return None;
    }
    let mounts = MOUNTS.read().unwrap_or_else(|e| e.into_inner());
    let abs = crate::paths::absolute(path);
    mounts.iter().find_map(|m| {
        let rel = abs.strip_prefix(&m.root).ok()?;
        let mut s = String::new();
        for c in rel.components() {
            let Component::Normal(c) = c else {
                return None;
            };
            if !s.is_empty() {
                s.push('/');
            }
            s.push_str(c.to_str()?);
        }
        Some((m.clone(), s))
    })
}

/// Whether `path` is under a mounted tree.
pub fn mounted(path: &Path) -> bool {
    find(path).is_some()
}

/// What is at `path` (links followed on the disk); None when nothing is.
pub fn kind(path: &Path) -> Option<Kind> {
    match find(path) {
        Some((m, rel)) => m.kind(&rel),
        None => std::fs::metadata(path).ok().and_then(|m| match m.is_dir() {
            true => Some(Kind::Dir),
            false => m.is_file().then_some(Kind::File),
        }),
    }
}

/// `Path::is_file`, mount-aware.
pub fn is_file(path: &Path) -> bool {
    kind(path) == Some(Kind::File)
}

/// `Path::is_dir`, mount-aware.
pub fn is_dir(path: &Path) -> bool {
    kind(path) == Some(Kind::Dir)
}

/// `Path::exists`, mount-aware (on the disk: anything, a FIFO included).
pub fn exists(path: &Path) -> bool {
    match find(path) {
        Some((m, rel)) => m.kind(&rel).is_some(),
        None => path.exists(),
    }
}

/// A file's size in bytes, mount-aware; None when it is not a file.
pub fn len(path: &Path) -> Option<u64> {
    match find(path) {
        Some((m, rel)) => m.tree.size(&rel),
        None => std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len()),
    }
}

/// The entries of a folder with their kinds, sorted by name: the files and
/// folders (links followed on the disk; other kinds left out).
pub fn read_dir(dir: &Path) -> io::Result<Vec<(String, Kind)>> {
    if let Some((m, rel)) = find(dir) {
        return m
            .entries(&rel)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "No such file or directory"));
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        let t = match e.file_type() {
            Ok(t) if t.is_symlink() => std::fs::metadata(e.path()).map(|m| m.file_type()),
            other => other,
        };
        match t {
            Ok(t) if t.is_dir() => out.push((name, Kind::Dir)),
            Ok(t) if t.is_file() => out.push((name, Kind::File)),
            _ => {}
        }
    }
    out.sort();
    Ok(out)
}

/// Reads a file under a mount at most `limit` bytes long; None when `path`
/// is on the disk. The errors read as the disk's would.
pub(crate) fn read_mounted(path: &Path, limit: u64) -> Option<io::Result<Vec<u8>>> {
    let (m, rel) = find(path)?;
    Some(match m.kind(&rel) {
        None => Err(io::Error::new(
            io::ErrorKind::NotFound,
            "No such file or directory (os error 2)",
        )),
        Some(Kind::Dir) => Err(crate::error::io_error(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder)",
        )),
        Some(Kind::File) => match m.tree.size(&rel) {
            Some(n) if n > limit => Err(crate::error::io_error(
                io::ErrorKind::FileTooLarge,
                format!(
                    "{n} bytes or more, over the {} limit",
                    crate::read::human(limit)
                ),
            )),
            _ => m
                .tree
                .read(&rel)
                .map_err(|e| crate::error::io_error(io::ErrorKind::Other, e)),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub struct Listed(pub Vec<String>);

    impl SourceTree for Listed {
        fn files(&self) -> &[String] {
            &self.0
        }
        fn size(&self, path: &str) -> Option<u64> {
            self.0
                .binary_search_by(|p| p.as_str().cmp(path))
                .ok()
                .map(|_| path.len() as u64)
        }
        fn read(&self, path: &str) -> Result<Vec<u8>, String> {
            self.size(path)
                .map(|_| path.as_bytes().to_vec())
                .ok_or_else(|| format!("{path}: not in the tree"))
        }
    }

    #[test]
    fn a_mounted_tree_answers_under_its_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tree");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("beside.txt"), "disk").unwrap();
        let files = ["a/b/c.py", "a/d.py", "e.md"].map(String::from).to_vec();
        let guard = mount(&root, Arc::new(Listed(files)));
        assert!(is_dir(&root.join("a/b")));
        assert!(is_file(&root.join("a/d.py")));
        assert!(is_file(&root.join("a/b/../d.py")));
        assert!(!exists(&root.join("a/x.py")));
        assert_eq!(len(&root.join("e.md")), Some(4));
        assert_eq!(
            read_dir(&root.join("a")).unwrap(),
            [("b".into(), Kind::Dir), ("d.py".into(), Kind::File)]
        );
        assert_eq!(
            read_dir(&root).unwrap(),
            [("a".into(), Kind::Dir), ("e.md".into(), Kind::File)]
        );
        assert!(read_dir(&root.join("e.md")).is_err());
        let read = |p: &str, limit| crate::read::regular_file(&root.join(p), limit);
        assert_eq!(read("a/d.py", 100).unwrap(), b"a/d.py");
        assert!(read("a", 100).unwrap_err().to_string().contains("folder"));
        assert_eq!(
            read("a/d.py", 3).unwrap_err().kind(),
            io::ErrorKind::FileTooLarge
        );
        assert_eq!(read("zz", 3).unwrap_err().kind(), io::ErrorKind::NotFound);
        // Beside the mount, the disk answers.
        assert!(is_file(&dir.path().join("beside.txt")));
        assert_eq!(
            crate::read::regular_text(&dir.path().join("beside.txt"), 100).unwrap(),
            "disk"
        );
        drop(guard);
        assert!(!exists(&root.join("a/d.py")));
        assert!(is_dir(&root));
    }
}
