//! What a command computed from each file's content, kept in one cache
//! file under `.techlead/cache` and keyed by the file's path and content,
//! so that a run which finds a file unchanged does not compute it again;
//! and, within one run, one computation per file for every reader.
//!
//! An entry is used only when the path, the content hash and the length
//! match, and the caller's `fits` accepts it (health also wants the same
//! language). The file goes through [`crate::cache`] (checksummed and keyed
//! by the techlead build: a file from another build, damaged or cut short
//! is no cache at all) and holds the files used by the run that wrote it,
//! no others. The composition root writes it only when the command
//! succeeds (see [`ContentMemo::pending`]).

use crate::cache::{self, Pending, Reader, Writer};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// A value a [`ContentMemo`] keeps: how it is written to the cache file
/// and read back. A read that does not fit is `None`, and the whole file
/// is then no cache.
pub trait Memoized: Clone + PartialEq {
    fn write(&self, w: &mut Writer);
    fn read(r: &mut Reader) -> Option<Self>;
}

/// One file's value and the content it was made of.
#[derive(Debug, Clone, PartialEq)]
struct Stamped<V> {
    hash: u64,
    len: u64,
    value: V,
}

/// The values of a run: those read from the cache file, and those this
/// run used (hits and new ones), which are what gets written back.
/// Shared by the threads of one run.
#[derive(Debug)]
pub struct ContentMemo<V> {
    name: &'static str,
    magic: &'static [u8; 8],
    old: HashMap<String, Stamped<V>>,
    used: Mutex<HashMap<String, Stamped<V>>>,
    /// Whether a cache is kept at all (`--no-cache`: values are still
    /// shared within the run, nothing is read or written).
    keep: bool,
}

impl<V: Memoized> ContentMemo<V> {
    /// No cache file: each file's value is computed once in this run.
    /// `name` is the cache file's name, `magic` its format (a change that
    /// old files cannot be read as bumps it).
    pub fn in_memory(name: &'static str, magic: &'static [u8; 8]) -> Self {
        ContentMemo {
            name,
            magic,
            old: HashMap::new(),
            used: Mutex::default(),
            keep: false,
        }
    }

    /// The cache file `name` under `root`; one that is absent, from
    /// another build, damaged or of another format is empty.
    pub fn load(root: &Path, name: &'static str, magic: &'static [u8; 8]) -> Self {
        ContentMemo {
            old: cache::load(root, name)
                .and_then(|b| decode(&b, magic))
                .unwrap_or_default(),
            keep: true,
            ..Self::in_memory(name, magic)
        }
    }

    /// The value for `bytes`, the content of `path`: the one kept for that
    /// very content (and that `fits`), else `make`'s.
    pub fn get(
        &self,
        path: &str,
        bytes: &[u8],
        fits: impl Fn(&V) -> bool,
        make: impl FnOnce() -> V,
    ) -> V {
        let (hash, len) = (cache::content_hash(bytes), bytes.len() as u64);
        let same = |e: &Stamped<V>| e.hash == hash && e.len == len && fits(&e.value);
        let lock = || self.used.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = lock().get(path).filter(|e| same(e)) {
            return e.value.clone();
        }
        let entry = match self.old.get(path).filter(|e| same(e)) {
            Some(e) => e.clone(),
            None => Stamped {
                hash,
                len,
                value: make(),
            },
        };
        let value = entry.value.clone();
        lock().insert(path.to_string(), entry);
        value
    }

    /// The cache file to write once the command has succeeded: the files
    /// this run used. None when nothing is kept or it would be the file as
    /// it is.
    pub fn pending(&self, root: &Path) -> Option<Pending> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if !self.keep || *used == self.old {
            return None;
        }
        Some(Pending::new(root, self.name, encode(&used, self.magic)))
    }
}

fn encode<V: Memoized>(entries: &HashMap<String, Stamped<V>>, magic: &[u8; 8]) -> Vec<u8> {
    let mut paths: Vec<&String> = entries.keys().collect();
    paths.sort();
    let mut w = Writer::default();
    w.out.extend_from_slice(magic);
    w.u32(paths.len() as u32);
    for path in paths {
        let e = &entries[path];
        w.str(path);
        w.u64(e.hash);
        w.u64(e.len);
        e.value.write(&mut w);
    }
    w.out
}

