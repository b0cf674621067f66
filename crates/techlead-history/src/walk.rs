//! The walk: every non-merge commit reachable from a revision, as a change
//! set of the files it touched. Commits are listed first (cheap), then
//! their tree diffs run in parallel, one repository handle per thread.
//! Blobs are never held: only paths leave the diff.

use crate::deltacache::Shared;
use crate::diffcache;
use crate::lines::{self, Buffers, Side};
use crate::listing::Listed;
use crate::odb::{Odb, Packs};
use crate::{ChangeSet, Options};
use gix::object::tree::EntryKind;
use globset::GlobSet;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicU8, AtomicUsize};
use techlead_core::InputError;

/// Lock files, vendored and generated code: changes there say nothing
/// about where the team works. `--include-all` switches these off.
pub fn default_excludes() -> impl Iterator<Item = &'static str> {
    use techlead_core::generated::{GENERATED, LOCKFILES, VENDORED};
    LOCKFILES.iter().chain(VENDORED).chain(GENERATED).copied()
}

/// A blob the walk could not read (a partial or filtered clone, a mirror
/// that dropped it): rename detection or the line count of that change
/// went on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub commit: String,
    pub object: String,
    /// "rename detection" or "line counts".
    pub during: &'static str,
}

pub fn change_sets(
    repo_path: &Path,
    opts: &Options,
    exclude: &GlobSet,
    progress: &(dyn Fn() + Sync),
) -> Result<Walked, InputError> {
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
    let t = techlead_core::timing::span("history: load cache");
    let mut cached = opts
        .cache
        .as_deref()
        .map(diffcache::load)
        .unwrap_or_default();
    drop(t);
    let t = techlead_core::timing::span("history: list commits");
    let packs = Packs::open(&repo);
    let listing = crate::listing::list(&repo, &packs, opts, &cached.commits)?;
    drop(t);
    let commits = listing.commits;
    let shared = repo.into_sync();
    let renames = opts.follow_renames;
    let lines = opts.lines;
    // One reader per worker, kept for the whole walk (rayon's `map_init`
    // would make one per split, each starting with a cold cache), all of
    // them sharing one delta base cache: the workers take runs of
    // neighbouring commits ([`in_order`]), whose trees lie on the same
    // delta chains.
    let threads = rayon::current_num_threads().max(1);
    let cache_bytes = delta_cache_bytes();
    let cache = Shared::new(cache_bytes * threads);
    let workers: Vec<Mutex<(Odb, Buffers)>> = (0..threads)
        .map(|_| {
            let mut repo = shared.to_thread_local();
            repo.object_cache_size_if_unset(4 * 1024 * 1024);
            Mutex::new((
                Odb::sharing(&packs, repo, cache.clone()),
                Buffers::default(),
            ))
        })
        .collect();
    let skipped: Mutex<Vec<Skipped>> = Mutex::new(Vec::new());
    let skip = |commit: &gix::ObjectId, object: gix::ObjectId, during: &'static str| {
        let mut s = skipped.lock().unwrap_or_else(|e| e.into_inner());
        s.push(Skipped {
            commit: commit.to_string(),
            object: object.to_string(),
            during,
        });
    };
    let t = techlead_core::timing::span("history: diffs");
    // Line counts leave excluded files out, so a diff with counts is kept
    // with the excludes it was counted under.
    let lines_under = lines.then(|| excludes_key(opts));
    let walked: Vec<gix::ObjectId> = commits.iter().map(|c| c.id).collect();
    let mut known = std::mem::take(&mut cached.commits);
    let stored = cached.stored.take();
    let fresh: Mutex<Vec<(gix::ObjectId, diffcache::Entry)>> = Mutex::new(Vec::new());
    // Whether each path of the file's table is excluded: asked once per
    // path (0 not yet, 1 no, 2 yes), not once per commit that touched it.
    let excluded: Vec<AtomicU8> = (0..stored.as_ref().map_or(0, |s| s.paths()))
        .map(|_| AtomicU8::new(0))
        .collect();
    let is_excluded = |s: &diffcache::Stored, i: u32| match excluded[i as usize].load(Relaxed) {
        0 => {
            let out = exclude.is_match(s.path(i));
            excluded[i as usize].store(if out { 2 } else { 1 }, Relaxed);
            out
        }
        seen => seen == 2,
    };
    // Walked commits the file has a diff of, whether it serves or not.
    let stored_walked = AtomicUsize::new(0);
    // Owned, so that each commit's author and email move into its set
    // instead of being copied (60,000 of each on git.git).
    let sets = in_order(commits, threads, RUN, |w, mut c| {
        let mut set = ChangeSet {
            id: c.id.to_string(),
            author: std::mem::take(&mut c.author),
            email: std::mem::take(&mut c.email),
            time: c.time,
            offset: c.offset,
            ..ChangeSet::default()
        };
        let hit = stored.as_ref().and_then(|s| Some((s, s.get(&c.id)?)));
        if hit.is_some() {
            stored_walked.fetch_add(1, Relaxed);
        }
        match hit.filter(|(_, e)| e.serves(renames, lines_under)) {
            Some((s, e)) => {
                set.files.reserve(e.files.len());
                for (p, counted) in e.files {
                    if !is_excluded(s, p) {
                        add_file(&mut set, s.path(p), counted, lines);
                    }
                }
                set.renames = e
                    .renames
                    .into_iter()
                    .map(|(old, new)| (s.path(old).to_string(), s.path(new).to_string()))
                    .collect();
            }
            None => {
                let mut worker = workers[w].lock().unwrap_or_else(|e| e.into_inner());
                let (odb, bufs) = &mut *worker;
                let entry = diff_commit(odb, bufs, &c, renames, lines, exclude, &skip)?;
                set.files.reserve(entry.files.len());
                for (path, counted) in &entry.files {
                    if !exclude.is_match(path) {
                        add_file(&mut set, path, *counted, lines);
                    }
                }
                set.renames = entry.renames.clone();
                if opts.cache.is_some() && !entry.skipped {
                    let mut f = fresh.lock().unwrap_or_else(|e| e.into_inner());
                    f.push((
                        c.id,
                        diffcache::Entry {
                            renames_followed: renames,
                            lines_under,
                            files: entry.files,
                            renames: entry.renames,
                            respelled: entry.respelled,
                        },
                    ));
                }
            }
        }
        progress();
        Ok::<_, InputError>(set)
    })?;
    drop(t);
    let _t = techlead_core::timing::span("history: encode cache");
    let fresh = fresh.into_inner().unwrap_or_else(|e| e.into_inner());
    let cache = diffcache::Use {
        pending: None,
        note: cached.ignored,
    };
    let stored_walked = stored_walked.into_inner();
    let stored_len = stored.as_ref().map_or(0, |s| s.len());
    // What a merge (`diffcache::merge`) keeps: every entry this walk
    // touched and as many others; every record it visited and as many
    // others. When that is all of the file's, the file needs only what is
    // new, appended.
    let all_entries_kept = stored_len.saturating_sub(stored_walked) <= walked.len();
    let records_before = known.len();
    let known_visited = listing.visited.len() - listing.fresh.len();
    let all_records_kept = records_before.saturating_sub(known_visited) <= listing.visited.len();
    // Nothing to write when the merge would keep the file as it is.
    let unchanged =
        fresh.is_empty() && listing.fresh.is_empty() && all_entries_kept && all_records_kept;
    // A diff made again for a commit the file has (under other options)
    // replaces the file's: written whole.
    let appends = stored.as_ref().is_some_and(|s| {
        all_entries_kept
            && all_records_kept
            && s.segments() < diffcache::MAX_SEGMENTS
            && !fresh.iter().any(|(id, _)| s.contains(id))
    });
    // Every record this walk visited, and as many others; when the merge
    // keeps them all, the cache's with the new ones added (rebuilding
    // 60,000 of them costs more than the warm walk itself).
    let new_records = if appends {
        listing.fresh.clone()
    } else {
        Vec::new()
    };
    let records = if all_records_kept {
        known.extend(listing.fresh);
        known
    } else {
        diffcache::merge(known, &listing.visited, listing.fresh)
    };
    let records = std::sync::Arc::new(records);
    let pending = match (&opts.cache, stored) {
        (Some(_), stored) if unchanged => {
            // Freed on another thread: nothing waits for it.
            let _ = std::thread::Builder::new().spawn(move || drop(stored));
            None
        }
        // Appended or written whole on a thread of its own, beside the
        // analyses that read the walk.
        (Some(root), Some(stored)) if appends => Some(techlead_core::cache::Pending::later(
            root,
            diffcache::NAME,
            move || stored.append(&fresh, &new_records),
        )),
        (Some(root), stored) => {
            let records = records.clone();
            Some(techlead_core::cache::Pending::later(
                root,
                diffcache::NAME,
                move || {
                    let old = stored.map(|s| s.entries(&|_| true)).unwrap_or_default();
                    diffcache::encode(&diffcache::merge(old, &walked, fresh), &records)
                },
            ))
        }
        (None, _) => None,
    };
    let cache = diffcache::Use { pending, ..cache };
    let mut skipped = skipped.into_inner().unwrap_or_else(|e| e.into_inner());
    skipped.sort_by(|a, b| (&a.commit, &a.object).cmp(&(&b.commit, &b.object)));
    // A blob both rename detection and a line count could not read is one.
    skipped.dedup_by(|a, b| (&a.commit, &a.object) == (&b.commit, &b.object));
    Ok(Walked {
        sets,
        skipped,
        cache,
        records,
    })
}

