//! All-or-nothing edits of several files. A command stages every file it
//! changes, creates or renames, then commits the set:
//!
//! 1. prepare: each target is checked (inside the project root, a regular
//!    writable file with one link, still holding the bytes the command read)
//!    and its new content written to a synced temp file beside it. A failure
//!    here removes the temp files and leaves every file as it was.
//! 2. commit: the temp files are renamed into place in order. A failure
//!    here undoes the renames already made (old content written back,
//!    created files removed, a renamed file restored), so the set is never
//!    left half-applied; a signal waits for the commit to finish.

use super::{Temp, check_replaceable, signals, write_target};
use crate::InputError;
use crate::error::io_error;
use crate::paths::display_rel;
use std::io;
use std::path::{Path, PathBuf};

enum Op {
    Replace {
        path: PathBuf,
        expected: Vec<u8>,
        bytes: Vec<u8>,
    },
    Create {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    Move {
        from: PathBuf,
        to: PathBuf,
        expected: Vec<u8>,
        bytes: Vec<u8>,
    },
}

/// A set of file edits committed together; see the module docs.
pub struct Transaction {
    root: PathBuf,
    ops: Vec<Op>,
    /// Tests make the commit fail before this op (0-based).
    #[cfg(test)]
    fail_before: Option<usize>,
}

/// An op ready to commit: its temp file and what undoing it takes.
struct Prepared {
    shown: PathBuf,
    temp: Temp,
    action: Action,
}

enum Action {
    Replace {
        target: PathBuf,
        original: Vec<u8>,
    },
    Create {
        target: PathBuf,
    },
    Move {
        from: PathBuf,
        to: PathBuf,
        original: Vec<u8>,
    },
}

/// What was done, to undo in reverse order.
enum Undo {
    Restore { target: PathBuf, original: Vec<u8> },
    Remove(PathBuf),
}

impl Transaction {
    /// Edits of files under `root`, the project root: a target outside it
    /// (through `..`, a symlink or `.adr-dir`) is refused.
    pub fn new(root: &Path) -> Transaction {
        Transaction {
            root: root.to_path_buf(),
            ops: Vec::new(),
            #[cfg(test)]
            fail_before: None,
        }
    }

    /// Replaces the content of `path`, which held `expected` when the
    /// command read it. Nothing is staged when the content is unchanged.
    pub fn replace(&mut self, path: &Path, expected: &[u8], bytes: impl Into<Vec<u8>>) {
        let bytes = bytes.into();
        if bytes != expected {
            self.ops.push(Op::Replace {
                path: path.to_path_buf(),
                expected: expected.to_vec(),
                bytes,
            });
        }
    }

    /// Creates `path`, which must not exist when the set is committed.
    pub fn create(&mut self, path: &Path, bytes: impl Into<Vec<u8>>) {
        self.ops.push(Op::Create {
            path: path.to_path_buf(),
            bytes: bytes.into(),
        });
    }

