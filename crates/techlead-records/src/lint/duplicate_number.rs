//! `decisions/duplicate-number`: two branches each took the next number,
//! and both records landed. One finding per record involved.

use super::{DUPLICATE_NUMBER, LintContext, finding};
use std::collections::BTreeMap;
use techlead_core::Finding;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Finding>) {
    let mut by_number: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, r) in cx.records.iter().enumerate() {
        if let Some(n) = r.number {
            by_number.entry(n).or_default().push(i);
        }
    }
    let next_free = by_number.keys().max().map(|m| m + 1).unwrap_or(1);
    for (n, idx) in by_number.iter().filter(|(_, v)| v.len() > 1) {
        for &i in idx {
            let r = &cx.records[i];
            let others: Vec<&str> = idx
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| cx.records[j].id.as_str())
                .collect();
            out.push(finding(
                &DUPLICATE_NUMBER,
                r,
                r.title_line,
                format!("number {n} is also used by {}", others.join(", ")),
                format!(
                    "give one of them a free number: `techlead adr renumber {} {next_free}`",
                    r.id
                ),
                &format!("{n}"),
            ));
        }
    }
}
