//! The commit listing: every commit reachable from the tips, in the order
//! gix's breadth-first walk gives them (`rev_walk(..).all()`), with what
//! the walk needs of each (tree, parents, author). A commit id names all
//! of that for good, so each commit's record is kept in the history cache
//! and a second listing reads only the commits it has not seen: the
//! traversal itself runs over the records in memory.
//!
//! The author is kept as written in the commit, before `.mailmap`: the
//! mailmap applies on every listing, so editing it needs no new cache.

use crate::Options;
use crate::odb::Packs;
use crate::revision::RevError;
use gix::ObjectId;
/// Keyed by object ids, hashed by their first bytes (gix's tables): SipHash
/// over 82,000 ids, several times each, was most of a warm listing.
use gix::hashtable::{HashMap as IdMap, HashSet as IdSet};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use techlead_core::InputError;

/// Commits read one by one before the rest are read ahead from the pack.
const READ_AHEAD_AFTER: usize = 256;

/// What one commit says, as far as the walk needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub tree: ObjectId,
    /// First parent first. Held in the record (two fit, a merge's), not
    /// behind a pointer: the listing and delivery follow 60,000 commits'
    /// parents, and reading each record's list from elsewhere in memory
    /// was half of a warm listing.
    pub parents: Parents,
    /// The author's name and email as written (before `.mailmap`).
    /// Shared: one allocation per identity in the cache, not per commit.
    pub name: Arc<[u8]>,
    pub email: Arc<[u8]>,
    /// Author time (seconds since the epoch) and UTC offset (seconds);
    /// 0 when the time does not parse ([`Record::time_ok`]).
    pub time: i64,
    pub offset: i32,
    /// Whether the author time parsed.
    pub time_ok: bool,
    /// Whether the message says the commit is a revert
    /// ([`crate::delivery::is_revert`]), for delivery's revert rate.
    pub revert: bool,
}

/// A commit's parents.
pub type Parents = smallvec::SmallVec<[ObjectId; 2]>;

/// Commit records by id, hashed by the ids' first bytes (gix's table):
/// the cache loads 60,000 of them and the listing and delivery look each
/// up, where SipHash over the whole id was a third of the records' load.
pub type Records = HashMap<ObjectId, Record, gix::hashtable::hash::Builder>;

/// A commit to diff: its tree against its first parent's.
pub(crate) struct Listed {
    pub id: ObjectId,
    pub tree: ObjectId,
    pub parent_tree: Option<ObjectId>,
    pub author: String,
    pub email: String,
    pub time: i64,
    pub offset: i32,
}

/// A listing: the non-merge commits to diff, every commit visited (merges
/// too), and the records read from the repository because `known` did
/// not have them.
pub(crate) struct Listing {
    pub commits: Vec<Listed>,
    pub visited: Vec<ObjectId>,
    pub fresh: Vec<(ObjectId, Record)>,
}

/// The non-merge commits from the revision back, with their first
/// parent's tree, mailmapped author and author time, within
/// --since/--until. `known` are records from the cache.
pub(crate) fn list(
    repo: &gix::Repository,
    packs: &Packs,
    opts: &Options,
    known: &Records,
) -> Result<Listing, InputError> {
    list_reading_ahead_after(repo, packs, opts, known, READ_AHEAD_AFTER)
}

/// [`list`], reading ahead once `after` commits were read one by one.
pub(crate) fn list_reading_ahead_after(
    repo: &gix::Repository,
    packs: &Packs,
    opts: &Options,
    known: &Records,
    after: usize,
) -> Result<Listing, InputError> {
    let tips = tips(repo, opts)?;
    let mailmap = repo.open_mailmap();
    // gix's breadth-first walk: a queue of commits, each parent queued
    // the first time it is met, in the commit's parent order.
    let mut seen: IdSet = IdSet::with_capacity_and_hasher(known.len() + 16, Default::default());
    let mut queue: VecDeque<ObjectId> = VecDeque::new();
    for tip in tips {
        if seen.insert(tip) {
            queue.push_back(tip);
        }
    }
    let mut visited = Vec::with_capacity(known.len() + 16);
    // Records this listing had to read: the cache had none for them.
    let mut read: IdMap<ObjectId, Record> = IdMap::default();
    // A history the cache does not know is read ahead from the pack, in
    // parallel, once a few hundred commits were missing: a warm listing
    // with a few new commits never pays for it.
    let mut ahead: Option<IdMap<ObjectId, Record>> = None;
    let mut misses = 0usize;
    // Each visited commit's record when the cache had it, so that the
    // pass below does not look it up again.
    let mut cached: Vec<Option<&Record>> = Vec::with_capacity(known.len() + 16);
    while let Some(id) = queue.pop_front() {
        let hit = known.get(&id);
        cached.push(hit);
        let rec = match hit {
            Some(rec) => rec,
            None => {
                if !read.contains_key(&id) {
                    if ahead.is_none() && misses >= after {
                        ahead = Some(crate::readahead::commits(packs));
                    }
                    let rec = match ahead.as_mut().and_then(|a| a.remove(&id)) {
                        Some(rec) => rec,
                        None => {
                            misses += 1;
                            read_record(repo, id)?
                        }
                    };
                    read.insert(id, rec);
                }
                &read[&id]
            }
        };
        for p in &rec.parents {
            if seen.insert(*p) {
                queue.push_back(*p);
            }
        }
        visited.push(id);
    }
    // Merges are left out as `git log` does, but their trees are noted:
    // every walked commit's tree, so that a commit's parent tree needs no
    // second read of the parent.
    let mut trees: IdMap<ObjectId, ObjectId> =
        IdMap::with_capacity_and_hasher(visited.len(), Default::default());
    // Sized once: 60,000 of them grown one by one were copied over and
    // over.
    let mut commits = Vec::with_capacity(visited.len());
    let mut parents_of = Vec::with_capacity(visited.len());
    // One mailmap lookup per distinct identity, not per commit; keyed by
    // where the name and email lie, which the records of one identity
    // share (the cache keeps each once), so that no name is hashed. An
    // identity whose records do not share them is only looked up again.
    let mut who: HashMap<(usize, usize), (String, String)> = HashMap::new();
    for (id, hit) in visited.iter().zip(cached) {
        let rec = hit.or_else(|| read.get(id)).expect("visited");
        trees.insert(*id, rec.tree);
        if rec.parents.len() > 1 {
            continue;
        }
        if opts.since.is_some_and(|s| rec.time < s) || opts.until.is_some_and(|u| rec.time > u) {
            continue;
        }
        let at = |p: &Arc<[u8]>| Arc::as_ptr(p) as *const u8 as usize;
        let (author, email) = who
            .entry((at(&rec.name), at(&rec.email)))
            .or_insert_with(|| {
                let resolved = mailmap.resolve(gix::actor::SignatureRef {
                    name: rec.name[..].into(),
                    email: rec.email[..].into(),
                    time: "",
                });
                (resolved.name.to_string(), resolved.email.to_string())
            })
            .clone();
        parents_of.push(rec.parents.first().copied());
        commits.push(Listed {
            id: *id,
            tree: rec.tree,
            parent_tree: None,
            author,
            email,
            time: rec.time,
            offset: rec.offset,
        });
    }
    for (c, parent) in commits.iter_mut().zip(parents_of) {
        c.parent_tree = match parent {
            None => None,
            Some(p) => Some(match trees.get(&p) {
                Some(t) => *t,
                None => repo
                    .find_commit(p)
                    .and_then(|c| c.tree_id().map(|t| t.detach()))
                    .map_err(|e| InputError::new(format!("commit {p}: {e}")))?,
            }),
        };
    }
    drop(who);
    Ok(Listing {
        commits,
        visited,
        fresh: read.into_iter().collect(),
    })
}

