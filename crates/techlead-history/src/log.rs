//! The commit log as `git log` shows it, for contexts that read what a
//! commit says rather than what it changed (practices: review evidence in
//! messages, trailers and committers; bots; who was active): every commit
//! reachable from HEAD back to a cutoff, merges included, with its
//! parents, mailmapped author and committer, and message. Only the newest
//! commits get their changed files, so a long history costs what its
//! window costs: the walk stops at the cutoff instead of reading every
//! commit and dropping the old ones.

use crate::odb::{Odb, Packs};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use techlead_core::InputError;

#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    /// Only commits committed at or after this time (seconds since the
    /// epoch); the walk stops there.
    pub since: Option<i64>,
    /// The non-merge commits committed at or after this time get their
    /// changed files...
    pub diff_since: Option<i64>,
    /// ...the newest `max_diffs` of them.
    pub max_diffs: usize,
    /// The project root whose history cache (`.techlead/cache/history.bin`,
    /// written by the history walk) answers the diffs of the commits it
    /// holds; None diffs every commit. Only read here, never written.
    pub cache: Option<std::path::PathBuf>,
    /// The commit to walk back from (a full id), for the log as it was at a
    /// past commit; None: HEAD.
    pub rev: Option<String>,
}

/// An author or committer, through `.mailmap`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    pub name: String,
    pub email: String,
    /// Seconds since the epoch.
    pub time: i64,
}

#[derive(Debug, Clone, Default)]
pub struct LogCommit {
    pub id: String,
    /// Parent ids, first parent first (two or more: a merge).
    pub parents: Vec<String>,
    pub author: Signature,
    pub committer: Signature,
    /// The whole message: title, body and trailers.
    pub message: String,
    /// Paths changed against the first parent (or added by a root
    /// commit), sorted, renames as a deletion and an addition; None for
    /// merges and for commits outside the diffed window.
    pub files: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default)]
pub struct Log {
    /// HEAD's commit; None when the repository has no commit yet.
    pub head: Option<String>,
    /// Newest first (by committer time).
    pub commits: Vec<LogCommit>,
}

/// The log of the repository holding `repo_path` (a working tree or a
/// bare git dir), from HEAD.
pub fn log(repo_path: &Path, opts: &LogOptions) -> Result<Log, InputError> {
    let shown = repo_path.display().to_string();
    let repo = gix::discover(repo_path)
        .map_err(|e| InputError::in_file(&shown, format!("not a git repository: {e}")))?;
    if repo.is_shallow().unwrap_or(false) {
        return Err(InputError::in_file(
            &shown,
            "a shallow clone: its history is cut off, so every number would be wrong",
        )
        .with_help("fetch the whole history first: git fetch --unshallow"));
    }
    let head = match &opts.rev {
        Some(rev) => gix::ObjectId::from_hex(rev.as_bytes())
            .map_err(|e| InputError::new(format!("commit `{rev}`: {e}")))?,
        None if repo.head().is_ok_and(|h| h.is_unborn()) => return Ok(Log::default()),
        None => {
            repo.head_commit()
                .map_err(|e| InputError::new(format!("reading HEAD: {e}")))?
                .id
        }
    };
    let fail = |e: &dyn std::fmt::Display| InputError::new(format!("walking history: {e}"));
    let sorting = match opts.since {
        Some(seconds) => gix::revision::walk::Sorting::ByCommitTimeCutoff {
            order: gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
            seconds,
        },
        None => gix::revision::walk::Sorting::ByCommitTime(
            gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
        ),
    };
    let mailmap = repo.open_mailmap();
    let mut commits = Vec::new();
    // (index in `commits`, tree, first parent) of the commits to diff.
    let mut to_diff: Vec<(usize, gix::ObjectId, Option<gix::ObjectId>)> = Vec::new();
    // Every walked commit's tree, so a parent's tree needs no second read.
    let mut trees: HashMap<gix::ObjectId, gix::ObjectId> = HashMap::new();
    let walk = repo
        .rev_walk([head])
        .sorting(sorting)
        .all()
        .map_err(|e| fail(&e))?;
    for info in walk {
        let info = info.map_err(|e| fail(&e))?;
        let object = info.object().map_err(|e| fail(&e))?;
        let commit = object.decode().map_err(|e| fail(&e))?;
        let sig = |parsed: gix::actor::SignatureRef<'_>| {
            let resolved = mailmap.resolve(parsed);
            Signature {
                name: resolved.name.to_string(),
                email: resolved.email.to_string(),
                time: parsed.time().map(|t| t.seconds).unwrap_or_default(),
            }
        };
        let author = sig(commit.author().map_err(|e| fail(&e))?);
        let committer = sig(commit.committer().map_err(|e| fail(&e))?);
        let parents: Vec<gix::ObjectId> = commit.parents().collect();
        trees.insert(info.id, commit.tree());
        let diffed = parents.len() <= 1
            && to_diff.len() < opts.max_diffs
            && opts.diff_since.is_some_and(|s| committer.time >= s);
        if diffed {
            to_diff.push((commits.len(), commit.tree(), parents.first().copied()));
        }
        commits.push(LogCommit {
            id: info.id.to_string(),
            parents: parents.iter().map(|p| p.to_string()).collect(),
            author,
            committer,
            message: commit.message.to_string(),
            files: None,
        });
    }
    // The first parent's tree in place of the first parent.
    for (_, _, parent) in &mut to_diff {
        if let Some(p) = *parent {
            *parent = Some(match trees.get(&p) {
                Some(t) => *t,
                None => repo
                    .find_commit(p)
                    .and_then(|c| c.tree_id().map(|t| t.detach()))
                    .map_err(|e| InputError::new(format!("commit {p}: {e}")))?,
            });
        }
    }
    let _t = techlead_core::timing::span("practices: log diffs");
    // The walk's cached diffs, where it has them: the same raw tree diff.
    if let Some(root) = &opts.cache
        && !to_diff.is_empty()
    {
        let ids: Vec<Option<gix::ObjectId>> = to_diff
            .iter()
            .map(|&(i, _, _)| gix::ObjectId::from_hex(commits[i].id.as_bytes()).ok())
            .collect();
        let wanted: std::collections::HashSet<&[u8]> =
            ids.iter().flatten().map(|id| id.as_bytes()).collect();
        let cached = crate::diffcache::load_diffs(root, &|id| wanted.contains(id));
        let mut ids = ids.into_iter();
        to_diff.retain(|&(i, _, _)| {
            let id = ids.next().flatten();
            match id.and_then(|id| cached.get(&id)) {
                Some(e) => {
                    commits[i].files = Some(e.raw_paths());
                    false
                }
                None => true,
            }
        });
    }
    for (i, files) in diff_all(&repo, &to_diff)? {
        commits[i].files = Some(files);
    }
    Ok(Log {
        head: Some(head.to_string()),
        commits,
    })
}

