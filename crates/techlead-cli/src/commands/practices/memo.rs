//! `.techlead/cache/practices.bin`: what the scorecard read from git
//! objects, which never change, so that the next run reads only what is
//! new: the commit log of the last run (HEAD, the options it was walked
//! with, every commit as the history context gave it), and the team
//! table's quarter-end tree measures by commit id.
//!
//! The log is kept with a key of everything outside the objects that went
//! into it (the `.mailmap` and the path of the project in its repository);
//! one of another key is not used. The file goes through techlead-core's
//! cache: checksummed and keyed by the techlead build, so a damaged file,
//! one cut short or one from another build is no cache at all. It is
//! written only when the command succeeds, and neither read nor written
//! with `--no-cache` or for a past commit.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use techlead_core::cache::{self, Pending, Reader, Writer};
use techlead_history::log::{Log, LogCommit, LogOptions, Signature};
use techlead_practices::TreeMeasure;

const NAME: &str = "practices.bin";
/// The format; a change that old files cannot be read as bumps it.
const MAGIC: &[u8; 8] = b"TLPRACT2";

/// A log as it was walked: from `head`, with these options.
#[derive(Debug, Clone)]
pub struct SavedLog {
    /// The `.mailmap` the signatures went through (see
    /// [`super::mailmap::key`]).
    pub mailmap: u64,
    pub since: i64,
    pub diff_since: Option<i64>,
    pub max_diffs: u64,
    pub head: String,
    /// Newest first, as the walk gave them.
    pub commits: Vec<LogCommit>,
}

impl SavedLog {
    pub fn new(mailmap: u64, opts: &LogOptions, log: &Log) -> Option<SavedLog> {
        Some(SavedLog {
            mailmap,
            since: opts.since?,
            diff_since: opts.diff_since,
            max_diffs: opts.max_diffs as u64,
            head: log.head.clone()?,
            commits: log.commits.clone(),
        })
    }

    /// What the walk was: the same walk gives the same commits, since
    /// objects never change.
    fn walk(&self) -> (u64, i64, Option<i64>, u64, &str) {
        (
            self.mailmap,
            self.since,
            self.diff_since,
            self.max_diffs,
            &self.head,
        )
    }
}

