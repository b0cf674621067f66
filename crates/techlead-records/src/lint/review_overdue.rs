//! `decisions/review-overdue`: the record asked to be reviewed by a date
//! that has passed. Decisions age; this makes the agreed revisit visible.

use super::{LintContext, REVIEW_OVERDUE, finding};
use techlead_core::Finding;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for r in cx.records {
        let Some(f) = &r.review_by else { continue };
        let Some(due) = crate::parse::first_date(&f.raw) else {
            continue;
        };
        // ISO dates compare correctly as strings.
        if due.as_str() < cx.opts.today.as_str() {
            out.push(finding(
                &REVIEW_OVERDUE,
                r,
                Some(f.line),
                format!("review was due on {due}"),
                "review the decision, then set a new review-by date or remove it".to_string(),
                &due,
            ));
        }
    }
}
