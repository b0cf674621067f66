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
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use techlead_core::cache::{self, Pending, Reader, Writer};
use techlead_lang::{Function, Language};

const NAME: &str = "health.bin";
/// The format; a change that old files cannot be read as bumps it.
const MAGIC: &[u8; 8] = b"TLHEALT1";

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

/// One file's scan and the content it was made of.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    language: Language,
    hash: u64,
    len: u64,
    measured: Arc<Measured>,
}

/// The scans of a run: those read from disk, and those this run used
/// (hits and new scans), which are what gets written back. Shared by the
/// threads of one run.
#[derive(Debug, Default)]
pub struct Memo {
    old: HashMap<String, Entry>,
    used: Mutex<HashMap<String, Entry>>,
    /// Whether a cache is kept at all (`--no-cache`: scans are still
    /// shared within the run, nothing is read or written).
    keep: bool,
}

impl Memo {
    /// No cache on disk: every file is scanned once in this run.
    pub fn in_memory() -> Memo {
        Memo::default()
    }

    /// The cache under `root`; one that is absent, from another build,
    /// damaged or of another format is empty.
    pub fn load(root: &Path) -> Memo {
        Memo {
            old: cache::load(root, NAME)
                .and_then(|b| decode(&b))
                .unwrap_or_default(),
            used: Mutex::default(),
            keep: true,
        }
    }

    /// The scan of `text`, the content of `path` in `language`: the one
    /// kept for that very content, else a new one.
    pub fn measure(&self, path: &str, language: Language, text: &str) -> Arc<Measured> {
        let (hash, len) = (cache::content_hash(text.as_bytes()), text.len() as u64);
        let fits = |e: &Entry| e.language == language && e.hash == hash && e.len == len;
        let lock = || self.used.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = lock().get(path).filter(|e| fits(e)) {
            return e.measured.clone();
        }
        let entry = match self.old.get(path).filter(|e| fits(e)) {
            Some(e) => e.clone(),
            None => Entry {
                language,
                hash,
                len,
                measured: Arc::new(Measured::scan(language, text)),
            },
        };
        let measured = entry.measured.clone();
        lock().insert(path.to_string(), entry);
        measured
    }

    /// The cache file to write once the command has succeeded: the files
    /// this run measured. None when nothing is kept or it would be the
    /// file as it is.
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
        w.str(e.language.name());
        w.u64(e.hash);
        w.u64(e.len);
        let m = &e.measured;
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
    w.out
}

fn decode(body: &[u8]) -> Option<HashMap<String, Entry>> {
    let mut r = Reader::new(body);
    if r.take(8)? != MAGIC {
        return None;
    }
    let count = r.u32()? as usize;
    let mut out = HashMap::with_capacity(count.min(body.len()));
    for _ in 0..count {
        let path = r.str()?.to_string();
        let name = r.str()?;
        let language = Language::from_name(name)?;
        let (hash, len) = (r.u64()?, r.u64()?);
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
        let measured = Arc::new(Measured {
            loc,
            complexity,
            functions,
        });
        let entry = Entry {
            language,
            hash,
            len,
            measured,
        };
        out.insert(path, entry);
    }
    r.at_end().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "def f(x):\n    if x:\n        return 1\n    return 2\n";

    #[test]
    fn a_memo_reads_back_as_written_and_damage_is_no_cache() {
        let memo = Memo::in_memory();
        memo.measure("a.py", Language::Python, CODE);
        memo.measure("b/c.rs", Language::Rust, "fn main() { if true {} }\n");
        let used = memo.used.into_inner().unwrap();
        let body = encode(&used);
        assert_eq!(decode(&body).unwrap(), used);
        for cut in 0..body.len() {
            assert!(decode(&body[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = body.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
    }

    #[test]
    fn a_kept_scan_serves_only_the_same_content() {
        let root = tempfile::tempdir().unwrap();
        let first = Memo::load(root.path());
        let want = first.measure("a.py", Language::Python, CODE);
        assert_eq!(*want, Measured::scan(Language::Python, CODE));
        first.pending(root.path()).unwrap().save().unwrap();
        // A planted entry proves the cache is read: same path, same
        // content, another scan.
        let mut planted = decode(&cache::load(root.path(), NAME).unwrap()).unwrap();
        let fake = Arc::new(Measured {
            loc: 99,
            complexity: 42,
            functions: Vec::new(),
        });
        planted.get_mut("a.py").unwrap().measured = fake.clone();
        cache::save(root.path(), NAME, &encode(&planted)).unwrap();
        let second = Memo::load(root.path());
        assert_eq!(second.measure("a.py", Language::Python, CODE), fake);
        // Nothing new: nothing to write.
        assert!(second.pending(root.path()).is_none());
        // Another content, another language or another path is scanned.
        let edited = format!("{CODE}\n");
        let third = Memo::load(root.path());
        assert_eq!(
            *third.measure("a.py", Language::Python, &edited),
            Measured::scan(Language::Python, &edited)
        );
        assert_ne!(third.measure("a.pyi", Language::Python, CODE), fake);
        assert_ne!(third.measure("a.py", Language::Rust, CODE), fake);
        // The file keeps what this run measured, no more.
        third.pending(root.path()).unwrap().save().unwrap();
        let kept = decode(&cache::load(root.path(), NAME).unwrap()).unwrap();
        let mut names: Vec<&String> = kept.keys().collect();
        names.sort();
        assert_eq!(names, ["a.py", "a.pyi"]);
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
