//! `.techlead/cache/health.bin`: what scanning each source file gave (its
//! functions' measures, lines of code, total complexity), keyed by the
//! file's path and content, so a run that finds a file unchanged does not
//! scan it again; and, within one run, one scan per file for every reader
//! (the report's health and history's hotspots measure the same files).
//!
//! Only the scan is kept, not the score: penalties and health come from
//! the `[health]` limits of the run, so a changed limit needs no new scan.
//! An entry is used only when the path, the language, the content hash and
//! the length all match, so an edited, renamed or replaced file is scanned
//! again. The file is written through techlead-core's cache (checksummed
//! and keyed by the techlead build: a file from another build, damaged or
//! cut short is no cache at all) and holds the files measured by the run
//! that wrote it, no others.

use crate::score::{self, Thresholds};
use crate::{FileHealth, FunctionHealth};
use std::path::Path;
use std::sync::Arc;
use techlead_core::cache::{Pending, Reader, Writer};
use techlead_core::content_memo::{ContentMemo, Memoized};
use techlead_lang::{Function, Language};

const NAME: &str = "health.bin";
/// The format; a change that old files cannot be read as bumps it.
const MAGIC: &[u8; 8] = b"TLHEALT2";

/// What one scan of a file gave that health and hotspots read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measured {
    /// Lines of code.
    pub loc: u32,
    /// Total cyclomatic complexity (functions and the code outside them).
    pub complexity: u32,
    pub functions: Vec<Function>,
}

impl Measured {
    /// Scans `text`.
    pub fn scan(language: Language, text: &str) -> Measured {
        let scan = techlead_lang::scan(language, text);
        Measured {
            loc: scan.code_lines,
            complexity: scan.complexity,
            functions: scan.functions,
        }
    }

    /// The file's health (1 to 10) under limits `t`.
    pub fn health(&self, t: &Thresholds) -> f64 {
        score::health(score::file_penalty(&self.functions, self.loc, t))
    }

    /// The file's measures and health under limits `t`, as `techlead
    /// health` reports them.
    pub fn file_health(&self, path: String, language: Language, t: &Thresholds) -> FileHealth {
        let functions: Vec<FunctionHealth> = self
            .functions
            .iter()
            .map(|f| FunctionHealth {
                penalty: score::function_penalty(f, t),
                function: f.clone(),
            })
            .collect();
        let penalty = functions.iter().map(|f| f.penalty.total()).sum::<f64>()
            + score::size_penalty(self.loc, t);
        FileHealth {
            path,
            language,
            loc: self.loc,
            complexity: self.complexity,
            functions,
            penalty,
            health: score::health(penalty),
        }
    }
}

/// One file's scan and the language it was scanned as.
#[derive(Debug, Clone, PartialEq)]
struct Scanned {
    language: Language,
    measured: Arc<Measured>,
}

impl Memoized for Scanned {
    fn write(&self, w: &mut Writer) {
        w.str(self.language.name());
        let m = &self.measured;
        w.u32(m.loc);
        w.u32(m.complexity);
        w.u32(m.functions.len() as u32);
        for f in &m.functions {
            w.str(&f.name);
            for n in [
                f.start_line,
                f.end_line,
                f.complexity,
                f.nloc,
                f.params,
                f.nesting,
            ] {
                w.u32(n);
            }
        }
    }

    fn read(r: &mut Reader) -> Option<Self> {
        let language = Language::from_name(r.str()?)?;
        let (loc, complexity) = (r.u32()?, r.u32()?);
        let functions = (0..r.u32()?)
            .map(|_| {
                Some(Function {
                    name: r.str()?.to_string(),
                    start_line: r.u32()?,
                    end_line: r.u32()?,
                    complexity: r.u32()?,
                    nloc: r.u32()?,
                    params: r.u32()?,
                    nesting: r.u32()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Scanned {
            language,
            measured: Arc::new(Measured {
                loc,
                complexity,
                functions,
            }),
        })
    }
}

/// The scans of a run: those read from disk, and those this run used
/// (hits and new scans), which are what gets written back. Shared by the
/// threads of one run; with `--no-cache` scans are still shared within
/// the run, nothing is read or written.
#[derive(Debug)]
pub struct Memo(ContentMemo<Scanned>);

impl Memo {
    /// No cache on disk: every file is scanned once in this run.
    pub fn in_memory() -> Memo {
        Memo(ContentMemo::in_memory(NAME, MAGIC))
    }

    /// The cache under `root`; one that is absent, from another build,
    /// damaged or of another format is empty.
    pub fn load(root: &Path) -> Memo {
        Memo(ContentMemo::load(root, NAME, MAGIC))
    }

    /// The scan of `text`, the content of `path` in `language`: the one
    /// kept for that very content, else a new one.
    pub fn measure(&self, path: &str, language: Language, text: &str) -> Arc<Measured> {
        self.measure_with(path, language, text, || Measured::scan(language, text))
    }

    fn measure_with(
        &self,
        path: &str,
        language: Language,
        text: &str,
        scan: impl FnOnce() -> Measured,
    ) -> Arc<Measured> {
        self.0
            .get(
                path,
                text.as_bytes(),
                |s| s.language == language,
                || Scanned {
                    language,
                    measured: Arc::new(scan()),
                },
            )
            .measured
    }

    /// The cache file to write once the command has succeeded: the files
    /// this run measured. None when nothing is kept or it would be the
    /// file as it is.
    pub fn pending(&self, root: &Path) -> Option<Pending> {
        self.0.pending(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "def f(x):\n    if x:\n        return 1\n    return 2\n";

    #[test]
    fn a_scan_reads_back_as_written() {
        for (language, text) in [
            (Language::Python, CODE),
            (Language::Rust, "fn main() { if true {} }\n"),
        ] {
            let s = Scanned {
                language,
                measured: Arc::new(Measured::scan(language, text)),
            };
            let mut w = Writer::default();
            s.write(&mut w);
            let mut r = Reader::new(&w.out);
            assert_eq!(Scanned::read(&mut r), Some(s));
            assert!(r.at_end());
            for cut in 0..w.out.len() {
                assert!(Scanned::read(&mut Reader::new(&w.out[..cut])).is_none());
            }
        }
    }

    #[test]
    fn a_kept_scan_serves_only_the_same_content_and_language() {
        let root = tempfile::tempdir().unwrap();
        // A planted scan proves the cache is read: same path, same
        // content, another scan.
        let fake = Measured {
            loc: 99,
            complexity: 42,
            functions: Vec::new(),
        };
        let first = Memo::load(root.path());
        first.measure_with("a.py", Language::Python, CODE, || fake.clone());
        first.pending(root.path()).unwrap().save().unwrap();
        let second = Memo::load(root.path());
        assert_eq!(*second.measure("a.py", Language::Python, CODE), fake);
        assert!(second.pending(root.path()).is_none());
        // Another content or another language is scanned.
        let edited = format!("{CODE}\n");
        assert_eq!(
            *second.measure("a.py", Language::Python, &edited),
            Measured::scan(Language::Python, &edited)
        );
        let third = Memo::load(root.path());
        assert_ne!(*third.measure("a.py", Language::Rust, CODE), fake);
    }

    #[test]
    fn health_from_a_kept_scan_is_healths_own() {
        let t = Thresholds {
            complexity: 1,
            ..Thresholds::default()
        };
        let m = Measured::scan(Language::Python, CODE);
        let direct = crate::of_text("a.py", Language::Python, CODE, &t);
        assert_eq!(m.file_health("a.py".into(), Language::Python, &t), direct);
        assert_eq!(m.health(&t), direct.health);
    }
}
