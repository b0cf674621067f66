//! The one write path. Every file techlead writes goes through here: a temp
//! file in the same folder, flushed, then renamed over the target, so a crash
//! or a full disk never leaves a half-written user file behind.
//!
//! What a write does with unusual targets, the same for every command:
//! - a symlink is written through: its target gets the new content and the
//!   link stays a link;
//! - an existing file keeps its permission bits;
//! - a read-only file is refused (the user made it so; we do not override);
//! - a file with more than one hard link is refused: the rename would give
//!   this name the new text and leave the other names with the old one;
//! - temp files are removed on SIGTERM, SIGINT and SIGHUP (see `signals`).
//!
//! Edits of several files go through [`Transaction`]: all or nothing.

mod signals;
mod transaction;

pub use transaction::Transaction;

use crate::error::io_error;
use std::fs::Metadata;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A temp file next to its target, registered for removal on a signal and
/// removed when dropped unless it was renamed into place.
pub(crate) struct Temp {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Temp {
    /// Writes `bytes` to a new temp file in `dir`; `sync` flushes it to disk
    /// (user files, not caches).
    pub(crate) fn new(dir: &Path, bytes: &[u8], sync: bool) -> io::Result<Temp> {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".techlead-").suffix(".tmp");
        // tempfile's default 0600 would make new records private; ask for
        // 0666 and let the user's umask decide, as for any file an editor
        // creates.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(dir)?;
        signals::register(file.path());
        let mut temp = Temp {
            path: file.path().to_path_buf(),
            file: Some(file),
        };
        let f = temp.file.as_mut().expect("just set");
        f.write_all(bytes)?;
        if sync {
            f.as_file().sync_all()?;
        }
        Ok(temp)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the temp file over `to`.
    pub(crate) fn persist(self, to: &Path) -> io::Result<()> {
        self.persist_with(to, false)
    }

    /// Renames the temp file to `to`, failing with
    /// [`io::ErrorKind::AlreadyExists`] when `to` exists.
    pub(crate) fn persist_noclobber(self, to: &Path) -> io::Result<()> {
        self.persist_with(to, true)
    }

    fn persist_with(mut self, to: &Path, noclobber: bool) -> io::Result<()> {
        let file = self.file.take().expect("a temp is persisted once");
        let result = if noclobber {
            file.persist_noclobber(to)
        } else {
            file.persist(to)
        };
        result.map(drop).map_err(|e| {
            // Kept, so that dropping `self` removes it.
            self.file = Some(e.file);
            e.error
        })
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        // An unpersisted NamedTempFile removes itself when dropped.
        drop(self.file.take());
        signals::unregister(&self.path);
    }
}

/// Where a write to `path` lands, and the metadata of what is there now:
/// the symlink's target for a symlink; refused for a folder, a device, a
/// read-only file or a file with several hard links.
pub(crate) fn write_target(path: &Path) -> io::Result<(PathBuf, Option<Metadata>)> {
    let link = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((path.to_path_buf(), None)),
        Err(e) => return Err(e),
    };
    let target = if link.file_type().is_symlink() {
        std::fs::canonicalize(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                io_error(e.kind(), "a symbolic link to a file that does not exist")
            }
            _ => e,
        })?
    } else {
        path.to_path_buf()
    };
    let meta = std::fs::metadata(&target)?;
    check_replaceable(&meta)?;
    Ok((target, Some(meta)))
}

/// The refusals every replacing write shares.
pub(crate) fn check_replaceable(meta: &Metadata) -> io::Result<()> {
    if !meta.is_file() {
        return Err(io_error(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    if meta.permissions().readonly() {
        return Err(io_error(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; techlead does not override that (make it writable to edit it)",
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(io_error(
                io::ErrorKind::InvalidInput,
                format!(
                    "the file has {} hard links; replacing it would leave the other names with the old text",
                    meta.nlink()
                ),
            ));
        }
    }
    Ok(())
}

/// Replaces (or creates) `path` with `bytes` atomically. An existing file
/// keeps its permissions; a symlink is written through.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (target, meta) = write_target(path)?;
    let tmp = Temp::new(target.parent().unwrap_or(Path::new("")), bytes, true)?;
    if let Some(meta) = meta {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(&target)
}

/// Creates `path` with `bytes` atomically, failing with
/// [`io::ErrorKind::AlreadyExists`] when it exists. Two processes racing for
/// the same name never both win, and the loser's bytes never reach it.
pub fn create_new_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = Temp::new(path.parent().unwrap_or(Path::new("")), bytes, true)?;
    tmp.persist_noclobber(path)
}

/// A cache file: written through a temp file and a rename like a user file,
/// but not synced (a torn cache fails its checksum and is rebuilt).
pub(crate) fn write_cache(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = Temp::new(path.parent().unwrap_or(Path::new("")), bytes, false)?;
    tmp.persist(path)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        create_new_atomic(&p, b"x").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "{mode:o}");
        // An existing file keeps its own mode.
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"y").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_written_through_read_only_files_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        let link = dir.path().join("l.md");
        std::fs::write(&p, "one").unwrap();
        std::os::unix::fs::symlink("a.md", &link).unwrap();
        write_atomic(&link, b"two").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&p, b"three").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
    }

    /// Run in a child process by the test below: makes a temp file in the
    /// folder it is given, then waits to be killed.
    #[test]
    fn signal_child() {
        let Some(dir) = std::env::var_os("TECHLEAD_TEST_SIGNAL_DIR") else {
            return;
        };
        let _tmp = Temp::new(Path::new(&dir), b"half", false).unwrap();
        std::thread::sleep(std::time::Duration::from_secs(30));
    }

    #[cfg(unix)]
    #[test]
    fn sigterm_removes_temp_files_and_still_ends_the_process() {
        use std::os::unix::process::ExitStatusExt;
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "atomic::tests::signal_child", "--nocapture"])
            .env("TECHLEAD_TEST_SIGNAL_DIR", dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let temps = || std::fs::read_dir(dir.path()).unwrap().count();
        let start = std::time::Instant::now();
        while temps() == 0 {
            assert!(
                start.elapsed().as_secs() < 20,
                "the child made no temp file"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(libc::SIGTERM), "{status:?}");
        assert_eq!(temps(), 0, "a temp file was left behind");
    }

    #[test]
    fn create_new_refuses_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        create_new_atomic(&p, b"one").unwrap();
        let err = create_new_atomic(&p, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
