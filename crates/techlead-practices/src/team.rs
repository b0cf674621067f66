//! As the team grows: per quarter over the last two years, the active
//! contributors, the share of changes with review evidence, CI in the
//! tree, test to source size and releases, and whether practices held.
//! CI and tests are read from the tree at each quarter's end (the last
//! main-line commit before it), through the same tree trait as HEAD; test
//! to source is by size there (bytes, from object headers), since reading
//! every file of eight trees would cost more than the whole history walk.

use crate::duration::day_start;
use crate::facts::Facts;
use crate::files::{self, Kind};
use crate::input::Tree;
use crate::model::{Quarter, Team};
use jiff::civil::Date;

/// Quarters shown: the current one and the seven before it.
pub const QUARTERS: usize = 8;

/// What the team table reads of a commit's tree (see [`measure_tree`]),
/// by commit id; None when the tree cannot be read. The composition root
/// may answer from a cache: a commit's tree never changes.
pub type TreeAt<'a> = dyn Fn(&str) -> Option<TreeMeasure> + 'a;

/// What the team table reads of a quarter's last tree: whether CI is
/// configured, and the bytes of source and of test code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TreeMeasure {
    pub ci: bool,
    pub source_bytes: u64,
    pub test_bytes: u64,
}

impl TreeMeasure {
    /// CI present, and test to source size.
    fn shown(self) -> (bool, Option<f64>) {
        (
            self.ci,
            (self.source_bytes > 0)
                .then(|| round2(self.test_bytes as f64 / self.source_bytes as f64)),
        )
    }
}

fn quarter_start(d: Date) -> Date {
    let m = (d.month() - 1) / 3 * 3 + 1;
    jiff::civil::date(d.year(), m, 1)
}

/// The first days of the quarters shown, oldest first.
fn starts(today: Date) -> Vec<Date> {
    let mut starts = vec![quarter_start(today)];
    for _ in 1..QUARTERS {
        let prev = starts
            .last()
            .and_then(|d| d.checked_sub(jiff::Span::new().months(3)).ok());
        starts.extend(prev);
    }
    starts.reverse();
    starts
}

/// The first day of the team table.
pub fn first_quarter(today: Date) -> Date {
    starts(today)[0]
}

pub fn team(f: &Facts, tree_at: &TreeAt) -> Team {
    let Some(history) = f.history else {
        return Team {
            quarters: Vec::new(),
            summary: vec![super::checks::no_history(f).unwrap_or_default()],
        };
    };
    let starts = starts(f.today);
    let mut quarters = Vec::new();
    // The tree measures of the last commit looked at: consecutive quarters
    // often end on the same commit.
    let mut last: Option<(String, (bool, Option<f64>))> = None;
    for (i, from) in starts.iter().enumerate() {
        let to = starts
            .get(i + 1)
            .copied()
            .unwrap_or_else(|| f.today.tomorrow().unwrap_or(f.today));
        let partial = i + 1 == starts.len();
        let (t0, t1) = (day_start(*from), day_start(to));
        let active = f.active_people(t0, t1).len();
        let changes: Vec<_> = f
            .changes
            .iter()
            .filter(|c| !c.bot && c.commit.committer.time >= t0 && c.commit.committer.time < t1)
            .collect();
        let reviewed = changes.iter().filter(|c| c.review.is_some()).count();
        let end = f
            .changes
            .iter()
            .find(|c| c.commit.committer.time < t1)
            .map(|c| c.commit.id.clone());
        let measures = match (&end, &last) {
            (Some(id), Some((seen, m))) if id == seen => Some(*m),
            (Some(id), _) => tree_at(id).map(TreeMeasure::shown),
            (None, _) => None,
        };
        if let (Some(id), Some(m)) = (&end, measures) {
            last = Some((id.clone(), m));
        }
        let releases = history
            .tags
            .iter()
            .filter(|t| t.time >= t0 && t.time < t1)
            .count();
        quarters.push(Quarter {
            quarter: format!("{}-Q{}", from.year(), (from.month() - 1) / 3 + 1),
            from: from.to_string(),
            to: to.yesterday().unwrap_or(to).min(f.today).to_string(),
            partial,
            active_contributors: active,
            changes: changes.len(),
            reviewed_share: (!changes.is_empty())
                .then(|| round2(reviewed as f64 / changes.len() as f64)),
            ci: measures.map(|m| m.0),
            test_ratio: measures.and_then(|m| m.1),
            releases,
        });
    }
    let half = day_start(starts[starts.len() / 2]);
    let year = |t0: i64, t1: i64| {
        let changes: Vec<_> = f
            .changes
            .iter()
            .filter(|c| !c.bot && c.commit.committer.time >= t0 && c.commit.committer.time < t1)
            .collect();
        Year {
            people: f.active_people(t0, t1).len(),
            changes: changes.len(),
            reviewed: changes.iter().filter(|c| c.review.is_some()).count(),
        }
    };
    let years = [year(day_start(starts[0]), half), year(half, i64::MAX)];
    let summary = summary(&quarters, years);
    Team { quarters, summary }
}

