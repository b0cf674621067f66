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
//! A run that finds new commits appends them as a segment after the
//! bytes it read (`diffcache/stored.rs`), when the merge below would keep
//! every entry and record the file has anyway; otherwise, and once the
//! file holds [`MAX_SEGMENTS`], it is written whole.
//!
//! The file is written through techlead-core's cache (a temporary file
//! and a rename; a checksum keyed by the techlead build, so a file from
//! another build, damaged, or cut short is no cache at all) and only when
//! the command succeeds. A commit whose blobs could not all be read is not
//! kept: the blobs may be fetched later.

mod stored;

use crate::FileLines;
use crate::listing::{Record, Records};
use gix::ObjectId;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::path::Path;
use techlead_core::cache::{self, Writer};

pub use stored::Stored;

pub const NAME: &str = "history.bin";
/// The format; a change that old files cannot be read as bumps it.
/// 02: the commit records. 03: a count of segments, then the segments,
/// so that new commits are appended after the bytes read.
const MAGIC: &[u8; 8] = b"TLHIST03";

/// Segments a file may hold before it is written whole again: each run
/// that finds new commits appends one, and a file written whole drops the
/// entries no walk needs any more.
pub const MAX_SEGMENTS: usize = 32;

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
}

/// Whether an entry diffed with renames `followed` or not, with counts
/// under excludes `under` (None: no counts), answers a walk that follows
/// `renames` and wants counts under `lines` (None: no counts wanted).
fn serves(followed: bool, under: Option<u64>, renames: bool, lines: Option<u64>) -> bool {
    followed == renames && (lines.is_none() || under == lines)
}

/// The diffs by commit id, hashed by the ids' first bytes (gix's table).
pub type Entries = HashMap<ObjectId, Entry, gix::hashtable::hash::Builder>;

/// What was read from disk, and what became of the file.
#[derive(Default)]
pub struct Cache {
    /// The file as read, its diffs decoded on demand.
    pub stored: Option<Stored>,
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
    match cache::load(root, NAME).and_then(|body| Stored::parse(body, true)) {
        Some((stored, commits)) => Cache {
            stored: Some(stored),
            commits,
            ignored: None,
        },
        None => Cache {
            ignored: Some(format!(
                "{}/{NAME} is damaged or from another techlead build: not used, every commit read again",
                cache::DIR
            )),
            ..Cache::default()
        },
    }
}

/// The diffs of the commits `wanted` accepts, for a reader that needs no
/// commit record and a few diffs (the practices log, the last year's):
/// the records, most of the file, are not decoded, nor the other diffs.
/// The file is checked whole all the same (its checksum, every entry's
/// layout); a file that is not usable gives no diffs (the walk, which
/// rewrites it, says so).
pub fn load_diffs(root: &Path, wanted: &dyn Fn(&[u8]) -> bool) -> Entries {
    cache::load(root, NAME)
        .and_then(|body| Stored::parse_some(body, false, wanted))
        .map(|(stored, _)| stored.entries(&|_| true))
        .unwrap_or_default()
}

/// The file's body written whole: one segment of every entry and record.
pub fn encode(entries: &Entries, commits: &Records) -> Vec<u8> {
    let mut w = Writer::default();
    w.out.extend_from_slice(MAGIC);
    w.u32(1);
    segment(
        &mut w,
        entries.iter().collect(),
        commits.iter().collect(),
        &mut Table::default(),
        &mut Table::default(),
    );
    w.out
}

/// Names to numbers: those of the segments before, then the ones this
/// segment adds, in the order first met.
#[derive(Default)]
struct Table<'a> {
    index: HashMap<&'a [u8], u32>,
    added: Vec<&'a [u8]>,
    count: u32,
}

impl<'a> Table<'a> {
    /// A name a segment before numbered (the next number).
    fn known(&mut self, name: &'a [u8]) {
        self.index.entry(name).or_insert(self.count);
        self.count += 1;
    }

    fn number(&mut self, name: &'a [u8]) -> u32 {
        *self.index.entry(name).or_insert_with(|| {
            self.added.push(name);
            self.count += 1;
            self.count - 1
        })
    }
}

