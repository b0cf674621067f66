//! Commit records read ahead from the pack, in parallel, for a listing the
//! history cache cannot answer.
//!
//! The listing is a breadth-first walk: each commit names the parents to
//! read next, so read one by one, the commits of git.git (82,000) took a
//! second on one core while the other waited. git writes a pack's
//! commits first, in one run from its start (`compute_write_order`: the
//! commits, with the tags among them, then trees, then blobs), so that run
//! can be read in large slices and parsed on every core before the walk
//! needs it. The run ends at the first whole tree or blob; a commit
//! outside it (another pack, a loose object) or stored as a delta is read
//! one by one as before, so a pack written in another order is slower,
//! never wrong. Each record is parsed by the same
//! function as a commit read alone ([`crate::listing::record_from`]).

use crate::listing::{Record, record_from};
use crate::odb::{Packs, inflate_into, object_size};
use gix::ObjectId;
use gix::hashtable::HashMap as IdMap;
use gix::odb::pack::data::{Entry, entry::Header};
use rayon::prelude::*;
use std::collections::HashMap;

/// Entries read with one `pread` (about 600 KB of git.git's commits).
const SLICE: usize = 2048;

/// Every commit of the biggest pack's leading run of commits and tags,
/// by id. Entries that do not decode are left out: reading them alone
/// gives the error its proper words.
pub(crate) fn commits(packs: &Packs) -> IdMap<ObjectId, Record> {
    let Some((index, file)) = packs.biggest() else {
        return IdMap::default();
    };
    let hash = packs.hash();
    let total = file.entries();
    let mut found: HashMap<u64, Record> = HashMap::new();
    let batch = rayon::current_num_threads().max(1) * 2;
    let mut from = 0;
    while from < total {
        let slices: Vec<usize> = (0..batch)
            .map(|i| from + i * SLICE)
            .take_while(|&s| s < total)
            .collect();
        from = (from + batch * SLICE).min(total);
        let read: Vec<(Vec<(u64, Record)>, bool)> = slices
            .par_iter()
            .map(|&s| slice(packs, s, s + SLICE, hash))
            .collect();
        let mut ended = false;
        for (records, end) in read {
            found.extend(records);
            if end {
                ended = true;
                break;
            }
        }
        if ended {
            break;
        }
    }
    let Some(&last) = found.keys().max() else {
        return IdMap::default();
    };
    let mut out = IdMap::with_capacity_and_hasher(found.len(), Default::default());
    for i in 0..index.num_objects() {
        let offset = index.pack_offset_at_index(i);
        if offset <= last
            && let Some(record) = found.remove(&offset)
        {
            out.insert(index.oid_at_index(i).to_owned(), record);
        }
    }
    out
}

