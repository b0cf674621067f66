//! `decisions/invalid-date`: a date field without a real calendar date
//! (`2023-02-30`, `someday`), so the record cannot be ordered in time.

use super::{INVALID_DATE, LintContext, finding};
use techlead_core::Finding;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for r in cx.records {
        let Some(f) = &r.date_field else { continue };
        if crate::parse::first_date(&f.raw).is_some() {
            continue;
        }
        out.push(finding(
            &INVALID_DATE,
            r,
            Some(f.line),
            format!("`{}` holds no valid date", f.raw),
            "write the date as YYYY-MM-DD, a real calendar day".to_string(),
            &f.raw,
        ));
    }
}
