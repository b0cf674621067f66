//! The change sets with every path and every author as a number, given in
//! name order (so that comparing two numbers compares the names). The
//! analyses of one walk count in vectors indexed by these numbers instead
//! of maps keyed by strings, and each view of the history (present files,
//! source only, tests only, people only) is a list of numbers per commit,
//! not a copy of every change set: on a history of 50,000 commits that was
//! most of a warm report.

use crate::{ChangeSet, FileLines};
use rustc_hash::FxHashMap;

/// No path: a slot of a per-path vector not yet set.
const NONE: u32 = u32::MAX;

pub(crate) struct Numbered {
    /// Every path the change sets name (renamed-from paths too), sorted.
    pub paths: Vec<String>,
    /// Every author, sorted.
    pub authors: Vec<String>,
    /// In the order of the change sets.
    pub commits: Vec<Commit>,
}

pub(crate) struct Commit {
    pub author: u32,
    pub time: i64,
    /// The author's UTC offset in seconds.
    pub offset: i32,
    pub bot: bool,
    /// In the change set's order.
    pub files: Vec<u32>,
    /// Lines added and deleted per file, in the order of `files`; empty
    /// unless the walk counted them.
    pub lines: Vec<FileLines>,
    /// (old path, new path).
    pub renames: Vec<(u32, u32)>,
}

/// One commit in a view of the history: which commit, and which of its
/// files the view keeps.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub commit: u32,
    pub files: Vec<u32>,
    /// The files' line counts, in their order; empty without counts.
    pub lines: Vec<FileLines>,
}

/// Names to numbers in the order first met (then, for [`Numbered`],
/// renumbered in name order).
#[derive(Default)]
pub(crate) struct Names<'a> {
    /// FxHash: every path of every commit is numbered here (120,000 on
    /// git.git), where SipHash was most of the numbering.
    index: FxHashMap<&'a str, u32>,
    pub list: Vec<&'a str>,
}

impl<'a> Names<'a> {
    pub fn number(&mut self, name: &'a str) -> u32 {
        *self.index.entry(name).or_insert_with(|| {
            self.list.push(name);
            (self.list.len() - 1) as u32
        })
    }

    /// The names sorted, and each first-met number's place among them.
    fn sorted(self) -> (Vec<String>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.list.len() as u32).collect();
        order.sort_unstable_by(|a, b| self.list[*a as usize].cmp(self.list[*b as usize]));
        let mut place = vec![0; order.len()];
        for (rank, &first) in order.iter().enumerate() {
            place[first as usize] = rank as u32;
        }
        let names = order
            .iter()
            .map(|&i| self.list[i as usize].to_string())
            .collect();
        (names, place)
    }
}

impl Numbered {
    pub fn new(sets: &[ChangeSet]) -> Numbered {
        let mut paths = Names::default();
        let mut authors = Names::default();
        let mut commits: Vec<Commit> = sets
            .iter()
            .map(|s| Commit {
                author: authors.number(&s.author),
                time: s.time,
                offset: s.offset,
                bot: s.bot,
                files: s.files.iter().map(|f| paths.number(f)).collect(),
                lines: s.lines.clone(),
                renames: s
                    .renames
                    .iter()
                    .map(|(old, new)| (paths.number(old), paths.number(new)))
                    .collect(),
            })
            .collect();
        let (paths, path_place) = paths.sorted();
        let (authors, author_place) = authors.sorted();
        for c in &mut commits {
            c.author = author_place[c.author as usize];
            for f in &mut c.files {
                *f = path_place[*f as usize];
            }
            for (old, new) in &mut c.renames {
                *old = path_place[*old as usize];
                *new = path_place[*new as usize];
            }
        }
        Numbered {
            paths,
            authors,
            commits,
        }
    }

    /// Every commit with all its files.
    pub fn rows(&self) -> Vec<Row> {
        self.commits
            .iter()
            .enumerate()
            .map(|(i, c)| Row {
                commit: i as u32,
                files: c.files.clone(),
                lines: c.lines.clone(),
            })
            .collect()
    }

    pub fn commit(&self, row: &Row) -> &Commit {
        &self.commits[row.commit as usize]
    }

    pub fn path(&self, id: u32) -> &str {
        &self.paths[id as usize]
    }

    pub fn author(&self, id: u32) -> &str {
        &self.authors[id as usize]
    }

