//! What the metrics and the report are computed from: each context's
//! result, or why there is none. The CLI composes the contexts and fills
//! this in; nothing here reads a file.

use techlead_boundaries::ModuleGraph;
use techlead_core::Finding;
use techlead_health::Report as HealthReport;
use techlead_history::Assessment;
use techlead_inventory::Package;
pub use techlead_inventory::summary::EcosystemRisk;
use techlead_radar::Technology;
use techlead_records::Record;

/// Why a context has no result: not configured, not a git repository, not
/// built yet. `setup` is the command that sets it up, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Absent {
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setup: Option<String>,
}

impl Absent {
    pub fn new(reason: impl Into<String>) -> Absent {
        Absent {
            reason: reason.into(),
            setup: None,
        }
    }

    pub fn setup(mut self, command: impl Into<String>) -> Absent {
        self.setup = Some(command.into());
        self
    }
}

/// A context's result, or why there is none.
pub type Source<T> = Result<T, Absent>;

/// The decision records and their lint findings.
pub struct Decisions {
    /// Folder relative to the project root.
    pub dir: String,
    pub records: Vec<Record>,
    /// Each record's markdown body (front matter removed), in the order of
    /// `records`.
    pub bodies: Vec<String>,
    /// `decisions/*` findings after the baseline.
    pub findings: Vec<Finding>,
}

/// The module boundaries: the graph and the rule findings.
pub struct Boundaries {
    pub graph: ModuleGraph,
    /// `boundaries/*` findings after the baseline (the new ones).
    pub findings: Vec<Finding>,
    /// Baseline entries of `boundaries/*` rules (known violations).
    pub baseline: usize,
    /// Layers in order, top first, as `[boundaries] layers` declares them.
    pub layers: Vec<String>,
}

/// The technology radar.
pub struct Radar {
    pub technologies: Vec<Technology>,
    /// The rings in order, the last one Hold.
    pub rings: Vec<String>,
    pub quadrants: Vec<String>,
    /// Technologies on Hold whose packages are in use, with those packages
    /// (`eco:name`).
    pub hold_in_use: Vec<(String, Vec<String>)>,
    /// `radar/*` findings after the baseline.
    pub findings: Vec<Finding>,
    /// Each technology's rationale markdown (the body), in order.
    pub bodies: Vec<String>,
}

/// The dependency inventory.
pub struct Deps {
    pub packages: Vec<Package>,
    /// Lockfiles that could not be read, as messages.
    pub errors: Vec<String>,
    /// The risk counts per ecosystem (licenses always; vulnerabilities,
    /// yanked and outdated versions only when the online answers were
    /// asked, else None in each).
    pub risk: Vec<EcosystemRisk>,
    /// What OSV said, when the online answers were asked.
    pub vulnerabilities: Option<VulnerabilityScan>,
}

/// The packages OSV knows vulnerabilities of, and how many it gave no
/// answer for (the list may miss them: never read as "none").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct VulnerabilityScan {
    /// Those the radar has on Hold first.
    pub vulnerable: Vec<Vulnerable>,
    /// Package versions whose vulnerabilities are unknown (OSV could not
    /// be reached, or its answer not read).
    pub unknown: usize,
}

/// A package version with known vulnerabilities (OSV).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Vulnerable {
    pub ecosystem: String,
    pub name: String,
    pub version: String,
    /// The lockfile it comes from, and the line.
    pub source: String,
    pub line: u32,
    /// The advisory ids (GHSA, RUSTSEC, PYSEC, CVE...).
    pub advisories: Vec<String>,
    /// The versions that fix them, each once; empty when none is known.
    pub fixed: Vec<String>,
    /// The radar technology on Hold that covers it.
    pub on_hold: Option<String>,
}

/// The debt register.
pub struct Debt {
    pub items: Vec<techlead_debt::DebtItem>,
}

/// The goals, and the records that may serve them.
pub struct Goals {
    pub goals: Vec<techlead_goals::Goal>,
    /// Decisions, debt items and technologies with the goals they name.
    pub works: techlead_goals::Works,
    /// `[goals] off_track_tolerance`.
    pub tolerance: f64,
}

/// The commit the evidence describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// Committer time, seconds since the epoch.
    pub time: i64,
}

/// Everything gathered for one commit.
pub struct Evidence {
    /// The repository's name in snapshots.
    pub repo: String,
    pub commit: Source<Commit>,
    /// YYYY-MM-DD.
    pub today: String,
    pub decisions: Source<Decisions>,
    pub boundaries: Source<Boundaries>,
    pub radar: Source<Radar>,
    pub deps: Source<Deps>,
    pub history: Source<Box<Assessment>>,
    pub debt: Source<Debt>,
    /// The code health of every source file (`techlead health`).
    pub health: Source<HealthReport>,
    /// The engineering-practices scorecard of the working tree.
    pub practices: Source<Box<techlead_practices::Report>>,
    pub goals: Source<Goals>,
}