/// One year of the table: distinct people, human changes, reviewed ones.
#[derive(Debug, Clone, Copy)]
struct Year {
    people: usize,
    changes: usize,
    reviewed: usize,
}

impl Year {
    fn share(self) -> f64 {
        self.reviewed as f64 / self.changes.max(1) as f64
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// CI configuration present, and the size of source and test code.
pub fn measure_tree(tree: &dyn Tree) -> TreeMeasure {
    let mut m = TreeMeasure::default();
    for p in tree.files() {
        m.ci |= crate::ci::system(p).is_some();
        match files::kind(p) {
            Kind::Source(_) => m.source_bytes += tree.size(p).unwrap_or(0),
            Kind::Test(_) => m.test_bytes += tree.size(p).unwrap_or(0),
            Kind::Other => {}
        }
    }
    m
}

/// Whether practices held as the team changed: the first quarter with
/// activity against the last (the last full one when the current quarter
/// has no change yet).
fn summary(q: &[Quarter], years: [Year; 2]) -> Vec<String> {
    let [early, late] = years;
    if early.people + late.people == 0 && early.changes + late.changes == 0 {
        return vec!["no activity in the last two years".into()];
    }
    let mut out = Vec::new();
    let (a, b) = (early.people, late.people);
    if a == 0 {
        // A project younger than a year has nothing to compare with.
        let first = q
            .iter()
            .find(|x| x.active_contributors > 0 || x.changes > 0)
            .map_or("the last year", |x| x.quarter.as_str());
        out.push(format!(
            "The work started in {first}: {} in the last year.",
            crate::checks::count(b, "active contributor")
        ));
    } else {
        let trend = if b * 2 >= a * 3 && b >= a + 2 {
            "grew"
        } else if a * 2 >= b * 3 && a >= b + 2 {
            "shrank"
        } else {
            "held steady"
        };
        out.push(format!(
            "The team {trend}: {} in the first year, {b} in the second.",
            crate::checks::count(a, "active contributor")
        ));
    }
    if early.changes >= 5 && late.changes >= 5 {
        let (x, y) = (early.share(), late.share());
        out.push(format!(
            "Review evidence {}: {:.0}% of {} changes in the first year, {:.0}% of {} in the second.",
            moved(x, y, 0.1),
            x * 100.0,
            early.changes,
            y * 100.0,
            late.changes
        ));
    } else {
        out.push("Review evidence: too few changes to compare the two years.".into());
    }
    let ci: Vec<Option<bool>> = q.iter().map(|x| x.ci).collect();
    out.push(
        match (
            ci.iter().flatten().all(|c| *c),
            ci.iter().flatten().any(|c| *c),
        ) {
            (true, _) => "CI was in the tree at every quarter's end.".into(),
            (false, false) => "CI was never in the tree.".into(),
            (false, true) => {
                let added = q
                    .iter()
                    .find(|x| x.ci == Some(true))
                    .map(|x| x.quarter.clone())
                    .unwrap_or_default();
                if q.last().and_then(|x| x.ci) == Some(true) {
                    format!("CI was added to the tree in {added}.")
                } else {
                    "CI was in the tree, and is gone now.".into()
                }
            }
        },
    );
    let ratios: Vec<(&str, f64)> = q
        .iter()
        .filter_map(|x| x.test_ratio.map(|r| (x.quarter.as_str(), r)))
        .collect();
    if let (Some(x), Some(y)) = (ratios.first(), ratios.last())
        && ratios.len() > 1
    {
        let threshold = (x.1 * 0.2).max(0.02);
        out.push(format!(
            "Test to source size {}: {:.2} in {} to {:.2} in {}.",
            moved(x.1, y.1, threshold),
            x.1,
            x.0,
            y.1,
            y.0
        ));
    }
    let half = q.len() / 2;
    let (early, late): (usize, usize) = (
        q[..half].iter().map(|x| x.releases).sum(),
        q[half..].iter().map(|x| x.releases).sum(),
    );
    if early + late > 0 {
        out.push(format!(
            "Releases: {early} in the first year, {late} in the second."
        ));
    }
    out
}

fn moved(from: f64, to: f64, threshold: f64) -> &'static str {
    if to > from + threshold {
        "rose"
    } else if to < from - threshold {
        "fell"
    } else {
        "held"
    }
}
