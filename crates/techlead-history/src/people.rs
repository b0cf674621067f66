//! Who works where, from change sets alone: authors per file, the main
//! developer by revisions, code age, and the truck factor.

use crate::ChangeSet;
use crate::numbered::{Numbered, Row as NRow};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use techlead_core::table::{Cell, Column, Row};

/// code-maat's `authors`: how many people changed each file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authors {
    pub entity: String,
    pub n_authors: usize,
    pub n_revs: usize,
}

impl Row for Authors {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("n-authors"),
        Column::digits_right("n-revs"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            self.n_authors.into(),
            self.n_revs.into(),
        ]
    }
}

pub fn authors(sets: &[ChangeSet]) -> Vec<Authors> {
    let mut by_file: HashMap<&str, (HashSet<&str>, usize)> = HashMap::new();
    for s in sets {
        for f in &s.files {
            let e = by_file.entry(f).or_default();
            e.0.insert(&s.author);
            e.1 += 1;
        }
    }
    let mut out: Vec<Authors> = by_file
        .into_iter()
        .map(|(f, (a, n))| Authors {
            entity: f.to_string(),
            n_authors: a.len(),
            n_revs: n,
        })
        .collect();
    sort_authors(&mut out);
    out
}

/// Most authors first, then most revisions, then by name.
fn sort_authors(out: &mut [Authors]) {
    out.sort_by(|a, b| {
        b.n_authors
            .cmp(&a.n_authors)
            .then(b.n_revs.cmp(&a.n_revs))
            .then_with(|| a.entity.cmp(&b.entity))
    });
}

/// [`authors`] of numbered rows.
pub(crate) fn authors_of(n: &Numbered, rows: &[NRow]) -> Vec<Authors> {
    let mut out: Vec<Authors> = n
        .by_author(rows)
        .into_iter()
        .map(|(f, authors)| Authors {
            entity: n.path(f).to_string(),
            n_authors: authors.len(),
            n_revs: authors.iter().map(|(_, c)| c).sum(),
        })
        .collect();
    sort_authors(&mut out);
    out
}

/// code-maat's `main-dev-by-revs`: the author with most revisions of each
/// file, and that share.
#[derive(Debug, Clone, PartialEq)]
pub struct MainDev {
    pub entity: String,
    pub main_dev: String,
    pub changed: usize,
    pub total_changed: usize,
    /// changed / total, two decimals.
    pub ownership: f64,
}

impl Row for MainDev {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("main-dev"),
        Column::digits_right("changed"),
        Column::digits_right("total-changed"),
        Column::digits_right("ownership"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            (&self.main_dev).into(),
            self.changed.into(),
            self.total_changed.into(),
            Cell::Float(self.ownership, 2),
        ]
    }
}

pub fn main_dev_by_revs(sets: &[ChangeSet]) -> Vec<MainDev> {
    let n = Numbered::new(sets);
    main_devs(&n, &n.rows())
}

/// [`main_dev_by_revs`] of numbered rows.
pub(crate) fn main_devs(n: &Numbered, rows: &[NRow]) -> Vec<MainDev> {
    n.by_author(rows)
        .iter()
        .map(|(f, authors)| main_dev_of(n, *f, authors))
        .collect()
}

/// The main developer of file `f` from its revisions per author (in name
/// order).
fn main_dev_of(n: &Numbered, f: u32, authors: &[(u32, usize)]) -> MainDev {
    let total: usize = authors.iter().map(|(_, c)| c).sum();
    // Most revisions; ties go to the first name in order.
    let (dev, most) =
        authors.iter().fold(
            (None, 0),
            |best, (a, c)| if *c > best.1 { (Some(*a), *c) } else { best },
        );
    MainDev {
        entity: n.path(f).to_string(),
        main_dev: dev.map(|a| n.author(a)).unwrap_or_default().to_string(),
        changed: most,
        total_changed: total,
        ownership: (100.0 * most as f64 / total as f64).round() / 100.0,
    }
}

