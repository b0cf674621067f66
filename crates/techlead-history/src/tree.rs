//! Commits' files, listed and read through gix, for contexts that look
//! at a tree without a checkout: a bare repository's HEAD, or the tree at
//! the end of each quarter. Only files (blobs, executable or not) are
//! listed; submodules and symbolic links are not. Trees opened from one
//! [`Trees`] share a cache of blob sizes, so a file unchanged between two
//! commits is looked up once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;
use techlead_core::InputError;

type Sizes = Rc<RefCell<HashMap<gix::ObjectId, u64>>>;

/// A repository to open commits' trees from.
pub struct Trees {
    repo: gix::Repository,
    /// Where the project sits in the repository (`""` or `sub/dir/`).
    prefix: String,
    sizes: Sizes,
}

/// The files of one commit's tree, below the project's folder.
pub struct GitTree {
    /// The ignore files of the folders above the project's (folder, name,
    /// blob), top down.
    above: Vec<(String, String, gix::ObjectId)>,
    /// Where the project's folder sits in the repository.
    prefix: String,
    repo: gix::Repository,
    /// Paths relative to the project folder, `/`-separated, sorted.
    paths: Vec<String>,
    /// The blob of each path, in the order of `paths`.
    ids: Vec<gix::ObjectId>,
    /// The commit whose tree this is.
    pub commit: String,
    /// Its committer time, seconds since the epoch.
    pub time: i64,
    sizes: Sizes,
}

impl Trees {
    /// The repository holding `dir` (a working tree or a bare git dir).
    pub fn open(dir: &Path) -> Result<Trees, InputError> {
        let repo = gix::discover(dir).map_err(|e| {
            InputError::in_file(
                dir.display().to_string(),
                format!("not a git repository: {e}"),
            )
        })?;
        Ok(Trees {
            repo,
            // A bare repository has no working folder: the whole tree is
            // the project's. Below a working tree's top, only that folder.
            prefix: crate::revision::prefix(dir).unwrap_or_default(),
            sizes: Sizes::default(),
        })
    }

    /// HEAD's tree; None when the repository has no commit yet.
    pub fn head(&self) -> Result<Option<GitTree>, InputError> {
        if self.repo.head().is_ok_and(|h| h.is_unborn()) {
            return Ok(None);
        }
        let id = self
            .repo
            .head_commit()
            .map_err(|e| InputError::new(format!("reading HEAD: {e}")))?
            .id;
        self.tree(id).map(Some)
    }

    /// The tree of `commit` (a full id).
    pub fn at(&self, commit: &str) -> Result<GitTree, InputError> {
        let id = gix::ObjectId::from_hex(commit.as_bytes())
            .map_err(|e| InputError::new(format!("commit `{commit}`: {e}")))?;
        self.tree(id)
    }

    fn tree(&self, id: gix::ObjectId) -> Result<GitTree, InputError> {
        let fail =
            |e: &dyn std::fmt::Display| InputError::new(format!("reading the tree of {id}: {e}"));
        let commit = self.repo.find_commit(id).map_err(|e| fail(&e))?;
        let time = commit.time().map(|t| t.seconds).unwrap_or_default();
        let tree = commit.tree().map_err(|e| fail(&e))?;
        let records = tree.traverse().breadthfirst.files().map_err(|e| fail(&e))?;
        // The ignore files of the folders above the project, which a walk
        // of a checkout honours too.
        let mut above: Vec<(String, String, gix::ObjectId)> = records
            .iter()
            .filter(|e| e.mode.is_blob())
            .filter_map(|e| {
                let path = e.filepath.to_string();
                let (dir, name) = path.rsplit_once('/').unwrap_or(("", &path));
                let folder = if dir.is_empty() {
                    String::new()
                } else {
                    format!("{dir}/")
                };
                let ignore_file = name == ".gitignore" || name == ".ignore";
                (ignore_file
                    && folder.len() < self.prefix.len()
                    && self.prefix.starts_with(&folder))
                .then(|| (dir.to_string(), name.to_string(), e.oid))
            })
            .collect();
        above.sort();
        let mut entries: Vec<(String, gix::ObjectId)> = records
            .into_iter()
            .filter(|e| e.mode.is_blob())
            .filter_map(|e| {
                let path = e.filepath.to_string();
                let rel = path.strip_prefix(self.prefix.as_str())?.to_string();
                Some((rel, e.oid))
            })
            .collect();
        entries.sort();
        let (paths, ids) = entries.into_iter().unzip();
        Ok(GitTree {
            above,
            prefix: self.prefix.clone(),
            repo: self.repo.clone(),
            paths,
            ids,
            commit: id.to_string(),
            time,
            sizes: Rc::clone(&self.sizes),
        })
    }
}