/// One segment: the paths it adds, its entries by id, the people it adds,
/// its records by id. A commit with more than 255 parents (none known) is
/// left out of the records: it is read again next time.
fn segment<'a>(
    w: &mut Writer,
    mut entries: Vec<(&'a ObjectId, &'a Entry)>,
    mut records: Vec<(&'a ObjectId, &'a Record)>,
    paths: &mut Table<'a>,
    people: &mut Table<'a>,
) {
    entries.sort_unstable_by_key(|(id, _)| *id);
    let mut body = Writer::default();
    for (id, e) in &entries {
        body.u8(id.as_bytes().len() as u8);
        body.out.extend_from_slice(id.as_bytes());
        body.u8(u8::from(e.renames_followed) | if e.lines_under.is_some() { 2 } else { 0 });
        if let Some(h) = e.lines_under {
            body.u64(h);
        }
        body.u32(e.files.len() as u32);
        for (p, counted) in &e.files {
            body.u32(paths.number(p.as_bytes()));
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
            body.u32(paths.number(old.as_bytes()));
            body.u32(paths.number(new.as_bytes()));
        }
        body.u32(e.respelled.len() as u32);
        for p in &e.respelled {
            body.u32(paths.number(p.as_bytes()));
        }
    }
    names(w, &paths.added);
    w.u32(entries.len() as u32);
    w.out.extend_from_slice(&body.out);
    records.retain(|(_, r)| r.parents.len() <= u8::MAX as usize);
    records.sort_unstable_by_key(|(id, _)| *id);
    let mut body = Writer::default();
    for (id, r) in &records {
        body.u8(id.as_bytes().len() as u8);
        body.out.extend_from_slice(id.as_bytes());
        body.out.extend_from_slice(r.tree.as_bytes());
        body.u8(r.parents.len() as u8);
        for p in &r.parents {
            body.out.extend_from_slice(p.as_bytes());
        }
        body.u32(people.number(&r.name));
        body.u32(people.number(&r.email));
        body.u64(r.time as u64);
        body.u32(r.offset as u32);
        body.u8(u8::from(r.time_ok) | if r.revert { 2 } else { 0 });
    }
    names(w, &people.added);
    w.u32(records.len() as u32);
    w.out.extend_from_slice(&body.out);
}