/// What was read from the cache file, and what this run used.
#[derive(Debug, Default)]
pub struct Memo {
    /// The path of the project in its repository: the quarter measures are
    /// of the files below it.
    prefix: String,
    old_log: Option<SavedLog>,
    old_quarters: HashMap<String, TreeMeasure>,
    log: Mutex<Option<SavedLog>>,
    quarters: Mutex<HashMap<String, TreeMeasure>>,
    /// Whether the file is read and written at all.
    keep: bool,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Memo {
    /// Nothing read and nothing kept.
    pub fn in_memory() -> Memo {
        Memo::default()
    }

    /// The cache of the project at `root`, whose path in its repository is
    /// `prefix`; an absent, damaged or foreign file, or one of another
    /// prefix, is an empty cache.
    pub fn load(root: &Path, prefix: &str) -> Memo {
        let (old_log, old_quarters) = cache::load(root, NAME)
            .and_then(|b| decode(&b, prefix))
            .unwrap_or_default();
        Memo {
            prefix: prefix.to_string(),
            old_log,
            old_quarters,
            keep: true,
            ..Memo::default()
        }
    }

    /// Whether the file is read and written.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    /// The log the last run walked, when its `.mailmap` was this one.
    pub fn old_log(&self, mailmap: u64) -> Option<&SavedLog> {
        self.old_log.as_ref().filter(|l| l.mailmap == mailmap)
    }

    /// Keeps this run's log for the next.
    pub fn keep_log(&self, log: SavedLog) {
        *lock(&self.log) = Some(log);
    }

    /// The measure of a commit's tree: the one kept, else `measure`'s.
    pub fn quarter(
        &self,
        commit: &str,
        measure: impl FnOnce() -> Option<TreeMeasure>,
    ) -> Option<TreeMeasure> {
        if let Some(m) = lock(&self.quarters).get(commit) {
            return Some(*m);
        }
        let m = match self.old_quarters.get(commit) {
            Some(m) => *m,
            None => measure()?,
        };
        lock(&self.quarters).insert(commit.to_string(), m);
        Some(m)
    }

    /// The file to write once the command has succeeded: this run's log
    /// and quarter measures. None when nothing is kept or nothing changed.
    pub fn pending(&self, root: &Path) -> Option<Pending> {
        if !self.keep {
            return None;
        }
        let log = lock(&self.log);
        let quarters = lock(&self.quarters);
        let same_log =
            log.as_ref().map(SavedLog::walk) == self.old_log.as_ref().map(SavedLog::walk);
        if same_log && *quarters == self.old_quarters {
            return None;
        }
        Some(Pending::new(
            root,
            NAME,
            encode(&self.prefix, log.as_ref(), &quarters),
        ))
    }
}

fn encode(
    prefix: &str,
    log: Option<&SavedLog>,
    quarters: &HashMap<String, TreeMeasure>,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.str(prefix);
    let mut ids: Vec<&String> = quarters.keys().collect();
    ids.sort();
    w.u32(ids.len() as u32);
    for id in ids {
        let m = quarters[id];
        w.str(id);
        w.u8(u8::from(m.ci));
        w.u64(m.source_bytes);
        w.u64(m.test_bytes);
    }
    let Some(log) = log else {
        w.u8(0);
        return w.out;
    };
    w.u8(1);
    w.u64(log.mailmap);
    w.u64(log.since as u64);
    w.u8(u8::from(log.diff_since.is_some()));
    w.u64(log.diff_since.unwrap_or_default() as u64);
    w.u64(log.max_diffs);
    w.str(&log.head);
    w.u32(log.commits.len() as u32);
    for c in &log.commits {
        w.str(&c.id);
        write_strs(&mut w, &c.parents);
        for s in [&c.author, &c.committer] {
            w.str(&s.name);
            w.str(&s.email);
            w.u64(s.time as u64);
        }
        w.str(&c.message);
        w.u8(u8::from(c.files.is_some()));
        write_strs(&mut w, c.files.as_deref().unwrap_or_default());
    }
    w.out
}

fn write_strs(w: &mut Writer, strs: &[String]) {
    w.u32(strs.len() as u32);
    for s in strs {
        w.str(s);
    }
}

fn read_strs(r: &mut Reader) -> Option<Vec<String>> {
    (0..r.u32()?).map(|_| r.str().map(str::to_string)).collect()
}

type Decoded = (Option<SavedLog>, HashMap<String, TreeMeasure>);

fn decode(body: &[u8], prefix: &str) -> Option<Decoded> {
    let mut r = Reader::new(body);
    if r.take(8)? != MAGIC || r.str()? != prefix {
        return None;
    }
    let n = r.u32()? as usize;
    let mut quarters = HashMap::with_capacity(n.min(body.len()));
    for _ in 0..n {
        let id = r.str()?.to_string();
        let ci = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let (source_bytes, test_bytes) = (r.u64()?, r.u64()?);
        quarters.insert(
            id,
            TreeMeasure {
                ci,
                source_bytes,
                test_bytes,
            },
        );
    }
    let log = match r.u8()? {
        0 => None,
        1 => Some(decode_log(&mut r)?),
        _ => return None,
    };
    r.at_end().then_some((log, quarters))
}

fn decode_log(r: &mut Reader) -> Option<SavedLog> {
    let mailmap = r.u64()?;
    let since = r.u64()? as i64;
    let diff_since = match (r.u8()?, r.u64()? as i64) {
        (0, _) => None,
        (1, s) => Some(s),
        _ => return None,
    };
    let max_diffs = r.u64()?;
    let head = r.str()?.to_string();
    let n = r.u32()? as usize;
    let mut commits = Vec::with_capacity(n.min(r.b.len()));
    for _ in 0..n {
        let id = r.str()?.to_string();
        let parents = read_strs(r)?;
        let mut sig = || {
            Some(Signature {
                name: r.str()?.to_string(),
                email: r.str()?.to_string(),
                time: r.u64()? as i64,
            })
        };
        let (author, committer) = (sig()?, sig()?);
        let message = r.str()?.to_string();
        let files = match (r.u8()?, read_strs(r)?) {
            (0, f) if f.is_empty() => None,
            (1, f) => Some(f),
            _ => return None,
        };
        commits.push(LogCommit {
            id,
            parents,
            author,
            committer,
            message,
            files,
        });
    }
    Some(SavedLog {
        mailmap,
        since,
        diff_since,
        max_diffs,
        head,
        commits,
    })
}

#[cfg(test)]
#[path = "memo_tests.rs"]
mod tests;
