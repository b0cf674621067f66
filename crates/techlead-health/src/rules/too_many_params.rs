//! `health/too-many-params`: a parameter list that asks too much of each call.

use super::{HealthCtx, Measure, over_limit};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "health/too-many-params",
    Severity::Warning,
    "A function takes more parameters than the `[health]` limit (default 4, CodeScene's Excess Number of Function Arguments threshold).",
);

pub struct TooManyParams;

impl Rule<HealthCtx<'_>> for TooManyParams {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &HealthCtx<'_>, out: &mut Vec<Finding>) {
        let m = Measure {
            value: |f| f.params,
            limit: cx.thresholds.params,
            said: |v| format!("{v} parameters"),
            key: "max_params",
            help: "group the parameters that travel together into one type, or split the function by the callers' different needs",
        };
        over_limit(&INFO, cx, &m, out);
    }
}