/// Adds a file the commit changed to its set: a path met twice in a row
/// (a file replaced by a submodule, say) is one file, with both counts.
fn add_file(set: &mut ChangeSet, path: &str, counted: Option<crate::FileLines>, lines: bool) {
    let again = set.files.last().is_some_and(|last| last == path);
    if lines {
        let counted = counted.unwrap_or_default();
        if again {
            let last = set.lines.last_mut().expect("one count per file");
            last.added += counted.added;
            last.deleted += counted.deleted;
            last.binary |= counted.binary;
            return;
        }
        set.lines.push(counted);
    } else if again {
        return;
    }
    set.files.push(path.to_string());
}

/// Commits a worker takes at a time: few enough that the workers stay
/// close together in history, where their trees share delta chains.
const RUN: usize = 16;

/// `f(worker, item)` for every item, on `workers` workers that take the
/// items in runs of `run` consecutive ones, in order; the results in the
/// items' order. The first error stops the workers.
fn in_order<T: Send, R: Send, E: Send>(
    items: Vec<T>,
    workers: usize,
    run: usize,
    f: impl Fn(usize, T) -> Result<R, E> + Sync,
) -> Result<Vec<R>, E> {
    let total = items.len();
    let mut runs = Vec::with_capacity(total.div_ceil(run));
    let mut items = items.into_iter();
    loop {
        let next: Vec<T> = items.by_ref().take(run).collect();
        if next.is_empty() {
            break;
        }
        runs.push(next);
    }
    let queue = Mutex::new(runs.into_iter().enumerate());
    let failed = std::sync::atomic::AtomicBool::new(false);
    // Each worker's runs, by their place in the order.
    type Done<R> = Vec<(usize, Vec<R>)>;
    let done: Vec<Result<Done<R>, E>> = (0..workers)
        .into_par_iter()
        .map(|w| {
            let mut mine = Vec::new();
            while !failed.load(std::sync::atomic::Ordering::Relaxed) {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((i, items)) = next else { break };
                let out: Result<Vec<R>, E> = items.into_iter().map(|t| f(w, t)).collect();
                match out {
                    Ok(out) => mine.push((i, out)),
                    Err(e) => {
                        failed.store(true, std::sync::atomic::Ordering::Relaxed);
                        return Err(e);
                    }
                }
            }
            Ok(mine)
        })
        .collect();
    let mut all = Vec::with_capacity(total.div_ceil(run));
    for d in done {
        all.extend(d?);
    }
    all.sort_unstable_by_key(|(i, _)| *i);
    // Sized once: collected through `flat_map`, whose size is not known
    // up front, 60,000 change sets were copied at each doubling.
    let mut out = Vec::with_capacity(total);
    for (_, run) in all {
        out.extend(run);
    }
    Ok(out)
}

