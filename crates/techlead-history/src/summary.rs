//! `history summary`: one screen a tech lead can read in a minute.

use crate::numbered::{Numbered, Row as NRow};
use crate::report::json;
use crate::revision::date_of;
use crate::{Coupling, CouplingOptions, Delivery, Hotspot, Revisions, TruckFactor};
use std::io::{self, Write};
use std::path::Path;
use techlead_core::InputError;
use techlead_core::table::{Row, TableFormat, json_object};
use techlead_core::terminal::escape_control;

pub struct Summary {
    /// Every commit read, bots' included.
    pub commits: usize,
    /// People (bots left out unless asked for).
    pub people: usize,
    /// Unix times of the first and last commit (0 without commits).
    pub first: i64,
    pub last: i64,
    /// Hotspots, highest first; empty for a bare repository.
    pub hotspots: Vec<Hotspot>,
    /// Complexity is measured on the files as they are now: a bare
    /// repository has none to measure.
    pub bare: bool,
    pub coupling: Vec<Coupling>,
    /// The most changed test files, shown apart from the code.
    pub tests: Vec<Revisions>,
    pub truck_factor: TruckFactor,
    pub files: usize,
    pub knowledge_islands: usize,
    /// None when the tags could not be read.
    pub delivery: Option<Delivery>,
}

/// The history seen four ways, each a view of the same numbered change
/// sets.
pub struct Parts<'a> {
    pub(crate) numbered: &'a Numbered,
    /// Every commit.
    pub(crate) all: &'a [NRow],
    /// The commits of people (bots left out unless asked for).
    pub(crate) people: &'a [NRow],
    /// Every commit with only the kinds of file ranked (source).
    pub(crate) code: &'a [NRow],
    /// The same for coupling: commits over the size limit dropped first.
    pub(crate) coupled: &'a [NRow],
    /// Every commit with only its tests.
    pub(crate) tests: &'a [NRow],
    /// Scores the hotspots' health, when the caller lends a scorer.
    pub health: Option<crate::hotspots::HealthScorer<'a>>,
    /// The walk's commit records, for delivery.
    pub(crate) known: crate::delivery::Known<'a>,
    /// Release tags (`[history] release_tags`); empty: the defaults.
    pub tags: &'a [String],
}

pub fn summary(repo: &Path, rev: Option<&str>, parts: Parts) -> Result<Summary, InputError> {
    // Delivery walks the commit graph on a thread of its own, beside the
    // hotspots' scans and the people's counts.
    let (known, tags) = (parts.known, parts.tags);
    std::thread::scope(|scope| {
        let delivery = scope.spawn(move || {
            let _t = techlead_core::timing::span("history: summary delivery");
            crate::delivery::delivery_with(repo, tags, rev, known).ok()
        });
        let summary = summary_but_delivery(repo, rev, &parts);
        let delivery = delivery
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        summary.map(|s| Summary { delivery, ..s })
    })
}

/// The summary, its delivery left out (None).
fn summary_but_delivery(
    repo: &Path,
    rev: Option<&str>,
    parts: &Parts,
) -> Result<Summary, InputError> {
    let n = parts.numbered;
    let top = crate::revision::top(repo);
    let t = techlead_core::timing::span("history: summary hotspots");
    let hotspots = match &top {
        None => Vec::new(),
        Some(t) => crate::hotspots::hotspots_at(t, rev, n.revisions(parts.code), parts.health)?,
    };
    drop(t);
    let t = techlead_core::timing::span("history: summary coupling");
    let coupled: Vec<&[u32]> = parts.coupled.iter().map(|r| r.files.as_slice()).collect();
    let coupling = crate::coupling::coupling_of(&coupled, &n.paths, &CouplingOptions::default())?;
    drop(t);
    let t = techlead_core::timing::span("history: summary people");
    let truck_factor = crate::people::truck_factor_of(n, parts.people);
    let frag = crate::people::fragmentation_of(n, parts.people);
    drop(t);
    let mut tests = n.revisions(parts.tests);
    tests.truncate(10);
    let times = || parts.all.iter().map(|r| n.commit(r).time);
    Ok(Summary {
        commits: parts.all.len(),
        people: n.people(parts.people),
        first: times().min().unwrap_or_default(),
        last: times().max().unwrap_or_default(),
        bare: top.is_none(),
        hotspots,
        coupling,
        tests,
        truck_factor,
        files: frag.len(),
        knowledge_islands: frag.iter().filter(|f| f.island).count(),
        delivery: None,
    })
}

