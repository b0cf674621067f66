//! The one read path for files techlead parses: regular files only, with a
//! size limit checked before reading and enforced while reading.
//!
//! A record symlinked to `/dev/zero`, a FIFO in the decisions folder or a
//! gigabyte lockfile would otherwise grow memory without bound or hang the
//! run. Every reader (records, radar records, config, sources, lockfiles)
//! goes through here with its own documented limit.

use crate::error::io_error;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

const MIB: u64 = 1024 * 1024;

/// Decision records and radar records (markdown).
pub const RECORD_LIMIT: u64 = 16 * MIB;
/// `techlead.toml`, `.adr-dir`, `.log4brains.yml`, the baseline.
pub const CONFIG_LIMIT: u64 = 4 * MIB;
/// Source files the boundaries check reads imports from.
pub const SOURCE_LIMIT: u64 = 4 * MIB;
/// Lockfiles and manifests.
pub const LOCKFILE_LIMIT: u64 = 256 * MIB;
/// Files handed to `radar import`.
pub const IMPORT_LIMIT: u64 = 64 * MIB;

/// Reads `path` whole when it is a regular file (a symlink to one counts)
/// of at most `limit` bytes.
///
/// Errors are [`io::Error`]s whose text says what is wrong for a person
/// (`not a regular file (a FIFO)`, `16777217 bytes, over the 16 MiB limit`),
/// so [`crate::InputError::io`] shows them as they are.
pub fn regular_file(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    if let Some(read) = crate::source::read_mounted(path, limit) {
        return read;
    }
    let (f, meta) = open_regular(path, limit)?;
    // A buffer of its own, so no zeroing: `read_to_end` fills the reserved
    // room as it is (a 2.7 MB cache zeroed first cost a tenth of a warm
    // `adr list`). `take` stops one byte past the limit.
    let mut buf = Vec::with_capacity((meta.len() as usize).saturating_add(1));
    let len = f.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if len as u64 > limit {
        return Err(too_large(len as u64, limit));
    }
    Ok(buf)
}

/// The file at `path` opened without blocking, when it is a regular file
/// of at most `limit` bytes, with its metadata.
fn open_regular(path: &Path, limit: u64) -> io::Result<(File, Metadata)> {
    let f = open_nonblocking(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok((f, meta))
}

/// As [`regular_file`], as UTF-8 text; invalid UTF-8 is an
/// [`io::ErrorKind::InvalidData`] error.
pub fn regular_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(regular_file(path, limit)?)
        .map_err(|_| io_error(io::ErrorKind::InvalidData, "invalid UTF-8"))
}

/// Reads a regular file into the front of `buf`, reusing its allocation
/// (a folder of 10,000 records reads into one buffer per thread), and
/// returns its length and the open file's metadata (None for a file of a
/// mounted tree, [`crate::source`]).
///
/// The file is opened without blocking, so a FIFO is refused rather than
/// waited on; its type and size come from the open file, so a swap between
/// a check and the read cannot slip a device in; and the read stops one
/// byte past the limit, so a file that grows while read is refused too.
pub fn regular_file_into(
    path: &Path,
    limit: u64,
    buf: &mut Vec<u8>,
) -> io::Result<(usize, Option<Metadata>)> {
    if let Some(read) = crate::source::read_mounted(path, limit) {
        let bytes = read?;
        buf.clear();
        buf.extend_from_slice(&bytes);
        return Ok((bytes.len(), None));
    }
    let (f, meta) = open_regular(path, limit)?;
    // The buffer keeps its full length between files, so a reused buffer
    // is zeroed only where it grows; `read_to_end` would ask for the size
    // again. Exactly the file and one byte for the end: a fresh buffer per
    // file (the boundaries walk reads 50,000 sources) zeroed to a minimum
    // of 64 KiB cost more CPU than reading the files.
    let want = (meta.len() as usize).saturating_add(1);
    if buf.len() < want {
        buf.resize(want, 0);
    }
    Ok((read_all(f, limit, buf)?, Some(meta)))
}

