//! The file as read: its bytes, the path table, and where each commit's
//! entry starts. An entry is decoded only when the walk asks for it, with
//! its paths as numbers into the table, so a warm walk makes each path
//! a `String` once, for the change set that holds it, and tests each path
//! against the excludes once, not once per commit that touched it.
//!
//! The whole file is still checked when it is read (every entry's layout
//! and every number in it), so an entry the walk asks for always decodes.
//!
//! Appending a segment ([`Stored::append`]) writes the new commits' diffs
//! and records after the bytes read, which are kept as they are: a second
//! run after one new commit no longer encodes 60,000 entries again.

use super::{Entry, MAGIC, Table, segment};
use crate::FileLines;
use crate::listing::{Record, Records};
use gix::ObjectId;
use gix::hashtable::HashMap as IdMap;
use std::sync::Arc;
use techlead_core::cache::{Reader, Writer};

/// A history cache file as read.
pub struct Stored {
    body: Vec<u8>,
    /// Every path, one after the other, and where each ends in `text`.
    text: String,
    ends: Vec<u32>,
    /// Where each person (name or email) lies in `body`.
    people: Vec<(u32, u32)>,
    /// Where each commit's entry starts in `body` (after its id).
    entries: IdMap<ObjectId, u32>,
    segments: usize,
}

/// One commit's diff with its paths as numbers ([`Stored::path`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Compact {
    pub renames_followed: bool,
    pub lines_under: Option<u64>,
    pub files: Vec<(u32, Option<FileLines>)>,
    pub renames: Vec<(u32, u32)>,
    pub respelled: Vec<u32>,
}

impl Compact {
    /// Whether this entry answers a walk that follows renames or not, and
    /// wants counts under excludes `lines` (None: no counts wanted).
    pub fn serves(&self, renames: bool, lines: Option<u64>) -> bool {
        super::serves(self.renames_followed, self.lines_under, renames, lines)
    }
}

impl Stored {
    /// The file's `body` read whole, with its commit records when
    /// `records` (else they are only checked). None for anything that is
    /// not a whole file of this format.
    pub fn parse(body: Vec<u8>, records: bool) -> Option<(Stored, Records)> {
        Self::parse_some(body, records, &|_| true)
    }

    /// [`Stored::parse`], keeping only the diffs of the commits `wanted`
    /// accepts (by id bytes): a reader of a few diffs does not index
    /// 60,000.
    pub fn parse_some(
        body: Vec<u8>,
        records: bool,
        wanted: &dyn Fn(&[u8]) -> bool,
    ) -> Option<(Stored, Records)> {
        let mut text = String::new();
        let mut ends: Vec<u32> = Vec::new();
        let mut people: Vec<(u32, u32)> = Vec::new();
        let mut shared: Vec<Arc<[u8]>> = Vec::new();
        let mut entries: IdMap<ObjectId, u32> = IdMap::default();
        let mut commits = Records::default();
        let mut segments = 0;
        let mut r = Reader::new(&body);
        if r.take(8)? != MAGIC {
            return None;
        }
        let room = |r: &Reader| r.b.len() - r.pos;
        // The count first, so that a file cut between two segments is
        // not a whole file of fewer.
        let count = r.u32()? as usize;
        for _ in 0..count {
            segments += 1;
            for _ in 0..r.u32()? {
                text.push_str(r.str()?);
                ends.push(u32::try_from(text.len()).ok()?);
            }
            let paths = ends.len() as u32;
            let n = r.u32()? as usize;
            entries.reserve(n.min(room(&r)));
            for _ in 0..n {
                let len = r.u8()? as usize;
                let id = ObjectId::try_from(r.take(len)?).ok()?;
                let at = u32::try_from(r.pos).ok()?;
                entry(&mut r, paths, None)?;
                if wanted(id.as_bytes()) && entries.insert(id, at).is_some() {
                    return None;
                }
            }
            for _ in 0..r.u32()? {
                let n = r.u32()? as usize;
                let at = r.pos;
                let bytes = r.take(n)?;
                people.push((at as u32, n as u32));
                if records {
                    shared.push(Arc::from(bytes));
                }
            }
            let n = r.u32()? as usize;
            if records {
                commits.reserve(n.min(room(&r)));
            }
            for _ in 0..n {
                let (id, record) = record(&mut r, people.len(), &shared, records)?;
                if let Some(record) = record
                    && commits.insert(id, record).is_some()
                {
                    return None;
                }
            }
        }
        if !r.at_end() {
            return None;
        }
        let stored = Stored {
            body,
            text,
            ends,
            people,
            entries,
            segments,
        };
        Some((stored, commits))
    }