    /// Renames `from` (which held `expected`) to `to`, with new content.
    pub fn rename(&mut self, from: &Path, to: &Path, expected: &[u8], bytes: impl Into<Vec<u8>>) {
        self.ops.push(Op::Move {
            from: from.to_path_buf(),
            to: to.to_path_buf(),
            expected: expected.to_vec(),
            bytes: bytes.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The files the set writes, in order, relative to the root (a rename
    /// as `from -> to`), for the command's notes.
    pub fn describe(&self) -> Vec<String> {
        let rel = |p: &Path| display_rel(&self.root, p);
        self.ops
            .iter()
            .map(|op| match op {
                Op::Replace { path, .. } => format!("updated {}", rel(path)),
                Op::Create { path, .. } => format!("created {}", rel(path)),
                Op::Move { from, to, .. } => format!("renamed {} -> {}", rel(from), rel(to)),
            })
            .collect()
    }

    /// Writes the whole set, or none of it. Errors name the file (relative
    /// to the root) and say whether it could not be read or written.
    pub fn commit(self) -> Result<(), InputError> {
        let root = std::fs::canonicalize(&self.root).map_err(|e| InputError::io(".", &e))?;
        let mut prepared = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            // On error the temps prepared so far are dropped, which removes
            // them.
            prepared.push(prepare(&root, &self.root, op)?);
        }
        #[cfg(test)]
        let fail_before = self.fail_before;
        #[cfg(not(test))]
        let fail_before: Option<usize> = None;

        let _guard = signals::commit_guard();
        let mut done: Vec<Undo> = Vec::new();
        for (i, p) in prepared.into_iter().enumerate() {
            let shown = p.shown.clone();
            let result = if fail_before == Some(i) {
                Err(io_error(io::ErrorKind::Other, "injected failure"))
            } else {
                apply(p, &mut done)
            };
            if let Err(e) = result {
                let undo_failed = rollback(done);
                let mut err = InputError::io_write(&shown, &e);
                if !undo_failed.is_empty() {
                    err = err.with_help(format!(
                        "the files written before it could not all be restored: {}",
                        undo_failed
                            .iter()
                            .map(|p| display_rel(&self.root, p))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                return Err(err);
            }
        }
        Ok(())
    }

    #[cfg(test)]
    fn fail_before(mut self, i: usize) -> Self {
        self.fail_before = Some(i);
        self
    }
}

fn prepare(canon_root: &Path, root: &Path, op: &Op) -> Result<Prepared, InputError> {
    let shown = |p: &Path| PathBuf::from(display_rel(root, p));
    match op {
        Op::Replace {
            path,
            expected,
            bytes,
        } => {
            let w = |e: io::Error| InputError::io_write(shown(path), &e);
            let (target, meta) = write_target(path).map_err(w)?;
            let Some(meta) = meta else {
                return Err(w(io::ErrorKind::NotFound.into()));
            };
            inside(canon_root, &target).map_err(w)?;
            unchanged(&target, expected).map_err(|e| changed(shown(path), e))?;
            let temp = temp_beside(&target, bytes).map_err(w)?;
            std::fs::set_permissions(temp.path(), meta.permissions()).map_err(w)?;
            Ok(Prepared {
                shown: shown(path),
                temp,
                action: Action::Replace {
                    target,
                    original: expected.clone(),
                },
            })
        }
        Op::Create { path, bytes } => {
            let w = |e: io::Error| InputError::io_write(shown(path), &e);
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(w(io::ErrorKind::AlreadyExists.into()));
            }
            inside(canon_root, path).map_err(w)?;
            Ok(Prepared {
                shown: shown(path),
                temp: temp_beside(path, bytes).map_err(w)?,
                action: Action::Create {
                    target: path.clone(),
                },
            })
        }
        Op::Move {
            from,
            to,
            expected,
            bytes,
        } => {
            let w = |e: io::Error| InputError::io_write(shown(from), &e);
            let meta = std::fs::symlink_metadata(from).map_err(w)?;
            if meta.file_type().is_symlink() {
                return Err(w(io_error(
                    io::ErrorKind::InvalidInput,
                    "a symbolic link; techlead does not rename links (rename it by hand)",
                )));
            }
            check_replaceable(&meta).map_err(w)?;
            inside(canon_root, from).map_err(w)?;
            unchanged(from, expected).map_err(|e| changed(shown(from), e))?;
            let wt = |e: io::Error| InputError::io_write(shown(to), &e);
            if std::fs::symlink_metadata(to).is_ok() {
                return Err(wt(io::ErrorKind::AlreadyExists.into()));
            }
            inside(canon_root, to).map_err(wt)?;
            let temp = temp_beside(to, bytes).map_err(wt)?;
            std::fs::set_permissions(temp.path(), meta.permissions()).map_err(wt)?;
            Ok(Prepared {
                shown: shown(to),
                temp,
                action: Action::Move {
                    from: from.clone(),
                    to: to.clone(),
                    original: expected.clone(),
                },
            })
        }
    }
}

fn apply(p: Prepared, done: &mut Vec<Undo>) -> io::Result<()> {
    match p.action {
        Action::Replace { target, original } => {
            p.temp.persist(&target)?;
            done.push(Undo::Restore { target, original });
        }
        Action::Create { target } => {
            p.temp.persist_noclobber(&target)?;
            done.push(Undo::Remove(target));
        }
        Action::Move { from, to, original } => {
            p.temp.persist_noclobber(&to)?;
            done.push(Undo::Remove(to));
            std::fs::remove_file(&from)?;
            done.push(Undo::Restore {
                target: from,
                original,
            });
        }
    }
    Ok(())
}

/// Undoes `done` in reverse; gives the files it could not restore.
fn rollback(done: Vec<Undo>) -> Vec<PathBuf> {
    let mut failed = Vec::new();
    for undo in done.into_iter().rev() {
        let (path, result) = match undo {
            Undo::Restore { target, original } => {
                let r = restore(&target, &original);
                (target, r)
            }
            Undo::Remove(p) => {
                let r = std::fs::remove_file(&p);
                (p, r)
            }
        };
        if result.is_err() {
            failed.push(path);
        }
    }
    failed
}

fn restore(target: &Path, original: &[u8]) -> io::Result<()> {
    let temp = temp_beside(target, original)?;
    if let Ok(meta) = std::fs::metadata(target) {
        std::fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.persist(target)
}

fn temp_beside(target: &Path, bytes: &[u8]) -> io::Result<Temp> {
    Temp::new(target.parent().unwrap_or(Path::new("")), bytes, true)
}

/// `path` (whose folder must exist) is inside the canonical root once
/// symlinks and `..` are resolved.
fn inside(canon_root: &Path, path: &Path) -> io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let real = std::fs::canonicalize(parent)?;
    if real.starts_with(canon_root) {
        Ok(())
    } else {
        Err(io_error(
            io::ErrorKind::InvalidInput,
            format!(
                "outside the project root (it resolves to {}); techlead writes only inside the project",
                real.join(path.file_name().unwrap_or_default()).display()
            ),
        ))
    }
}

/// Whether the file still holds what the command read.
fn unchanged(path: &Path, expected: &[u8]) -> io::Result<()> {
    match crate::read::regular_file(path, expected.len() as u64 + 1) {
        Ok(now) if now == expected => Ok(()),
        Ok(_) => Err(io_error(io::ErrorKind::Other, "changed")),
        Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
            Err(io_error(io::ErrorKind::Other, "changed"))
        }
        Err(e) => Err(e),
    }
}

fn changed(shown: PathBuf, e: io::Error) -> InputError {
    if e.to_string() == "changed" {
        InputError::in_file(
            shown,
            "changed on disk while techlead was editing it; nothing was written",
        )
        .with_help("run the command again")
    } else {
        InputError::io(shown, &e)
    }
}

#[cfg(test)]
mod tests;
