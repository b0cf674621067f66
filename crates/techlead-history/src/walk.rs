//! The walk: every non-merge commit reachable from a revision, as a change
//! set of the files it touched. Commits are listed first (cheap), then
//! their tree diffs run in parallel, one repository handle per thread.
//! Blobs are never held: only paths leave the diff.

use crate::{ChangeSet, Options};
use globset::GlobSet;
use rayon::prelude::*;
use std::path::Path;
use techlead_core::InputError;

/// Lock files, vendored and generated code: changes there say nothing
/// about where the team works. `--include-all` switches these off.
pub const DEFAULT_EXCLUDES: &[&str] = &[
    "**/*.lock",
    "**/package-lock.json",
    "**/pnpm-lock.yaml",
    "**/go.sum",
    "**/vendor/**",
    "**/node_modules/**",
    "**/third_party/**",
    "**/*.min.js",
    "**/*.generated.*",
    "**/*_pb2.py",
    "**/*.pb.go",
];

pub fn change_sets(
    repo_path: &Path,
    opts: &Options,
    exclude: &GlobSet,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<ChangeSet>, InputError> {
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
    let commits = list(&repo, opts)?;
    let shared = repo.into_sync();
    let renames = opts.follow_renames;
    commits
        .par_iter()
        .map_init(
            || {
                // Trees share most of their objects from commit to commit:
                // a pack cache per thread saves re-inflating delta chains.
                let mut repo = shared.to_thread_local();
                repo.object_cache_size_if_unset(16 * 1024 * 1024);
                repo
            },
            |repo, (id, parent, author, time)| {
                let files = diff(repo, *id, *parent, renames)
                    .map_err(|e| InputError::new(format!("diffing commit {id}: {e}")))?;
                progress();
                Ok(ChangeSet {
                    id: id.to_string(),
                    author: author.clone(),
                    time: *time,
                    files: files.into_iter().filter(|f| !exclude.is_match(f)).collect(),
                })
            },
        )
        .collect()
}

type Listed = (gix::ObjectId, Option<gix::ObjectId>, String, i64);

/// The non-merge commits from the revision back, with their first parent,
/// mailmapped author and author time, within --since/--until.
fn list(repo: &gix::Repository, opts: &Options) -> Result<Vec<Listed>, InputError> {
    let tips: Vec<gix::ObjectId> = if opts.all {
        // Every branch, tag and remote-tracking ref, as `git log --all`.
        let refs = repo
            .references()
            .map_err(|e| InputError::new(format!("reading refs: {e}")))?;
        let mut tips: Vec<gix::ObjectId> = refs
            .all()
            .map_err(|e| InputError::new(format!("reading refs: {e}")))?
            .flatten()
            .filter_map(|mut r| r.peel_to_commit().ok().map(|c| c.id))
            .collect();
        tips.sort();
        tips.dedup();
        tips
    } else {
        let rev = opts.rev.as_deref().unwrap_or("HEAD");
        let start = repo
            .rev_parse_single(rev)
            .map_err(|e| InputError::new(format!("revision `{rev}`: {e}")))?
            .object()
            .map_err(|e| InputError::new(format!("revision `{rev}`: {e}")))?
            .peel_to_commit()
            .map_err(|e| InputError::new(format!("revision `{rev}` is not a commit: {e}")))?;
        vec![start.id]
    };
    let mailmap = repo.open_mailmap();
    // (commit, first parent or none), merges left out as `git log` does.
    let mut commits = Vec::new();
    let walk = repo
        .rev_walk(tips)
        .all()
        .map_err(|e| InputError::new(format!("walking history: {e}")))?;
    for info in walk {
        let info = info.map_err(|e| InputError::new(format!("walking history: {e}")))?;
        let commit = info
            .object()
            .map_err(|e| InputError::new(format!("reading commit: {e}")))?;
        let parents: Vec<gix::ObjectId> = commit.parent_ids().map(|p| p.detach()).collect();
        if parents.len() > 1 {
            continue;
        }
        let author = commit
            .author()
            .map_err(|e| InputError::new(format!("commit {}: {e}", info.id)))?;
        let name = mailmap.resolve(author).name.to_string();
        let time = author.time().map(|t| t.seconds).unwrap_or_default();
        if opts.since.is_some_and(|s| time < s) || opts.until.is_some_and(|u| time > u) {
            continue;
        }
        commits.push((info.id, parents.first().copied(), name, time));
    }
    Ok(commits)
}

/// Paths a commit changed against its parent (or the empty tree). With
/// renames followed, a rename counts for its new path only, as
/// `git log` shows it.
fn diff(
    repo: &gix::Repository,
    id: gix::ObjectId,
    parent: Option<gix::ObjectId>,
    renames: bool,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let (files, maybe_renamed) = diff_plain(repo, id, parent)?;
    // A rename needs a file added and one deleted in the same commit; most
    // commits have none, and need no similarity check.
    if !renames || !maybe_renamed {
        return Ok(files);
    }
    let tree = repo.find_object(id)?.into_commit().tree()?;
    let parent_tree = match parent {
        Some(p) => repo.find_object(p)?.into_commit().tree()?,
        None => repo.empty_tree(),
    };
    let mut files = Vec::new();
    let mut changes = parent_tree.changes()?;
    changes.options(|o| {
        o.track_rewrites(if renames {
            Some(gix::diff::Rewrites::default())
        } else {
            None
        });
    });
    changes.for_each_to_obtain_tree(&tree, |c| {
        if !c.entry_mode().is_tree() {
            files.push(c.location().to_string());
        }
        Ok::<_, gix::Error>(std::ops::ControlFlow::Continue(()))
    })?;
    files.sort();
    files.dedup();
    Ok(files)
}

/// The plain tree diff needs none of the platform's machinery
/// (attributes, a resource cache): just the two trees and a recorder. Also
/// says whether the commit both added and deleted files, which a rename
/// would need.
fn diff_plain(
    repo: &gix::Repository,
    id: gix::ObjectId,
    parent: Option<gix::ObjectId>,
) -> Result<(Vec<String>, bool), Box<dyn std::error::Error + Send + Sync>> {
    use gix::diff::tree::recorder::Change;
    let new = repo.find_object(id)?.into_commit().tree_id()?;
    let new = repo.find_object(new)?.detach();
    let old = match parent {
        Some(p) => {
            let t = repo.find_object(p)?.into_commit().tree_id()?;
            repo.find_object(t)?.detach().data
        }
        None => Vec::new(),
    };
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(
        gix::objs::TreeRefIter::from_bytes(&old, repo.object_hash()),
        gix::objs::TreeRefIter::from_bytes(&new.data, repo.object_hash()),
        gix::diff::tree::State::default(),
        &repo.objects,
        &mut recorder,
    )?;
    let (mut added, mut deleted) = (false, false);
    let mut files: Vec<String> = recorder
        .records
        .into_iter()
        .filter_map(|c| match c {
            Change::Addition {
                entry_mode, path, ..
            } if !entry_mode.is_tree() => {
                added = true;
                Some(path.to_string())
            }
            Change::Deletion {
                entry_mode, path, ..
            } if !entry_mode.is_tree() => {
                deleted = true;
                Some(path.to_string())
            }
            Change::Addition {
                entry_mode, path, ..
            }
            | Change::Deletion {
                entry_mode, path, ..
            }
            | Change::Modification {
                entry_mode, path, ..
            } => (!entry_mode.is_tree()).then(|| path.to_string()),
        })
        .collect();
    files.sort();
    files.dedup();
    Ok((files, added && deleted))
}