    /// How many commits' diffs the file holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn contains(&self, id: &ObjectId) -> bool {
        self.entries.contains_key(id)
    }

    /// How many segments the file holds: one when it was written whole,
    /// one more for each run that appended to it.
    pub fn segments(&self) -> usize {
        self.segments
    }

    /// How many paths the table holds: every path number is below this.
    pub fn paths(&self) -> usize {
        self.ends.len()
    }

    /// Path number `i` (below [`Stored::paths`]).
    pub fn path(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The diff of commit `id`, if the file has it.
    pub fn get(&self, id: &ObjectId) -> Option<Compact> {
        let at = *self.entries.get(id)?;
        let mut r = Reader::new(&self.body);
        r.pos = at as usize;
        let mut out = Compact::default();
        entry(&mut r, self.ends.len() as u32, Some(&mut out))?;
        Some(out)
    }

    /// An entry with its paths as strings.
    pub fn owned(&self, c: Compact) -> Entry {
        let path = |i: u32| self.path(i).to_string();
        Entry {
            renames_followed: c.renames_followed,
            lines_under: c.lines_under,
            files: c.files.into_iter().map(|(p, n)| (path(p), n)).collect(),
            renames: c
                .renames
                .into_iter()
                .map(|(old, new)| (path(old), path(new)))
                .collect(),
            respelled: c.respelled.into_iter().map(path).collect(),
        }
    }

    /// The diffs of the commits `wanted` accepts (by id bytes), with
    /// their paths as strings.
    pub fn entries(&self, wanted: &dyn Fn(&[u8]) -> bool) -> super::Entries {
        self.entries
            .keys()
            .filter(|id| wanted(id.as_bytes()))
            .filter_map(|id| Some((*id, self.owned(self.get(id)?))))
            .collect()
    }

    /// The file's body with one more segment after the bytes read:
    /// `entries` and `records`, none of which the file holds already.
    /// Paths and people already in the table keep their numbers.
    pub fn append(
        mut self,
        entries: &[(ObjectId, Entry)],
        records: &[(ObjectId, Record)],
    ) -> Vec<u8> {
        let mut w = Writer::default();
        {
            let mut paths = Table::default();
            for i in 0..self.ends.len() {
                paths.known(self.path(i as u32).as_bytes());
            }
            let mut people = Table::default();
            for &(at, n) in &self.people {
                people.known(&self.body[at as usize..][..n as usize]);
            }
            let entries: Vec<(&ObjectId, &Entry)> = entries.iter().map(|(k, v)| (k, v)).collect();
            let records: Vec<(&ObjectId, &Record)> = records.iter().map(|(k, v)| (k, v)).collect();
            segment(&mut w, entries, records, &mut paths, &mut people);
        }
        let count = u32::try_from(self.segments + 1).unwrap_or(u32::MAX);
        self.body[8..12].copy_from_slice(&count.to_le_bytes());
        self.body.extend_from_slice(&w.out);
        self.body
    }
}

/// One entry after its id, checked: every path number below `paths`.
/// Decoded into `out` when there is one.
fn entry(r: &mut Reader, paths: u32, mut out: Option<&mut Compact>) -> Option<()> {
    let index = |r: &mut Reader| r.u32().filter(|&i| i < paths);
    let flags = r.u8()?;
    if flags & !3 != 0 {
        return None;
    }
    let lines_under = match flags & 2 {
        0 => None,
        _ => Some(r.u64()?),
    };
    if let Some(o) = out.as_deref_mut() {
        o.renames_followed = flags & 1 == 1;
        o.lines_under = lines_under;
    }
    let n = r.u32()?;
    for _ in 0..n {
        let p = index(r)?;
        let counted = match r.u8()? {
            0 => None,
            1 => Some(FileLines {
                added: r.u32()?,
                deleted: r.u32()?,
                binary: r.u8()? == 1,
            }),
            _ => return None,
        };
        if let Some(o) = out.as_deref_mut() {
            o.files.push((p, counted));
        }
    }
    for _ in 0..r.u32()? {
        let pair = (index(r)?, index(r)?);
        if let Some(o) = out.as_deref_mut() {
            o.renames.push(pair);
        }
    }
    for _ in 0..r.u32()? {
        let p = index(r)?;
        if let Some(o) = out.as_deref_mut() {
            o.respelled.push(p);
        }
    }
    Some(())
}

/// One commit record, checked: every person number below `people`.
/// Decoded (its people from `shared`) when `keep`.
fn record(
    r: &mut Reader,
    people: usize,
    shared: &[Arc<[u8]>],
    keep: bool,
) -> Option<(ObjectId, Option<Record>)> {
    let len = r.u8()? as usize;
    let id = |r: &mut Reader| ObjectId::try_from(r.take(len)?).ok();
    let (key, tree) = (id(r)?, id(r)?);
    let parents = (0..r.u8()?).map(|_| id(r)).collect::<Option<_>>()?;
    let person = |r: &mut Reader| r.u32().map(|i| i as usize).filter(|&i| i < people);
    let (name, email) = (person(r)?, person(r)?);
    let (time, offset) = (r.u64()? as i64, r.u32()? as i32);
    let flags = r.u8()?;
    if flags & !3 != 0 {
        return None;
    }
    if !keep {
        return Some((key, None));
    }
    let record = Record {
        tree,
        parents,
        name: shared[name].clone(),
        email: shared[email].clone(),
        time,
        offset,
        time_ok: flags & 1 == 1,
        revert: flags & 2 == 2,
    };
    Some((key, Some(record)))
}
