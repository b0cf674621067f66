//! `practices/check-below-minimum`: a check scores below the minimum set
//! for it in `[practices.minimums]`. One finding per check, at its
//! setting. `techlead practices --format sarif` reports every check that
//! does not pass through this rule too ([`not_passing`]).

use super::PracticesCx;
use crate::model::{CheckResult, Evidence, Report, Status, number};
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "practices/check-below-minimum",
    Severity::Error,
    "A practices check scores below the minimum that `[practices.minimums]` sets for it.",
);

pub struct CheckBelowMinimum;

impl Rule<PracticesCx<'_>> for CheckBelowMinimum {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &PracticesCx<'_>, out: &mut Vec<Finding>) {
        for (id, minimum) in &cx.config.minimums {
            let Some(c) = cx.report.checks.iter().find(|c| c.id == id.get_ref()) else {
                continue;
            };
            if crate::levels::meets(c, *minimum.get_ref()) {
                continue;
            }
            out.push(finding(c, *minimum.get_ref(), cx.at(id.span().start)));
        }
    }
}

fn finding(c: &CheckResult, minimum: f64, location: Option<Location>) -> Finding {
    let score = c
        .score
        .map_or("is not measured".to_string(), |s| format!("scores {s:.1}"));
    Finding::new(
        INFO.id,
        INFO.default_severity,
        format!(
            "`{}` {score}, below {}: {}",
            c.id,
            number(minimum),
            c.reason
        ),
        location,
        format!(
            "see `techlead practices` for `{}`'s evidence, and docs/guide/practices.md for how it scores",
            c.id
        ),
        c.id,
    )
}

/// Every check that does not pass (below 8, or not measured), as a
/// finding at its first file of evidence: the results of `techlead
/// practices --format sarif`.
pub fn not_passing(report: &Report) -> Vec<Finding> {
    report
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Partial) || c.unmeasured)
        .map(|c| {
            let at = c.evidence.iter().find_map(|e| match e {
                Evidence::File { path, line, .. } => Some(match line {
                    Some(l) => Location::line(path.clone(), *l),
                    None => Location::file(path.clone()),
                }),
                _ => None,
            });
            finding(c, 8.0, at)
        })
        .collect()
}
