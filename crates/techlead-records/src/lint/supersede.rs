//! `decisions/one-sided-supersede` and `decisions/superseded-without-successor`:
//! a supersede must be recorded on both sides, and a superseded record must
//! say what replaced it, or readers land on a dead end.

use super::{LintContext, ONE_SIDED_SUPERSEDE, SUPERSEDED_WITHOUT_SUCCESSOR, finding};
use crate::model::Record;
use std::collections::HashMap;
use techlead_core::Finding;

fn has(r: &Record, kind: &str, target: &str) -> bool {
    r.links.iter().any(|l| l.kind == kind && l.target == target)
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    let by_id: HashMap<&str, &Record> = cx.records.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in cx.records {
        for l in &r.links {
            let (reverse, old, new) = match l.kind.as_str() {
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
                    &ONE_SIDED_SUPERSEDE,
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
        if r.status.as_deref() == Some("superseded")
            && !r.links.iter().any(|l| l.kind == "superseded-by")
        {
            out.push(finding(
                &SUPERSEDED_WITHOUT_SUCCESSOR,
                r,
                r.status_field.as_ref().map(|f| f.line),
                format!("`{}` is superseded but does not say by which record", r.id),
                format!("link the successor: `techlead adr supersede {} NEW`", r.id),
                "",
            ));
        }
    }
}