impl Summary {
    pub fn write(&self, out: &mut dyn Write, format: TableFormat) -> io::Result<()> {
        match format {
            TableFormat::Json => json(out, &self.json()),
            _ => out.write_all(self.text().as_bytes()),
        }
    }

    fn json(&self) -> serde_json::Value {
        fn rows<R: Row>(rows: &[R]) -> Vec<serde_json::Value> {
            rows.iter()
                .take(10)
                .map(|r| json_object(R::COLUMNS, &r.cells()))
                .collect()
        }
        serde_json::json!({
            "commits": self.commits,
            "people": self.people,
            "first": date_of(self.first),
            "last": date_of(self.last),
            "hotspots": rows(&self.hotspots),
            "coupling": rows(&self.coupling),
            "tests": rows(&self.tests),
            "truck_factor": self.truck_factor,
            "files": self.files,
            "knowledge_islands": self.knowledge_islands,
            "delivery": self.delivery,
        })
    }

    /// File and people names come from the repository: each is escaped,
    /// so that none can drive the terminal.
    fn text(&self) -> String {
        let mut s = format!(
            "{} commits by {} people, {} to {}\n\n",
            self.commits,
            self.people,
            date_of(self.first),
            date_of(self.last)
        );
        s.push_str("Hotspots (change x complexity)\n");
        let hot: Vec<&Hotspot> = self.hotspots.iter().filter(|h| h.score > 0.0).collect();
        if self.bare {
            s.push_str("  none: a bare repository has no files to measure complexity in\n");
        } else if hot.is_empty() {
            s.push_str("  none: no changed file with measured complexity\n");
        }
        for h in hot.iter().take(5) {
            s.push_str(&format!(
                "  {:.2}  {} ({} change{}, complexity {})\n",
                h.score,
                escape_control(&h.entity),
                h.revisions,
                if h.revisions == 1 { "" } else { "s" },
                h.complexity
            ));
        }
        s.push_str("\nChange coupling\n");
        if self.coupling.is_empty() {
            s.push_str("  none above code-maat's thresholds\n");
        }
        for c in self.coupling.iter().take(5) {
            s.push_str(&format!(
                "  {:3}%  {} <-> {}\n",
                c.degree,
                escape_control(&c.entity),
                escape_control(&c.coupled)
            ));
        }
        if !self.tests.is_empty() {
            s.push_str("\nMost changed tests\n");
            for t in self.tests.iter().take(3) {
                s.push_str(&format!(
                    "  {} ({} change{})\n",
                    escape_control(&t.entity),
                    t.n_revs,
                    if t.n_revs == 1 { "" } else { "s" }
                ));
            }
        }
        s.push_str(&format!(
            "\nKnowledge\n  truck factor {} ({})\n  {} of {} files changed by one person only\n",
            self.truck_factor.truck_factor,
            escape_control(&self.truck_factor.names()),
            self.knowledge_islands,
            self.files
        ));
        if let Some(d) = self.delivery.as_ref().filter(|d| !d.releases.is_empty()) {
            let lead = match (d.median_lead_days, d.p90_lead_days) {
                (Some(m), Some(p)) => format!("lead time median {m} days (p90 {p})"),
                _ => "lead time n/a (no commit released after the first release)".into(),
            };
            s.push_str(&format!(
                "\nDelivery (from tags)\n  {} release{}, {lead}, {} revert{}\n",
                d.releases.len(),
                if d.releases.len() == 1 { "" } else { "s" },
                d.reverts,
                if d.reverts == 1 { "" } else { "s" },
            ));
        }
        s
    }
}
