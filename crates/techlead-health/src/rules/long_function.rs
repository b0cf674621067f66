//! `health/long-function`: more lines of code than one screen.

use super::{HealthCtx, Measure, over_limit};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "health/long-function",
    Severity::Warning,
    "A function has more lines of code than the `[health]` limit (default 70, CodeScene's Large Method threshold).",
);

pub struct LongFunction;

impl Rule<HealthCtx<'_>> for LongFunction {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &HealthCtx<'_>, out: &mut Vec<Finding>) {
        let m = Measure {
            value: |f| f.nloc,
            limit: cx.thresholds.nloc,
            said: |v| format!("{v} lines of code"),
            key: "max_nloc",
            help: "extract the steps it performs into named functions, so that it reads as a summary of them",
        };
        over_limit(&INFO, cx, &m, out);
    }
}
