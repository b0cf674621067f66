//! `goals/unknown-record`: a goal's `links:` names a decision, debt item
//! or technology that does not exist.

use super::{GoalsCtx, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "goals/unknown-record",
    Severity::Error,
    "A goal's `links:` names a decision, debt item or technology that does not exist.",
);

pub struct UnknownRecord;

impl Rule<GoalsCtx<'_>> for UnknownRecord {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &GoalsCtx<'_>, out: &mut Vec<Finding>) {
        for u in &cx.links.unknown_records {
            let g = &cx.goals[u.goal];
            let list = match u.to.kind {
                crate::Kind::Decision => "`techlead adr list`",
                crate::Kind::Debt => "`techlead debt list`",
                crate::Kind::Technology => "`techlead radar list`",
            };
            out.push(finding(
                &INFO,
                &g.path,
                Some(u.line),
                format!("goal {} links to `{}`, which does not exist", g.id, u.to),
                format!("{list} shows what exists; fix the name or remove it from `links:`"),
                &u.to.to_string(),
            ));
        }
    }
}
