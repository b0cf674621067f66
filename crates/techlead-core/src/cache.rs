//! `.techlead/cache`: what the contexts keep between runs to skip work, and
//! the little-endian byte codec their private cache formats are written in.
//!
//! A cache is never user data. One that is absent, from another techlead
//! build, or damaged is ignored and rebuilt, and failing to write one is
//! not an error.

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

/// Writes cache file `name` through a temporary file and a rename, so no
/// reader ever sees half a file. Unlike user files it is not synced to disk
/// first: after a crash a torn cache fails to decode and is rebuilt, and the
/// sync would cost more than the rest of a warm run.
///
/// A new cache folder gets a `.gitignore` of `*`, as ruff and pytest do with
/// theirs, so a repository that never mentioned techlead in its own
/// `.gitignore` does not see the cache as new files to commit.
pub fn save(root: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let dir = root.join(DIR);
    if !dir.is_dir() {
        std::fs::create_dir_all(&dir)?;
    }
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(
            &ignore,
            "# Written by techlead: the cache is not for version control.\n*\n",
        )?;
    }
    let tmp = tempfile::Builder::new()
        .prefix(".techlead-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    std::fs::write(tmp.path(), bytes)?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// A cache file to write once the command has succeeded: a command that
/// stops on bad input touches no file, not even its cache.
#[must_use = "a pending cache is written only by `save`"]
pub struct Pending {
    root: PathBuf,
    name: &'static str,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pending({}, {} bytes)", self.name, self.bytes.len())
    }
}

impl Pending {
    pub fn new(root: &Path, name: &'static str, bytes: Vec<u8>) -> Pending {
        Pending {
            root: root.to_path_buf(),
            name,
            bytes,
        }
    }

    pub fn save(self) -> io::Result<()> {
        save(&self.root, self.name, &self.bytes)
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
        assert_eq!(std::fs::read(path(root.path(), "x.bin")).unwrap(), b"two");
        let ignore = std::fs::read_to_string(root.path().join(DIR).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
        // The cache file, the .gitignore, and no temp file left behind.
        assert_eq!(std::fs::read_dir(root.path().join(DIR)).unwrap().count(), 2);
    }
}
