//! Lines added and deleted by one file change, counted as
//! `git diff --numstat` counts them: a Myers line diff (git's default
//! algorithm, through gix's imara-diff), a line being everything up to and
//! including its newline, so a last line without one differs from the same
//! line with one. A side with a NUL byte in its first 8000 bytes is binary,
//! as git's `buffer_is_binary` decides, and counts 0 and 0. A submodule is
//! the one line git diffs for it, `Subproject commit <id>`.

use crate::FileLines;
use crate::odb::Odb;
use gix::diff::blob::{Algorithm, Diff, InternedInput, sources::byte_lines};
use gix::object::tree::EntryKind;
use gix::objs::Find;

/// One side of a change: what a path held before or after a commit.
#[derive(Debug, Clone, Copy)]
pub struct Side {
    pub id: gix::ObjectId,
    pub kind: EntryKind,
}

impl Side {
    pub fn new(id: &gix::oid, mode: gix::object::tree::EntryMode) -> Self {
        Side {
            id: id.to_owned(),
            kind: mode.kind(),
        }
    }
}

/// A thread's buffers for the two sides, kept between changes so that
/// reading a blob seldom allocates. Blobs live here only while one change
/// is counted.
#[derive(Default)]
pub struct Buffers {
    old: Vec<u8>,
    new: Vec<u8>,
    diff: Diff,
}

/// git looks this far into a blob for a NUL byte.
const BINARY_PROBE: usize = 8000;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a change could not be counted.
#[derive(Debug)]
pub enum Error {
    /// The blob is not in the repository (a partial or filtered clone).
    Missing(gix::ObjectId),
    Other(BoxError),
}

impl From<BoxError> for Error {
    fn from(e: BoxError) -> Self {
        Error::Other(e)
    }
}

impl From<Error> for BoxError {
    fn from(e: Error) -> Self {
        match e {
            Error::Missing(id) => format!("blob {id} is missing").into(),
            Error::Other(e) => e,
        }
    }
}

pub fn count(
    odb: &Odb,
    old: Option<Side>,
    new: Option<Side>,
    bufs: &mut Buffers,
) -> Result<FileLines, Error> {
    if let (Some(o), Some(n)) = (old, new)
        && o.id == n.id
    {
        // A mode change alone: numstat prints 0 and 0.
        return Ok(FileLines::default());
    }
    load(odb, old, &mut bufs.old)?;
    load(odb, new, &mut bufs.new)?;
    if is_binary(&bufs.old) || is_binary(&bufs.new) {
        return Ok(FileLines {
            binary: true,
            ..FileLines::default()
        });
    }
    // Whole files added or deleted need no diff, only a line count.
    if old.is_none() || bufs.old.is_empty() {
        return Ok(FileLines {
            added: line_count(&bufs.new),
            ..FileLines::default()
        });
    }
    if new.is_none() || bufs.new.is_empty() {
        return Ok(FileLines {
            deleted: line_count(&bufs.old),
            ..FileLines::default()
        });
    }
    // No trimming of shared first and last lines before interning: it
    // would be faster, but the Myers heuristics (as in git) weigh each
    // line by how often it occurs in the whole file, so on big files the
    // counts would drift from git's.
    let input = InternedInput::new(byte_lines(&bufs.old), byte_lines(&bufs.new));
    bufs.diff.compute_with(
        Algorithm::Myers,
        &input.before,
        &input.after,
        input.interner.num_tokens(),
    );
    Ok(FileLines {
        added: bufs.diff.count_additions(),
        deleted: bufs.diff.count_removals(),
        binary: false,
    })
}

/// Fills `buf` with a side's content; empty for a side that is absent.
fn load(odb: &Odb, side: Option<Side>, buf: &mut Vec<u8>) -> Result<(), Error> {
    buf.clear();
    let Some(side) = side else {
        return Ok(());
    };
    match side.kind {
        EntryKind::Commit => {
            buf.extend_from_slice(format!("Subproject commit {}\n", side.id).as_bytes());
        }
        EntryKind::Tree => {}
        EntryKind::Blob | EntryKind::BlobExecutable | EntryKind::Link => {
            match odb.try_find(&side.id, buf) {
                Ok(Some(_)) => {}
                Ok(None) => return Err(Error::Missing(side.id)),
                Err(e) => return Err(Error::Other(Box::new(e))),
            }
        }
    }
    Ok(())
}

fn is_binary(data: &[u8]) -> bool {
    data[..data.len().min(BINARY_PROBE)].contains(&0)
}

/// Lines as git counts them: a last line without a newline is a line.
fn line_count(data: &[u8]) -> u32 {
    let newlines = data.iter().filter(|&&b| b == b'\n').count();
    let partial = usize::from(data.last().is_some_and(|&b| b != b'\n'));
    u32::try_from(newlines + partial).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_as_git_counts_them() {
        assert_eq!(line_count(b""), 0);
        assert_eq!(line_count(b"a"), 1);
        assert_eq!(line_count(b"a\n"), 1);
        assert_eq!(line_count(b"a\nb"), 2);
        assert_eq!(line_count(b"\n\n"), 2);
    }

    #[test]
    fn binary_is_a_nul_in_the_first_8000_bytes() {
        assert!(is_binary(b"ab\0c"));
        assert!(!is_binary(b"abc"));
        let mut late = vec![b'a'; BINARY_PROBE];
        late.push(0);
        assert!(!is_binary(&late));
    }
}
