//! `decisions/superseded-without-successor`: a superseded record must say
//! what replaced it, or readers land on a dead end.

use super::{LintContext, finding};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/superseded-without-successor",
    Severity::Warning,
    "A superseded record does not link to what superseded it.",
);

pub struct SupersededWithoutSuccessor;

impl Rule<LintContext<'_>> for SupersededWithoutSuccessor {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records {
            if r.status.as_deref() == Some("superseded")
                && !r
                    .links
                    .iter()
                    .any(|l| l.canonical_kind() == "superseded-by")
            {
                out.push(finding(
                    &INFO,
                    r,
                    r.status_field.as_ref().map(|f| f.line),
                    format!("`{}` is superseded but does not say by which record", r.id),
                    format!("link the successor: `techlead adr supersede {} NEW`", r.id),
                    "",
                ));
            }
        }
    }
}
