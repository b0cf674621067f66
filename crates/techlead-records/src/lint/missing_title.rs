//! `decisions/missing-title`: a record without a title cannot be listed or
//! linked by name.

use super::{LintContext, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/missing-title",
    Severity::Warning,
    "The record has no title: no first-level heading and no front-matter `title`.",
);

pub struct MissingTitle;

impl Rule<LintContext<'_>> for MissingTitle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records.iter().filter(|r| r.title.is_none()) {
            out.push(finding(
                &INFO,
                r,
                None,
                "no title: the record has no `# Title` heading".to_string(),
                "add a first-level heading with the decision's title".to_string(),
                "",
            ));
        }
    }
}