/// Knowledge distribution per file, by revisions: fragmentation is
/// 1 − Σ p² over the authors' shares of the file's changes (0 for one
/// author); a knowledge island is a file only one person changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragmentation {
    pub entity: String,
    pub authors: usize,
    pub main_dev: String,
    pub fragmentation: f64,
    pub island: bool,
}

impl Row for Fragmentation {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("authors"),
        Column::digits_right("main-dev"),
        Column::digits_right("fragmentation"),
        Column::digits_right("island"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            self.authors.into(),
            (&self.main_dev).into(),
            Cell::Float(self.fragmentation, 2),
            self.island.into(),
        ]
    }
}

pub fn fragmentation(sets: &[ChangeSet]) -> Vec<Fragmentation> {
    let n = Numbered::new(sets);
    fragmentation_of(&n, &n.rows())
}

/// [`fragmentation`] of numbered rows.
pub(crate) fn fragmentation_of(n: &Numbered, rows: &[NRow]) -> Vec<Fragmentation> {
    n.by_author(rows)
        .iter()
        .map(|(f, authors)| {
            let m = main_dev_of(n, *f, authors);
            let total: usize = authors.iter().map(|(_, c)| c).sum();
            let f = 1.0
                - authors
                    .iter()
                    .map(|(_, c)| *c as f64 / total as f64)
                    .map(|p| p * p)
                    .sum::<f64>();
            Fragmentation {
                entity: m.entity,
                authors: authors.len(),
                main_dev: m.main_dev,
                fragmentation: (f * 100.0).round() / 100.0,
                island: authors.len() == 1,
            }
        })
        .collect()
}

/// Knowledge loss: files whose every author is inactive, i.e. made no
/// commit at all at or after `active_since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    pub entity: String,
    /// The file's authors, none of them active.
    pub authors: Vec<String>,
    pub revisions: usize,
}

impl Row for Loss {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("authors"),
        Column::digits_right("revisions"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            Cell::List(self.authors.clone()),
            self.revisions.into(),
        ]
    }
}

pub fn knowledge_loss(sets: &[ChangeSet], active_since: i64) -> Vec<Loss> {
    let n = Numbered::new(sets);
    knowledge_loss_of(&n, &n.rows(), active_since)
}

/// [`knowledge_loss`] of numbered rows.
pub(crate) fn knowledge_loss_of(n: &Numbered, rows: &[NRow], active_since: i64) -> Vec<Loss> {
    let mut active = vec![false; n.authors.len()];
    for row in rows {
        let c = n.commit(row);
        if c.time >= active_since {
            active[c.author as usize] = true;
        }
    }
    let mut out: Vec<(u32, Vec<(u32, usize)>)> = n
        .by_author(rows)
        .into_iter()
        .filter(|(_, authors)| authors.iter().all(|(a, _)| !active[*a as usize]))
        .collect();
    let revisions = |authors: &[(u32, usize)]| -> usize { authors.iter().map(|(_, c)| c).sum() };
    // Files are in name order: a stable sort keeps it among equals.
    out.sort_by_key(|(_, authors)| std::cmp::Reverse(revisions(authors)));
    out.into_iter()
        .map(|(f, authors)| Loss {
            entity: n.path(f).to_string(),
            authors: authors
                .iter()
                .map(|(a, _)| n.author(*a).to_string())
                .collect(),
            revisions: revisions(&authors),
        })
        .collect()
}

/// code-maat's `age`: months since each file last changed, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Age {
    pub entity: String,
    pub age_months: i64,
}

impl Row for Age {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("age-months"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![(&self.entity).into(), self.age_months.into()]
    }
}

