//! `.techlead/cache`: what the contexts keep between runs to skip work, and
//! the little-endian byte codec their private cache formats are written in.
//!
//! A cache is never user data. One that is absent, from another techlead
//! build, or damaged is ignored and rebuilt, and failing to write one is
//! not an error.
//!
//! A cache is input too: every file ends with a checksum of its body keyed
//! by the build id, so a flipped byte, a truncation or a file from another
//! build reads as no cache at all, never as a wrong answer. A `.techlead`
//! or `.techlead/cache` that is a symbolic link is neither read nor written
//! (it could point anywhere outside the project).

use std::io;
use std::path::{Path, PathBuf};

/// The cache folder, relative to the project root.
pub const DIR: &str = ".techlead/cache";

/// The absolute path of cache file `name` under `root`.
pub fn path(root: &Path, name: &str) -> PathBuf {
    root.join(DIR).join(name)
}

/// What a cache must have been written by to be read: the techlead version
/// and the size and mtime of the running executable. A cache holds what the
/// code made of its input, so one written by another build, even one of the
/// same version built from a later commit, is not trusted.
pub fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .map(|m| {
                let mtime = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}-{mtime}", m.len())
            })
            .unwrap_or_default();
        format!("{} {exe}", env!("CARGO_PKG_VERSION"))
    })
}

/// A stable 64-bit hash of file content, for the caches keyed by what a
/// file holds (with its length beside it): foldhash's quality hasher with
/// a fixed seed. A warm run hashes every source file; SipHash spent a
/// tenth of `boundaries check` on a 10,000-file monorepo doing it,
/// foldhash a fraction of that, with no weaker a hash for telling an
/// edited file from its cached version (no one gains by colliding their
/// own cache). Every cache file is keyed by the techlead build, so another
/// build's hashes only mean misses.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::quality::FixedState::with_seed(0x7465_6368_6c65_6164).build_hasher();
    h.write(bytes);
    h.finish()
}

/// The checksum of a cache body: CRC-32 over the build id and the body
/// (which catches every changed byte and every burst of up to 32 bits),
/// with the body's length beside it. It guards against damage, not against
/// an attacker who can write the file (they could write the records too).
/// CRC-32 runs on the CPU's carry-less multiply: SipHash over a 2.7 MB
/// decisions cache was a fifth of a warm `adr list`.
fn checksum(body: &[u8]) -> u64 {
    let mut h = crc32fast::Hasher::new();
    h.update(build_id().as_bytes());
    h.update(body);
    (u64::from(h.finalize()) << 32) | (body.len() as u64 & 0xffff_ffff)
}

/// What ends every cache file after its body: the checksum, then this tag.
const TRAILER_TAG: &[u8; 8] = b"TLCHKSUM";

/// The folder `.techlead/cache` under `root` when neither it nor
/// `.techlead` is a symbolic link (or something else than a folder).
fn real_dir(root: &Path) -> io::Result<PathBuf> {
    let mut dir = root.to_path_buf();
    for part in DIR.split('/') {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(crate::error::io_error(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{} is a symbolic link; techlead keeps its cache only in a real folder \
                         inside the project, so this run is not cached",
                        crate::paths::display_rel(root, &dir)
                    ),
                ));
            }
            Ok(m) if !m.is_dir() => {
                return Err(crate::error::io_error(
                    io::ErrorKind::InvalidInput,
                    format!("{} is not a folder", crate::paths::display_rel(root, &dir)),
                ));
            }
            _ => {}
        }
    }
    Ok(dir)
}

/// Why the cache folder cannot be used (it or `.techlead` is a symbolic
/// link, or not a folder), for a warning; Ok when it can (or does not
/// exist yet).
pub fn check_dir(root: &Path) -> io::Result<()> {
    real_dir(root).map(|_| ())
}

/// The body of cache file `name` when it is whole: a regular file (not a
/// link) under a real cache folder, whose checksum matches. Anything else
/// is no cache.
pub fn load(root: &Path, name: &str) -> Option<Vec<u8>> {
    let path = real_dir(root).ok()?.join(name);
    if std::fs::symlink_metadata(&path)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let mut bytes = crate::read::regular_file(&path, CACHE_LIMIT).ok()?;
    let body_len = bytes.len().checked_sub(16)?;
    let (body, trailer) = bytes.split_at(body_len);
    if &trailer[8..] != TRAILER_TAG || trailer[..8] != checksum(body).to_le_bytes() {
        return None;
    }
    bytes.truncate(body_len);
    Some(bytes)
}

