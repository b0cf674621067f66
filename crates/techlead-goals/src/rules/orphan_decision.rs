//! `goals/orphan-decision` (with `[goals] orphan_decision_months`): an
//! accepted decision of the last months serves no goal.

use super::{GoalsCtx, finding};
use crate::work::Kind;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "goals/orphan-decision",
    Severity::Warning,
    "An accepted decision of the last months serves no goal (only with `[goals] orphan_decision_months`).",
);

pub struct OrphanDecision;

impl Rule<GoalsCtx<'_>> for OrphanDecision {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &GoalsCtx<'_>, out: &mut Vec<Finding>) {
        let Some(months) = cx.config.orphan_decision_months() else {
            return;
        };
        let Ok(today) = cx.today.parse::<jiff::civil::Date>() else {
            return;
        };
        let Ok(since) = today.checked_sub(jiff::Span::new().months(i64::from(months))) else {
            return;
        };
        let since = since.to_string();
        for (i, w) in cx.works.items.iter().enumerate() {
            if w.kind != Kind::Decision
                || w.status.as_deref() != Some("accepted")
                || w.date.as_deref().is_none_or(|d| d < since.as_str())
                || cx.links.of_work(i).next().is_some()
            {
                continue;
            }
            out.push(finding(
                &INFO,
                &w.path,
                w.line,
                format!(
                    "decision {} ({}), accepted on {}, serves no goal",
                    w.reference(),
                    w.title,
                    w.date.as_deref().unwrap_or("")
                ),
                format!(
                    "name the goal it serves: `techlead goals link GOAL {}`",
                    w.reference()
                ),
                &w.stem,
            ));
        }
    }
}
