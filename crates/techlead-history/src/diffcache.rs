//! `.techlead/cache/history.bin`: each commit's change set as the walk
//! diffed it, keyed by commit id, so a second walk of the same history
//! diffs only the commits that are new.
//!
//! What is kept is what a commit id alone decides: the files its tree
//! changed against its first parent's (every path, before excludes), the
//! renames among them, and, when line counts were asked for, each file's
//! counts. A commit id names its tree and its parents, so the entry stays
//! exact whatever else moves: a rebase or a force-push makes new ids
//! (their diffs are new entries, the old ones are pruned), while authors
//! are not kept at all (`.mailmap` and the identity merge apply on every
//! run), nor are the since/until window and the excludes, which filter
//! the entries afterwards. Two choices do change a diff, and each entry
//! records them: whether renames were followed, and for line counts the
//! excludes (an excluded file is not counted).
//!
//! Beside the diffs, each commit's record as the listing reads it
//! (`listing.rs`: tree, parents, author as written), so that listing a
//! history seen before reads no commit object either.
//!
//! The file is written through techlead-core's cache (a temporary file
//! and a rename; a checksum keyed by the techlead build, so a file from
//! another build, damaged, or cut short is no cache at all) and only when
//! the command succeeds. A commit whose blobs could not all be read is not
//! kept: the blobs may be fetched later.

use crate::FileLines;
use crate::listing::{Record, Records};
use gix::ObjectId;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::Path;
use techlead_core::cache::{self, Reader, Writer};

pub const NAME: &str = "history.bin";
/// The format; a change that old files cannot be read as bumps it.
/// 02: the commit records.
const MAGIC: &[u8; 8] = b"TLHIST02";

/// What a walk did with the cache: the file to write once the command
/// succeeds (None when nothing changed or no cache is kept), and why a
/// file that was there was not used.
#[derive(Debug, Default)]
pub struct Use {
    pub pending: Option<cache::Pending>,
    pub note: Option<String>,
}

/// One commit's diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub renames_followed: bool,
    /// The excludes the line counts were made under; None without counts.
    pub lines_under: Option<u64>,
    /// Every file changed, sorted as the diff gives them, with its counts
    /// when counted (None for an excluded file).
    pub files: Vec<(String, Option<FileLines>)>,
    /// (old path, new path).
    pub renames: Vec<(String, String)>,
    /// Files whose mode was only respelled (100664 to 100644): no change
    /// for the walk, one for the practices log's raw tree diff.
    pub respelled: Vec<String>,
}