/// The largest cache file read.
pub const CACHE_LIMIT: u64 = 1024 * 1024 * 1024;

/// Writes cache file `name` through a temporary file and a rename, so no
/// reader ever sees half a file. Unlike user files it is not synced to disk
/// first: after a crash a torn cache fails its checksum and is rebuilt, and
/// the sync would cost more than the rest of a warm run.
///
/// A new cache folder gets a `.gitignore` of `*`, as ruff and pytest do with
/// theirs, so a repository that never mentioned techlead in its own
/// `.gitignore` does not see the cache as new files to commit.
pub fn save(root: &Path, name: &str, body: &[u8]) -> io::Result<()> {
    let dir = real_dir(root)?;
    if !dir.is_dir() {
        std::fs::create_dir_all(&dir)?;
        // Created just now: check again that no link was raced in.
        real_dir(root)?;
    }
    let ignore = dir.join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        crate::atomic::write_cache(
            &ignore,
            b"# Written by techlead: the cache is not for version control.\n*\n",
        )?;
    }
    let target = dir.join(name);
    if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(crate::error::io_error(
            io::ErrorKind::InvalidInput,
            "the cache file is a symbolic link; not written",
        ));
    }
    let mut bytes = Vec::with_capacity(body.len() + 16);
    bytes.extend_from_slice(body);
    bytes.extend_from_slice(&checksum(body).to_le_bytes());
    bytes.extend_from_slice(TRAILER_TAG);
    crate::atomic::write_cache(&target, &bytes)
}

/// A cache file to write once the command has succeeded: a command that
/// stops on bad input touches no file, not even its cache.
#[must_use = "a pending cache is written only by `save`"]
pub struct Pending {
    root: PathBuf,
    name: &'static str,
    body: Body,
}

/// A cache file's body: made, or being made on a thread of its own.
enum Body {
    Ready(Vec<u8>),
    Later(std::thread::JoinHandle<Vec<u8>>),
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.body {
            Body::Ready(bytes) => write!(f, "Pending({}, {} bytes)", self.name, bytes.len()),
            Body::Later(_) => write!(f, "Pending({}, being encoded)", self.name),
        }
    }
}

impl Pending {
    pub fn new(root: &Path, name: &'static str, bytes: Vec<u8>) -> Pending {
        Pending {
            root: root.to_path_buf(),
            name,
            body: Body::Ready(bytes),
        }
    }

    /// A file whose body `encode` makes on a thread of its own, while the
    /// command goes on with its answer: it is waited for only when saved.
    /// A command that fails never writes it.
    pub fn later(
        root: &Path,
        name: &'static str,
        encode: impl FnOnce() -> Vec<u8> + Send + 'static,
    ) -> Pending {
        Pending {
            root: root.to_path_buf(),
            name,
            body: Body::Later(std::thread::spawn(encode)),
        }
    }

    pub fn save(self) -> io::Result<()> {
        let bytes = match self.body {
            Body::Ready(bytes) => bytes,
            Body::Later(handle) => handle.join().map_err(|_| {
                crate::error::io_error(io::ErrorKind::Other, "encoding the cache failed")
            })?,
        };
        save(&self.root, self.name, &bytes)
    }

    /// The file's path relative to the project root, for messages.
    pub fn rel_path(&self) -> String {
        format!("{DIR}/{}", self.name)
    }
}

/// Appends fixed-width little-endian numbers and length-prefixed strings.
#[derive(Default)]
pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.out.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.out.extend_from_slice(s.as_bytes());
    }
    /// A presence byte, then the string when there is one.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    /// A presence byte, then the number when there is one.
    pub fn opt_u32(&mut self, v: Option<u32>) {
        match v {
            Some(v) => {
                self.u8(1);
                self.u32(v);
            }
            None => self.u8(0),
        }
    }
}

/// Reads what [`Writer`] wrote. Every read is bounds-checked and gives
/// `None` on a short or damaged buffer, so a bad cache is a miss, not a
/// panic.
pub struct Reader<'b> {
    pub b: &'b [u8],
    pub pos: usize,
}

