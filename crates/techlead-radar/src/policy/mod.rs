//! The radar's policy rules, part of `techlead check`, one file each.
//! Those about the code's real dependencies take the inventory as plain
//! [`InUse`] values: the CLI composes the inventory context with this one.

mod hold_in_use;
mod overlapping_purpose;
mod stale_assessment;
mod unevaluated_direct_dependency;
mod unknown_quadrant;
mod unknown_ring;

use crate::Technology;
use crate::config::RadarConfig;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo};

/// A package the inventory found in a lockfile or manifest.
#[derive(Debug, Clone)]
pub struct InUse {
    pub ecosystem: String,
    pub name: String,
    pub direct: Option<bool>,
    pub source: String,
    pub line: u32,
}

/// Does a technology's `eco:name` cover this package? Names compare as
/// their registries do: PyPI by its normalised name (PEP 503), others
/// exactly.
pub fn covers(tech: &Technology, p: &InUse) -> bool {
    tech.packages
        .iter()
        .any(|r| crate::same_package(&r.ecosystem, &r.name, &p.ecosystem, &p.name))
}

/// What every radar rule looks at.
pub struct RadarCtx<'a> {
    pub techs: &'a [Technology],
    pub config: &'a RadarConfig,
    pub inventory: &'a [InUse],
    /// Today, YYYY-MM-DD.
    pub today: &'a str,
    /// `[radar] rings`, lowercased; the last one is Hold.
    pub rings: Vec<String>,
}

impl<'a> RadarCtx<'a> {
    pub fn new(
        techs: &'a [Technology],
        config: &'a RadarConfig,
        inventory: &'a [InUse],
        today: &'a str,
    ) -> Self {
        RadarCtx {
            techs,
            config,
            inventory,
            today,
            rings: config.rings(),
        }
    }

    /// The record's location at `line`, or at its name.
    fn at(t: &Technology, line: Option<u32>) -> Option<Location> {
        Some(Location::line(&t.path, line.or(t.lines.name).unwrap_or(1)))
    }
}

/// A radar rule: one file each.
pub type RadarRule = dyn for<'a> Rule<RadarCtx<'a>>;

/// Every radar rule, in the order `techlead rules` lists them.
pub static RULES: &[&RadarRule] = &[
    &hold_in_use::HoldInUse,
    &unknown_ring::UnknownRing,
    &unknown_quadrant::UnknownQuadrant,
    &stale_assessment::StaleAssessment,
    &overlapping_purpose::OverlappingPurpose,
    &unevaluated_direct_dependency::UnevaluatedDirectDependency,
];

/// Every rule over the records and the packages in use.
pub fn check(
    techs: &[Technology],
    config: &RadarConfig,
    inventory: &[InUse],
    today: &str,
) -> Vec<Finding> {
    techlead_core::check::run_rules(RULES, &RadarCtx::new(techs, config, inventory, today))
}

/// `ring` and `quadrant`: a record whose value is missing or not among
/// the configured ones.
fn field_finding(
    rule: &RuleInfo,
    t: &Technology,
    what: &str,
    value: &Option<String>,
    allowed: &[String],
    line: Option<u32>,
    help: &str,
) -> Option<Finding> {
    match value {
        Some(v) if allowed.contains(v) => None,
        other => Some(Finding::new(
            rule.id,
            rule.default_severity,
            match other {
                Some(v) => format!(
                    "`{}` is in {what} `{v}`, which is not one of: {}",
                    t.name,
                    allowed.join(", ")
                ),
                None => format!("`{}` has no {what}", t.name),
            },
            RadarCtx::at(t, line),
            format!("set `{what}:` to one of {}, or {help}", allowed.join(", ")),
            what,
        )),
    }
}
