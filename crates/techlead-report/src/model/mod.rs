//! The report's data model: what every section shows, built from the
//! contexts' results ([`Evidence`]), the metrics and the snapshots. The
//! HTML and markdown renderers read it, and `--format json` is this model
//! (docs/report.schema.json is generated from these types).

pub(crate) mod build;
mod links;
mod overview;

pub use build::build;

use schemars::JsonSchema;
use serde::Serialize;
use techlead_metrics::{Absent, Measurement};

/// The model's version: a change that breaks readers of the JSON bumps it.
pub const VERSION: u32 = 1;

/// A section's content, or why it has none (and the command that sets
/// it up).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Part<T> {
    Ready(T),
    Absent(Absent),
}

impl<T> Part<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Part::Ready(t) => Some(t),
            Part::Absent(_) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// [`VERSION`].
    pub version: u32,
    pub repo: String,
    /// YYYY-MM-DD.
    pub generated: String,
    pub tool_version: String,
    pub commit: Option<CommitRef>,
    pub overview: Overview,
    pub decisions: Part<DecisionsPart>,
    pub radar: Part<RadarPart>,
    pub dependencies: Part<DependenciesPart>,
    pub architecture: Part<ArchitecturePart>,
    pub hotspots: Part<HotspotsPart>,
    pub knowledge: Part<KnowledgePart>,
    pub coupling: Part<CouplingPart>,
    pub delivery: Part<DeliveryPart>,
    pub health: Part<HealthPart>,
    pub debt: Part<DebtPart>,
    pub practices: Part<PracticesPart>,
    pub goals: Part<GoalsPart>,
    pub trends: Part<TrendsPart>,
    /// Every metric of this commit, in registry order.
    pub metrics: Vec<Measurement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CommitRef {
    pub id: String,
    /// YYYY-MM-DD.
    pub date: String,
}