impl<'b> Reader<'b> {
    pub fn new(b: &'b [u8]) -> Self {
        Reader { b, pos: 0 }
    }
    pub fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub fn str(&mut self) -> Option<&'b str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    pub fn opt_str(&mut self) -> Option<Option<&'b str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    pub fn opt_u32(&mut self) -> Option<Option<u32>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.u32()?)),
            _ => None,
        }
    }
    /// Whether every byte was read: a cache with trailing bytes is damaged.
    pub fn at_end(&self) -> bool {
        self.pos == self.b.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_short_reads() {
        let mut w = Writer::default();
        w.u8(7);
        w.u32(70_000);
        w.u64(u64::MAX - 1);
        w.str("héllo");
        w.opt_str(None);
        w.opt_str(Some(""));
        w.opt_u32(Some(3));
        let mut r = Reader::new(&w.out);
        assert_eq!(r.u8(), Some(7));
        assert_eq!(r.u32(), Some(70_000));
        assert_eq!(r.u64(), Some(u64::MAX - 1));
        assert_eq!(r.str(), Some("héllo"));
        assert_eq!(r.opt_str(), Some(None));
        assert_eq!(r.opt_str(), Some(Some("")));
        assert_eq!(r.opt_u32(), Some(Some(3)));
        assert!(r.at_end());
        assert_eq!(r.u8(), None);
        // Every truncation of the buffer fails to read back, never panics.
        for cut in 0..w.out.len() {
            let mut r = Reader::new(&w.out[..cut]);
            let whole = (|| {
                r.u8()?;
                r.u32()?;
                r.u64()?;
                r.str()?;
                r.opt_str()?;
                r.opt_str()?;
                r.opt_u32()
            })();
            assert!(whole.is_none(), "cut at {cut}");
        }
    }

    #[test]
    fn the_build_id_names_the_version_and_is_stable() {
        assert!(build_id().starts_with(env!("CARGO_PKG_VERSION")));
        assert!(build_id().len() > env!("CARGO_PKG_VERSION").len() + 2);
        assert_eq!(build_id(), build_id());
    }

    #[test]
    fn save_writes_the_file_and_a_gitignore() {
        let root = tempfile::tempdir().unwrap();
        save(root.path(), "x.bin", b"one").unwrap();
        save(root.path(), "x.bin", b"two").unwrap();
        assert_eq!(load(root.path(), "x.bin").unwrap(), b"two");
        let ignore = std::fs::read_to_string(root.path().join(DIR).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
        // The cache file, the .gitignore, and no temp file left behind.
        assert_eq!(std::fs::read_dir(root.path().join(DIR)).unwrap().count(), 2);
    }

    #[test]
    fn a_body_made_later_is_written_when_saved() {
        let root = tempfile::tempdir().unwrap();
        let pending = Pending::later(root.path(), "x.bin", || b"made on a thread".to_vec());
        assert!(format!("{pending:?}").contains("x.bin"));
        assert_eq!(load(root.path(), "x.bin"), None);
        pending.save().unwrap();
        assert_eq!(load(root.path(), "x.bin").unwrap(), b"made on a thread");
    }

    #[test]
    fn every_damaged_byte_reads_as_no_cache() {
        let root = tempfile::tempdir().unwrap();
        save(root.path(), "x.bin", b"a body of some bytes").unwrap();
        let p = path(root.path(), "x.bin");
        let good = std::fs::read(&p).unwrap();
        for i in 0..good.len() {
            for flip in [1u8, 0x80] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                std::fs::write(&p, &bad).unwrap();
                assert_eq!(load(root.path(), "x.bin"), None, "byte {i} ^ {flip}");
            }
            std::fs::write(&p, &good[..i]).unwrap();
            assert_eq!(load(root.path(), "x.bin"), None, "cut at {i}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_cache_folder_is_neither_read_nor_written() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join(".techlead")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join(DIR)).unwrap();
        let err = save(root.path(), "x.bin", b"one").unwrap_err();
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        // A cache planted behind the link is not read either.
        std::fs::remove_file(root.path().join(DIR)).unwrap();
        save(root.path(), "x.bin", b"one").unwrap();
        std::fs::rename(root.path().join(DIR), elsewhere.path().join("c")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("c"), root.path().join(DIR)).unwrap();
        assert_eq!(load(root.path(), "x.bin"), None);
    }
}