impl GitTree {
    /// Every file, sorted.
    pub fn files(&self) -> &[String] {
        &self.paths
    }

    /// The id of a file's blob, for messages naming an object that
    /// cannot be read (a shallow or partial clone).
    pub fn object(&self, path: &str) -> Option<String> {
        self.id(path).map(|id| id.to_string())
    }

    fn id(&self, path: &str) -> Option<gix::ObjectId> {
        let i = self.paths.binary_search_by(|p| p.as_str().cmp(path)).ok()?;
        Some(self.ids[i])
    }

    /// A file's bytes; None when it is not in the tree or cannot be read.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        let blob = self.repo.find_blob(self.id(path)?).ok()?;
        Some(blob.data.clone())
    }

    /// A file's size in bytes, from its object's header (the blob is not
    /// inflated whole).
    pub fn size(&self, path: &str) -> Option<u64> {
        let id = self.id(path)?;
        if let Some(size) = self.sizes.borrow().get(&id) {
            return Some(*size);
        }
        let size = self.repo.find_header(id).ok()?.size();
        self.sizes.borrow_mut().insert(id, size);
        Some(size)
    }
}

/// A commit's tree that threads may read at once (as rayon's do, when a
/// backfill mounts it for the contexts that scan files in parallel): each
/// reader takes a repository handle of its own from a small pool.
pub struct SharedTree {
    repo: gix::ThreadSafeRepository,
    pool: std::sync::Mutex<Vec<gix::Repository>>,
    paths: Vec<String>,
    ids: Vec<gix::ObjectId>,
    sizes: std::sync::Mutex<HashMap<gix::ObjectId, u64>>,
    prefix: String,
    above: Vec<techlead_core::source::Above>,
    /// The files a reader asked for whose blob could not be read.
    failed: std::sync::Mutex<Vec<String>>,
}

impl GitTree {
    /// This tree, readable from many threads.
    pub fn shared(self) -> SharedTree {
        // Read now: a handful of small blobs (one that cannot be read
        // honours nothing, as an unreadable ignore file on disk).
        let mut above: Vec<techlead_core::source::Above> = Vec::new();
        for (dir, name, id) in &self.above {
            let Ok(blob) = self.repo.find_blob(*id) else {
                continue;
            };
            let bytes = blob.data.clone();
            match above.last_mut() {
                Some((d, files)) if d == dir => files.push((name.clone(), bytes)),
                _ => above.push((dir.clone(), vec![(name.clone(), bytes)])),
            }
        }
        SharedTree {
            prefix: self.prefix.clone(),
            above,
            repo: self.repo.clone().into_sync(),
            pool: std::sync::Mutex::new(vec![self.repo]),
            paths: self.paths,
            ids: self.ids,
            sizes: Default::default(),
            failed: Default::default(),
        }
    }
}

impl SharedTree {
    /// Why each file read so far could not be read (a blob a shallow or
    /// partial clone lacks), in path order: what was computed from this
    /// tree misses those files. A blob nobody read (an image) is no loss.
    pub fn failures(&self) -> Vec<String> {
        let mut out = self
            .failed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        out.sort();
        out.dedup();
        out
    }

    fn id(&self, path: &str) -> Option<gix::ObjectId> {
        let i = self.paths.binary_search_by(|p| p.as_str().cmp(path)).ok()?;
        Some(self.ids[i])
    }

    fn with_repo<T>(&self, f: impl FnOnce(&gix::Repository) -> T) -> T {
        let taken = self.pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let repo = taken.unwrap_or_else(|| self.repo.to_thread_local());
        let out = f(&repo);
        self.pool
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(repo);
        out
    }
}

impl techlead_core::source::SourceTree for SharedTree {
    fn above(&self) -> (&str, &[techlead_core::source::Above]) {
        (&self.prefix, &self.above)
    }

    fn files(&self) -> &[String] {
        &self.paths
    }

    fn size(&self, path: &str) -> Option<u64> {
        let id = self.id(path)?;
        if let Some(size) = self
            .sizes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Some(*size);
        }
        let size = self.with_repo(|r| r.find_header(id).ok().map(|h| h.size()))?;
        self.sizes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, size);
        Some(size)
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let id = self
            .id(path)
            .ok_or_else(|| format!("{path}: not in the tree"))?;
        self.with_repo(|r| r.find_blob(id).map(|b| b.data.clone()))
            .map_err(|_| {
                let why = format!(
                    "object {id} ({path}) is missing from the repository (a shallow or partial clone?)"
                );
                self.failed
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(why.clone());
                why
            })
    }
}
