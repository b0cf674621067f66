//! `health/deep-nesting`: control structures inside control structures.

use super::{HealthCtx, Measure, over_limit};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "health/deep-nesting",
    Severity::Warning,
    "A function nests control structures deeper than the `[health]` limit (default 4, CodeScene's Deep, Nested Complexity threshold).",
);

pub struct DeepNesting;

impl Rule<HealthCtx<'_>> for DeepNesting {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &HealthCtx<'_>, out: &mut Vec<Finding>) {
        let m = Measure {
            value: |f| f.nesting,
            limit: cx.thresholds.nesting,
            said: |v| format!("nesting depth {v}"),
            key: "max_nesting",
            help: "return early for the cases that need no work, and move the innermost loop or branch into a function of its own",
        };
        over_limit(&INFO, cx, &m, out);
    }
}