pub fn age(sets: &[ChangeSet], now: i64) -> Vec<Age> {
    let mut last: HashMap<&str, i64> = HashMap::new();
    for s in sets {
        for f in &s.files {
            let t = last.entry(f).or_insert(s.time);
            *t = (*t).max(s.time);
        }
    }
    let mut out: Vec<Age> = last
        .into_iter()
        .map(|(f, t)| Age {
            entity: f.to_string(),
            age_months: crate::revision::whole_months(t, now),
        })
        .collect();
    out.sort_by(|a, b| {
        a.age_months
            .cmp(&b.age_months)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    out
}

/// [`age`] of numbered rows.
pub(crate) fn age_of(n: &Numbered, rows: &[NRow], now: i64) -> Vec<Age> {
    let mut last: Vec<Option<i64>> = vec![None; n.paths.len()];
    for row in rows {
        let time = n.commit(row).time;
        for &f in &row.files {
            let t = &mut last[f as usize];
            *t = Some(t.map_or(time, |t| t.max(time)));
        }
    }
    // Numbers are in name order: (age, number) is (age, name).
    let mut ages: Vec<(i64, u32)> = (0..last.len() as u32)
        .filter_map(|f| Some((crate::revision::whole_months(last[f as usize]?, now), f)))
        .collect();
    ages.sort_unstable();
    ages.into_iter()
        .map(|(age_months, f)| Age {
            entity: n.path(f).to_string(),
            age_months,
        })
        .collect()
}

/// The truck factor by Avelino et al. (2016): the fewest people whose
/// leaving orphans at least half of the files. One row in CSV; JSON is
/// the object itself (its keys predate the table columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruckFactor {
    pub truck_factor: usize,
    /// The people who make it up, in the order the greedy removal takes
    /// them (most files authored first).
    pub people: Vec<String>,
    pub files: usize,
}

impl TruckFactor {
    /// The people, or "nobody".
    pub fn names(&self) -> String {
        if self.people.is_empty() {
            "nobody".into()
        } else {
            self.people.join(", ")
        }
    }

    /// The one line `history truck-factor` prints.
    pub fn line(&self) -> String {
        format!(
            "truck factor {} ({}) over {} files",
            self.truck_factor,
            self.names(),
            self.files
        )
    }
}

impl Row for TruckFactor {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("truck-factor"),
        Column::digits_right("people"),
        Column::digits_right("files"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            self.truck_factor.into(),
            Cell::List(self.people.clone()),
            self.files.into(),
        ]
    }
}

/// Degree of authorship per file and developer:
/// DOA = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC), where FA is 1 for
/// the file's first author, DL the developer's changes to it and AC the
/// others' changes. A developer authors a file when DOA ≥ 3.293 and DOA is
/// above 0.75 of the file's highest. Then the authors covering most files
/// are removed one by one until fewer than half the files have an author.
pub fn truck_factor(sets: &[ChangeSet]) -> TruckFactor {
    let n = Numbered::new(sets);
    truck_factor_of(&n, &n.rows())
}

