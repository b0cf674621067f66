//! `radar/overlapping-purpose`: two technologies in use for one job, each
//! with its own upkeep, skills and upgrades.

use super::{RadarCtx, covers};
use crate::Technology;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "radar/overlapping-purpose",
    Severity::Warning,
    "Two technologies in use serve the same purpose.",
);

pub struct OverlappingPurpose;

impl Rule<RadarCtx<'_>> for OverlappingPurpose {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    /// Technologies in use that share a `purpose`: reported on every record
    /// after the first. In use: a package of it is in a lockfile, or, for a
    /// record without packages, it is in one of the rings before Hold.
    fn check(&self, cx: &RadarCtx<'_>, out: &mut Vec<Finding>) {
        let rings = &cx.rings;
        let in_use = |t: &Technology| {
            if t.packages.is_empty() {
                t.ring
                    .as_ref()
                    .is_some_and(|r| rings.len() > 1 && rings[..rings.len() - 1].contains(r))
            } else {
                cx.inventory.iter().any(|p| covers(t, p))
            }
        };
        let mut seen: Vec<(&str, &Technology)> = Vec::new();
        for t in cx.techs.iter().filter(|t| in_use(t)) {
            let Some(purpose) = t.purpose.as_deref() else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(p, _)| *p == purpose) {
                out.push(Finding::new(
                    INFO.id,
                    INFO.default_severity,
                    format!(
                        "`{}` and `{}` are both in use for `{purpose}`",
                        first.name, t.name
                    ),
                    Some(Location::line(&t.path, t.lines.purpose.unwrap_or(1))),
                    "choose one (an ADR records why), put the other on Hold, and plan the migration",
                    purpose,
                ));
            } else {
                seen.push((purpose, t));
            }
        }
    }
}
