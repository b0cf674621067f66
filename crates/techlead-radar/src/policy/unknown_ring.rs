//! `radar/unknown-ring`: a record without a ring, or in one that
//! `[radar] rings` does not list, cannot be placed on the radar.

use super::{RadarCtx, field_finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "radar/unknown-ring",
    Severity::Error,
    "A technology record has no ring, or one that `[radar] rings` does not list.",
);

pub struct UnknownRing;

impl Rule<RadarCtx<'_>> for UnknownRing {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &RadarCtx<'_>, out: &mut Vec<Finding>) {
        for t in cx.techs {
            out.extend(field_finding(
                &INFO,
                t,
                "ring",
                &t.ring,
                &cx.rings,
                t.lines.ring,
                "add the ring to [radar] rings",
            ));
        }
    }
}
