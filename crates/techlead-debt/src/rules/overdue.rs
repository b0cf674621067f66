//! `debt/overdue`: an item still owed after its target date.

use super::DebtCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "debt/overdue",
    Severity::Warning,
    "A debt item's target date has passed and it is not repaid.",
);

pub struct Overdue;

impl Rule<DebtCtx<'_>> for Overdue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DebtCtx<'_>, out: &mut Vec<Finding>) {
        for i in cx.items.iter().filter(|i| i.status.is_owed()) {
            let Some(target) = &i.target else { continue };
            if target.as_str() >= cx.today {
                continue;
            }
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                format!(
                    "`{}` was to be repaid by {target} and is still {}",
                    i.title, i.status
                ),
                DebtCtx::at(i, i.lines.target),
                format!(
                    "repay it and run `techlead debt status {} repaid`, or agree a new target date and write it in the item",
                    i.id
                ),
                target,
            ));
        }
    }
}
