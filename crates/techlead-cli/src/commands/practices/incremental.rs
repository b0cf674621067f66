//! The commit log from the last run's and the new commits: the history
//! context's log walks only back to the last run's HEAD, and the walk from
//! the new HEAD is then replayed over the commits known from both, giving
//! the very list (and order) the whole walk would.
//!
//! The replay is the walk the history context runs (gix's, by committer
//! time, newest first, with a cutoff): a queue of commits by committer
//! time, each parent seen once, a parent older than the cutoff left out.
//! The queue is the same binary heap keyed by time only, fed in the same
//! order, so commits of equal time come out as they would. A parent the
//! replay does not know is older than the last run's cutoff when a kept
//! commit has it (the last walk would have had it otherwise), and so
//! older than this run's, which is never earlier; anything else unknown (a
//! new commit's parent older than the short walk's cutoff, a file list the
//! log should have and neither walk made) and the whole log is walked
//! instead.

use super::memo::SavedLog;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::Path;
use techlead_core::InputError;
use techlead_history::log::{Log, LogCommit, LogOptions};

/// The log of `opts` (which walk from HEAD), from `old` and a short walk,
/// else None when it has to be walked whole.
pub fn log(root: &Path, opts: &LogOptions, old: &SavedLog) -> Result<Option<Log>, InputError> {
    let Some(since) = opts.since else {
        return Ok(None);
    };
    let old_head = old.commits.first().filter(|c| c.id == old.head);
    let usable = opts.rev.is_none()
        && since >= old.since
        && opts.max_diffs as u64 == old.max_diffs
        && (opts.diff_since == old.diff_since
            || opts
                .diff_since
                .zip(old.diff_since)
                .is_some_and(|(n, o)| n >= o));
    let Some(old_head) = old_head.filter(|_| usable) else {
        return Ok(None);
    };
    // Newer than the last HEAD: the short walk neither reads nor diffs it
    // again (a new commit of the very same second is walked whole).
    let cut = old_head.committer.time.saturating_add(1);
    if cut <= since {
        return Ok(None);
    }
    let short = techlead_history::log::log(
        root,
        &LogOptions {
            since: Some(cut),
            cache: None,
            ..opts.clone()
        },
    )?;
    let Some(head) = short.head.clone() else {
        return Ok(Some(short));
    };
    Ok(
        replay(&head, since, opts, old, &short.commits).map(|commits| Log {
            head: Some(head),
            commits,
        }),
    )
}

/// A queued commit: ordered by committer time alone, as gix's queue.
struct Queued<'a>(i64, &'a str);

impl PartialEq for Queued<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Queued<'_> {}
impl PartialOrd for Queued<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Queued<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

/// The walk from `head` back to `since` over the commits of `old` and
/// `short`, with their file lists where the log gives them; None where
/// something it needs is not known.
fn replay(
    head: &str,
    since: i64,
    opts: &LogOptions,
    old: &SavedLog,
    short: &[LogCommit],
) -> Option<Vec<LogCommit>> {
    let kept: HashMap<&str, &LogCommit> = old.commits.iter().map(|c| (c.id.as_str(), c)).collect();
    let new: HashMap<&str, &LogCommit> = short.iter().map(|c| (c.id.as_str(), c)).collect();
    let known = |id: &str| new.get(id).or_else(|| kept.get(id)).copied();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut queue = BinaryHeap::new();
    seen.insert(head);
    let tip = known(head)?;
    if tip.committer.time >= since {
        queue.push(Queued(tip.committer.time, head));
    }
    let mut out: Vec<&LogCommit> = Vec::new();
    while let Some(Queued(_, id)) = queue.pop() {
        let c = known(id)?;
        out.push(c);
        for p in &c.parents {
            if !seen.insert(p) {
                continue;
            }
            match known(p) {
                Some(pc) if pc.committer.time >= since => queue.push(Queued(pc.committer.time, p)),
                Some(_) => {}
                // Older than the last run's cutoff, and so than this one's.
                None if kept.contains_key(id) => {}
                None => return None,
            }
        }
    }
    // The files of the newest non-merge commits since `diff_since`.
    let mut diffs = 0;
    out.into_iter()
        .map(|c| {
            let diffed = c.parents.len() <= 1
                && diffs < opts.max_diffs
                && opts.diff_since.is_some_and(|s| c.committer.time >= s);
            let files = match diffed {
                true => {
                    diffs += 1;
                    let made = |m: &HashMap<&str, &LogCommit>| m.get(c.id.as_str())?.files.clone();
                    Some(made(&new).or_else(|| made(&kept))?)
                }
                false => None,
            };
            Some(LogCommit { files, ..c.clone() })
        })
        .collect()
}

#[cfg(test)]
#[path = "incremental_tests.rs"]
mod tests;