/// The changed paths of each commit to diff (its tree and its first
/// parent's), in parallel: one reader with
/// its own delta cache per chunk of commits.
fn diff_all(
    repo: &gix::Repository,
    to_diff: &[(usize, gix::ObjectId, Option<gix::ObjectId>)],
) -> Result<Diffed, InputError> {
    if to_diff.is_empty() {
        return Ok(Vec::new());
    }
    let packs = Packs::open(repo);
    let shared = repo.clone().into_sync();
    let chunk = to_diff
        .len()
        .div_ceil(rayon::current_num_threads() * 2)
        .max(1);
    let done: Vec<Result<Diffed, InputError>> = to_diff
        .par_chunks(chunk)
        .map(|part| {
            let odb = Odb::new(&packs, shared.to_thread_local(), 32 << 20);
            let mut buffers = (Vec::new(), Vec::new());
            part.iter()
                .map(|&(i, tree, parent_tree)| {
                    changed_paths(&odb, tree, parent_tree, &mut buffers)
                        .map(|files| (i, files))
                        .map_err(|e| InputError::new(format!("diffing commit {tree}: {e}")))
                })
                .collect()
        })
        .collect();
    let mut out = Vec::with_capacity(to_diff.len());
    for part in done {
        out.extend(part?);
    }
    Ok(out)
}

/// Commits (by their index in the log) with their changed paths.
type Diffed = Vec<(usize, Vec<String>)>;

/// Paths whose blob differs between `parent_tree` (or nothing) and `tree`.
fn changed_paths(
    odb: &Odb,
    tree: gix::ObjectId,
    parent_tree: Option<gix::ObjectId>,
    (new, old): &mut (Vec<u8>, Vec<u8>),
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    use gix::diff::tree::recorder::Change;
    use gix::objs::Find;
    odb.try_find(&tree, new)?
        .ok_or_else(|| format!("tree {tree} is missing"))?;
    old.clear();
    if let Some(p) = parent_tree {
        odb.try_find(&p, old)?
            .ok_or_else(|| format!("tree {p} is missing"))?;
    }
    let hash = odb.repo().object_hash();
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(
        gix::objs::TreeRefIter::from_bytes(old, hash),
        gix::objs::TreeRefIter::from_bytes(new, hash),
        gix::diff::tree::State::default(),
        odb,
        &mut recorder,
    )?;
    let mut files: Vec<String> = recorder
        .records
        .into_iter()
        .filter_map(|c| match c {
            Change::Addition {
                entry_mode, path, ..
            }
            | Change::Deletion {
                entry_mode, path, ..
            }
            | Change::Modification {
                entry_mode, path, ..
            } if !entry_mode.is_tree() => Some(path.to_string()),
            _ => None,
        })
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use techlead_testing::git;

    #[test]
    fn a_log_from_a_past_commit_ends_there_and_a_bad_id_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let g = |date: &str, args: &[&str]| git(d, "Ann", "ann@example.com", date, args);
        g("2026-01-01T10:00:00Z", &["init", "-q"]);
        for (i, date) in [
            "2026-01-01T10:00:00Z",
            "2026-02-01T10:00:00Z",
            "2026-03-01T10:00:00Z",
        ]
        .iter()
        .enumerate()
        {
            std::fs::write(d.join("a.txt"), format!("{i}\n")).unwrap();
            g(date, &["add", "a.txt"]);
            g(date, &["commit", "-q", "-m", &format!("c{i}")]);
        }
        let second = g("2026-03-01T10:00:00Z", &["rev-parse", "HEAD~1"]);
        let second = second.trim();
        let at = log(
            d,
            &LogOptions {
                rev: Some(second.to_string()),
                ..LogOptions::default()
            },
        )
        .unwrap();
        assert_eq!(at.head.as_deref(), Some(second));
        let messages: Vec<&str> = at.commits.iter().map(|c| c.message.trim()).collect();
        assert_eq!(messages, ["c1", "c0"]);
        assert_eq!(log(d, &LogOptions::default()).unwrap().commits.len(), 3);
        let bad = LogOptions {
            rev: Some("not-an-id".into()),
            ..LogOptions::default()
        };
        assert!(log(d, &bad).is_err());
    }
}