/// The sections in page order: anchor id and title.
pub const SECTIONS: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("decisions", "Decisions"),
    ("radar", "Radar"),
    ("architecture", "Architecture"),
    ("hotspots", "Hotspots"),
    ("knowledge", "Knowledge"),
    ("coupling", "Coupling"),
    ("delivery", "Delivery"),
    ("dependencies", "Dependencies"),
    ("health", "Health"),
    ("debt", "Debt"),
    ("practices", "Practices"),
    ("goals", "Goals"),
    ("trends", "Trends"),
];

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Overview {
    /// The numbers a CTO reads first, with their movement since the
    /// previous snapshot.
    pub key_numbers: Vec<KeyNumber>,
    /// The five biggest risks, worst first, each pointing into a section.
    pub risks: Vec<Risk>,
    /// The snapshot compared with, when there is one.
    pub previous: Option<CommitRef>,
    /// Metrics whose value changed since the previous snapshot.
    pub changes: Vec<Change>,
    /// Each section: ready, or absent with the reason and the command
    /// that sets it up.
    pub sections: Vec<SectionState>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KeyNumber {
    pub metric: String,
    pub label: String,
    pub value: Option<f64>,
    /// The value as people read it, or "n/a".
    pub display: String,
    /// Why there is no value.
    pub absent: Option<String>,
    pub previous: Option<f64>,
    /// The previous value as people read it.
    pub previous_display: Option<String>,
    pub trend: Trend,
    /// Whether the movement is good news (None: no movement, or neither
    /// direction is better).
    pub good: Option<bool>,
    /// The section anchor that explains it.
    pub anchor: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Down,
    Same,
    /// No previous value to compare with.
    Unknown,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Risk {
    pub title: String,
    pub detail: String,
    pub anchor: String,
    /// How bad, 0 to 100: the order of the list.
    pub weight: u32,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Change {
    pub metric: String,
    pub from: f64,
    pub to: f64,
    pub from_display: String,
    pub to_display: String,
    pub good: Option<bool>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SectionState {
    pub id: String,
    pub title: String,
    pub ready: bool,
    pub reason: Option<String>,
    pub setup: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Finding {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub path: Option<String>,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DecisionsPart {
    pub dir: String,
    pub records: Vec<Decision>,
    /// Supersede and other links between records: (from, to, kind).
    pub links: Vec<DecisionLink>,
    pub findings: Vec<Finding>,
    /// Every status, tag and decider, for the filters.
    pub statuses: Vec<String>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Decision {
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    pub package: Option<String>,
    pub path: String,
    /// The record rendered from markdown and sanitised: inert whatever it
    /// contains.
    pub html: String,
    /// Technologies and modules the record names, debt items that name
    /// it, and goals it serves (named on either side).
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DecisionLink {
    pub from: String,
    pub to: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Mention {
    /// `technology`, `module`, `decision`, `debt` or `goal`.
    pub kind: String,
    /// The name, or a record's id and title (`0003 Retries in three
    /// places`).
    pub name: String,
    /// Where it is shown in the report.
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RadarPart {
    pub rings: Vec<String>,
    pub quadrants: Vec<String>,
    pub technologies: Vec<Technology>,
    pub hold_in_use: Vec<HoldInUse>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Technology {
    pub id: String,
    pub name: String,
    pub ring: Option<String>,
    pub quadrant: Option<String>,
    pub packages: Vec<String>,
    /// The decision record it cites, as its id in the report when found.
    pub decision: Option<String>,
    /// `new`, `moved_in`, `moved_out` or `unchanged` over the last 90 days.
    pub movement: String,
    /// The rationale rendered from markdown and sanitised.
    pub rationale_html: String,
    /// One of its packages is in the dependency inventory.
    pub in_use: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HoldInUse {
    pub technology: String,
    pub packages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DependenciesPart {
    pub ecosystems: Vec<EcosystemCount>,
    pub packages: usize,
    pub direct: usize,
    pub hold_in_use: Vec<HoldInUse>,
    /// The risk per ecosystem, as `techlead deps` sums it on stderr:
    /// licences always; vulnerable, outdated and yanked counts only with
    /// `--online` (null otherwise).
    pub risk: Vec<techlead_metrics::evidence::EcosystemRisk>,
    /// With `--online`: the packages with known vulnerabilities, those
    /// on the radar's Hold ring first, and how many OSV gave no answer
    /// for; null offline.
    pub vulnerabilities: Option<techlead_metrics::evidence::VulnerabilityScan>,
    /// Lockfiles that could not be read.
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EcosystemCount {
    pub ecosystem: String,
    pub packages: usize,
    pub direct: usize,
    pub dev: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ArchitecturePart {
    /// Layers top first, as declared.
    pub layers: Vec<String>,
    pub modules: Vec<Module>,
    pub dependencies: Vec<ModuleDependency>,
    pub findings: Vec<Finding>,
    /// Known violations recorded in the baseline.
    pub baseline: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Module {
    pub name: String,
    pub layer: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModuleDependency {
    pub from: String,
    pub to: String,
    pub imports: usize,
    /// Rule ids this dependency breaks; empty when allowed.
    pub violations: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HotspotsPart {
    /// Every changed source file that exists, highest score first.
    pub files: Vec<FileHotspot>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FileHotspot {
    pub path: String,
    pub revisions: usize,
    pub complexity: u32,
    pub loc: u32,
    /// revisions x complexity over the top file's, 0 to 1.
    pub score: f64,
    pub main_dev: Option<String>,
    pub module: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KnowledgePart {
    pub truck_factor: usize,
    pub truck_people: Vec<String>,
    /// Existing files with history.
    pub files: usize,
    /// Of those, changed by one person only.
    pub islands: usize,
    pub modules: Vec<ModuleKnowledge>,
    /// Files whose every author left (no commit in the window).
    pub loss: Vec<KnowledgeLoss>,
    /// People who left and still own files.
    pub departed: Vec<Departed>,
    /// Main developers by files owned, most first.
    pub owners: Vec<Owner>,
    /// YYYY-MM-DD: people without a commit since are gone.
    pub active_since: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModuleKnowledge {
    pub module: String,
    pub truck_factor: usize,
    pub people: Vec<String>,
    pub files: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KnowledgeLoss {
    pub path: String,
    pub authors: Vec<String>,
    pub revisions: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Departed {
    pub author: String,
    pub last_commit: String,
    pub files: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Owner {
    pub author: String,
    pub files: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CouplingPart {
    /// Source file pairs above code-maat's thresholds, strongest first (CI
    /// workflows, settings, tests, docs, generated, vendored and binary
    /// files left out, as for hotspots).
    pub pairs: Vec<Pair>,
    /// Module pairs that change together through their source files.
    pub modules: Vec<Pair>,
    /// Whether files have modules to compare (`[[boundaries.modules]]`).
    pub has_modules: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// Percent of their changes made together.
    pub degree: u32,
    pub average_revisions: u32,
    pub module_a: Option<String>,
    pub module_b: Option<String>,
    /// The files are in two different modules.
    pub crosses: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DeliveryPart {
    pub releases: Vec<Release>,
    pub per_month: Vec<MonthCount>,
    /// Over the commits released after the first release; null when none
    /// was (no number to give).
    pub median_lead_days: Option<f64>,
    pub p90_lead_days: Option<f64>,
    pub commits_released: usize,
    /// The commits the lead times are over.
    pub lead_commits: usize,
    /// The lead times of the last year's releases (the key number).
    pub recent: RecentLead,
    pub reverts: usize,
    pub revert_rate: f64,
    pub prereleases: usize,
}

/// Lead times over the releases dated in the 365 days up to the commit.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RecentLead {
    /// YYYY-MM-DD: the window starts 365 days before the commit, at the
    /// commit's time of day on this date.
    pub since: String,
    pub releases: usize,
    pub lead_commits: usize,
    /// Null when no release in the window shipped a commit.
    pub median_lead_days: Option<f64>,
    pub p90_lead_days: Option<f64>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Release {
    pub tag: String,
    pub date: String,
    pub commits: usize,
    pub reverts: usize,
    pub median_lead_days: f64,
    /// The first release shipping main-line commits: not in the lead time.
    pub first: bool,
    /// Other release tags on the same commit.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MonthCount {
    /// YYYY-MM.
    pub month: String,
    pub releases: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HealthPart {
    /// Source files measured.
    pub files: usize,
    /// Health 1 to 10 weighted by lines of code; None without a line of
    /// code.
    pub average: Option<f64>,
    /// Files under health 4.
    pub unhealthy: usize,
    /// The least healthy files, worst first (at most 20).
    pub worst: Vec<FileHealthRow>,
    /// Files or folders that could not be measured.
    pub skipped: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FileHealthRow {
    pub path: String,
    /// 1 to 10.
    pub health: f64,
    pub loc: u32,
    pub complexity: u32,
    pub functions: usize,
    /// The function that costs the file most, when one costs anything.
    pub worst_function: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DebtPart {
    pub dir: String,
    /// Every item, owed ones first, then by number.
    pub items: Vec<DebtRow>,
    /// Items still owed (open, scheduled, in progress).
    pub owed: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DebtRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub owed: bool,
    pub owner: Option<String>,
    /// YYYY-MM-DD: repaid by.
    pub target: Option<String>,
    /// As written (`2d`, `1-2w`).
    pub principal: Option<String>,
    /// Per month, as written.
    pub interest: Option<String>,
    pub paths: Vec<String>,
    pub modules: Vec<String>,
    /// As written in the item's `decisions:` field.
    pub decisions: Vec<String>,
    /// The decisions it names that exist, and the goals it serves (named
    /// by the item or by the goal).
    pub links: Vec<Mention>,
    pub path: String,
}

/// The engineering-practices scorecard (`techlead practices`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PracticesPart {
    /// 0-10, weighted over the applicable checks; null when none applies.
    pub score: Option<f64>,
    /// none, bronze, silver or gold.
    pub level: String,
    /// The next level and the checks it still lacks.
    pub next_level: Option<String>,
    pub missing: Vec<String>,
    pub checks: Vec<PracticeRow>,
    /// Deployable units against active contributors, in words.
    pub fit: String,
    pub outpaces_team: bool,
    /// Why history could not be read, when it could not.
    pub history_missing: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PracticeRow {
    pub id: String,
    /// pass, partial, fail or n/a.
    pub status: String,
    /// 0-10; null when not applicable.
    pub score: Option<f64>,
    pub reason: String,
    /// One line each: `path:line: detail`, `commit abc: detail`.
    pub evidence: Vec<String>,
}

/// The business goals and their key results (`techlead goals`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GoalsPart {
    pub goals: Vec<GoalRow>,
    /// Why the key results could not be evaluated (a metric name that
    /// does not read), when they could not.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GoalRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub owner: Option<String>,
    pub horizon: Option<String>,
    /// 0..1; null when unknown.
    pub progress: Option<f64>,
    /// met, on track, off track, not started or unknown; active goals only.
    pub track: Option<String>,
    /// How deep in the goal tree.
    pub depth: usize,
    pub key_results: Vec<KeyResultRow>,
    /// The decisions, debt items and technologies that serve it, named by
    /// the goal's `links:` or by the record's `goals:`.
    pub links: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct KeyResultRow {
    /// The metric, or a manual key result's text.
    pub what: String,
    /// `>= 3`, as written.
    pub target: String,
    pub current: Option<f64>,
    pub progress: Option<f64>,
    pub track: Option<String>,
    /// Why the progress is unknown.
    pub unknown: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TrendsPart {
    pub snapshots: usize,
    /// Metrics with at least one value, in registry order.
    pub series: Vec<Series>,
    /// Decision dates, for the time axis.
    pub decisions: Vec<Marker>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Series {
    pub metric: String,
    pub unit: String,
    pub better: String,
    pub description: String,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Point {
    /// YYYY-MM-DD of the commit.
    pub date: String,
    pub commit: String,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Marker {
    pub id: String,
    pub title: String,
    pub date: String,
}

/// What the CLI reads from the snapshot database for the report.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Each metric's series, oldest first (this commit's snapshot included
    /// when it was recorded).
    pub series: Vec<(String, Vec<Point>)>,
    pub snapshots: usize,
    /// The latest snapshot of another commit before this one, and its
    /// values.
    pub previous: Option<(CommitRef, Vec<(String, f64)>)>,
}
