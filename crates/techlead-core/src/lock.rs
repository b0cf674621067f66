//! Serialised read-modify-write. Two `techlead adr link` runs that read the
//! same record and each add a line would otherwise both succeed and one
//! line would be lost. A command that edits files takes an exclusive
//! advisory lock on the folder it edits (the decisions folder, the radar
//! folder) before it reads them and keeps it until its writes are
//! committed; a second run waits for the first.
//!
//! The lock is taken on the folder itself (flock on its descriptor), so no
//! lock file appears in a folder that is under version control. Other
//! programs (an editor) do not take it; [`crate::atomic::Transaction`]
//! checks that each file still holds what was read, so their changes are
//! refused rather than overwritten.

use std::fs::File;
use std::io;
use std::path::Path;

/// Held while a command edits a folder; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Waits for, then takes, the exclusive lock on folder `dir`.
    pub fn exclusive(dir: &Path) -> io::Result<Lock> {
        let file = open(dir)?;
        file.lock()?;
        Ok(Lock { _file: file })
    }
}

#[cfg(unix)]
fn open(dir: &Path) -> io::Result<File> {
    File::open(dir)
}

/// Folders cannot be opened as files here: a lock file in the folder.
#[cfg(not(unix))]
fn open(dir: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".techlead.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::exclusive(dir.path()).unwrap();
        let second = File::open(dir.path()).unwrap();
        assert!(matches!(
            second.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(first);
        assert!(second.try_lock().is_ok());
    }
}
