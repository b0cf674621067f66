//! `goals/unknown-goal`: a decision, debt item or technology names a goal
//! in its `goals:` field, or a goal names a parent, that does not exist.

use super::{GoalsCtx, finding};
use techlead_core::check::Rule;
use techlead_core::suggest::did_you_mean;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "goals/unknown-goal",
    Severity::Error,
    "A record's `goals:` field or a goal's `parent:` names a goal that does not exist.",
);

pub struct UnknownGoal;

impl Rule<GoalsCtx<'_>> for UnknownGoal {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &GoalsCtx<'_>, out: &mut Vec<Finding>) {
        for u in &cx.links.unknown_goals {
            // Numbers one digit apart are other goals, not typos of this one.
            let numeric = u.reference.trim().bytes().all(|b| b.is_ascii_digit());
            let close = did_you_mean(&u.reference, cx.goals.iter().map(|g| g.id.as_str()));
            let help = match close.filter(|_| !numeric) {
                Some(s) => format!("did you mean `{s}`? {}", cx.known_goals()),
                None => cx.known_goals(),
            };
            let message = if u.from.starts_with("goal ") {
                format!("the parent `{}` of {} is not a goal", u.reference, u.from)
            } else {
                format!(
                    "{} serves goal `{}`, which does not exist",
                    u.from, u.reference
                )
            };
            out.push(finding(&INFO, &u.path, u.line, message, help, &u.reference));
        }
    }
}