/// What [`change_sets`] gives: the change sets, the blobs skipped, the
/// cache to write, and the commit records the listing used.
pub(crate) struct Walked {
    pub sets: Vec<ChangeSet>,
    pub skipped: Vec<Skipped>,
    pub cache: diffcache::Use,
    pub records: std::sync::Arc<crate::listing::Records>,
}

/// A commit diffed: every file it changed (counted when asked, excluded
/// files not), its renames, and whether a blob could not be read.
struct CommitDiff {
    files: Vec<(String, Option<crate::FileLines>)>,
    renames: Vec<(String, String)>,
    respelled: Vec<String>,
    skipped: bool,
}

fn diff_commit(
    odb: &mut Odb,
    bufs: &mut Buffers,
    c: &Listed,
    renames: bool,
    lines: bool,
    exclude: &GlobSet,
    skip: &(dyn Fn(&gix::ObjectId, gix::ObjectId, &'static str) + Sync),
) -> Result<CommitDiff, InputError> {
    let fail = |e: lines::BoxError| InputError::new(format!("diffing commit {}: {e}", c.id));
    let skipped = std::cell::Cell::new(false);
    let (touched, renamed, respelled) = diff(odb, c, renames, &|id| {
        skipped.set(true);
        skip(&c.id, id, "rename detection");
    })
    .map_err(fail)?;
    let mut files = Vec::with_capacity(touched.len());
    for t in touched {
        let counted = if lines && !exclude.is_match(&t.path) {
            Some(match lines::count(odb, t.old, t.new, bufs) {
                Err(lines::Error::Missing(id)) => {
                    skipped.set(true);
                    skip(&c.id, id, "line counts");
                    crate::FileLines::default()
                }
                other => other.map_err(|e| fail(e.into()))?,
            })
        } else {
            None
        };
        files.push((t.path, counted));
    }
    Ok(CommitDiff {
        files,
        renames: renamed,
        respelled,
        skipped: skipped.get(),
    })
}

/// The excludes as one number, for the entries whose line counts they
/// shaped.
fn excludes_key(opts: &Options) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    opts.default_excludes.hash(&mut h);
    if opts.default_excludes {
        default_excludes().for_each(|g| g.hash(&mut h));
    }
    opts.exclude.hash(&mut h);
    h.finish()
}

/// The delta base cache's room per diffing thread, unless
/// TECHLEAD_HISTORY_CACHE_MB says otherwise: the threads share one cache
/// of this times their number (96 MiB on two cores, git's default for its
/// one thread). Packs are read with `pread` (`packfile.rs`), so the cache
/// and the walk's own data are most of the peak (git.git `revisions`: 527
/// MB at 48 MiB a thread, 471 MB at 32, which costs a tenth more CPU).
/// More helps histories with wide trees and line analyses, where blobs
/// crowd trees out of the cache. See bench/RESULTS.md.
const CACHE_BYTES: usize = 48 * 1024 * 1024;

fn delta_cache_bytes() -> usize {
    std::env::var("TECHLEAD_HISTORY_CACHE_MB")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map_or(CACHE_BYTES, |mb| mb.max(1) << 20)
}

/// A commit's files, and its renames (old path, new path).
type Diffed = (Vec<Touched>, Vec<(String, String)>);

/// A commit's files, its renames, and its files whose mode was only
/// respelled.
type Found = (Vec<Touched>, Vec<(String, String)>, Vec<String>);

/// A file a commit touched, with what it held before and after.
struct Touched {
    path: String,
    old: Option<Side>,
    new: Option<Side>,
}

/// Files a commit changed against its parent (or the empty tree), sorted
/// by path, and the renames among them (old path, new path). With renames
/// followed, a rename counts for its new path only, as `git log` shows
/// it, and its lines are those of the rename's diff. When a blob that
/// rename detection needs cannot be read, the commit is taken without
/// renames and each unreadable blob goes to `skip`.
fn diff(
    odb: &Odb,
    c: &Listed,
    renames: bool,
    skip: &dyn Fn(gix::ObjectId),
) -> Result<Found, lines::BoxError> {
    let Plain {
        files,
        maybe_renamed,
        respelled,
    } = diff_plain(odb, c)?;
    // A rename needs a file added and one deleted in the same commit; most
    // commits have none, and need no similarity check.
    if !renames || !maybe_renamed {
        return Ok((files, Vec::new(), respelled));
    }
    match diff_renames(odb, c) {
        Ok((found, renamed)) => Ok((found, renamed, respelled)),
        Err(e) => {
            let missing = missing_blobs(odb, &files);
            if missing.is_empty() {
                return Err(e);
            }
            for id in missing {
                skip(id);
            }
            Ok((files, Vec::new(), respelled))
        }
    }
}

/// The blobs of added or deleted files that cannot be read.
fn missing_blobs(odb: &Odb, files: &[Touched]) -> Vec<gix::ObjectId> {
    use gix::objs::Find;
    let mut buf = Vec::new();
    files
        .iter()
        .filter(|t| t.old.is_none() || t.new.is_none())
        .flat_map(|t| t.old.iter().chain(t.new.iter()))
        .filter(|s| !matches!(s.kind, EntryKind::Tree | EntryKind::Commit))
        .filter(|s| !matches!(odb.try_find(&s.id, &mut buf), Ok(Some(_))))
        .map(|s| s.id)
        .collect()
}

/// The tree diff with gix's rename tracking.
fn diff_renames(odb: &Odb, c: &Listed) -> Result<Diffed, lines::BoxError> {
    use gix::object::tree::diff::Change;
    let repo = odb.repo();
    let tree = repo.find_tree(c.tree)?;
    let parent_tree = match c.parent_tree {
        Some(p) => repo.find_tree(p)?,
        None => repo.empty_tree(),
    };
    let mut files = Vec::new();
    let mut renamed = Vec::new();
    let mut changes = parent_tree.changes()?;
    changes.options(|o| {
        o.track_rewrites(Some(gix::diff::Rewrites::default()));
    });
    changes.for_each_to_obtain_tree(&tree, |change| {
        let (old, new) = match change {
            Change::Addition { entry_mode, id, .. } => (None, Some(Side::new(&id, entry_mode))),
            Change::Deletion { entry_mode, id, .. } => (Some(Side::new(&id, entry_mode)), None),
            Change::Modification {
                previous_entry_mode,
                previous_id,
                entry_mode,
                id,
                ..
            } => {
                if same_content(previous_entry_mode, &previous_id, entry_mode, &id) {
                    return Ok::<_, gix::Error>(std::ops::ControlFlow::Continue(()));
                }
                (
                    Some(Side::new(&previous_id, previous_entry_mode)),
                    Some(Side::new(&id, entry_mode)),
                )
            }
            Change::Rewrite {
                source_entry_mode,
                source_id,
                source_location,
                entry_mode,
                id,
                location,
                copy,
                ..
            } => {
                if !copy && !entry_mode.is_tree() {
                    renamed.push((source_location.to_string(), location.to_string()));
                }
                (
                    Some(Side::new(&source_id, source_entry_mode)),
                    Some(Side::new(&id, entry_mode)),
                )
            }
        };
        if !change.entry_mode().is_tree() {
            files.push(Touched {
                path: change.location().to_string(),
                old,
                new,
            });
        }
        Ok(std::ops::ControlFlow::Continue(()))
    })?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, renamed))
}

