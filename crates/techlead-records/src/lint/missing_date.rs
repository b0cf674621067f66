//! `decisions/missing-date`: without a date, readers cannot tell when the
//! decision was made, and timelines leave it out.

use super::{LintContext, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/missing-date",
    Severity::Warning,
    "The record states no date.",
);

pub struct MissingDate;

impl Rule<LintContext<'_>> for MissingDate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx
            .records
            .iter()
            .filter(|r| r.date_field.is_none() && r.date.is_none())
        {
            out.push(finding(
                &INFO,
                r,
                r.title_line,
                "no date: readers cannot tell when this was decided".to_string(),
                "add the date of the decision (`date:` in front matter, a `Date:` line or bullet)"
                    .to_string(),
                "",
            ));
        }
    }
}
