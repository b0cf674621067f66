//! code-maat's churn analyses on line counts: per day (`abs-churn`), per
//! author (`author-churn`), per file (`entity-churn`), per file and author
//! (`entity-ownership`), and the main developer by lines added
//! (`main-dev`) or removed (`refactoring-main-dev`).
//!
//! code-maat works on one row per file per commit (its numstat log), and
//! its `commits` column counts those rows: for a day or an author it is
//! the number of file changes, not of distinct commits. We count the same,
//! so that its scripts and charts read our CSV unchanged. Binary files
//! count 0 lines, as code-maat reads numstat's `-`.

use crate::ChangeSet;
use crate::numbered::{Numbered, Row as NRow};
use crate::revision::date_of;
use std::collections::{BTreeMap, HashMap};
use techlead_core::table::{Cell, Column, Row};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Churn {
    pub added: u64,
    pub deleted: u64,
    /// File changes (code-maat's row count).
    pub commits: u64,
}

impl Churn {
    fn cells<'a>(&'a self, key: &'a str) -> Vec<Cell<'a>> {
        vec![
            key.into(),
            self.added.into(),
            self.deleted.into(),
            self.commits.into(),
        ]
    }
}

/// The columns of a churn row after its key.
macro_rules! churn_columns {
    ($key:literal) => {
        &[
            Column::digits_right($key),
            Column::digits_right("added"),
            Column::digits_right("deleted"),
            Column::digits_right("commits"),
        ]
    };
}

/// Lines per day, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbsChurn {
    pub date: String,
    pub churn: Churn,
}

impl Row for AbsChurn {
    const COLUMNS: &'static [Column] = churn_columns!("date");
    fn cells(&self) -> Vec<Cell<'_>> {
        self.churn.cells(&self.date)
    }
}

/// Lines per author, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorChurn {
    pub author: String,
    pub churn: Churn,
}

impl Row for AuthorChurn {
    const COLUMNS: &'static [Column] = churn_columns!("author");
    fn cells(&self) -> Vec<Cell<'_>> {
        self.churn.cells(&self.author)
    }
}

/// Lines per file, most added first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityChurn {
    pub entity: String,
    pub churn: Churn,
}

impl Row for EntityChurn {
    const COLUMNS: &'static [Column] = churn_columns!("entity");
    fn cells(&self) -> Vec<Cell<'_>> {
        self.churn.cells(&self.entity)
    }
}

/// Every (file, author, lines) triple of the history, with the set's
/// author and calendar day.
fn rows(sets: &[ChangeSet]) -> impl Iterator<Item = (&ChangeSet, &str, u64, u64)> {
    sets.iter().flat_map(|s| {
        s.files
            .iter()
            .zip(&s.lines)
            .map(move |(f, l)| (s, f.as_str(), u64::from(l.added), u64::from(l.deleted)))
    })
}

fn sum_by<'a>(
    sets: &'a [ChangeSet],
    key: impl Fn(&'a ChangeSet, &'a str) -> String,
) -> BTreeMap<String, Churn> {
    let mut by: BTreeMap<String, Churn> = BTreeMap::new();
    for (s, f, added, deleted) in rows(sets) {
        let c = by.entry(key(s, f)).or_default();
        c.added += added;
        c.deleted += deleted;
        c.commits += 1;
    }
    by
}

/// A change set's calendar day in its author's time zone, as
/// `git log --date=short` prints it.
pub fn author_date(s: &ChangeSet) -> String {
    date_of(s.time + i64::from(s.offset))
}

pub fn abs_churn(sets: &[ChangeSet]) -> Vec<AbsChurn> {
    // The BTreeMap orders by date; code-maat sorts by date, then added and
    // deleted, which one row per date leaves as date order.
    sum_by(sets, |s, _| author_date(s))
        .into_iter()
        .map(|(date, churn)| AbsChurn { date, churn })
        .collect()
}

pub fn author_churn(sets: &[ChangeSet]) -> Vec<AuthorChurn> {
    sum_by(sets, |s, _| s.author.clone())
        .into_iter()
        .map(|(author, churn)| AuthorChurn { author, churn })
        .collect()
}

