//! `.techlead/cache/practices-code.bin`: what the scorecard counted in
//! each code file at HEAD (non-blank lines, inline Rust tests, which
//! monitoring needles it imports), keyed by the file's path and content,
//! so that a run which finds a file unchanged does not count it again.
//!
//! An entry is used only when the path, the content hash and the length
//! all match. The file goes through techlead-core's cache (checksummed and
//! keyed by the techlead build: a file from another build, damaged or cut
//! short is no cache at all) and holds the files counted by the run that
//! wrote it, no others. The composition root writes it only when the
//! command succeeds, and reads it not at all with `--no-cache`.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use techlead_core::cache::{self, Pending, Reader, Writer};

const NAME: &str = "practices-code.bin";
/// The format; a change that old files cannot be read as bumps it.
const MAGIC: &[u8; 8] = b"TLPRCOD1";

/// What one code file holds, as the scorecard counts it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counted {
    /// Non-blank lines.
    pub lines: u64,
    /// Of those, the lines of an inline `#[cfg(test)]` module.
    pub inline_tests: u64,
    /// Bit `i`: the file imports [`crate::facts::MARKERS`]`[i]`.
    pub markers: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    hash: u64,
    len: u64,
    counted: Counted,
}

/// The counts of a run: those read from disk, and those this run used.
#[derive(Debug, Default)]
pub struct CodeMemo {
    old: HashMap<String, Entry>,
    used: Mutex<HashMap<String, Entry>>,
    keep: bool,
}

impl CodeMemo {
    /// No cache on disk: every file is counted.
    pub fn in_memory() -> CodeMemo {
        CodeMemo::default()
    }

    /// The cache under `root`; one that is absent, from another build,
    /// damaged or of another format is empty.
    pub fn load(root: &Path) -> CodeMemo {
        CodeMemo {
            old: cache::load(root, NAME)
                .and_then(|b| decode(&b))
                .unwrap_or_default(),
            used: Mutex::default(),
            keep: true,
        }
    }

    /// The counts of `bytes`, the content of `path`: the ones kept for
    /// that very content, else `count`'s.
    pub(crate) fn count(
        &self,
        path: &str,
        bytes: &[u8],
        count: impl FnOnce() -> Counted,
    ) -> Counted {
        if !self.keep {
            return count();
        }
        let (hash, len) = (cache::content_hash(bytes), bytes.len() as u64);
        let entry = match self.old.get(path) {
            Some(e) if e.hash == hash && e.len == len => *e,
            _ => Entry {
                hash,
                len,
                counted: count(),
            },
        };
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        used.insert(path.to_string(), entry);
        entry.counted
    }

    /// The cache file to write once the command has succeeded: the files
    /// this run counted. None when nothing is kept or it would be the file
    /// as it is.
    pub fn pending(&self, root: &Path) -> Option<Pending> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if !self.keep || *used == self.old {
            return None;
        }
        Some(Pending::new(root, NAME, encode(&used)))
    }
}

fn encode(entries: &HashMap<String, Entry>) -> Vec<u8> {
    let mut paths: Vec<&String> = entries.keys().collect();
    paths.sort();
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.u32(paths.len() as u32);
    for path in paths {
        let e = &entries[path];
        w.str(path);
        w.u64(e.hash);
        w.u64(e.len);
        w.u64(e.counted.lines);
        w.u64(e.counted.inline_tests);
        w.u8(e.counted.markers);
    }
    w.out
}

fn decode(body: &[u8]) -> Option<HashMap<String, Entry>> {
    let mut r = Reader::new(body);
    if r.take(8)? != MAGIC {
        return None;
    }
    let n = r.u32()? as usize;
    let mut out = HashMap::with_capacity(n.min(body.len()));
    for _ in 0..n {
        let path = r.str()?.to_string();
        let (hash, len) = (r.u64()?, r.u64()?);
        let counted = Counted {
            lines: r.u64()?,
            inline_tests: r.u64()?,
            markers: r.u8()?,
        };
        out.insert(path, Entry { hash, len, counted });
    }
    r.at_end().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_count_is_used_for_the_same_content_only() {
        let root = tempfile::tempdir().unwrap();
        let counted = Counted {
            lines: 3,
            inline_tests: 1,
            markers: 0b101,
        };
        let memo = CodeMemo::load(root.path());
        assert_eq!(memo.count("a.rs", b"fn a() {}", || counted), counted);
        memo.pending(root.path()).unwrap().save().unwrap();
        let again = CodeMemo::load(root.path());
        assert_eq!(
            again.count("a.rs", b"fn a() {}", || unreachable!()),
            counted
        );
        // Nothing new: nothing to write.
        assert!(again.pending(root.path()).is_none());
        let other = Counted::default();
        let edited = CodeMemo::load(root.path());
        assert_eq!(edited.count("a.rs", b"fn b() {}", || other), other);
        assert_eq!(edited.count("b.rs", b"fn a() {}", || other), other);
        assert!(edited.pending(root.path()).is_some());
        // Without a cache, nothing is kept.
        let none = CodeMemo::in_memory();
        assert_eq!(none.count("a.rs", b"fn a() {}", || other), other);
        assert!(none.pending(root.path()).is_none());
    }

    #[test]
    fn a_damaged_body_is_no_cache() {
        let mut used = HashMap::new();
        used.insert(
            "src/é.rs".to_string(),
            Entry {
                hash: 1,
                len: 2,
                counted: Counted {
                    lines: 3,
                    inline_tests: 0,
                    markers: 1,
                },
            },
        );
        let body = encode(&used);
        assert_eq!(decode(&body), Some(used));
        for cut in 0..body.len() {
            assert_eq!(decode(&body[..cut]), None, "cut at {cut}");
        }
        let mut longer = body;
        longer.push(0);
        assert_eq!(decode(&longer), None);
    }
}