impl Entry {
    /// The paths a raw tree diff without rename detection gives for this
    /// commit, sorted, each once: every file changed, the old side of
    /// each rename (a deletion there), and the files whose mode was only
    /// respelled. What the practices log reads.
    pub fn raw_paths(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .map(|(p, _)| p.clone())
            .chain(self.renames.iter().map(|(old, _)| old.clone()))
            .chain(self.respelled.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Whether this entry answers a walk that follows renames or not, and
    /// wants counts under excludes `lines` (None: no counts wanted).
    pub fn serves(&self, renames: bool, lines: Option<u64>) -> bool {
        self.renames_followed == renames && (lines.is_none() || self.lines_under == lines)
    }
}

/// The diffs by commit id (its raw bytes).
pub type Entries = HashMap<Vec<u8>, Entry, IdBytes>;

/// Hashes a commit id's bytes by their first eight: an id is a SHA, as
/// evenly spread as any hash, and the file is checksummed. SipHash over
/// 60,000 ids (decoded, looked up by the walk, merged) was a tenth of
/// the warm walk's cache load.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdBytes;

impl BuildHasher for IdBytes {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

/// See [`IdBytes`]. A `Vec<u8>` key writes its length, then its bytes.
#[derive(Debug)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut first = [0u8; 8];
        let n = bytes.len().min(8);
        first[..n].copy_from_slice(&bytes[..n]);
        self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(first);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The entries read from disk, and what became of the file.
#[derive(Default)]
pub struct Cache {
    pub entries: Entries,
    /// Each commit's record for the listing, merges included.
    pub commits: Records,
    /// Why a file that exists was not used, for a note.
    pub ignored: Option<String>,
}

/// The cache under `root`. A file that does not read back whole (damaged,
/// cut short, from another techlead build, another format) is no cache,
/// with the reason in [`Cache::ignored`].
pub fn load(root: &Path) -> Cache {
    let path = cache::path(root, NAME);
    if std::fs::symlink_metadata(&path).is_err() {
        return Cache::default();
    }
    match cache::load(root, NAME).and_then(|body| decode(&body, true, &|_| true)) {
        Some((entries, commits)) => Cache {
            entries,
            commits,
            ignored: None,
        },
        None => Cache {
            entries: Entries::default(),
            commits: Records::default(),
            ignored: Some(format!(
                "{}/{NAME} is damaged or from another techlead build: not used, every commit read again",
                cache::DIR
            )),
        },
    }
}

/// The diffs of the commits `wanted` accepts, for a reader that needs no
/// commit record and a few diffs (the practices log, the last year's):
/// the records, most of the file, are not decoded, nor the other diffs'
/// paths. The file is checked whole all the same (its checksum, every
/// entry's layout); a file that is not usable gives no diffs (the walk,
/// which rewrites it, says so).
pub fn load_diffs(root: &Path, wanted: &dyn Fn(&[u8]) -> bool) -> Entries {
    cache::load(root, NAME)
        .and_then(|body| decode(&body, false, wanted))
        .map(|(entries, _)| entries)
        .unwrap_or_default()
}

/// What the file holds: the diffs and the commit records.
type Decoded = (Entries, Records);

/// The file's body; the commit records only when `records` (else none),
/// the diffs of the commits `wanted` accepts.
fn decode(body: &[u8], records: bool, wanted: &dyn Fn(&[u8]) -> bool) -> Option<Decoded> {
    let mut r = Reader::new(body);
    if r.take(8)? != MAGIC {
        return None;
    }
    let paths: Vec<&str> = (0..r.u32()?).map(|_| r.str()).collect::<Option<_>>()?;
    // Indices are checked for every entry; only the wanted get strings.
    let index = |r: &mut Reader| r.u32().filter(|&i| (i as usize) < paths.len());
    let path = |i: u32| paths[i as usize].to_string();
    let count = r.u32()? as usize;
    let mut entries = Entries::with_capacity_and_hasher(count.min(body.len()), IdBytes);
    for _ in 0..count {
        let id_len = r.u8()? as usize;
        let id = r.take(id_len)?;
        let flags = r.u8()?;
        let lines_under = match flags & 2 {
            0 => None,
            _ => Some(r.u64()?),
        };
        let files = (0..r.u32()?)
            .map(|_| {
                let p = index(&mut r)?;
                let counted = match r.u8()? {
                    0 => None,
                    1 => Some(FileLines {
                        added: r.u32()?,
                        deleted: r.u32()?,
                        binary: r.u8()? == 1,
                    }),
                    _ => return None,
                };
                Some((p, counted))
            })
            .collect::<Option<Vec<_>>>()?;
        let renames = (0..r.u32()?)
            .map(|_| Some((index(&mut r)?, index(&mut r)?)))
            .collect::<Option<Vec<_>>>()?;
        let respelled = (0..r.u32()?)
            .map(|_| index(&mut r))
            .collect::<Option<Vec<_>>>()?;
        if flags & !3 != 0 {
            return None;
        }
        if !wanted(id) {
            continue;
        }
        entries.insert(
            id.to_vec(),
            Entry {
                renames_followed: flags & 1 == 1,
                lines_under,
                files: files.into_iter().map(|(p, c)| (path(p), c)).collect(),
                renames: renames
                    .into_iter()
                    .map(|(old, new)| (path(old), path(new)))
                    .collect(),
                respelled: respelled.into_iter().map(path).collect(),
            },
        );
    }
    if !records {
        return Some((entries, Records::default()));
    }
    let commits = decode_records(&mut r)?;
    r.at_end().then_some((entries, commits))
}

fn decode_records(r: &mut Reader) -> Option<Records> {
    let people: Vec<std::sync::Arc<[u8]>> = (0..r.u32()?)
        .map(|_| {
            let n = r.u32()? as usize;
            r.take(n).map(std::sync::Arc::from)
        })
        .collect::<Option<_>>()?;
    let person = |i: u32| people.get(i as usize).cloned();
    let count = r.u32()? as usize;
    let mut out = Records::with_capacity_and_hasher(count.min(r.b.len()), Default::default());
    for _ in 0..count {
        let len = r.u8()? as usize;
        let id = |r: &mut Reader| ObjectId::try_from(r.take(len)?).ok();
        let (key, tree) = (id(r)?, id(r)?);
        let parents = (0..r.u8()?).map(|_| id(r)).collect::<Option<Vec<_>>>()?;
        let record = Record {
            tree,
            parents,
            name: person(r.u32()?)?,
            email: person(r.u32()?)?,
            time: r.u64()? as i64,
            offset: r.u32()? as i32,
            time_ok: false,
            revert: false,
        };
        let flags = r.u8()?;
        if flags & !3 != 0 {
            return None;
        }
        let record = Record {
            time_ok: flags & 1 == 1,
            revert: flags & 2 == 2,
            ..record
        };
        out.insert(key, record);
    }
    Some(out)
}

/// The file's body: every path once, then the entries by commit id.
pub fn encode(entries: &Entries, commits: &Records) -> Vec<u8> {
    let mut ids: Vec<&Vec<u8>> = entries.keys().collect();
    ids.sort();
    let mut paths = crate::numbered::Names::default();
    let mut intern = |p| paths.number(p);
    let mut body = Writer::default();
    for id in &ids {
        let e = &entries[*id];
        body.u8(id.len() as u8);
        body.out.extend_from_slice(id);
        body.u8(u8::from(e.renames_followed) | if e.lines_under.is_some() { 2 } else { 0 });
        if let Some(h) = e.lines_under {
            body.u64(h);
        }
        body.u32(e.files.len() as u32);
        for (p, counted) in &e.files {
            body.u32(intern(p));
            match counted {
                None => body.u8(0),
                Some(l) => {
                    body.u8(1);
                    body.u32(l.added);
                    body.u32(l.deleted);
                    body.u8(u8::from(l.binary));
                }
            }
        }
        body.u32(e.renames.len() as u32);
        for (old, new) in &e.renames {
            body.u32(intern(old));
            body.u32(intern(new));
        }
        body.u32(e.respelled.len() as u32);
        for p in &e.respelled {
            body.u32(intern(p));
        }
    }
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.u32(paths.list.len() as u32);
    for p in &paths.list {
        w.str(p);
    }
    w.u32(ids.len() as u32);
    w.out.extend_from_slice(&body.out);
    encode_records(&mut w, commits);
    w.out
}

/// The commit records: every name and email once, then the records by id.
/// A commit with more than 255 parents (none known) is left out: it is
/// read again next time.
fn encode_records<'a>(w: &mut Writer, commits: &'a Records) {
    let mut ids: Vec<&ObjectId> = commits
        .iter()
        .filter(|(_, r)| r.parents.len() <= u8::MAX as usize)
        .map(|(id, _)| id)
        .collect();
    ids.sort();
    let mut index: HashMap<&[u8], u32> = HashMap::new();
    let mut people: Vec<&[u8]> = Vec::new();
    let mut body = Writer::default();
    for id in &ids {
        let r = &commits[*id];
        let mut intern = |p: &'a [u8]| -> u32 {
            *index.entry(p).or_insert_with(|| {
                people.push(p);
                (people.len() - 1) as u32
            })
        };
        body.u8(id.as_bytes().len() as u8);
        body.out.extend_from_slice(id.as_bytes());
        body.out.extend_from_slice(r.tree.as_bytes());
        body.u8(r.parents.len() as u8);
        for p in &r.parents {
            body.out.extend_from_slice(p.as_bytes());
        }
        body.u32(intern(&r.name));
        body.u32(intern(&r.email));
        body.u64(r.time as u64);
        body.u32(r.offset as u32);
        body.u8(u8::from(r.time_ok) | if r.revert { 2 } else { 0 });
    }
    w.u32(people.len() as u32);
    for p in &people {
        w.u32(p.len() as u32);
        w.out.extend_from_slice(p);
    }
    w.u32(ids.len() as u32);
    w.out.extend_from_slice(&body.out);
}

/// What to keep after a walk: every entry of this walk (hits and new
/// ones), and of the entries it did not touch (other branches, commits
/// rewritten away) as many as this walk has, so that the file stays in
/// proportion to the history while a switch between two branches keeps
/// both.
pub fn merge<K: Hash + Eq + Ord + Clone, V, S: BuildHasher + Default>(
    mut old: HashMap<K, V, S>,
    walked: &[K],
    new: Vec<(K, V)>,
) -> HashMap<K, V, S> {
    let mut out: HashMap<K, V, S> =
        HashMap::with_capacity_and_hasher(walked.len() * 2, S::default());
    for (id, e) in new {
        old.remove(&id);
        out.insert(id, e);
    }
    for id in walked {
        if let Some(e) = old.remove(id) {
            out.insert(id.clone(), e);
        }
    }
    let room = walked.len();
    let mut rest: Vec<(K, V)> = old.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(rest.into_iter().take(room));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(files: &[&str], lines: bool) -> Entry {
        Entry {
            renames_followed: true,
            lines_under: lines.then_some(7),
            files: files
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let counted = lines.then_some(FileLines {
                        added: i as u32,
                        deleted: 2,
                        binary: i == 1,
                    });
                    (f.to_string(), counted)
                })
                .collect(),
            renames: vec![("old.rs".into(), files[0].to_string())],
            respelled: if lines {
                vec!["mode.sh".into()]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn entries_read_back_as_written() {
        let mut m = Entries::default();
        m.insert(vec![1u8; 20], entry(&["a.rs", "b/c.rs"], false));
        m.insert(vec![2u8; 32], entry(&["a.rs", "é.txt", "a.rs"], true));
        m.insert(vec![3u8; 20], entry(&["z"], false));
        let id = |b: u8| ObjectId::from_bytes_or_panic(&[b; 20]);
        let record = |parents: Vec<ObjectId>, name: &str, time: i64| Record {
            tree: id(9),
            parents,
            name: name.as_bytes().into(),
            email: b"a@example.com"[..].into(),
            time,
            offset: -3600,
            time_ok: time != -5,
            revert: time == 1,
        };
        let mut commits = Records::default();
        commits.insert(id(1), record(vec![], "Ann", 1));
        commits.insert(id(2), record(vec![id(1)], "Bö b", -5));
        commits.insert(id(3), record(vec![id(2), id(1)], "Ann", 1 << 40));
        let body = encode(&m, &commits);
        let all = |_: &[u8]| true;
        assert_eq!(
            decode(&body, false, &all).unwrap(),
            (m.clone(), Records::default())
        );
        // A reader of a few diffs gets those, as written.
        let two = decode(&body, false, &|id| id[0] == 2).unwrap().0;
        assert_eq!(two.len(), 1);
        assert_eq!(two[&vec![2u8; 32]], m[&vec![2u8; 32]]);
        assert_eq!(decode(&body, true, &all).unwrap(), (m, commits));
        // Every cut and trailing byte is no cache, never a partial one.
        for cut in 0..body.len() {
            assert!(decode(&body[..cut], true, &all).is_none(), "cut at {cut}");
        }
        let mut longer = body.clone();
        longer.push(0);
        assert!(decode(&longer, true, &all).is_none());
    }

    #[test]
    fn a_file_of_another_format_or_cut_short_is_rebuilt_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Entries::default();
        m.insert(vec![1u8; 20], entry(&["a.rs"], true));
        let body = encode(&m, &Records::default());
        // Whole and of this format: read back (so the cases below can fail).
        cache::save(dir.path(), NAME, &body).unwrap();
        let c = load(dir.path());
        assert_eq!((c.entries, c.ignored), (m.clone(), None));
        // The previous format (TLHIST01, before the commit records), with a
        // valid checksum: no cache, and a note saying why.
        let mut old = body.clone();
        old[..8].copy_from_slice(b"TLHIST01");
        cache::save(dir.path(), NAME, &old).unwrap();
        let c = load(dir.path());
        assert!(c.entries.is_empty() && c.commits.is_empty());
        assert!(c.ignored.unwrap().contains("history.bin is damaged"));
        // A file cut short on disk (a crash mid-copy): no cache either.
        cache::save(dir.path(), NAME, &body).unwrap();
        let file = cache::path(dir.path(), NAME);
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 9]).unwrap();
        let c = load(dir.path());
        assert!(c.entries.is_empty() && c.ignored.is_some());
    }

    #[test]
    fn an_entry_serves_only_the_walk_it_was_diffed_for() {
        let e = entry(&["a"], true);
        assert!(e.serves(true, None) && e.serves(true, Some(7)));
        assert!(!e.serves(false, None) && !e.serves(true, Some(8)));
        let e = entry(&["a"], false);
        assert!(e.serves(true, None) && !e.serves(true, Some(7)));
    }

    #[test]
    fn a_merge_keeps_the_walk_and_as_many_others() {
        let mut old = Entries::default();
        for i in 0..10u8 {
            old.insert(vec![i], entry(&["a"], false));
        }
        let walked = vec![vec![0u8], vec![1], vec![20]];
        let kept = merge(old, &walked, vec![(vec![20], entry(&["new"], false))]);
        assert_eq!(kept.len(), 6);
        assert!(kept.contains_key(&vec![0u8]) && kept.contains_key(&vec![1u8]));
        assert_eq!(kept[&vec![20u8]].files[0].0, "new");
    }
}