/// The commits among entries `from..to`, and whether the run of commits
/// and tags ended there.
fn slice(
    packs: &Packs,
    from: usize,
    to: usize,
    hash: gix::hash::Kind,
) -> (Vec<(u64, Record)>, bool) {
    let Some((_, file)) = packs.biggest() else {
        return (Vec::new(), true);
    };
    let mut buf = Vec::new();
    let Ok(entries) = file.read_entries(from, to, &mut buf) else {
        return (Vec::new(), true);
    };
    let mut inflate = gix::zlib::Inflate::default();
    let mut object = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for (offset, range) in entries {
        let Ok(entry) = Entry::from_bytes(&buf[range.clone()], offset, hash) else {
            return (out, true);
        };
        match entry.header {
            Header::Commit => {}
            // Tags, and commits stored as deltas (one in fourteen on
            // git.git), which are read alone.
            Header::Tag | Header::OfsDelta { .. } | Header::RefDelta { .. } => continue,
            Header::Tree | Header::Blob => return (out, true),
        }
        let data = range.start + (entry.data_offset - offset) as usize..range.end;
        let Some(packed) = buf.get(data) else {
            continue;
        };
        let Ok(size) = object_size(&entry, packed.len()) else {
            continue;
        };
        object.clear();
        object.resize(size, 0);
        if inflate_into(&mut inflate, packed, &mut object).is_err() {
            continue;
        }
        if let Ok(record) = record_from(&object, hash) {
            out.push((offset, record));
        }
    }
    // A slice without a whole commit is past the run (a pack written in
    // another order): no need to read the rest of the pack.
    let ended = out.is_empty();
    (out, ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::{list_reading_ahead_after, read_record};
    use std::path::Path;

    fn git(dir: &Path, author: &str, date: &str, args: &[&str]) -> String {
        let email = format!("{author}@example.com");
        techlead_testing::git(dir, author, &email, date, args)
    }

    /// A history with a branch and its merge, a tag, a revert, an author
    /// with a multi-byte name and one with an odd time zone, packed as a
    /// clone would have it, plus one loose commit on top.
    fn history() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        git(
            d,
            "Ann",
            "2020-01-01T00:00:00Z",
            &["init", "-q", "-b", "main"],
        );
        for i in 0..40 {
            // The side branch (commits 11 to 20) keeps to its own files.
            let file = if (11..=20).contains(&i) {
                format!("side{}.txt", i % 3)
            } else {
                format!("f{}.txt", i % 7)
            };
            std::fs::write(d.join(file), format!("{i}\n")).unwrap();
            let author = ["Ann", "Bö b", "Cy"][i % 3];
            let date = format!("2020-01-{:02}T10:00:00+05:30", 1 + i % 28);
            git(d, author, &date, &["add", "-A"]);
            let msg = if i == 30 {
                "Revert \"x\"".to_string()
            } else {
                format!("c{i}")
            };
            git(d, author, &date, &["commit", "-q", "-m", &msg]);
            if i == 10 {
                git(d, "Ann", &date, &["tag", "-a", "v1", "-m", "one"]);
                git(d, "Ann", &date, &["checkout", "-q", "-b", "side"]);
            }
            if i == 20 {
                git(d, "Ann", &date, &["checkout", "-q", "main"]);
            }
            if i == 25 {
                git(
                    d,
                    "Cy",
                    &date,
                    &["merge", "-q", "--no-ff", "side", "-m", "merge"],
                );
            }
        }
        git(d, "Ann", "2021-01-01T00:00:00Z", &["repack", "-adq"]);
        std::fs::write(d.join("loose.txt"), "x").unwrap();
        git(d, "Ann", "2021-01-02T00:00:00Z", &["add", "-A"]);
        git(
            d,
            "Ann",
            "2021-01-02T00:00:00Z",
            &["commit", "-q", "-m", "loose"],
        );
        dir
    }

    #[test]
    fn records_read_ahead_are_those_read_alone() {
        let dir = history();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo);
        let ahead = commits(&packs);
        let all = git(
            dir.path(),
            "x",
            "2021-01-01T00:00:00Z",
            &["rev-list", "--all"],
        );
        let ids: Vec<ObjectId> = all
            .lines()
            .map(|l| ObjectId::from_hex(l.as_bytes()).unwrap())
            .collect();
        // Every packed commit (all but the loose one on top), no more.
        assert_eq!(ahead.len(), ids.len() - 1);
        for id in &ids[1..] {
            assert_eq!(ahead[id], read_record(&repo, *id).unwrap(), "{id}");
        }
        assert!(ahead.values().any(|r| r.revert && r.parents.len() == 1));
        assert!(ahead.values().any(|r| r.parents.len() == 2));
    }

    #[test]
    fn a_listing_read_ahead_is_the_listing_read_one_by_one() {
        let dir = history();
        let repo = gix::open(dir.path()).unwrap();
        let packs = Packs::open(&repo);
        let opts = crate::Options {
            all: true,
            ..Default::default()
        };
        let known = crate::listing::Records::default();
        let summary = |after| {
            let l = list_reading_ahead_after(&repo, &packs, &opts, &known, after).unwrap();
            let commits: Vec<_> = l
                .commits
                .iter()
                .map(|c| (c.id, c.tree, c.parent_tree, c.author.clone(), c.time))
                .collect();
            let mut fresh = l.fresh;
            fresh.sort_by_key(|(id, _)| *id);
            (commits, l.visited, fresh)
        };
        let alone = summary(usize::MAX);
        assert_eq!(alone.1.len(), 42, "40 commits, the merge and the loose one");
        for after in [0, 1, 5] {
            assert_eq!(summary(after), alone, "reading ahead after {after}");
        }
    }
}
