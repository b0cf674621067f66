//! Change coupling, by code-maat's algorithm and defaults:
//! - change sets with more than `max_changeset_size` (30) files are
//!   dropped before any counting;
//! - revs(x) counts the remaining change sets that touch x; shared(a, b)
//!   those that touch both;
//! - average-revs = (revs(a) + revs(b)) / 2, degree = trunc(100 × shared /
//!   average-revs);
//! - a pair is kept when average-revs ≥ min-revs (5), shared ≥
//!   min-shared-revs (5), min-coupling (30) ≤ degree ≤ max-coupling (100);
//! - sorted by degree, then average-revs, descending; average-revs is
//!   printed rounded up.
//!
//! And `soc`, the sum of coupling: for each file, how many other files
//! changed with it, summed over its change sets.

use crate::ChangeSet;
use crate::numbered::{Numbered, Row as NRow};
use std::collections::HashMap;
use techlead_core::InputError;
use techlead_core::table::{Cell, Column, Row};

#[derive(Debug, Clone, Copy)]
pub struct CouplingOptions {
    pub max_changeset_size: usize,
    pub min_revs: usize,
    pub min_shared_revs: usize,
    pub min_coupling: u32,
    pub max_coupling: u32,
}

impl Default for CouplingOptions {
    fn default() -> Self {
        CouplingOptions {
            max_changeset_size: 30,
            min_revs: 5,
            min_shared_revs: 5,
            min_coupling: 30,
            max_coupling: 100,
        }
    }
}

/// One coupled pair, in code-maat's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coupling {
    pub entity: String,
    pub coupled: String,
    pub degree: u32,
    pub average_revs: u32,
}

impl Row for Coupling {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("coupled"),
        Column::digits_right("degree"),
        Column::digits_right("average-revs"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            (&self.entity).into(),
            (&self.coupled).into(),
            self.degree.into(),
            self.average_revs.into(),
        ]
    }
}

/// The most distinct pairs counted. Each takes about 20 bytes of the
/// table, so the count stays under half a gigabyte; past it, the analysis
/// is refused rather than run the machine out of memory (pairs grow with
/// the square of a commit's size).
pub const PAIR_BUDGET: usize = 20_000_000;

