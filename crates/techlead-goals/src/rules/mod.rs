//! The goals rules, one file each, over one [`GoalsCtx`].

mod expired;
mod goal_without_work;
mod off_track;
mod orphan_decision;
mod unknown_goal;
mod unknown_record;

use crate::config::GoalsConfig;
use crate::goal::Goal;
use crate::links::Links;
use crate::progress::GoalStatus;
use crate::work::Works;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo};

pub use expired::Expired;
pub use goal_without_work::GoalWithoutWork;
pub use off_track::OffTrack;
pub use orphan_decision::OrphanDecision;
pub use unknown_goal::UnknownGoal;
pub use unknown_record::UnknownRecord;

/// What every goals rule looks at.
pub struct GoalsCtx<'a> {
    pub goals: &'a [Goal],
    /// Each goal evaluated (tree order; find a goal's by id).
    pub statuses: &'a [GoalStatus],
    pub works: &'a Works,
    pub links: &'a Links,
    pub config: &'a GoalsConfig,
    /// YYYY-MM-DD.
    pub today: &'a str,
}

impl GoalsCtx<'_> {
    /// The evaluated status of `goal`.
    pub fn status_of(&self, goal: &Goal) -> Option<&GoalStatus> {
        self.statuses.iter().find(|s| s.id == goal.id)
    }

    /// Every goal id, for help texts.
    pub fn known_goals(&self) -> String {
        let ids: Vec<&str> = self.goals.iter().map(|g| g.id.as_str()).collect();
        if ids.is_empty() {
            "there are no goals yet: `techlead goals add TITLE`".into()
        } else {
            format!("goals: {} (`techlead goals list`)", ids.join(", "))
        }
    }
}

/// Every goals rule, in the order `techlead rules` lists them.
pub static RULES: &[&dyn for<'a> Rule<GoalsCtx<'a>>] = &[
    &UnknownGoal,
    &UnknownRecord,
    &OffTrack,
    &Expired,
    &GoalWithoutWork,
    &OrphanDecision,
];

/// Every rule over `cx`.
pub fn check(cx: &GoalsCtx) -> Vec<Finding> {
    techlead_core::check::run_rules(RULES, cx)
}

/// A finding of `info` at `path:line`.
fn finding(
    info: &RuleInfo,
    path: &str,
    line: Option<u32>,
    message: String,
    help: String,
    key: &str,
) -> Finding {
    let location = Some(match line {
        Some(l) => Location::line(path, l),
        None => Location::file(path),
    });
    Finding::new(info.id, info.default_severity, message, location, help, key)
}
