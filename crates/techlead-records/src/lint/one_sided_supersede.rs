//! `decisions/one-sided-supersede`: a supersede must be recorded on both
//! sides, or a reader of the other record lands on a dead end.

use super::{LintContext, finding};
use crate::model::Record;
use std::collections::HashMap;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/one-sided-supersede",
    Severity::Error,
    "A supersede is recorded in only one of the two records.",
);

pub struct OneSidedSupersede;

fn has(r: &Record, kind: &str, target: &str) -> bool {
    r.links
        .iter()
        .any(|l| l.canonical_kind() == kind && l.target == target)
}

impl Rule<LintContext<'_>> for OneSidedSupersede {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        let by_id: HashMap<&str, &Record> = cx.records.iter().map(|r| (r.id.as_str(), r)).collect();
        for r in cx.records {
            for l in &r.links {
                let (reverse, old, new) = match l.canonical_kind() {
                    "superseded-by" => ("supersedes", r.id.as_str(), l.target.as_str()),
                    "supersedes" => ("superseded-by", l.target.as_str(), r.id.as_str()),
                    _ => continue,
                };
                // A link to a missing record is broken-link's business.
                let Some(other) = by_id.get(l.target.as_str()) else {
                    continue;
                };
                if !has(other, reverse, &r.id) {
                    out.push(finding(
                        &INFO,
                        r,
                        Some(l.line),
                        format!(
                            "`{}` {} `{}`, but `{}` does not record it",
                            r.id,
                            l.kind.replace('-', " "),
                            other.id,
                            other.id
                        ),
                        format!("record it on both sides: `techlead adr supersede {old} {new}`"),
                        &format!("{}>{}", l.kind, l.target),
                    ));
                }
            }
        }
    }
}
