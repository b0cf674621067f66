//! `decisions/duplicate-number`: two branches each took the next number,
//! and both records landed. One finding per record involved.

use super::{LintContext, finding};
use std::collections::BTreeMap;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/duplicate-number",
    Severity::Error,
    "Two records share a number, usually because two branches each took the next one.",
);

pub struct DuplicateNumber;

impl Rule<LintContext<'_>> for DuplicateNumber {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        // Numbers count per folder: each log4brains package numbers its own.
        let mut by_number: BTreeMap<(Option<&str>, u32), Vec<usize>> = BTreeMap::new();
        for (i, r) in cx.records.iter().enumerate() {
            if let Some(n) = r.number {
                by_number
                    .entry((r.package.as_deref(), n))
                    .or_default()
                    .push(i);
            }
        }
        // Each record that has to move gets its own free number, so the helps
        // can be followed one after another.
        let mut next_free = by_number
            .keys()
            .map(|k| k.1)
            .max()
            .map(|m| m + 1)
            .unwrap_or(1);
        for ((_, n), idx) in by_number.iter().filter(|(_, v)| v.len() > 1) {
            for (pos, &i) in idx.iter().enumerate() {
                let r = &cx.records[i];
                let others: Vec<&str> = idx
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| cx.records[j].id.as_str())
                    .collect();
                let help = if pos == 0 {
                    format!(
                        "keep this one and renumber the other: {}",
                        others.join(", ")
                    )
                } else {
                    let h = format!(
                        "give it a free number: `techlead adr renumber {} {next_free}`",
                        r.id
                    );
                    next_free += 1;
                    h
                };
                out.push(finding(
                    &INFO,
                    r,
                    r.title_line,
                    format!("number {n} is also used by {}", others.join(", ")),
                    help,
                    &format!("{n}"),
                ));
            }
        }
    }
}
