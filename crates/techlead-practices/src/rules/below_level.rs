//! `practices/below-level`: the project is below `[practices] min_level`.
//! One finding at that setting, naming every check that keeps the level
//! out of reach.

use super::PracticesCx;
use crate::levels::{meets, minimums};
use crate::model::{Level, number};
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "practices/below-level",
    Severity::Error,
    "The engineering practices are below the maturity level that `[practices] min_level` requires.",
);

pub struct BelowLevel;

impl Rule<PracticesCx<'_>> for BelowLevel {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &PracticesCx<'_>, out: &mut Vec<Finding>) {
        let (Some(setting), Some(wanted)) = (&cx.config.min_level, cx.config.min_level()) else {
            return;
        };
        if cx.report.level >= wanted {
            return;
        }
        // Each check once, at the highest minimum up to the wanted level.
        let mut needed: Vec<(&str, f64)> = Vec::new();
        for level in Level::ALL.into_iter().filter(|l| *l <= wanted) {
            for (id, minimum) in minimums(cx.config, level) {
                match needed.iter_mut().find(|(i, _)| *i == id) {
                    Some(n) => n.1 = n.1.max(minimum),
                    None => needed.push((id, minimum)),
                }
            }
        }
        let mut missing = Vec::new();
        for (id, minimum) in needed {
            let Some(c) = cx.report.checks.iter().find(|c| c.id == id) else {
                continue;
            };
            if !meets(c, minimum) {
                missing.push(match c.score {
                    Some(s) => format!("{id} {s:.1} (needs {})", number(minimum)),
                    None => format!("{id} not measured (needs {})", number(minimum)),
                });
            }
        }
        out.push(Finding::new(
            INFO.id,
            INFO.default_severity,
            format!(
                "practices are at level {}, below the required {}: {}",
                cx.report.level.as_str(),
                wanted.as_str(),
                missing.join(", ")
            ),
            cx.at(setting.span().start),
            "raise those checks (`techlead practices` shows each one's reason and evidence), or lower min_level",
            wanted.as_str(),
        ));
    }
}
