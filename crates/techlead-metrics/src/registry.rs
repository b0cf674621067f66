//! The one list of metrics: names, units, what each means and how it is
//! computed, and which direction is better. Snapshots store these names,
//! `techlead trend` draws them and goals bind key results to them, so a
//! name never changes meaning once published (docs/guide/metrics.md).

use crate::compute::{self, Computed};
use crate::evidence::Evidence;
use serde::Serialize;

/// What a value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// A whole number of things.
    Count,
    /// Days, to two decimals.
    Days,
    /// A share from 0 to 1.
    Ratio,
    /// Events per month.
    PerMonth,
    /// A score out of 10, higher is better (file health from 1, the
    /// practices score from 0).
    Score,
    /// A named level, stored as its position in [`LEVELS`].
    Level,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Days => "days",
            Unit::Ratio => "ratio",
            Unit::PerMonth => "per-month",
            Unit::Score => "score",
            Unit::Level => "level",
        }
    }
}

/// The practices levels, lowest first: a level metric's value is its
/// index here, so `practices.level >= silver` compares numbers.
pub const LEVELS: &[&str] = &["none", "bronze", "silver", "gold"];

/// Which way a metric should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Better {
    Higher,
    Lower,
    /// Neither: a size or a count to watch, not to push.
    Neither,
}

/// One metric.
pub struct Metric {
    /// `area.name`, lowercase with underscores: stable forever.
    pub name: &'static str,
    pub unit: Unit,
    pub better: Better,
    /// What it means, one sentence.
    pub description: &'static str,
    /// How it is computed, for the documentation.
    pub computed: &'static str,
    pub(crate) compute: fn(&Evidence) -> Computed,
}

impl std::fmt::Debug for Metric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl Metric {
    /// The value, or why it could not be computed.
    pub fn compute(&self, evidence: &Evidence) -> Computed {
        (self.compute)(evidence)
    }

    /// A value as people read it: counts whole, levels by name.
    pub fn format(&self, value: f64) -> String {
        match self.unit {
            Unit::Count => format!("{}", value.round() as i64),
            Unit::Level => LEVELS
                .get(value.round().max(0.0) as usize)
                .map_or_else(|| value.to_string(), |l| l.to_string()),
            Unit::Ratio => format!("{:.0}%", value * 100.0),
            Unit::Days | Unit::PerMonth => trim(value, 2),
            Unit::Score => trim(value, 1),
        }
    }

