//! Interest signals: what an item's code has cost lately, from history and
//! health, next to the manual estimate.
//!
//! For the files an item covers (its `paths` and `modules`), over the
//! last `window_days` (default 90) of history:
//!
//! - R, revisions: commits that changed a covered file;
//! - A, authors: the distinct people who made them;
//! - B, bug fixes: those whose message matches `[debt] bug_fix_pattern`;
//! - C, coupling: the share of those commits (of at most
//!   `max_changeset_size` files) that also changed source files outside
//!   the item, so a change to this code leaks into other code (a test, a
//!   doc or the register itself changed with it is not a leak);
//! - h, health: the mean health (1 worst to 10 best) of the covered files
//!   that have one, when the health context is available.
//!
//! and the interest, in points per window:
//!
//! ```text
//! interest = (R + B + A) × (1 + C) × H,   H = (11 − h) / 5.5, or 1 without health
//! ```
//!
//! Every change is an encounter with the debt, a bug fix is one more (it
//! costs twice), and every person who had to learn the code pays once.
//! Coupling multiplies by up to 2, health between 0.18 (h = 10) and 1.82
//! (h = 1), neutral at 5.5. Bot commits are left out. Without history the
//! interest is not computed at all: [`Interest::Unavailable`] says why.

use crate::item::DebtItem;
use globset::GlobSet;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One commit of the window, as the history context read it.
#[derive(Debug, Clone, Default)]
pub struct Commit {
    pub author: String,
    /// Seconds since the epoch.
    pub time: i64,
    /// Paths changed, relative to the repository's top.
    pub files: Vec<String>,
    pub message: String,
    /// Made by a bot (dependency updates and the like).
    pub bot: bool,
}

/// History of the window, or why it could not be read.
#[derive(Debug, Clone)]
pub enum History {
    Read {
        commits: Vec<Commit>,
        /// Where the project sits in its repository (`""` at the top, else
        /// `sub/dir/`): history paths carry it, ours do not.
        prefix: String,
    },
    Missing(String),
}

/// File health, or why it is not known.
#[derive(Debug, Clone)]
pub enum Health {
    /// Health from 1 (worst) to 10 (best) per file, relative to the
    /// project root; a file without a score is absent.
    Scored(HashMap<String, f64>),
    Missing(String),
}

/// What the other contexts say, as plain data.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub history: History,
    pub health: Health,
    /// The files in the tree now, relative to the project root.
    pub files: Vec<String>,
    /// The `[boundaries]` module of files (of the tree and of history).
    pub module_of: HashMap<String, String>,
    /// The files of the tree that history classifies as source code (not
    /// tests, docs, generated or vendored files); None when unknown.
    pub source: Option<std::collections::HashSet<String>>,
    /// The window's length in days.
    pub window_days: u32,
    /// Commits changing more files are left out of coupling.
    pub max_changeset_size: usize,
    /// A commit whose message matches is a bug fix.
    pub bug_fix: regex::Regex,
}

impl Evidence {
    /// Whether a file (relative to the project) is source code, as far as
    /// history can tell; every file is when it cannot.
    pub fn is_source(&self, file: &str) -> bool {
        self.source.as_ref().is_none_or(|s| s.contains(file))
    }
}

/// The signals of one item or file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signals {
    /// Files covered now.
    pub files: usize,
    pub revisions: usize,
    pub authors: usize,
    pub bug_fixes: usize,
    /// 0 to 1.
    pub coupling: f64,
    /// The outside files most often changed with it, with their counts.
    pub coupled_with: Vec<(String, usize)>,
    /// Mean health of the covered files that have one.
    pub health: Option<f64>,
    /// Why `health` is missing, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_missing: Option<String>,
    /// The one who changed it most in the window.
    pub main_author: Option<String>,
    pub interest: f64,
}

/// An item's interest, or why it could not be computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Interest {
    Computed(Signals),
    Unavailable { unavailable: String },
}

impl Interest {
    pub fn value(&self) -> Option<f64> {
        match self {
            Interest::Computed(s) => Some(s.interest),
            Interest::Unavailable { .. } => None,
        }
    }

    pub fn signals(&self) -> Option<&Signals> {
        match self {
            Interest::Computed(s) => Some(s),
            Interest::Unavailable { .. } => None,
        }
    }
}

/// Which files an item covers: its `paths` (a glob, or a file or folder
/// named as it is) and the files of its `modules`.
pub struct Coverage<'a> {
    globs: GlobSet,
    prefixes: Vec<String>,
    modules: &'a [String],
}