/// The plain tree diff needs none of gix's diff platform (attributes, a
/// resource cache): our own diff over the trees where they lie in the
/// delta cache (`treediff.rs`). Also says whether the commit both added
/// and deleted files, which a rename would need.
fn diff_plain(odb: &Odb, c: &Listed) -> Result<Plain, lines::BoxError> {
    use crate::treediff::Change;
    let (mut added, mut deleted) = (false, false);
    let mut respelled = Vec::new();
    let mut files: Vec<Touched> = crate::treediff::changes(odb, c.parent_tree, c.tree)?
        .into_iter()
        .filter_map(|c| match c {
            Change::Addition { mode, id, path } => {
                added = true;
                Some(Touched {
                    path: path.to_string(),
                    old: None,
                    new: Some(Side::new(&id, mode)),
                })
            }
            Change::Deletion { mode, id, path } => {
                deleted = true;
                Some(Touched {
                    path: path.to_string(),
                    old: Some(Side::new(&id, mode)),
                    new: None,
                })
            }
            Change::Modification {
                previous_mode,
                previous_id,
                mode,
                id,
                path,
            } if same_content(previous_mode, &previous_id, mode, &id) => {
                respelled.push(path.to_string());
                None
            }
            Change::Modification {
                previous_mode,
                previous_id,
                mode,
                id,
                path,
            } => Some(Touched {
                path: path.to_string(),
                old: Some(Side::new(&previous_id, previous_mode)),
                new: Some(Side::new(&id, mode)),
            }),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    respelled.sort();
    Ok(Plain {
        files,
        maybe_renamed: added && deleted,
        respelled,
    })
}

/// A plain tree diff: the files changed, whether a rename is possible
/// (a file added and one deleted), and the files whose mode was only
/// respelled ([`same_content`]): no change to `git log`, but one to a
/// reader of raw tree diffs (the practices log), which the cache keeps
/// so that it can answer that reader too.
struct Plain {
    files: Vec<Touched>,
    maybe_renamed: bool,
    respelled: Vec<String>,
}

/// True when a "modification" only respells the mode. Early git wrote modes
/// such as 100664; git reads every regular file as 100644 or 100755
/// (`canon_mode`), so such an entry is no change to `git log`. gix reports
/// the raw modes; comparing their kinds does what git does.
fn same_content(
    old_mode: gix::object::tree::EntryMode,
    old_id: &gix::oid,
    new_mode: gix::object::tree::EntryMode,
    new_id: &gix::oid,
) -> bool {
    old_id == new_id && old_mode.kind() == new_mode.kind()
}
