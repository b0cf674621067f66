//! The dashboard's data: what the HTML shows, and `--format json` prints.
//! Every value is one the store holds or one computed from those; a figure
//! a repository has not recorded is `null`, never zero.

use serde::Serialize;
use techlead_store::org::{HotspotRow, KnowledgeRow};

/// The key figures of each repository, in the order of the table's
/// columns, with a short label.
pub const KEY: &[(&str, &str)] = &[
    ("decisions.total", "Decisions"),
    ("boundaries.violations", "Boundary violations"),
    ("radar.hold_in_use", "Hold in use"),
    ("deps.vulnerable", "Vulnerable packages"),
    ("hotspots.top_complexity", "Top hotspot complexity"),
    ("health.average", "Health"),
    ("history.truck_factor", "Truck factor"),
    ("history.knowledge_island_share", "Knowledge islands"),
    ("debt.open_items", "Open debt items"),
    ("delivery.lead_time_median_days", "Lead time (days)"),
    ("practices.score", "Practices score"),
];

/// The dependency risk figures, per repository.
pub const RISK: &[(&str, &str)] = &[
    ("radar.hold_in_use", "Hold in use"),
    ("deps.vulnerable", "Vulnerable"),
    ("deps.yanked", "Yanked"),
    ("deps.outdated_major", "Majors behind"),
    ("deps.denied_license", "Denied licence"),
    ("deps.unknown_license", "Unknown licence"),
    ("deps.direct", "Direct dependencies"),
];

/// The series read from the store: the key figures and the decision
/// counts per team.
pub const SERIES: &[&str] = &[
    "decisions.total",
    "boundaries.violations",
    "radar.hold_in_use",
    "deps.vulnerable",
    "hotspots.top_complexity",
    "health.average",
    "history.truck_factor",
    "history.knowledge_island_share",
    "debt.open_items",
    "delivery.lead_time_median_days",
    "practices.score",
];

/// Points drawn per sparkline: a year of weekly snapshots.
pub const TREND_POINTS: usize = 52;
/// Rows of the worst hotspots and knowledge risks.
pub const TOP: usize = 25;
/// Quarters in the decisions-per-team table.
pub const QUARTERS: usize = 8;
/// Packages in the shared-packages table.
pub const SHARED: usize = 20;

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub generated: String,
    pub tool_version: String,
    /// The store, as shown in messages (no password).
    pub store: String,
    /// What the figures of each repository are.
    pub figures: Vec<FigureInfo>,
    pub repositories: Vec<RepoCard>,
    pub teams: Vec<String>,
    /// Repositories per practices level, lowest level first.
    pub practices: Vec<LevelCount>,
    pub radar: Vec<TechnologyRow>,
    /// Packages on a Hold ring that a repository uses.
    pub hold_in_use: Vec<HoldPackage>,
    pub risk: Vec<FigureInfo>,
    pub dependencies: Vec<RepoRisk>,
    /// Packages used by more than one repository, most used first.
    pub shared_packages: Vec<SharedPackage>,
    pub decisions: Decisions,
    pub hotspots: Vec<HotspotRow>,
    pub knowledge: Vec<KnowledgeRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureInfo {
    pub metric: String,
    pub label: String,
    /// `count`, `days`, `ratio`, `score`, ...
    pub unit: String,
    /// `higher`, `lower` or `neither`.
    pub better: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RepoCard {
    pub name: String,
    pub key: String,
    pub team: Option<String>,
    pub tags: Vec<String>,
    pub snapshots: usize,
    pub commit: Option<String>,
    pub committed_at: Option<String>,
    pub tool_version: Option<String>,
    /// One per [`KEY`] figure, in that order.
    pub figures: Vec<Figure>,
    /// Findings of the latest snapshot: errors, warnings, notes.
    pub findings: [usize; 3],
    /// The practices level reached (`none`, `bronze`, ...).
    pub level: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub metric: String,
    /// The latest snapshot's value; None when it was not recorded.
    pub value: Option<f64>,
    /// The snapshot before it, for the arrow.
    pub previous: Option<f64>,
    /// The last [`TREND_POINTS`] values, oldest first.
    pub trend: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub date: String,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    pub level: String,
    pub repositories: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TechnologyRow {
    pub technology: String,
    pub quadrants: Vec<String>,
    /// Each repository that has it on its radar, with its ring there.
    pub uses: Vec<RingUse>,
    /// Repositories disagree on its ring.
    pub rings_differ: bool,
    /// Some repository has it on Hold.
    pub on_hold: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RingUse {
    pub repo: String,
    pub ring: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HoldPackage {
    pub ecosystem: String,
    pub package: String,
    pub versions: Vec<String>,
    pub repos: Vec<String>,
    /// A direct dependency in at least one of them.
    pub direct: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RepoRisk {
    pub repo: String,
    /// One per [`RISK`] figure, in that order.
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedPackage {
    pub ecosystem: String,
    pub package: String,
    pub repos: usize,
    /// The versions in use, sorted; more than one is drift.
    pub versions: Vec<String>,
}

/// Decision records per team, at the end of each quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Decisions {
    /// `2026-Q1`, oldest first.
    pub quarters: Vec<String>,
    pub teams: Vec<TeamDecisions>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamDecisions {
    /// The team, or `(no team)`.
    pub team: String,
    pub repos: usize,
    /// Records in the team's repositories at each quarter's end (each
    /// repository's latest snapshot by then); None before any snapshot.
    pub totals: Vec<Option<f64>>,
    /// Records added in the quarter: the total's change since the quarter
    /// before (None when either is unknown).
    pub added: Vec<Option<f64>>,
}
