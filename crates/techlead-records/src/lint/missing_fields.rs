//! `decisions/missing-title`, `decisions/missing-status`,
//! `decisions/missing-date`: a record without them cannot be listed,
//! filtered or dated.

use super::{LintContext, MISSING_DATE, MISSING_STATUS, MISSING_TITLE, finding};
use crate::model::RecordStyle;
use techlead_core::Finding;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    for r in cx.records {
        if r.title.is_none() {
            out.push(finding(
                &MISSING_TITLE,
                r,
                None,
                "no title: the record has no `# Title` heading".to_string(),
                "add a first-level heading with the decision's title".to_string(),
                "",
            ));
        }
        if r.status.is_none() {
            let how = match r.style {
                RecordStyle::FrontMatter => "a `status:` front-matter field",
                RecordStyle::Bullets => "a `* Status:` bullet",
                RecordStyle::Section => "a `## Status` section",
            };
            out.push(finding(
                &MISSING_STATUS,
                r,
                r.title_line,
                "no status: readers cannot tell whether this decision holds".to_string(),
                format!("add {how}, or run `techlead adr status {} accepted`", r.id),
                "",
            ));
        }
        if r.date_field.is_none() && r.date.is_none() {
            out.push(finding(
                &MISSING_DATE,
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