pub fn coupling(sets: &[ChangeSet], o: &CouplingOptions) -> Result<Vec<Coupling>, InputError> {
    // Files as numbers, in the order first met.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let numbered: Vec<Vec<u32>> = sets
        .iter()
        .filter(|s| s.files.len() <= o.max_changeset_size)
        .map(|s| {
            s.files
                .iter()
                .map(|f| {
                    *ids.entry(f).or_insert_with(|| {
                        names.push(f);
                        (names.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    let rows: Vec<&[u32]> = numbered.iter().map(Vec::as_slice).collect();
    coupling_of(&rows, &names, o)
}

/// [`coupling`] of change sets whose files are numbers into `names`, each
/// set's files in the order of the change set (the first of a pair is
/// the one met first).
pub(crate) fn coupling_of<S: AsRef<str>>(
    sets: &[&[u32]],
    names: &[S],
    o: &CouplingOptions,
) -> Result<Vec<Coupling>, InputError> {
    let numbered: Vec<&[u32]> = sets
        .iter()
        .copied()
        .filter(|s| s.len() <= o.max_changeset_size)
        .collect();
    let mut revs: Vec<usize> = vec![0; names.len()];
    for files in &numbered {
        for &f in *files {
            revs[f as usize] += 1;
        }
    }
    // A pair is kept only with at least min-shared-revs (and one) shared
    // revisions, so a file with fewer revisions is in no kept pair: leave
    // it out before counting. A commit of thousands of files changed once
    // then costs nothing.
    let floor = o.min_shared_revs.max(1);
    let too_many = || {
        InputError::new(format!(
            "coupling: more than {PAIR_BUDGET} pairs of files change together, too many to count \
             in memory"
        ))
        .with_help(format!(
            "lower --max-changeset-size (now {}) or raise --min-shared-revs (now {})",
            o.max_changeset_size, o.min_shared_revs
        ))
    };
    let mut shared: HashMap<u64, u32> = HashMap::new();
    let mut row: Vec<u32> = Vec::new();
    for files in &numbered {
        row.clear();
        row.extend(files.iter().copied().filter(|&f| revs[f as usize] >= floor));
        if row.len().saturating_mul(row.len().saturating_sub(1)) / 2 > PAIR_BUDGET {
            return Err(too_many());
        }
        for (i, &a) in row.iter().enumerate() {
            for &b in &row[i + 1..] {
                // Files are sorted in a change set, so a's name sorts
                // before b's; the key keeps that order.
                *shared.entry(u64::from(a) << 32 | u64::from(b)).or_default() += 1;
            }
        }
        if shared.len() > PAIR_BUDGET {
            return Err(too_many());
        }
    }
    let mut out = Vec::new();
    for (key, n) in shared {
        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        let n = n as usize;
        let average = (revs[a] + revs[b]) as f64 / 2.0;
        let degree = (100.0 * n as f64 / average).trunc() as u32;
        if average >= o.min_revs as f64
            && n >= o.min_shared_revs
            && degree >= o.min_coupling
            && degree <= o.max_coupling
        {
            out.push(Coupling {
                entity: names[a].as_ref().to_string(),
                coupled: names[b].as_ref().to_string(),
                degree,
                average_revs: average.ceil() as u32,
            });
        }
    }
    out.sort_by(|x, y| {
        y.degree
            .cmp(&x.degree)
            .then(y.average_revs.cmp(&x.average_revs))
            .then_with(|| (&x.entity, &x.coupled).cmp(&(&y.entity, &y.coupled)))
    });
    Ok(out)
}

/// The sum of coupling of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Soc {
    pub entity: String,
    pub soc: usize,
}

impl Row for Soc {
    const COLUMNS: &'static [Column] =
        &[Column::digits_right("entity"), Column::digits_right("soc")];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![(&self.entity).into(), self.soc.into()]
    }
}

pub fn soc(sets: &[ChangeSet], max_changeset_size: usize) -> Vec<Soc> {
    let mut sum: HashMap<&str, usize> = HashMap::new();
    for s in sets.iter().filter(|s| s.files.len() <= max_changeset_size) {
        for f in &s.files {
            *sum.entry(f).or_default() += s.files.len() - 1;
        }
    }
    let mut out: Vec<Soc> = sum
        .into_iter()
        .map(|(entity, soc)| Soc {
            entity: entity.to_string(),
            soc,
        })
        .collect();
    out.sort_by(|a, b| b.soc.cmp(&a.soc).then_with(|| a.entity.cmp(&b.entity)));
    out
}

/// [`soc`] of numbered rows.
pub(crate) fn soc_of(n: &Numbered, rows: &[NRow], max_changeset_size: usize) -> Vec<Soc> {
    let mut sum: Vec<Option<usize>> = vec![None; n.paths.len()];
    for row in rows.iter().filter(|r| r.files.len() <= max_changeset_size) {
        for &f in &row.files {
            *sum[f as usize].get_or_insert(0) += row.files.len() - 1;
        }
    }
    // Numbers are in name order: ties go by name.
    let mut out: Vec<(std::cmp::Reverse<usize>, u32)> = (0..sum.len() as u32)
        .filter_map(|f| Some((std::cmp::Reverse(sum[f as usize]?), f)))
        .collect();
    out.sort_unstable();
    out.into_iter()
        .map(|(soc, f)| Soc {
            entity: n.path(f).to_string(),
            soc: soc.0,
        })
        .collect()
}

/// Coupling between groups (folders, modules) of numbered rows: each
/// row's files replaced by their groups, once each, in name order (what
/// [`crate::grouped`] makes of change sets); files in no group dropped.
pub(crate) fn coupling_of_groups(
    n: &Numbered,
    rows: &[NRow],
    group: impl Fn(&str) -> Option<String>,
    o: &CouplingOptions,
) -> Result<Vec<Coupling>, InputError> {
    let files = n.files(rows);
    let named: Vec<(u32, String)> = files
        .iter()
        .filter_map(|&f| Some((f, group(n.path(f))?)))
        .collect();
    let mut names: Vec<&str> = named.iter().map(|(_, g)| g.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut of: Vec<Option<u32>> = vec![None; n.paths.len()];
    for (f, g) in &named {
        of[*f as usize] = names.binary_search(&g.as_str()).ok().map(|i| i as u32);
    }
    let grouped: Vec<Vec<u32>> = rows
        .iter()
        .map(|r| {
            let mut g: Vec<u32> = r.files.iter().filter_map(|&f| of[f as usize]).collect();
            g.sort_unstable();
            g.dedup();
            g
        })
        .collect();
    let slices: Vec<&[u32]> = grouped.iter().map(Vec::as_slice).collect();
    coupling_of(&slices, &names, o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(files: &[&str]) -> ChangeSet {
        let mut files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        files.sort();
        ChangeSet {
            id: String::new(),
            author: String::new(),
            time: 0,
            files,
            ..Default::default()
        }
    }

    fn numbered(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i:05}")).collect()
    }

    #[test]
    fn a_huge_commit_of_files_changed_once_counts_no_pairs() {
        // 10,000 files in one commit (50 million pairs), each changed
        // once: none can reach min-shared-revs, so none is paired.
        let files = numbered("f", 10_000);
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        let mut sets = vec![set(&files)];
        sets.extend((0..5).map(|_| set(&["a", "b"])));
        let o = CouplingOptions {
            max_changeset_size: 20_000,
            ..CouplingOptions::default()
        };
        let out = coupling(&sets, &o).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].entity.as_str(), out[0].degree), ("a", 100));
    }

    #[test]
    fn pairs_past_the_budget_are_refused_before_counting() {
        // 7,000 files changed together five times: 24.5 million pairs.
        let files = numbered("f", 7_000);
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        let sets: Vec<ChangeSet> = (0..5).map(|_| set(&files)).collect();
        let o = CouplingOptions {
            max_changeset_size: 20_000,
            ..CouplingOptions::default()
        };
        let err = coupling(&sets, &o).unwrap_err();
        assert!(err.to_string().contains("too many to count"), "{err}");
        assert!(
            format!("{err:?}").contains("--max-changeset-size"),
            "{err:?}"
        );
    }

    #[test]
    fn code_maat_thresholds_and_rounding() {
        // a and b change together 5 times; a alone twice more, b once:
        // revs a = 7, b = 6, average 6.5 (printed 7), degree trunc(76.9) = 76.
        let mut sets: Vec<ChangeSet> = (0..5).map(|_| set(&["a", "b"])).collect();
        sets.extend([set(&["a"]), set(&["a"]), set(&["b", "c"])]);
        // A 31-file change set is dropped before counting.
        let big: Vec<String> = (0..31)
            .map(|i| format!("f{i}"))
            .chain(["a".into(), "c".into()])
            .collect();
        let big: Vec<&str> = big.iter().map(String::as_str).collect();
        sets.push(set(&big));
        let out = coupling(&sets, &CouplingOptions::default()).unwrap();
        assert_eq!(
            out,
            vec![Coupling {
                entity: "a".into(),
                coupled: "b".into(),
                degree: 76,
                average_revs: 7
            }]
        );
        // Below min-shared-revs: nothing.
        let strict = CouplingOptions {
            min_shared_revs: 6,
            ..CouplingOptions::default()
        };
        assert!(coupling(&sets, &strict).unwrap().is_empty());
        let s = soc(&sets, 30);
        assert_eq!(
            s[0],
            Soc {
                entity: "b".into(),
                soc: 6
            }
        );
        assert_eq!(
            s[1],
            Soc {
                entity: "a".into(),
                soc: 5
            }
        );
    }
}