/// As [`regular_file_into`], for a path that a folder listing has just
/// shown to be a regular file (its entry's type, not a symlink): the open
/// file's type is asked only when the read goes wrong. That `fstat` was a
/// tenth of the system time of loading 10,000 records. Opened without
/// blocking and read no further than the limit, a file swapped for a FIFO
/// or a device since the listing can neither hang the run nor grow memory
/// past the limit; and is refused by type when it reads as empty or fails.
/// `buf` is meant to be reused: it grows to 64 KiB at once.
pub fn listed_file_into(path: &Path, limit: u64, buf: &mut Vec<u8>) -> io::Result<usize> {
    if let Some(read) = crate::source::read_mounted(path, limit) {
        let bytes = read?;
        buf.clear();
        buf.extend_from_slice(&bytes);
        return Ok(bytes.len());
    }
    let f = open_nonblocking(path)?;
    if buf.len() < 64 * 1024 {
        buf.resize(64 * 1024, 0);
    }
    match read_all(&f, limit, buf) {
        Ok(len) if len > 0 => Ok(len),
        other => {
            let meta = f.metadata()?;
            if !meta.is_file() {
                return Err(not_regular(&meta));
            }
            other
        }
    }
}

/// Reads until the end into the front of `buf`, doubling it when full,
/// and fails one byte past `limit`.
fn read_all(mut f: impl Read, limit: u64, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut len = 0usize;
    loop {
        if len == buf.len() {
            buf.resize(buf.len().max(1) * 2, 0);
        }
        match f.read(&mut buf[len..]) {
            Ok(0) => return Ok(len),
            Ok(n) => {
                len += n;
                if len as u64 > limit {
                    return Err(too_large(len as u64, limit));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn not_regular(meta: &Metadata) -> io::Error {
    io_error(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({})", kind_of(meta)),
    )
}

fn too_large(len: u64, limit: u64) -> io::Error {
    io_error(
        io::ErrorKind::FileTooLarge,
        format!("{len} bytes or more, over the {} limit", human(limit)),
    )
}

/// `16 MiB`, `512 KiB`, `100 bytes`.
pub fn human(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_one_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(regular_file(&p, 5).unwrap(), b"hello");
        let err = regular_file(&p, 4).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert!(err.to_string().contains("over the 4 bytes limit"), "{err}");
        let err = regular_file(dir.path(), 4).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a folder)");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_before_any_read() {
        let err = regular_file(Path::new("/dev/zero"), RECORD_LIMIT).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a device)");
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.md");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(regular_file(&link, RECORD_LIMIT).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_listed_file_is_read_and_anything_else_refused_by_type() {
        let dir = tempfile::tempdir().unwrap();
        let mut buf = Vec::new();
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(listed_file_into(&p, 5, &mut buf).unwrap(), 5);
        assert_eq!(&buf[..5], b"hello");
        let err = listed_file_into(&p, 4, &mut buf).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        let empty = dir.path().join("empty.md");
        std::fs::write(&empty, b"").unwrap();
        assert_eq!(listed_file_into(&empty, 5, &mut buf).unwrap(), 0);
        // Swapped since the listing: each refused by its type, without
        // waiting and without reading past the limit.
        let err = listed_file_into(dir.path(), 5, &mut buf).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a folder)");
        for device in ["/dev/zero", "/dev/null"] {
            let err = listed_file_into(Path::new(device), 1024, &mut buf).unwrap_err();
            assert_eq!(err.to_string(), "not a regular file (a device)", "{device}");
        }
        let fifo = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = listed_file_into(&fifo, RECORD_LIMIT, &mut buf).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a FIFO)");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = regular_file(&p, RECORD_LIMIT).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file (a FIFO)");
    }

    #[test]
    fn buffers_are_reused_and_hold_the_file_in_front() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, vec![b'x'; 100_000]).unwrap();
        std::fs::write(&b, b"short").unwrap();
        let mut buf = Vec::new();
        assert_eq!(
            regular_file_into(&a, RECORD_LIMIT, &mut buf).unwrap().0,
            100_000
        );
        let (len, meta) = regular_file_into(&b, RECORD_LIMIT, &mut buf).unwrap();
        assert_eq!(&buf[..len], b"short");
        assert_eq!(meta.unwrap().len(), 5);
    }
}