pub fn entity_churn(sets: &[ChangeSet]) -> Vec<EntityChurn> {
    let mut out: Vec<EntityChurn> = sum_by(sets, |_, f| f.to_string())
        .into_iter()
        .map(|(entity, churn)| EntityChurn { entity, churn })
        .collect();
    // Most added first; ties keep the names' order (the sort is stable).
    out.sort_by_key(|r| std::cmp::Reverse(r.churn.added));
    out
}

/// Lines each author added and deleted in each file, by file, then most
/// added first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ownership {
    pub entity: String,
    pub author: String,
    pub added: u64,
    pub deleted: u64,
}

impl Row for Ownership {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("author"),
        Column::digits_right("added"),
        Column::digits_right("deleted"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            (&self.author).into(),
            self.added.into(),
            self.deleted.into(),
        ]
    }
}

/// Per file, per author: (added, deleted).
fn contributions(sets: &[ChangeSet]) -> BTreeMap<&str, BTreeMap<&str, (u64, u64)>> {
    let mut by: BTreeMap<&str, BTreeMap<&str, (u64, u64)>> = BTreeMap::new();
    for (s, f, added, deleted) in rows(sets) {
        let c = by.entry(f).or_default().entry(&s.author).or_default();
        c.0 += added;
        c.1 += deleted;
    }
    by
}

pub fn entity_ownership(sets: &[ChangeSet]) -> Vec<Ownership> {
    let mut out = Vec::new();
    for (entity, authors) in contributions(sets) {
        let mut rows: Vec<Ownership> = authors
            .into_iter()
            .map(|(author, (added, deleted))| Ownership {
                entity: entity.to_string(),
                author: author.to_string(),
                added,
                deleted,
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.added));
        out.extend(rows);
    }
    out
}

/// The main developer of each file by lines added (or, for the
/// refactoring variant, removed). Ownership is the share, two decimals,
/// over at least one line (code-maat's guard for files with nothing
/// added).
#[derive(Debug, Clone, PartialEq)]
pub struct LineOwner {
    pub entity: String,
    pub main_dev: String,
    pub lines: u64,
    pub total: u64,
    pub ownership: f64,
}

impl LineOwner {
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            (&self.main_dev).into(),
            self.lines.into(),
            self.total.into(),
            Cell::Float(self.ownership, 2),
        ]
    }
}

/// code-maat's `main-dev` row: the owner by lines added.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedOwner(pub LineOwner);

impl Row for AddedOwner {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("main-dev"),
        Column::digits_right("added"),
        Column::digits_right("total-added"),
        Column::digits_right("ownership"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        self.0.cells()
    }
}

/// code-maat's `refactoring-main-dev` row: the owner by lines deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedOwner(pub LineOwner);

impl Row for RemovedOwner {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("main-dev"),
        Column::digits_right("removed"),
        Column::digits_right("total-removed"),
        Column::digits_right("ownership"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        self.0.cells()
    }
}

/// By lines added (code-maat's `main-dev`) or, with `removed`, by lines
/// deleted (`refactoring-main-dev`). Ties go to the first name in order.
pub fn main_dev(sets: &[ChangeSet], removed: bool) -> Vec<LineOwner> {
    contributions(sets)
        .into_iter()
        .map(|(entity, authors)| {
            let metric = |c: &(u64, u64)| if removed { c.1 } else { c.0 };
            let total: u64 = authors.values().map(metric).sum();
            let (dev, lines) = authors.iter().fold(("", 0), |best, (a, c)| {
                if metric(c) > best.1 || best.0.is_empty() {
                    (a, metric(c))
                } else {
                    best
                }
            });
            LineOwner {
                entity: entity.to_string(),
                main_dev: dev.to_string(),
                lines,
                total,
                ownership: (100.0 * lines as f64 / total.max(1) as f64).round() / 100.0,
            }
        })
        .collect()
}

/// Every (row, file, added, deleted) of numbered rows with counts.
fn counted(rows: &[NRow]) -> impl Iterator<Item = (&NRow, u32, u64, u64)> {
    rows.iter().flat_map(|r| {
        r.files
            .iter()
            .zip(&r.lines)
            .map(move |(&f, l)| (r, f, u64::from(l.added), u64::from(l.deleted)))
    })
}

