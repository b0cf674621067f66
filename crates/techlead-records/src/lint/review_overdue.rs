//! `decisions/review-overdue`: the record asked to be reviewed by a date
//! that has passed. Decisions age; this makes the agreed revisit visible.

use super::{LintContext, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/review-overdue",
    Severity::Warning,
    "The record's review-by date has passed.",
);

pub struct ReviewOverdue;

impl Rule<LintContext<'_>> for ReviewOverdue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records {
            let Some(f) = &r.review_by else { continue };
            let Some(due) = crate::parse::first_date(&f.raw) else {
                continue;
            };
            // ISO dates compare correctly as strings.
            if due.as_str() < cx.opts.today.as_str() {
                out.push(finding(
                    &INFO,
                    r,
                    Some(f.line),
                    format!("review was due on {due}"),
                    "review the decision, then set a new review-by date or remove it".to_string(),
                    &due,
                ));
            }
        }
    }
}
