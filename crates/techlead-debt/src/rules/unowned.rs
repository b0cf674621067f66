//! `debt/unowned`: an owed item nobody answers for.

use super::DebtCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "debt/unowned",
    Severity::Warning,
    "A debt item that is still owed names no owner.",
);

pub struct Unowned;

impl Rule<DebtCtx<'_>> for Unowned {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DebtCtx<'_>, out: &mut Vec<Finding>) {
        for i in cx
            .items
            .iter()
            .filter(|i| i.status.is_owed() && i.owner.is_none())
        {
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                format!("`{}` is {} and has no owner", i.title, i.status),
                DebtCtx::at(i, i.lines.owner),
                "name who answers for it: `owner:` in its front matter, a person or a team",
                "owner",
            ));
        }
    }
}
