//! `radar/unknown-quadrant`: a record without a quadrant, or in one that
//! `[radar] quadrants` does not list, cannot be placed on the radar.

use super::{RadarCtx, field_finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "radar/unknown-quadrant",
    Severity::Error,
    "A technology record has no quadrant, or one that `[radar] quadrants` does not list.",
);

pub struct UnknownQuadrant;

impl Rule<RadarCtx<'_>> for UnknownQuadrant {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &RadarCtx<'_>, out: &mut Vec<Finding>) {
        let quadrants = cx.config.quadrants();
        for t in cx.techs {
            out.extend(field_finding(
                &INFO,
                t,
                "quadrant",
                &t.quadrant,
                &quadrants,
                t.lines.quadrant,
                "add it to [radar] quadrants",
            ));
        }
    }
}