impl<'a> Coverage<'a> {
    pub fn of(item: &'a DebtItem) -> Coverage<'a> {
        let mut b = globset::GlobSetBuilder::new();
        let mut prefixes = Vec::new();
        for p in &item.paths {
            let p = p.trim().trim_start_matches("./");
            if p.contains(['*', '?', '[', '{']) {
                if let Ok(g) = crate::config::glob(p) {
                    b.add(g);
                }
            } else if !p.is_empty() {
                prefixes.push(p.trim_end_matches('/').to_string());
            }
        }
        Coverage {
            globs: b.build().unwrap_or_else(|_| GlobSet::empty()),
            prefixes,
            modules: &item.modules,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.globs.is_empty() && self.prefixes.is_empty() && self.modules.is_empty()
    }

    pub fn covers(&self, file: &str, module_of: &HashMap<String, String>) -> bool {
        self.prefixes.iter().any(|p| {
            file == p
                || file
                    .strip_prefix(p.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        }) || self.globs.is_match(file)
            || (!self.modules.is_empty()
                && module_of
                    .get(file)
                    .is_some_and(|m| self.modules.iter().any(|x| x == m)))
    }
}

/// The item's interest from the evidence.
pub fn interest(item: &DebtItem, ev: &Evidence) -> Interest {
    let (commits, prefix) = match &ev.history {
        History::Read { commits, prefix } => (commits, prefix),
        History::Missing(why) => {
            return Interest::Unavailable {
                unavailable: format!("history is unavailable: {why}"),
            };
        }
    };
    let cover = Coverage::of(item);
    if cover.is_empty() {
        return Interest::Unavailable {
            unavailable: "the item names no paths or modules".into(),
        };
    }
    let covers = |f: &str| cover.covers(f, &ev.module_of);
    Interest::Computed(measure(&covers, commits, prefix, ev))
}

/// Signals for whatever `covers` says is inside.
pub fn measure(
    covers: &dyn Fn(&str) -> bool,
    commits: &[Commit],
    prefix: &str,
    ev: &Evidence,
) -> Signals {
    let mut revisions = 0;
    let mut bug_fixes = 0;
    let mut coupled_commits = 0;
    let mut sized = 0;
    let mut authors: BTreeMap<&str, usize> = BTreeMap::new();
    let mut outside: BTreeMap<&str, usize> = BTreeMap::new();
    for c in commits.iter().filter(|c| !c.bot) {
        let mut inside = false;
        let mut leaves = false;
        for f in &c.files {
            match f.strip_prefix(prefix) {
                Some(r) if covers(r) => inside = true,
                Some(r) if ev.is_source(r) => leaves = true,
                _ => {}
            }
        }
        if !inside {
            continue;
        }
        revisions += 1;
        *authors.entry(c.author.as_str()).or_default() += 1;
        if ev.bug_fix.is_match(&c.message) {
            bug_fixes += 1;
        }
        if c.files.len() <= ev.max_changeset_size {
            sized += 1;
            if leaves {
                coupled_commits += 1;
                for r in c.files.iter().filter_map(|f| f.strip_prefix(prefix)) {
                    if !covers(r) && ev.is_source(r) {
                        *outside.entry(r).or_default() += 1;
                    }
                }
            }
        }
    }
    let coupling = if sized > 0 {
        coupled_commits as f64 / sized as f64
    } else {
        0.0
    };
    let mut coupled_with: Vec<(String, usize)> = outside
        .into_iter()
        .map(|(f, n)| (f.to_string(), n))
        .collect();
    coupled_with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    coupled_with.truncate(3);
    let files: Vec<&String> = ev.files.iter().filter(|f| covers(f)).collect();
    let (health, health_missing) = match &ev.health {
        Health::Scored(map) => {
            let scores: Vec<f64> = files
                .iter()
                .filter_map(|f| map.get(f.as_str()).copied())
                .collect();
            if scores.is_empty() {
                (None, Some("no covered file has a health score".to_string()))
            } else {
                (Some(scores.iter().sum::<f64>() / scores.len() as f64), None)
            }
        }
        Health::Missing(why) => (None, Some(why.clone())),
    };
    let n_authors = authors.len();
    let main_author = main_of(&authors);
    let interest = formula(revisions, bug_fixes, n_authors, coupling, health);
    Signals {
        files: files.len(),
        revisions,
        authors: n_authors,
        bug_fixes,
        coupling: round2(coupling),
        coupled_with,
        health: health.map(round2),
        health_missing,
        main_author,
        interest: round2(interest),
    }
}

/// The interest of the module documentation:
/// `(R + B + A) × (1 + C) × H`.
pub fn formula(
    revisions: usize,
    bug_fixes: usize,
    authors: usize,
    coupling: f64,
    health: Option<f64>,
) -> f64 {
    let h_factor = health.map_or(1.0, |h| (11.0 - h.clamp(1.0, 10.0)) / 5.5);
    (revisions + bug_fixes + authors) as f64 * (1.0 + coupling) * h_factor
}

/// Who made the most commits; ties go to the name first in order.
pub fn main_of(authors: &BTreeMap<&str, usize>) -> Option<String> {
    authors
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(a, _)| a.to_string())
}

/// Two decimals: what is shown is what is ranked.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
#[path = "signals_tests.rs"]
mod tests;
