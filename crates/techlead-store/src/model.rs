//! What one snapshot holds besides its metric values, for the views that
//! compare repositories: plain data that the CLI fills from the contexts'
//! results.

use serde::Serialize;

/// One snapshot to record.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The repository's name (`[snapshot] repository`).
    pub repo: String,
    pub commit: String,
    /// ISO 8601 UTC (`2026-01-15T10:00:00Z`).
    pub committed_at: String,
    pub taken_at: String,
    pub tool_version: String,
    /// Computed from the commit's git objects, not a checkout
    /// (`snapshot --backfill`).
    pub backfilled: bool,
    /// Each metric's value, or why it has none.
    pub values: Vec<(String, Result<f64, String>)>,
    /// Who the repository is in an organisation.
    pub identity: crate::Identity,
    pub details: Details,
}

/// The radar, the packages, the findings and the worst places of one
/// snapshot. Empty parts are simply not known (the context is not set up).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub technologies: Vec<Technology>,
    pub packages: Vec<Package>,
    pub findings: Vec<FindingCount>,
    /// The top hotspots, hottest first; at most [`crate::schema::TOP`]
    /// are kept.
    pub hotspots: Vec<Hotspot>,
    /// The top knowledge risks, riskiest first; at most
    /// [`crate::schema::TOP`] are kept.
    pub knowledge: Vec<Knowledge>,
}

/// A technology record of the repository's radar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Technology {
    pub name: String,
    pub quadrant: Option<String>,
    pub ring: Option<String>,
}

/// A package of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    /// `cargo`, `npm`, `pypi`, ...
    pub ecosystem: String,
    pub name: String,
    /// Empty when the manifest names no version.
    pub version: String,
    pub direct: bool,
    pub dev: bool,
    /// A technology on the repository's Hold ring covers it.
    pub hold: bool,
}

/// How many findings a rule has at one severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingCount {
    pub rule: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    pub count: usize,
}

/// A hotspot: a file changed often and complex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hotspot {
    pub path: String,
    pub revisions: usize,
    pub loc: usize,
    pub complexity: usize,
    /// revisions × complexity over the repository's highest (0 to 1).
    pub score: f64,
    /// Code health 1 to 10; None without a scanner for the language.
    pub health: Option<f64>,
}

/// A knowledge risk: a file most of whose changes come from one person,
/// or a module with a low truck factor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Knowledge {
    /// `file` or `module`.
    pub kind: String,
    /// The file's path, or the module's name.
    pub path: String,
    /// The file's main developer, or the module's first truck-factor
    /// person.
    pub main_dev: Option<String>,
    /// The main developer's share of the file's changes (0 to 1).
    pub ownership: Option<f64>,
    /// The module's truck factor.
    pub truck_factor: Option<usize>,
    /// The file's changes, or the module's files.
    pub revisions: usize,
}

/// What [`crate::Store::record`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    New,
    /// The commit had a snapshot: its values were replaced.
    Replaced,
}