    /// A threshold as a user writes it (`7`, `0.5`, `silver`).
    pub fn parse(&self, text: &str) -> Option<f64> {
        let t = text.trim();
        if self.unit == Unit::Level
            && let Some(i) = LEVELS.iter().position(|l| l.eq_ignore_ascii_case(t))
        {
            return Some(i as f64);
        }
        t.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

fn trim(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

macro_rules! metric {
    ($name:literal, $unit:ident, $better:ident, $f:path, $desc:literal, $how:literal) => {
        Metric {
            name: $name,
            unit: Unit::$unit,
            better: Better::$better,
            description: $desc,
            computed: $how,
            compute: $f,
        }
    };
}

/// Every metric, grouped by area, in the order snapshots list them.
pub static METRICS: &[Metric] = &[
    metric!(
        "decisions.total",
        Count,
        Neither,
        compute::decisions_total,
        "Decision records in the decisions folder.",
        "Records `techlead adr list` reads (README, index and templates are not records)."
    ),
    metric!(
        "decisions.accepted",
        Count,
        Neither,
        compute::decisions_accepted,
        "Decision records whose status is accepted.",
        "Records whose normalised status is `accepted`."
    ),
    metric!(
        "decisions.proposed",
        Count,
        Neither,
        compute::decisions_proposed,
        "Decision records still proposed (or drafts): decisions not yet made.",
        "Records whose normalised status is `proposed` or `draft`."
    ),
    metric!(
        "decisions.superseded",
        Count,
        Neither,
        compute::decisions_superseded,
        "Decision records superseded by a later one.",
        "Records whose normalised status is `superseded`."
    ),
    metric!(
        "decisions.deprecated",
        Count,
        Neither,
        compute::decisions_deprecated,
        "Decision records deprecated, rejected or reverted.",
        "Records whose normalised status is `deprecated`, `rejected` or `reverted`."
    ),
    metric!(
        "decisions.findings",
        Count,
        Lower,
        compute::decisions_findings,
        "Problems `techlead check` finds in the decision records.",
        "`decisions/*` findings of every severity, after the baseline."
    ),
    metric!(
        "boundaries.modules",
        Count,
        Neither,
        compute::boundaries_modules,
        "Modules declared in `[boundaries]`.",
        "`[[boundaries.modules]]` entries."
    ),
    metric!(
        "boundaries.dependencies",
        Count,
        Neither,
        compute::boundaries_dependencies,
        "Module-to-module dependencies the code has.",
        "Pairs of modules with at least one import from one to the other (`boundaries graph`)."
    ),
    metric!(
        "boundaries.violations",
        Count,
        Lower,
        compute::boundaries_violations,
        "New boundary violations: what `techlead boundaries check` reports.",
        "`boundaries/*` findings of error or warning severity, after the baseline."
    ),
    metric!(
        "boundaries.baseline",
        Count,
        Lower,
        compute::boundaries_baseline,
        "Known boundary violations recorded in the baseline, to be paid down.",
        "`.techlead/baseline.toml` entries of `boundaries/*` rules."
    ),
    metric!(
        "radar.technologies",
        Count,
        Neither,
        compute::radar_technologies,
        "Technology records on the radar.",
        "Records in the radar folder."
    ),
    metric!(
        "radar.adopt",
        Count,
        Neither,
        compute::radar_adopt,
        "Technologies in the Adopt ring.",
        "Records whose ring is `adopt`; absent when `[radar] rings` has no such ring."
    ),
    metric!(
        "radar.trial",
        Count,
        Neither,
        compute::radar_trial,
        "Technologies in the Trial ring.",
        "Records whose ring is `trial`; absent when `[radar] rings` has no such ring."
    ),
    metric!(
        "radar.assess",
        Count,
        Neither,
        compute::radar_assess,
        "Technologies in the Assess ring.",
        "Records whose ring is `assess`; absent when `[radar] rings` has no such ring."
    ),
    metric!(
        "radar.hold",
        Count,
        Neither,
        compute::radar_hold,
        "Technologies on Hold (the last ring).",
        "Records in the last of `[radar] rings`."
    ),
    metric!(
        "radar.hold_in_use",
        Count,
        Lower,
        compute::radar_hold_in_use,
        "Technologies on Hold that the code still depends on.",
        "Records in the last ring with at least one of their `packages` in the dependency inventory."
    ),
    metric!(
        "deps.packages",
        Count,
        Neither,
        compute::deps_packages,
        "Distinct external packages in the lockfiles and manifests.",
        "Distinct (ecosystem, name, version) in `techlead deps`."
    ),
    metric!(
        "deps.direct",
        Count,
        Neither,
        compute::deps_direct,
        "Direct dependencies: packages a project in the tree declares.",
        "Distinct (ecosystem, name) with `direct: true`."
    ),
    metric!(
        "deps.dev",
        Count,
        Neither,
        compute::deps_dev,
        "Development-only direct dependencies.",
        "Distinct (ecosystem, name) with `direct: true` and `dev: true`."
    ),
    metric!(
        "deps.ecosystems",
        Count,
        Neither,
        compute::deps_ecosystems,
        "Package ecosystems in use (cargo, npm, pypi...).",
        "Distinct ecosystems in `techlead deps`."
    ),
    metric!(
        "deps.vulnerable",
        Count,
        Lower,
        compute::deps_vulnerable,
        "Package versions with known vulnerabilities (OSV advisories).",
        "Distinct (ecosystem, name, version) with at least one OSV advisory, `[deps] ignore_advisories` not applied; only with `techlead snapshot --online`, and absent when OSV gave no answer for some version."
    ),
    metric!(
        "deps.yanked",
        Count,
        Lower,
        compute::deps_yanked,
        "Locked package versions their registry has yanked.",
        "Distinct (ecosystem, name, version) that crates.io, npm or PyPI marks yanked; only with `techlead snapshot --online`, and absent when some version has no registry answer (also an ecosystem without a registry client: Go, Maven, RubyGems, Packagist)."
    ),
    metric!(
        "deps.outdated_major",
        Count,
        Lower,
        compute::deps_outdated_major,
        "Package versions one or more major lines behind their newest release.",
        "Distinct (ecosystem, name, version) at least `[deps] outdated_majors` (1) major versions behind the newest stable release; only with `techlead snapshot --online`, and absent when some version has no registry answer (also an ecosystem without a registry client: Go, Maven, RubyGems, Packagist)."
    ),
    metric!(
        "deps.unknown_license",
        Count,
        Lower,
        compute::deps_unknown_license,
        "Package versions whose license techlead could not read.",
        "Distinct (ecosystem, name, version) with no license in the lockfile, an installed copy or `[deps.clarify]`, or one that is no SPDX expression."
    ),
    metric!(
        "deps.denied_license",
        Count,
        Lower,
        compute::deps_denied_license,
        "Package versions under a license the `[deps]` policy refuses.",
        "Distinct (ecosystem, name, version) whose license the `[deps]` deny or allow list refuses, development-only ones included; absent without `deny_licenses` or `allow_licenses`."
    ),
    metric!(
        "history.commits",
        Count,
        Neither,
        compute::history_commits,
        "Non-merge commits in the history up to the snapshot's commit.",
        "Commits `techlead history summary` reads (bots included)."
    ),
    metric!(
        "history.authors",
        Count,
        Neither,
        compute::history_authors,
        "People who committed (bots left out).",
        "Distinct authors after .mailmap and identity merging, bots left out."
    ),
    metric!(
        "history.truck_factor",
        Count,
        Higher,
        compute::history_truck_factor,
        "The fewest people whose leaving would orphan half of the code.",
        "Avelino et al.'s truck factor over the files that exist, as `techlead history truck-factor`."
    ),
    metric!(
        "history.knowledge_islands",
        Count,
        Lower,
        compute::history_knowledge_islands,
        "Files only one person has ever changed.",
        "Existing files with a single author (bots left out)."
    ),
    metric!(
        "history.knowledge_island_share",
        Ratio,
        Lower,
        compute::history_island_share,
        "The share of files only one person has ever changed.",
        "`history.knowledge_islands` over the existing files with history."
    ),
    metric!(
        "history.knowledge_loss",
        Count,
        Lower,
        compute::history_knowledge_loss,
        "Files none of whose authors committed in the last 12 months.",
        "`techlead history knowledge-loss` rows (window 12 months before the snapshot's commit)."
    ),
    metric!(
        "history.departed",
        Count,
        Lower,
        compute::history_departed,
        "People who left (no commit in 12 months) and still own files.",
        "Authors without a commit in the window who are the main developer (by revisions) of an existing file."
    ),
    metric!(
        "hotspots.files",
        Count,
        Neither,
        compute::hotspots_files,
        "Source files with history and measured complexity.",
        "Rows of `techlead history hotspots`; absent in a bare repository."
    ),
    metric!(
        "hotspots.complexity",
        Count,
        Lower,
        compute::hotspots_complexity,
        "Total cyclomatic complexity of the changed source files.",
        "Sum of `complexity` over `techlead history hotspots`."
    ),
    metric!(
        "hotspots.top_complexity",
        Count,
        Lower,
        compute::hotspots_top_complexity,
        "Complexity of the worst hotspot (most change times complexity).",
        "`complexity` of the first row of `techlead history hotspots`."
    ),
    metric!(
        "coupling.pairs",
        Count,
        Lower,
        compute::coupling_pairs,
        "Pairs of source files that change together above code-maat's thresholds.",
        "Rows of `techlead history coupling` with its defaults: present source files only (tests, CI and settings files, docs, generated, vendored and binary files left out)."
    ),
    metric!(
        "coupling.cross_module",
        Count,
        Lower,
        compute::coupling_cross_module,
        "Coupled file pairs in different modules: hidden dependencies.",
        "`coupling.pairs` whose files are in two different `[boundaries]` modules; absent without modules."
    ),
    metric!(
        "delivery.releases",
        Count,
        Neither,
        compute::delivery_releases,
        "Releases: version tags on the main line.",
        "Releases `techlead history delivery` counts (pre-releases left out)."
    ),
    metric!(
        "delivery.releases_per_month",
        PerMonth,
        Higher,
        compute::delivery_per_month,
        "Releases per month over the six months up to the snapshot's commit.",
        "Releases dated in the 183 days up to the commit, divided by 6."
    ),
    metric!(
        "delivery.lead_time_median_days",
        Days,
        Lower,
        compute::delivery_median,
        "Median days from a commit to the first release that ships it.",
        "`techlead history delivery`'s median lead time over the releases after the first (the first has no earlier release to start from)."
    ),
    metric!(
        "delivery.lead_time_p90_days",
        Days,
        Lower,
        compute::delivery_p90,
        "90th percentile of days from a commit to its first release.",
        "`techlead history delivery`'s p90 lead time over the releases after the first (the first has no earlier release to start from)."
    ),
    metric!(
        "delivery.lead_time_median_days_last_year",
        Days,
        Lower,
        compute::delivery_median_last_year,
        "Median days from a commit to its first release, over the last year's releases.",
        "`techlead history delivery`'s `last year` median: the commits shipped by the releases dated in the 365 days up to the commit, the first release's left out (it has no earlier release to start from)."
    ),
    metric!(
        "delivery.lead_time_p90_days_last_year",
        Days,
        Lower,
        compute::delivery_p90_last_year,
        "90th percentile of days from a commit to its first release, over the last year's releases.",
        "`techlead history delivery`'s `last year` p90: the commits shipped by the releases dated in the 365 days up to the commit, the first release's left out (it has no earlier release to start from)."
    ),
    metric!(
        "delivery.revert_rate",
        Ratio,
        Lower,
        compute::delivery_revert_rate,
        "Reverts per released commit.",
        "`techlead history delivery`'s revert rate."
    ),
    metric!(
        "health.worst_file",
        Score,
        Higher,
        compute::health_worst_file,
        "Health (1-10) of the least healthy source file.",
        "The lowest file health of `techlead health`."
    ),
    metric!(
        "health.average",
        Score,
        Higher,
        compute::health_average,
        "Average file health (1-10), weighted by lines of code.",
        "File health of `techlead health`, weighted by each file's lines of code."
    ),
    metric!(
        "health.unhealthy_files",
        Count,
        Lower,
        compute::health_unhealthy_files,
        "Source files with health below 4.",
        "Files of `techlead health` with health < 4."
    ),
    metric!(
        "debt.open_items",
        Count,
        Lower,
        compute::debt_open_items,
        "Open items in the debt register.",
        "Items of `techlead debt list` still owed: open, scheduled or in progress."
    ),
    metric!(
        "debt.open_principal_days",
        Days,
        Lower,
        compute::debt_open_principal_days,
        "Estimated days to repay every open debt item.",
        "Sum of the owed items' principal (the middle of each range), in days of 8 hours; absent while an owed item has no principal."
    ),
    metric!(
        "practices.score",
        Score,
        Higher,
        compute::practices_score,
        "The engineering-practices score (0-10), as `techlead practices` shows it.",
        "Weighted mean of the applicable checks' scores (`[practices] weights`); checks that do not apply are left out, not scored zero."
    ),
    metric!(
        "practices.level",
        Level,
        Higher,
        compute::practices_level,
        "The practices level reached: none, bronze, silver or gold.",
        "The highest level of `techlead practices` whose checks all reach their minimums (`[practices.levels]`)."
    ),
    metric!(
        "goals.total",
        Count,
        Neither,
        crate::goals::goals_total,
        "Active goals with key results.",
        "Goals of `techlead goals list` whose status is active and that have at least one key result."
    ),
    metric!(
        "goals.on_track",
        Ratio,
        Higher,
        crate::goals::goals_on_track,
        "Share of the active goals' key results that are met or on track.",
        "Key results of active goals that are met, on track against the time gone by in their horizon, or in a horizon not started, over all of them; absent while one cannot be evaluated."
    ),
];

/// The metric named `name`.
pub fn find(name: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.name == name)
}

/// Every metric name, in registry order.
pub fn names() -> impl Iterator<Item = &'static str> {
    METRICS.iter().map(|m| m.name)
}

/// The metric named `name`, or an input error with the closest name.
pub fn lookup(name: &str) -> Result<&'static Metric, techlead_core::InputError> {
    find(name).ok_or_else(|| {
        let mut e = techlead_core::InputError::new(format!("unknown metric `{name}`"));
        e = match techlead_core::suggest::did_you_mean(name, names()) {
            Some(s) => e.with_help(format!(
                "did you mean `{s}`? `techlead snapshot --list` shows every metric"
            )),
            None => e.with_help("`techlead snapshot --list` shows every metric"),
        };
        e
    })
}
