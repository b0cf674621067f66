//! `goals/goal-without-work`: an active goal that no decision, debt item,
//! technology or child goal serves.

use super::{GoalsCtx, finding};
use crate::status::Status;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "goals/goal-without-work",
    Severity::Warning,
    "An active goal has no decision, debt item, technology or child goal linked to it.",
);

pub struct GoalWithoutWork;

impl Rule<GoalsCtx<'_>> for GoalWithoutWork {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &GoalsCtx<'_>, out: &mut Vec<Finding>) {
        for (i, g) in cx.goals.iter().enumerate() {
            if g.status != Status::Active || cx.links.of_goal(i).next().is_some() {
                continue;
            }
            if cx.status_of(g).is_some_and(|s| !s.children.is_empty()) {
                continue;
            }
            let n = g.number.map_or_else(|| g.id.clone(), |n| n.to_string());
            out.push(finding(
                &INFO,
                &g.path,
                Some(g.lines.title),
                format!(
                    "active goal {} ({}) has no decision, debt item, technology or child goal linked",
                    g.id, g.title
                ),
                format!(
                    "link the work that serves it: `techlead goals link {n} adr:N` (or debt:N, radar:NAME)"
                ),
                &g.id,
            ));
        }
    }
}
