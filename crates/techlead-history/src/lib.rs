//! History analysis from git, read with gix (no `git` process): change
//! sets per commit, then the analyses code-maat defined, with its CSV
//! columns so that existing scripts keep working.

mod analysis;
mod assessment;
mod churn;
mod claims;
mod coupling;
mod delivery;
mod delta;
mod deltacache;
mod diffcache;
mod hotspots;
pub mod identity;
pub mod kinds;
mod lines;
mod listing;
pub mod log;
mod numbered;
mod odb;
mod packfile;
mod people;
mod readahead;
pub mod releases;
mod report;
pub mod revision;
mod snapshot;
mod summary;
pub mod tree;
mod treediff;
mod walk;

pub use analysis::{Analysis, Group, Modules, Outcome, Request, WalkCache, analyse, analyse_with};
pub use assessment::{Assessment, Departed};
pub use churn::{
    AbsChurn, AddedOwner, AuthorChurn, Churn, EntityChurn, LineOwner, Ownership, RemovedOwner,
    abs_churn, author_churn, author_date, entity_churn, entity_ownership, main_dev,
};
pub use coupling::{Coupling, CouplingOptions, PAIR_BUDGET, Soc, coupling, soc};
pub use delivery::{DEFAULT_TAGS, Delivery, Release, delivery};
pub use diffcache::Use as CacheUse;
pub use kinds::{HistoryConfig, Kind};

/// The `[history]` section of techlead.toml.
pub mod config {
    pub use crate::kinds::{HistoryConfig, KindsConfig};
    pub const SECTION: &str = "history";
}
pub use hotspots::{HealthScorer, Hotspot, by_folder, by_group, hotspots};
pub use people::{
    Age, Authors, Fragmentation, Loss, MainDev, TruckFactor, age, authors, fragmentation,
    knowledge_loss, main_dev_by_revs, truck_factor,
};
pub use report::Report;
pub use summary::{Parts, Summary, summary};
pub use techlead_core::table::TableFormat;
pub use walk::{Skipped, default_excludes};

use globset::{Glob, GlobSetBuilder};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use techlead_core::InputError;
use techlead_core::table::{Cell, Column, Row};

/// One commit's changes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangeSet {
    pub id: String,
    /// The author's name, through .mailmap (and, unless
    /// [`Options::merge_identities`] is off, the one name chosen for all of
    /// that person's identities).
    pub author: String,
    /// The author's email, through .mailmap.
    pub email: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
    /// The author's UTC offset in seconds, for the author's calendar date.
    pub offset: i32,
    /// Paths changed, relative to the repository root, sorted.
    pub files: Vec<String>,
    /// Lines added and deleted per file, in the order of `files`; empty
    /// unless [`Options::lines`] asked for them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<FileLines>,
    /// Files renamed by this commit (old path, new path), when renames are
    /// followed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<(String, String)>,
    /// The author is a bot (`identity::is_bot`).
    pub bot: bool,
}

/// One file's line counts in one commit, as `git log --numstat` gives
/// them. A binary file counts 0 and 0 (numstat prints `-`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FileLines {
    pub added: u32,
    pub deleted: u32,
    pub binary: bool,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// The revision to walk back from (default HEAD).
    pub rev: Option<String>,
    /// Walk back from every ref instead, as `git log --all`.
    pub all: bool,
    /// Only commits at or after this time (seconds since the epoch).
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// Follow renames, as `git log` does by default.
    pub follow_renames: bool,
    /// Extra globs to leave out.
    pub exclude: Vec<String>,
    /// Leave out lock, vendored and generated files ([`default_excludes`]).
    pub default_excludes: bool,
    /// Also count lines added and deleted per file (line diffs of every
    /// changed blob: much more work than the tree diffs alone).
    pub lines: bool,
    /// Join one person's identities (same email, or a GitHub noreply
    /// address and the same name) under one name, on top of .mailmap.
    pub merge_identities: bool,
    /// The project root whose `.techlead/cache/history.bin` keeps each
    /// commit's diff between runs; None reads every commit.
    pub cache: Option<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            rev: None,
            all: false,
            since: None,
            until: None,
            follow_renames: true,
            exclude: Vec::new(),
            default_excludes: true,
            lines: false,
            merge_identities: true,
            cache: None,
        }
    }
}

