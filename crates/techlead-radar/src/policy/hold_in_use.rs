//! `radar/hold-in-use`: the radar says stop, the lockfile says still used.

use super::{RadarCtx, covers};
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "radar/hold-in-use",
    Severity::Error,
    "A package of a technology on Hold is in a lockfile.",
);

pub struct HoldInUse;

impl Rule<RadarCtx<'_>> for HoldInUse {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &RadarCtx<'_>, out: &mut Vec<Finding>) {
        let Some(hold) = cx.rings.last() else {
            return;
        };
        for t in cx.techs.iter().filter(|t| t.ring.as_ref() == Some(hold)) {
            for p in cx.inventory.iter().filter(|p| covers(t, p)) {
                out.push(Finding::new(
                    INFO.id,
                    INFO.default_severity,
                    format!(
                        "`{}` ({}) is on Hold in the radar ({}, {}) but this lockfile uses it",
                        p.name, p.ecosystem, t.name, t.path
                    ),
                    Some(Location::line(&p.source, p.line)),
                    "replace it with the technology the radar recommends, or move the record out of Hold with a reason",
                    &format!("{}:{}", p.ecosystem, p.name),
                ));
            }
        }
    }
}