fn decode<V: Memoized>(body: &[u8], magic: &[u8; 8]) -> Option<HashMap<String, Stamped<V>>> {
    let mut r = Reader::new(body);
    if r.take(8)? != magic {
        return None;
    }
    let n = r.u32()? as usize;
    let mut out = HashMap::with_capacity(n.min(body.len()));
    for _ in 0..n {
        let path = r.str()?.to_string();
        let (hash, len) = (r.u64()?, r.u64()?);
        let value = V::read(&mut r)?;
        out.insert(path, Stamped { hash, len, value });
    }
    r.at_end().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value with a string and a number, as real ones have.
    #[derive(Debug, Clone, PartialEq)]
    struct Lines(String, u64);

    impl Memoized for Lines {
        fn write(&self, w: &mut Writer) {
            w.str(&self.0);
            w.u64(self.1);
        }
        fn read(r: &mut Reader) -> Option<Self> {
            Some(Lines(r.str()?.to_string(), r.u64()?))
        }
    }

    const NAME: &str = "test-memo.bin";
    const MAGIC: &[u8; 8] = b"TLTEST01";

    fn lines(n: u64) -> Lines {
        Lines("rust".into(), n)
    }

    #[test]
    fn a_kept_value_serves_only_the_same_content() {
        let root = tempfile::tempdir().unwrap();
        let memo = ContentMemo::load(root.path(), NAME, MAGIC);
        assert_eq!(
            memo.get("a.rs", b"fn a() {}", |_| true, || lines(3)),
            lines(3)
        );
        // Within the run, once per file.
        assert_eq!(
            memo.get("a.rs", b"fn a() {}", |_| true, || unreachable!()),
            lines(3)
        );
        memo.pending(root.path()).unwrap().save().unwrap();
        let again = ContentMemo::<Lines>::load(root.path(), NAME, MAGIC);
        assert_eq!(
            again.get("a.rs", b"fn a() {}", |_| true, || unreachable!()),
            lines(3)
        );
        // Nothing new: nothing to write.
        assert!(again.pending(root.path()).is_none());
        // Another content, another path, or a value `fits` refuses.
        let edited = ContentMemo::<Lines>::load(root.path(), NAME, MAGIC);
        assert_eq!(
            edited.get("a.rs", b"fn b() {}", |_| true, || lines(1)),
            lines(1)
        );
        assert_eq!(
            edited.get("b.rs", b"fn a() {}", |_| true, || lines(2)),
            lines(2)
        );
        let refused = ContentMemo::<Lines>::load(root.path(), NAME, MAGIC);
        assert_eq!(
            refused.get("a.rs", b"fn a() {}", |v| v.0 == "python", || lines(4)),
            lines(4)
        );
        // The file keeps what the run used, no more.
        edited.pending(root.path()).unwrap().save().unwrap();
        let kept = decode::<Lines>(&cache::load(root.path(), NAME).unwrap(), MAGIC).unwrap();
        let mut names: Vec<&String> = kept.keys().collect();
        names.sort();
        assert_eq!(names, ["a.rs", "b.rs"]);
        // Without a cache, values are shared in the run and nothing kept.
        let none = ContentMemo::<Lines>::in_memory(NAME, MAGIC);
        assert_eq!(none.get("a.rs", b"x", |_| true, || lines(5)), lines(5));
        assert_eq!(
            none.get("a.rs", b"x", |_| true, || unreachable!()),
            lines(5)
        );
        assert!(none.pending(root.path()).is_none());
    }

    #[test]
    fn a_damaged_or_foreign_body_is_no_cache() {
        let mut used = HashMap::new();
        used.insert(
            "src/é.rs".to_string(),
            Stamped {
                hash: 1,
                len: 2,
                value: lines(3),
            },
        );
        let body = encode(&used, MAGIC);
        assert_eq!(decode(&body, MAGIC), Some(used));
        assert_eq!(decode::<Lines>(&body, b"TLTEST02"), None);
        for cut in 0..body.len() {
            assert_eq!(decode::<Lines>(&body[..cut], MAGIC), None, "cut at {cut}");
        }
        let mut longer = body;
        longer.push(0);
        assert_eq!(decode::<Lines>(&longer, MAGIC), None);
    }
}