/// Sums per number (an author, a file), in number order: name order.
fn sum_by_number(
    len: usize,
    rows: &[NRow],
    key: impl Fn(&NRow, u32) -> u32,
) -> impl Iterator<Item = (u32, Churn)> {
    let mut by: Vec<Churn> = vec![Churn::default(); len];
    for (r, f, added, deleted) in counted(rows) {
        let c = &mut by[key(r, f) as usize];
        c.added += added;
        c.deleted += deleted;
        c.commits += 1;
    }
    // A number with a row has a file change (commits is at least one).
    by.into_iter()
        .enumerate()
        .filter(|(_, c)| c.commits > 0)
        .map(|(i, c)| (i as u32, c))
}

/// [`abs_churn`] of numbered rows.
pub(crate) fn abs_churn_of(n: &Numbered, rows: &[NRow]) -> Vec<AbsChurn> {
    // By the author's calendar day, a number of days; its date once.
    let mut by: HashMap<i64, Churn> = HashMap::new();
    for (r, _, added, deleted) in counted(rows) {
        let c = n.commit(r);
        let day = (c.time + i64::from(c.offset)).div_euclid(86_400);
        let c = by.entry(day).or_default();
        c.added += added;
        c.deleted += deleted;
        c.commits += 1;
    }
    let mut out: Vec<AbsChurn> = by
        .into_iter()
        .map(|(day, churn)| AbsChurn {
            date: date_of(day * 86_400),
            churn,
        })
        .collect();
    // By date as text, as the map of dates ordered them.
    out.sort_unstable_by(|a, b| a.date.cmp(&b.date));
    out
}

/// [`author_churn`] of numbered rows.
pub(crate) fn author_churn_of(n: &Numbered, rows: &[NRow]) -> Vec<AuthorChurn> {
    sum_by_number(n.authors.len(), rows, |r, _| n.commit(r).author)
        .map(|(a, churn)| AuthorChurn {
            author: n.author(a).to_string(),
            churn,
        })
        .collect()
}

/// [`entity_churn`] of numbered rows.
pub(crate) fn entity_churn_of(n: &Numbered, rows: &[NRow]) -> Vec<EntityChurn> {
    let mut out: Vec<EntityChurn> = sum_by_number(n.paths.len(), rows, |_, f| f)
        .map(|(f, churn)| EntityChurn {
            entity: n.path(f).to_string(),
            churn,
        })
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.churn.added));
    out
}

/// Each file's authors with their (added, deleted), both by number.
type Contributions = Vec<(u32, Vec<(u32, (u64, u64))>)>;

/// Per file, per author, both in name order: (added, deleted).
fn contributions_of(n: &Numbered, rows: &[NRow]) -> Contributions {
    let mut pairs: Vec<(u64, u64, u64)> = counted(rows)
        .map(|(r, f, added, deleted)| {
            let author = u64::from(n.commit(r).author);
            (u64::from(f) << 32 | author, added, deleted)
        })
        .collect();
    pairs.sort_unstable_by_key(|p| p.0);
    let mut out: Contributions = Vec::new();
    for (key, added, deleted) in pairs {
        let (file, author) = ((key >> 32) as u32, key as u32);
        match out.last_mut() {
            Some((f, authors)) if *f == file => match authors.last_mut() {
                Some((a, c)) if *a == author => {
                    c.0 += added;
                    c.1 += deleted;
                }
                _ => authors.push((author, (added, deleted))),
            },
            _ => out.push((file, vec![(author, (added, deleted))])),
        }
    }
    out
}

/// [`entity_ownership`] of numbered rows.
pub(crate) fn entity_ownership_of(n: &Numbered, rows: &[NRow]) -> Vec<Ownership> {
    let mut out = Vec::new();
    for (f, authors) in contributions_of(n, rows) {
        let start = out.len();
        out.extend(authors.into_iter().map(|(a, (added, deleted))| Ownership {
            entity: n.path(f).to_string(),
            author: n.author(a).to_string(),
            added,
            deleted,
        }));
        out[start..].sort_by_key(|r| std::cmp::Reverse(r.added));
    }
    out
}