/// A count, then each name with its length.
fn names(w: &mut Writer, names: &[&[u8]]) {
    w.u32(names.len() as u32);
    for n in names {
        w.u32(n.len() as u32);
        w.out.extend_from_slice(n);
    }
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
    use proptest::prelude::*;

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

    fn id(b: u8) -> ObjectId {
        ObjectId::from_bytes_or_panic(&[b; 20])
    }

    fn record(parents: Vec<ObjectId>, name: &str, time: i64) -> Record {
        Record {
            tree: id(9),
            parents: parents.into(),
            name: name.as_bytes().into(),
            email: b"a@example.com"[..].into(),
            time,
            offset: -3600,
            time_ok: time != -5,
            revert: time == 1,
        }
    }

    /// A body's diffs (paths as strings) and records, as the walk reads
    /// them.
    fn read(body: &[u8]) -> Option<(Entries, Records)> {
        let (stored, records) = Stored::parse(body.to_vec(), true)?;
        Some((stored.entries(&|_| true), records))
    }

    #[test]
    fn entries_read_back_as_written() {
        let mut m = Entries::default();
        m.insert(id(1), entry(&["a.rs", "b/c.rs"], false));
        let long = id(2);
        m.insert(long, entry(&["a.rs", "é.txt", "a.rs"], true));
        m.insert(id(3), entry(&["z"], false));
        let mut commits = Records::default();
        commits.insert(id(1), record(vec![], "Ann", 1));
        commits.insert(id(2), record(vec![id(1)], "Bö b", -5));
        commits.insert(id(3), record(vec![id(2), id(1)], "Ann", 1 << 40));
        let body = encode(&m, &commits);
        assert_eq!(read(&body).unwrap(), (m.clone(), commits));
        // A reader of a few diffs gets those, as written, and no records.
        let (stored, none) = Stored::parse(body.clone(), false).unwrap();
        assert!(none.is_empty());
        let two = stored.entries(&|id| id[0] == 2);
        assert_eq!(two.len(), 1);
        assert_eq!(two[&long], m[&long]);
        // The walk's view: numbers into the path table.
        let c = stored.get(&id(1)).unwrap();
        let paths: Vec<&str> = c.files.iter().map(|(p, _)| stored.path(*p)).collect();
        assert_eq!(paths, ["a.rs", "b/c.rs"]);
        assert_eq!(stored.owned(c), m[&id(1)]);
        assert!(stored.get(&id(4)).is_none());
        // Every cut and trailing byte is no cache, never a partial one.
        for cut in 0..body.len() {
            assert!(
                Stored::parse(body[..cut].to_vec(), true).is_none(),
                "cut at {cut}"
            );
        }
        let mut longer = body.clone();
        longer.push(0);
        assert!(read(&longer).is_none());
    }

    #[test]
    fn a_file_of_another_format_or_cut_short_is_rebuilt_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Entries::default();
        m.insert(id(1), entry(&["a.rs"], true));
        let body = encode(&m, &Records::default());
        // Whole and of this format: read back (so the cases below can fail).
        cache::save(dir.path(), NAME, &body).unwrap();
        let c = load(dir.path());
        assert!(c.ignored.is_none());
        assert_eq!(c.stored.unwrap().entries(&|_| true), m);
        // The previous formats (TLHIST01, before the commit records;
        // TLHIST02, before segments), with a valid checksum: no cache,
        // and a note saying why.
        for magic in [b"TLHIST01", b"TLHIST02"] {
            let mut old = body.clone();
            old[..8].copy_from_slice(magic);
            cache::save(dir.path(), NAME, &old).unwrap();
            let c = load(dir.path());
            assert!(c.stored.is_none() && c.commits.is_empty());
            assert!(c.ignored.unwrap().contains("history.bin is damaged"));
        }
        // A file cut short on disk (a crash mid-copy): no cache either.
        cache::save(dir.path(), NAME, &body).unwrap();
        let file = cache::path(dir.path(), NAME);
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 9]).unwrap();
        let c = load(dir.path());
        assert!(c.stored.is_none() && c.ignored.is_some());
    }

    #[test]
    fn a_commit_in_two_segments_is_no_cache() {
        let mut m = Entries::default();
        m.insert(id(1), entry(&["a.rs"], false));
        let mut commits = Records::default();
        commits.insert(id(1), record(vec![], "Ann", 1));
        let body = encode(&m, &commits);
        let (stored, _) = Stored::parse(body.clone(), true).unwrap();
        let twice = stored.append(&[(id(1), entry(&["b.rs"], false))], &[]);
        assert!(Stored::parse(twice, true).is_none());
        let (stored, _) = Stored::parse(body, true).unwrap();
        let twice = stored.append(&[], &[(id(1), record(vec![], "Bob", 2))]);
        assert!(Stored::parse(twice, true).is_none());
    }

    #[test]
    fn an_entry_serves_only_the_walk_it_was_diffed_for() {
        let mut m = Entries::default();
        m.insert(id(1), entry(&["a"], true));
        m.insert(id(2), entry(&["a"], false));
        let (stored, _) = Stored::parse(encode(&m, &Records::default()), false).unwrap();
        let e = stored.get(&id(1)).unwrap();
        assert!(e.serves(true, None) && e.serves(true, Some(7)));
        assert!(!e.serves(false, None) && !e.serves(true, Some(8)));
        let e = stored.get(&id(2)).unwrap();
        assert!(e.serves(true, None) && !e.serves(true, Some(7)));
    }

    #[test]
    fn a_merge_keeps_the_walk_and_as_many_others() {
        let mut old = Entries::default();
        for i in 0..10u8 {
            old.insert(id(i), entry(&["a"], false));
        }
        let walked = vec![id(0), id(1), id(20)];
        let kept = merge(old, &walked, vec![(id(20), entry(&["new"], false))]);
        assert_eq!(kept.len(), 6);
        assert!(kept.contains_key(&id(0)) && kept.contains_key(&id(1)));
        assert_eq!(kept[&id(20)].files[0].0, "new");
    }

    /// Random diffs and records over a few paths and people, so that
    /// segments share some and add others.
    fn history() -> impl Strategy<Value = Vec<(u8, Entry, Record)>> {
        let path = prop::sample::select(vec!["a.rs", "b/c.rs", "é.txt", "d", "e/f/g.py", ""]);
        let files = prop::collection::vec((path.clone(), any::<Option<(u32, u32, bool)>>()), 0..5);
        let renames = prop::collection::vec((path.clone(), path.clone()), 0..2);
        let respelled = prop::collection::vec(path, 0..2);
        let name = prop::sample::select(vec!["Ann", "Bö b", "Cat"]);
        let one = (
            any::<u8>(),
            (
                any::<bool>(),
                any::<Option<u64>>(),
                files,
                renames,
                respelled,
            ),
            (
                name,
                any::<i64>(),
                any::<i32>(),
                0u8..3,
                any::<bool>(),
                any::<bool>(),
            ),
        );
        prop::collection::vec(one, 0..24).prop_map(|all| {
            all.into_iter()
                .map(|(k, (followed, under, files, renames, respelled), r)| {
                    let (name, time, offset, parents, time_ok, revert) = r;
                    let entry = Entry {
                        renames_followed: followed,
                        lines_under: under,
                        files: files
                            .into_iter()
                            .map(|(p, n)| {
                                let counted = n.map(|(added, deleted, binary)| FileLines {
                                    added,
                                    deleted,
                                    binary,
                                });
                                (p.to_string(), counted)
                            })
                            .collect(),
                        renames: renames
                            .into_iter()
                            .map(|(a, b)| (a.to_string(), b.to_string()))
                            .collect(),
                        respelled: respelled.into_iter().map(str::to_string).collect(),
                    };
                    let record = Record {
                        tree: id(k ^ 0x55),
                        parents: (0..parents).map(|p| id(k.wrapping_add(p + 1))).collect(),
                        name: name.as_bytes().into(),
                        email: format!("{name}@example.com").as_bytes().into(),
                        time,
                        offset,
                        time_ok,
                        revert,
                    };
                    (k, entry, record)
                })
                .collect()
        })
    }

    proptest! {
        /// A file with segments appended reads back as the file written
        /// whole from the same diffs and records.
        #[test]
        fn an_appended_cache_is_the_rebuilt_one(
            all in history(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        ) {
            let mut seen = std::collections::HashSet::new();
            let all: Vec<(ObjectId, Entry, Record)> = all
                .into_iter()
                .filter(|(k, _, _)| seen.insert(*k))
                .map(|(k, e, r)| (id(k), e, r))
                .collect();
            let mut cuts: Vec<usize> = cuts.iter().map(|c| c.index(all.len() + 1)).collect();
            cuts.sort();
            cuts.push(all.len());
            let whole = |part: &[(ObjectId, Entry, Record)]| {
                let entries: Entries = part.iter().map(|(k, e, _)| (*k, e.clone())).collect();
                let records: Records = part.iter().map(|(k, _, r)| (*k, r.clone())).collect();
                encode(&entries, &records)
            };
            let mut body = whole(&all[..cuts[0]]);
            for w in cuts.windows(2) {
                let part = &all[w[0]..w[1]];
                let entries: Vec<(ObjectId, Entry)> = part.iter().map(|(k, e, _)| (*k, e.clone())).collect();
                let records: Vec<(ObjectId, Record)> = part.iter().map(|(k, _, r)| (*k, r.clone())).collect();
                let (stored, _) = Stored::parse(body, true).expect("reads back");
                body = stored.append(&entries, &records);
            }
            let appended = read(&body).expect("the appended file reads back");
            prop_assert_eq!(appended, read(&whole(&all)).unwrap());
            prop_assert_eq!(Stored::parse(body, true).unwrap().0.segments(), cuts.len());
        }
    }
}
