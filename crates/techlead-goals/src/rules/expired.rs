//! `goals/expired`: a goal is still active after its horizon ended.

use super::{GoalsCtx, finding};
use crate::status::Status;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "goals/expired",
    Severity::Warning,
    "An active goal's horizon has ended: it was achieved, missed or dropped, and should say which.",
);

pub struct Expired;

impl Rule<GoalsCtx<'_>> for Expired {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &GoalsCtx<'_>, out: &mut Vec<Finding>) {
        let Ok(today) = cx.today.parse() else { return };
        for g in cx.goals.iter().filter(|g| g.status == Status::Active) {
            let Some(h) = &g.horizon else { continue };
            if !h.is_over(today) {
                continue;
            }
            let n = g.number.map_or_else(|| g.id.clone(), |n| n.to_string());
            out.push(finding(
                &INFO,
                &g.path,
                Some(g.lines.status.unwrap_or(g.lines.title)),
                format!(
                    "goal {} is still active but its horizon {} ended on {}",
                    g.id, h.text, h.end
                ),
                format!(
                    "say how it ended: `techlead goals status {n} achieved` (or missed, dropped), or move the horizon with a reason"
                ),
                &g.id,
            ));
        }
    }
}
