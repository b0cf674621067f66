//! The health rules, one file each: a function whose measure is over its
//! `[health]` limit. They run only when `techlead.toml` has a `[health]`
//! section ([`crate::check::HealthCheck`]).
//!
//! A finding points at the function's first line and its fingerprint is
//! the file and the function's name (with `#2`, `#3` for later functions
//! of the same name in the file), never the line: a function that moves
//! keeps its baseline entry.

mod complex_function;
mod deep_nesting;
mod long_function;
mod too_many_params;

use crate::score::Thresholds;
use crate::{FileHealth, Report};
use std::collections::HashMap;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo};
use techlead_lang::Function;

/// What every health rule looks at: the measured files and the limits.
pub struct HealthCtx<'a> {
    pub files: &'a [FileHealth],
    pub thresholds: Thresholds,
}

/// A health rule: one file each.
pub type HealthRule = dyn for<'a> Rule<HealthCtx<'a>>;

/// Every health rule, in the order `techlead rules` lists them.
pub static RULES: &[&HealthRule] = &[
    &complex_function::ComplexFunction,
    &long_function::LongFunction,
    &deep_nesting::DeepNesting,
    &too_many_params::TooManyParams,
];

/// Every rule over a report, with the report's limits.
pub fn check(report: &Report) -> Vec<Finding> {
    techlead_core::check::run_rules(
        RULES,
        &HealthCtx {
            files: &report.files,
            thresholds: report.thresholds,
        },
    )
}

/// The line-free name of each function in a file: its name, `#2`, `#3`
/// appended for later functions of the same name, `(literal)` for Go's
/// unnamed function literals.
pub fn function_keys(file: &FileHealth) -> Vec<String> {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    file.functions
        .iter()
        .map(|f| {
            let name = f.function.name.as_str();
            let n = seen.entry(name).or_insert(0);
            *n += 1;
            let shown = if name.is_empty() { "(literal)" } else { name };
            if *n == 1 {
                shown.to_string()
            } else {
                format!("{shown}#{n}")
            }
        })
        .collect()
}

/// One measure of a rule: which, how it is named in messages, and its
/// limit's key in `[health]`.
struct Measure {
    value: fn(&Function) -> u32,
    limit: u32,
    /// The value in words: "cyclomatic complexity 23", "80 lines of code".
    said: fn(u32) -> String,
    key: &'static str,
    help: &'static str,
}

/// Reports every function whose measure is over its limit.
fn over_limit(rule: &RuleInfo, cx: &HealthCtx<'_>, m: &Measure, out: &mut Vec<Finding>) {
    for file in cx.files {
        let keys = function_keys(file);
        for (f, key) in file.functions.iter().zip(&keys) {
            let f = &f.function;
            let value = (m.value)(f);
            if value <= m.limit {
                continue;
            }
            let name = if f.name.is_empty() {
                "a function literal".to_string()
            } else {
                format!("`{}`", f.name)
            };
            out.push(Finding::new(
                rule.id,
                rule.default_severity,
                format!(
                    "{name} has {}, over the limit of {} ([health] {})",
                    (m.said)(value),
                    m.limit,
                    m.key
                ),
                Some(Location::line(&file.path, f.start_line)),
                m.help,
                key,
            ));
        }
    }
}