/// One commit's record, read from the repository.
pub(crate) fn read_record(repo: &gix::Repository, id: ObjectId) -> Result<Record, InputError> {
    let commit = repo
        .find_commit(id)
        .map_err(|e| InputError::new(format!("walking history: {e}")))?;
    record_from(&commit.data, id.kind()).map_err(|e| InputError::new(format!("commit {id}: {e}")))
}

/// A commit's record from the commit object's bytes, parsed as gix's
/// `Commit` accessors parse them (`tree_id`, `parent_ids`, `author`
/// trimmed, `message_raw`), so that a record read ahead from the pack
/// ([`crate::readahead`]) is the one [`read_record`] would give.
pub(crate) fn record_from(data: &[u8], hash: gix::hash::Kind) -> Result<Record, gix::Error> {
    use gix::objs::CommitRefIter;
    let tree = CommitRefIter::from_bytes(data, hash).tree_id()?;
    let parents = CommitRefIter::from_bytes(data, hash).parent_ids().collect();
    let author = CommitRefIter::from_bytes(data, hash).author()?.trim();
    let parsed = author.time();
    let time_ok = parsed.is_ok();
    let (time, offset) = parsed.map(|t| (t.seconds, t.offset)).unwrap_or_default();
    let revert = CommitRefIter::from_bytes(data, hash)
        .message()
        .is_ok_and(|m| crate::delivery::is_revert(&m.to_string()));
    Ok(Record {
        tree,
        parents,
        name: Arc::from(author.name.as_ref() as &[u8]),
        email: Arc::from(author.email.as_ref() as &[u8]),
        time,
        offset,
        time_ok,
        revert,
    })
}

/// Where the walk starts: the revision (HEAD by default), or with `all`
/// every branch, tag and remote-tracking ref, as `git log --all`.
fn tips(repo: &gix::Repository, opts: &Options) -> Result<Vec<ObjectId>, InputError> {
    if opts.all {
        let refs = repo
            .references()
            .map_err(|e| InputError::new(format!("reading refs: {e}")))?;
        let mut tips: Vec<ObjectId> = refs
            .all()
            .map_err(|e| InputError::new(format!("reading refs: {e}")))?
            .flatten()
            .filter_map(|mut r| r.peel_to_commit().ok().map(|c| c.id))
            .collect();
        tips.sort();
        tips.dedup();
        return Ok(tips);
    }
    let rev = opts.rev.as_deref().unwrap_or("HEAD");
    if opts.rev.is_none() && repo.head().is_ok_and(|h| h.is_unborn()) {
        return Err(InputError::in_file(
            repo.path().display().to_string(),
            "the repository has no commits yet, so there is no history to read",
        )
        .with_help("commit first, or name a revision with --rev"));
    }
    // A revision that will not resolve may be a damaged pack: name it.
    let fail = |e: &dyn std::fmt::Display| match crate::odb::damaged_pack(repo) {
        Some(damage) => InputError::new(damage).with_help(format!(
            "revision `{rev}` could not be read ({e}); run git fsck"
        )),
        None => InputError::new(format!("revision `{rev}`: {e}")),
    };
    let start = crate::revision::commit_at(repo, rev).map_err(|e| match e {
        RevError::Unresolved(e) => fail(&e),
        RevError::NotACommit(e) => {
            InputError::new(format!("revision `{rev}` is not a commit: {e}"))
        }
    })?;
    Ok(vec![start.id])
}