/// [`truck_factor`] of numbered rows.
pub(crate) fn truck_factor_of(n: &Numbered, rows: &[NRow]) -> TruckFactor {
    // Oldest first, so the first author of a file is the first seen.
    let mut ordered: Vec<&NRow> = rows.iter().collect();
    ordered.sort_by_key(|r| n.commit(r).time);
    let mut first: Vec<u32> = vec![u32::MAX; n.paths.len()];
    for r in &ordered {
        let author = n.commit(r).author;
        for &f in &r.files {
            if first[f as usize] == u32::MAX {
                first[f as usize] = author;
            }
        }
    }
    // The authors of each file, and the files of each author.
    let by_file = n.by_author(rows);
    let mut left: Vec<usize> = Vec::with_capacity(by_file.len());
    let mut files_of: Vec<Vec<usize>> = vec![Vec::new(); n.authors.len()];
    for (i, (f, devs)) in by_file.iter().enumerate() {
        let total: usize = devs.iter().map(|(_, c)| c).sum();
        let doa: Vec<(u32, f64)> = devs
            .iter()
            .map(|(d, dl)| {
                let fa = if first[*f as usize] == *d { 1.0 } else { 0.0 };
                let ac = (total - dl) as f64;
                (
                    *d,
                    3.293 + 1.098 * fa + 0.164 * *dl as f64 - 0.321 * (1.0 + ac).ln(),
                )
            })
            .collect();
        let max = doa.iter().map(|(_, v)| *v).fold(f64::MIN, f64::max);
        let mut authors = 0;
        for (d, v) in doa {
            if v >= 3.293 && v / max > 0.75 {
                files_of[d as usize].push(i);
                authors += 1;
            }
        }
        left.push(authors);
    }
    let files = by_file.len();
    let mut covered = left.iter().filter(|a| **a > 0).count();
    // Each author's files among those not yet orphaned: removing one
    // author changes no one else's count.
    let mut count: Vec<usize> = files_of.iter().map(Vec::len).collect();
    let mut people = Vec::new();
    loop {
        if files == 0 || (covered as f64) < files as f64 / 2.0 {
            break;
        }
        // Most files; ties go to the first name in order.
        let top =
            (0..count.len())
                .filter(|&a| count[a] > 0)
                .fold(None, |best: Option<usize>, a| match best {
                    Some(b) if count[b] >= count[a] => Some(b),
                    _ => Some(a),
                });
        let Some(top) = top else {
            break;
        };
        people.push(n.author(top as u32).to_string());
        for &i in &files_of[top] {
            left[i] -= 1;
            if left[i] == 0 {
                covered -= 1;
            }
        }
        count[top] = 0;
    }
    TruckFactor {
        truck_factor: people.len(),
        people,
        files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(author: &str, time: i64, files: &[&str]) -> ChangeSet {
        ChangeSet {
            id: String::new(),
            author: author.into(),
            time,
            files: files.iter().map(|f| f.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn authors_main_dev_age_and_truck_factor() {
        let day = 86_400;
        let sets = vec![
            set("alice", 0, &["a", "b"]),
            set("alice", day, &["a"]),
            set("bob", 2 * day, &["a", "c"]),
            set("bob", 3 * day, &["c"]),
            set("carol", 4 * day, &["d"]),
        ];
        let a = authors(&sets);
        assert_eq!(
            (a[0].entity.as_str(), a[0].n_authors, a[0].n_revs),
            ("a", 2, 3)
        );
        let m = main_dev_by_revs(&sets);
        assert_eq!(
            (
                m[0].main_dev.as_str(),
                m[0].changed,
                m[0].total_changed,
                m[0].ownership
            ),
            ("alice", 2, 3, 0.67)
        );
        // d changed 60 days ago (1 month of 30.44 days), a 62 days ago (2).
        let ages = age(&sets, 64 * day);
        assert_eq!(
            ages[0],
            Age {
                entity: "d".into(),
                age_months: 1
            }
        );
        assert_eq!(ages.iter().find(|x| x.entity == "a").unwrap().age_months, 2);
        // alice authors a, b; bob c; carol d. Removing alice leaves c, d
        // (2 of 4, not fewer than half); removing bob leaves 1 of 4.
        let frag = fragmentation(&sets);
        let a_row = frag.iter().find(|f| f.entity == "a").unwrap();
        // a: alice 2 of 3, bob 1 of 3: 1 - (4/9 + 1/9) = 0.44.
        assert_eq!(
            (a_row.authors, a_row.fragmentation, a_row.island),
            (2, 0.44, false)
        );
        assert!(frag.iter().find(|f| f.entity == "d").unwrap().island);
        // Active since day 3: bob and carol; a has bob, b only alice.
        let lost: Vec<String> = knowledge_loss(&sets, 2 * day)
            .into_iter()
            .map(|l| l.entity)
            .collect();
        assert_eq!(lost, ["b"]);
        let tf = truck_factor(&sets);
        assert_eq!(tf.people, ["alice", "bob"]);
        assert_eq!(tf.truck_factor, 2);
        assert_eq!(tf.files, 4);
    }
}