    /// Each file under its name now (following the renames of these rows,
    /// newest commit first), and only the files `exists` says are there;
    /// each row's files sorted, each once. The same as `View::present` on
    /// the change sets the rows stand for.
    pub fn present(&self, rows: &mut [Row], exists: &[bool]) {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.commit(&rows[i]).time));
        // A path in older commits to the name it has now.
        let mut now: Vec<u32> = vec![NONE; self.paths.len()];
        let named = |now: &[u32], f: u32| match now[f as usize] {
            NONE => f,
            current => current,
        };
        for i in order {
            let row = &mut rows[i];
            if row.lines.is_empty() {
                row.files = row
                    .files
                    .iter()
                    .map(|&f| named(&now, f))
                    .filter(|&f| exists[f as usize])
                    .collect();
                row.files.sort_unstable();
                row.files.dedup();
            } else {
                // Counts follow their files; of a file named twice (two
                // old names of one file now), the first one's stay.
                let mut kept: Vec<(u32, Option<FileLines>)> = row
                    .files
                    .iter()
                    .enumerate()
                    .map(|(j, &f)| (named(&now, f), row.lines.get(j).copied()))
                    .filter(|&(f, _)| exists[f as usize])
                    .collect();
                kept.sort_by_key(|&(f, _)| f);
                kept.dedup_by_key(|&mut (f, _)| f);
                row.files = kept.iter().map(|&(f, _)| f).collect();
                row.lines = kept.into_iter().filter_map(|(_, l)| l).collect();
            }
            for &(old, new) in &self.commits[row.commit as usize].renames {
                now[old as usize] = named(&now, new);
            }
        }
    }

    /// Keeps only the files `keep` accepts, asking once per path.
    pub fn retain(&self, rows: &mut [Row], keep: &dyn Fn(&str) -> bool) {
        // 0: not asked yet, 1: kept, 2: left out.
        let mut memo: Vec<u8> = vec![0; self.paths.len()];
        let mut kept = |f: u32| {
            let m = &mut memo[f as usize];
            if *m == 0 {
                *m = if keep(&self.paths[f as usize]) { 1 } else { 2 };
            }
            *m == 1
        };
        for row in rows {
            if row.lines.len() == row.files.len() && !row.lines.is_empty() {
                let mut j = 0;
                row.lines.retain(|_| {
                    j += 1;
                    kept(row.files[j - 1])
                });
            }
            row.files.retain(|&f| kept(f));
        }
    }

    /// Each file's revisions per author, authors in name order, files in
    /// name order (only files with a revision).
    pub fn by_author(&self, rows: &[Row]) -> Vec<(u32, Vec<(u32, usize)>)> {
        let mut pairs: Vec<u64> = Vec::with_capacity(rows.iter().map(|r| r.files.len()).sum());
        for row in rows {
            let author = u64::from(self.commit(row).author);
            pairs.extend(row.files.iter().map(|&f| u64::from(f) << 32 | author));
        }
        pairs.sort_unstable();
        let mut out: Vec<(u32, Vec<(u32, usize)>)> = Vec::new();
        for key in pairs {
            let (file, author) = ((key >> 32) as u32, key as u32);
            match out.last_mut() {
                Some((f, authors)) if *f == file => match authors.last_mut() {
                    Some((a, n)) if *a == author => *n += 1,
                    _ => authors.push((author, 1)),
                },
                _ => out.push((file, vec![(author, 1)])),
            }
        }
        out
    }

    /// How many rows name each file, most first (ties by name).
    pub fn revisions(&self, rows: &[Row]) -> Vec<crate::Revisions> {
        let mut counts = vec![0usize; self.paths.len()];
        for row in rows {
            for &f in &row.files {
                counts[f as usize] += 1;
            }
        }
        let mut ids: Vec<u32> = (0..counts.len() as u32)
            .filter(|&f| counts[f as usize] > 0)
            .collect();
        ids.sort_by(|a, b| counts[*b as usize].cmp(&counts[*a as usize]).then(a.cmp(b)));
        ids.into_iter()
            .map(|f| crate::Revisions {
                entity: self.paths[f as usize].clone(),
                n_revs: counts[f as usize],
            })
            .collect()
    }

    /// The distinct authors of the rows.
    pub fn people(&self, rows: &[Row]) -> usize {
        let mut seen = vec![false; self.authors.len()];
        for row in rows {
            seen[self.commit(row).author as usize] = true;
        }
        seen.into_iter().filter(|s| *s).count()
    }

    /// The distinct files of the rows, in name order.
    pub fn files(&self, rows: &[Row]) -> Vec<u32> {
        let mut seen = vec![false; self.paths.len()];
        for row in rows {
            for &f in &row.files {
                seen[f as usize] = true;
            }
        }
        (0..seen.len() as u32)
            .filter(|&f| seen[f as usize])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_name_order() {
        let set = |author: &str, files: &[&str]| ChangeSet {
            author: author.into(),
            files: files.iter().map(|f| f.to_string()).collect(),
            renames: vec![("old".into(), files[0].to_string())],
            ..Default::default()
        };
        let n = Numbered::new(&[set("zed", &["b", "a"]), set("amy", &["c"])]);
        assert_eq!(n.paths, ["a", "b", "c", "old"]);
        assert_eq!(n.authors, ["amy", "zed"]);
        assert_eq!(n.commits[0].files, [1, 0]);
        assert_eq!(n.commits[0].renames, [(3, 1)]);
        assert_eq!(n.commits[1].author, 0);
    }
}
