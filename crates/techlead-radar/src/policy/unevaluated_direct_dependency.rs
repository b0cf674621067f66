//! `radar/unevaluated-direct-dependency` (with `[radar]
//! require_evaluation`): a direct dependency that no technology record
//! covers entered the code without an evaluation.

use super::{RadarCtx, covers};
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "radar/unevaluated-direct-dependency",
    Severity::Warning,
    "A direct dependency is covered by no technology record (only with `[radar] require_evaluation = true`).",
);

pub struct UnevaluatedDirectDependency;

impl Rule<RadarCtx<'_>> for UnevaluatedDirectDependency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &RadarCtx<'_>, out: &mut Vec<Finding>) {
        if !cx.config.require_evaluation {
            return;
        }
        for p in cx.inventory.iter().filter(|p| p.direct == Some(true)) {
            if !cx.techs.iter().any(|t| covers(t, p)) {
                out.push(Finding::new(
                    INFO.id,
                    INFO.default_severity,
                    format!(
                        "`{}` ({}) is a direct dependency that no technology record covers",
                        p.name, p.ecosystem
                    ),
                    Some(Location::line(&p.source, p.line)),
                    format!(
                        "add it to a record's packages, or record it: `techlead radar add ... --package {}:{}`",
                        p.ecosystem, p.name
                    ),
                    &format!("{}:{}", p.ecosystem, p.name),
                ));
            }
        }
    }
}
