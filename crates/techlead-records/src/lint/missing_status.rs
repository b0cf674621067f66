//! `decisions/missing-status`: without a status, readers cannot tell
//! whether the decision holds, and status filters leave it out.

use super::{LintContext, finding};
use crate::model::RecordStyle;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/missing-status",
    Severity::Warning,
    "The record states no status.",
);

pub struct MissingStatus;

impl Rule<LintContext<'_>> for MissingStatus {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records.iter().filter(|r| r.status.is_none()) {
            let how = match r.style {
                RecordStyle::FrontMatter => "a `status:` front-matter field",
                RecordStyle::Bullets => "a `* Status:` bullet",
                RecordStyle::Section => "a `## Status` section",
            };
            out.push(finding(
                &INFO,
                r,
                r.title_line,
                "no status: readers cannot tell whether this decision holds".to_string(),
                format!("add {how}, or run `techlead adr status {} accepted`", r.id),
                "",
            ));
        }
    }
}