/// [`main_dev`] of numbered rows.
pub(crate) fn main_dev_of(n: &Numbered, rows: &[NRow], removed: bool) -> Vec<LineOwner> {
    contributions_of(n, rows)
        .into_iter()
        .map(|(f, authors)| {
            let metric = |c: &(u64, u64)| if removed { c.1 } else { c.0 };
            let total: u64 = authors.iter().map(|(_, c)| metric(c)).sum();
            // As [`main_dev`]: an author with an empty name is replaced
            // by the next one whatever their lines.
            let unnamed = |best: Option<u32>| best.is_none_or(|a| n.author(a).is_empty());
            let (dev, lines) = authors.iter().fold((None, 0), |best, (a, c)| {
                if metric(c) > best.1 || unnamed(best.0) {
                    (Some(*a), metric(c))
                } else {
                    best
                }
            });
            LineOwner {
                entity: n.path(f).to_string(),
                main_dev: dev.map(|a| n.author(a)).unwrap_or_default().to_string(),
                lines,
                total,
                ownership: (100.0 * lines as f64 / total.max(1) as f64).round() / 100.0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileLines;

    fn set(author: &str, day: i64, files: &[(&str, u32, u32)]) -> ChangeSet {
        ChangeSet {
            author: author.into(),
            time: day * 86_400 + 3_600,
            files: files.iter().map(|f| f.0.to_string()).collect(),
            lines: files
                .iter()
                .map(|f| FileLines {
                    added: f.1,
                    deleted: f.2,
                    binary: false,
                })
                .collect(),
            ..ChangeSet::default()
        }
    }

    /// The example of code-maat's own churn tests, worked by hand.
    fn history() -> Vec<ChangeSet> {
        vec![
            set("at", 0, &[("A", 10, 1)]),
            set("ta", 1, &[("B", 20, 2)]),
            set("at", 1, &[("A", 2, 0), ("B", 5, 5)]),
        ]
    }

    #[test]
    fn churn_per_day_author_and_file() {
        let h = history();
        let abs = abs_churn(&h);
        assert_eq!(abs.len(), 2);
        assert_eq!(abs[0].date, "1970-01-01");
        assert_eq!(
            (
                abs[0].churn.added,
                abs[0].churn.deleted,
                abs[0].churn.commits
            ),
            (10, 1, 1)
        );
        // Day two: three file changes in two commits; code-maat counts rows.
        assert_eq!(
            (
                abs[1].churn.added,
                abs[1].churn.deleted,
                abs[1].churn.commits
            ),
            (27, 7, 3)
        );
        let by_author = author_churn(&h);
        assert_eq!(by_author[0].author, "at");
        assert_eq!(
            (
                by_author[0].churn.added,
                by_author[0].churn.deleted,
                by_author[0].churn.commits
            ),
            (17, 6, 3)
        );
        assert_eq!(
            (by_author[1].churn.added, by_author[1].churn.commits),
            (20, 1)
        );
        let by_file = entity_churn(&h);
        assert_eq!(by_file[0].entity, "B");
        assert_eq!(
            (
                by_file[0].churn.added,
                by_file[0].churn.deleted,
                by_file[0].churn.commits
            ),
            (25, 7, 2)
        );
        assert_eq!((by_file[1].churn.added, by_file[1].churn.deleted), (12, 1));
    }

    #[test]
    fn ownership_and_main_developer_by_lines() {
        let h = history();
        let own = entity_ownership(&h);
        let flat: Vec<(&str, &str, u64, u64)> = own
            .iter()
            .map(|o| (o.entity.as_str(), o.author.as_str(), o.added, o.deleted))
            .collect();
        assert_eq!(
            flat,
            vec![("A", "at", 12, 1), ("B", "ta", 20, 2), ("B", "at", 5, 5)]
        );
        let main = main_dev(&h, false);
        assert_eq!(main[1].main_dev, "ta");
        assert_eq!((main[1].lines, main[1].total), (20, 25));
        assert_eq!(main[1].ownership, 0.8);
        let refactoring = main_dev(&h, true);
        assert_eq!(refactoring[1].main_dev, "at");
        assert_eq!((refactoring[1].lines, refactoring[1].total), (5, 7));
        assert_eq!(refactoring[1].ownership, 0.71);
    }

    #[test]
    fn a_day_is_the_authors_calendar_day() {
        // 23:00 UTC on day 0 is already day 1 two hours east.
        let mut s = set("a", 0, &[("A", 1, 0)]);
        s.time = 23 * 3_600;
        s.offset = 2 * 3_600;
        assert_eq!(author_date(&s), "1970-01-02");
    }
}