/// The change sets of a repository (a working tree or a bare git dir).
/// Blobs that cannot be read are skipped as [`walk`] says.
pub fn change_sets(repo: &Path, opts: &Options) -> Result<Vec<ChangeSet>, InputError> {
    Ok(walk(repo, opts, &|| {})?.sets)
}

/// A walk's change sets, and the blobs it had to skip.
pub struct Walk {
    pub sets: Vec<ChangeSet>,
    /// Blobs that rename detection or line counts could not read; the
    /// commit was taken without renames, or the file counted 0 lines.
    pub skipped: Vec<Skipped>,
    /// The history cache to write once the command succeeds, and why one
    /// on disk was not used ([`Options::cache`]).
    pub cache: diffcache::Use,
    /// Every commit the listing visited (merges too), by id: delivery
    /// reads parents, author times and reverts here instead of from git.
    pub(crate) records: std::sync::Arc<listing::Records>,
}

/// The change sets, calling `progress` once per commit diffed. Each
/// author is classified (bot or person) and, with
/// [`Options::merge_identities`], one person's identities get one name.
pub fn walk(repo: &Path, opts: &Options, progress: &(dyn Fn() + Sync)) -> Result<Walk, InputError> {
    let mut b = GlobSetBuilder::new();
    let mut patterns: Vec<&str> = Vec::new();
    if opts.default_excludes {
        // Pushed one by one: `extend` would ask the options' strings to be
        // 'static as the shared list's are.
        for g in default_excludes() {
            patterns.push(g);
        }
    }
    patterns.extend(opts.exclude.iter().map(String::as_str));
    for pattern in patterns {
        let glob =
            Glob::new(pattern).map_err(|e| InputError::new(format!("exclude `{pattern}`: {e}")))?;
        b.add(glob);
    }
    let exclude = b
        .build()
        .map_err(|e| InputError::new(format!("excludes: {e}")))?;
    let walk::Walked {
        mut sets,
        skipped,
        cache,
        records,
    } = walk::change_sets(repo, opts, &exclude, progress)?;
    identity::classify(&mut sets, opts.merge_identities);
    Ok(Walk {
        sets,
        skipped,
        cache,
        records,
    })
}

/// The same history with each file replaced by its group (a module, a
/// folder), once per change set; files in no group are dropped. Coupling
/// on the result is coupling between groups.
pub fn grouped(sets: &[ChangeSet], group: impl Fn(&str) -> Option<String>) -> Vec<ChangeSet> {
    sets.iter()
        .map(|s| {
            let mut files: Vec<String> = s.files.iter().filter_map(|f| group(f)).collect();
            files.sort();
            files.dedup();
            ChangeSet {
                id: s.id.clone(),
                author: s.author.clone(),
                email: s.email.clone(),
                bot: s.bot,
                time: s.time,
                offset: s.offset,
                files,
                ..ChangeSet::default()
            }
        })
        .collect()
}

/// A file's folder of at most `depth` components (`.` at the top).
pub fn folder_of(path: &str, depth: usize) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let folder = parts[..parts.len().saturating_sub(1).min(depth)].join("/");
    if folder.is_empty() {
        ".".into()
    } else {
        folder
    }
}

/// code-maat's `revisions`: how many change sets touched each file, most
/// first (ties by name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revisions {
    pub entity: String,
    pub n_revs: usize,
}

impl Row for Revisions {
    const COLUMNS: &'static [Column] = &[
        Column::digits_right("entity"),
        Column::digits_right("n-revs"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![(&self.entity).into(), self.n_revs.into()]
    }
}

pub fn revisions(sets: &[ChangeSet]) -> Vec<Revisions> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in sets {
        for f in &s.files {
            *counts.entry(f).or_default() += 1;
        }
    }
    let mut out: Vec<Revisions> = counts
        .into_iter()
        .map(|(entity, n_revs)| Revisions {
            entity: entity.to_string(),
            n_revs,
        })
        .collect();
    out.sort_by(|a, b| {
        b.n_revs
            .cmp(&a.n_revs)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    out
}
