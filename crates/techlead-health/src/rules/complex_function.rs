//! `health/complex-function`: more decision points than a reader can hold.

use super::{HealthCtx, Measure, over_limit};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "health/complex-function",
    Severity::Warning,
    "A function's cyclomatic complexity is over the `[health]` limit (default 15, lizard's warning threshold).",
);

pub struct ComplexFunction;

impl Rule<HealthCtx<'_>> for ComplexFunction {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &HealthCtx<'_>, out: &mut Vec<Finding>) {
        let m = Measure {
            value: |f| f.complexity,
            limit: cx.thresholds.complexity,
            said: |v| format!("cyclomatic complexity {v}"),
            key: "max_complexity",
            help: "split it: move each branch's work into a function of its own, or replace a chain of conditions with a lookup table",
        };
        over_limit(&INFO, cx, &m, out);
    }
}
