//! `decisions/invalid-date`: a date field without a real calendar date
//! (`2023-02-30`, `someday`), so the record cannot be ordered in time.

use super::{LintContext, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/invalid-date",
    Severity::Warning,
    "The date field holds no valid calendar date.",
);

pub struct InvalidDate;

impl Rule<LintContext<'_>> for InvalidDate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records {
            let Some(f) = &r.date_field else { continue };
            if crate::parse::first_date(&f.raw).is_some() {
                continue;
            }
            out.push(finding(
                &INFO,
                r,
                Some(f.line),
                format!("`{}` holds no valid date", f.raw),
                "write the date as YYYY-MM-DD, a real calendar day".to_string(),
                &f.raw,
            ));
        }
    }
}
