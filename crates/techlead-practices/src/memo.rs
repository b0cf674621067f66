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

use std::path::Path;
use techlead_core::cache::{Pending, Reader, Writer};
use techlead_core::content_memo::{ContentMemo, Memoized};

const NAME: &str = "practices-code.bin";
/// The format; a change that old files cannot be read as bumps it.
const MAGIC: &[u8; 8] = b"TLPRCOD2";

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

impl Memoized for Counted {
    fn write(&self, w: &mut Writer) {
        w.u64(self.lines);
        w.u64(self.inline_tests);
        w.u8(self.markers);
    }
    fn read(r: &mut Reader) -> Option<Self> {
        Some(Counted {
            lines: r.u64()?,
            inline_tests: r.u64()?,
            markers: r.u8()?,
        })
    }
}

/// The counts of a run: those read from disk, and those this run used.
#[derive(Debug)]
pub struct CodeMemo(ContentMemo<Counted>);

impl CodeMemo {
    /// No cache on disk: every file is counted (once).
    pub fn in_memory() -> CodeMemo {
        CodeMemo(ContentMemo::in_memory(NAME, MAGIC))
    }

    /// The cache under `root`; one that is absent, from another build,
    /// damaged or of another format is empty.
    pub fn load(root: &Path) -> CodeMemo {
        CodeMemo(ContentMemo::load(root, NAME, MAGIC))
    }

    /// The counts of `bytes`, the content of `path`: the ones kept for
    /// that very content, else `count`'s.
    pub(crate) fn count(
        &self,
        path: &str,
        bytes: &[u8],
        count: impl FnOnce() -> Counted,
    ) -> Counted {
        self.0.get(path, bytes, |_| true, count)
    }

    /// The cache file to write once the command has succeeded: the files
    /// this run counted. None when nothing is kept or it would be the file
    /// as it is.
    pub fn pending(&self, root: &Path) -> Option<Pending> {
        self.0.pending(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_back_as_written() {
        let counted = Counted {
            lines: 3,
            inline_tests: 1,
            markers: 0b101,
        };
        let mut w = Writer::default();
        counted.write(&mut w);
        let mut r = Reader::new(&w.out);
        assert_eq!(Counted::read(&mut r), Some(counted));
        assert!(r.at_end());
        assert_eq!(Counted::read(&mut Reader::new(&w.out[..16])), None);
    }

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
        let other = Counted::default();
        assert_eq!(again.count("a.rs", b"fn b() {}", || other), other);
    }
}
