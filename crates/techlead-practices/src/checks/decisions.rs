//! `decisions`: decision records exist (4 points), one was added in the
//! last 6 months (+4), and two or more were (+2), by the records' dates
//! as the records context reads them.

use super::{EXAMPLES, count};
use crate::facts::Facts;
use crate::input::Decisions;
use crate::model::{CheckResult, Evidence};

pub fn decisions(f: &Facts) -> CheckResult {
    let (dir, records) = match f.input.decisions {
        Decisions::None => {
            return CheckResult::scored(
                "decisions",
                0.0,
                "no decision records (doc/adr, docs/adr, docs/decisions, ... or [decisions] dir)",
            );
        }
        Decisions::Unreadable(why) => {
            return CheckResult::unmeasured(
                "decisions",
                format!("decision records not read: {why}"),
            );
        }
        Decisions::Read { dir, records } => (dir, records),
    };
    if records.is_empty() {
        return CheckResult::scored("decisions", 0.0, format!("{dir} holds no decision record"))
            .with(vec![Evidence::file(dir, None, "no records")]);
    }
    let six_months = f
        .today
        .checked_sub(jiff::Span::new().months(6))
        .unwrap_or(f.today)
        .to_string();
    let mut dated: Vec<(&str, &str)> = records
        .iter()
        .filter_map(|r| r.date.as_deref().map(|d| (d, r.path.as_str())))
        .collect();
    dated.sort();
    let recent: Vec<&(&str, &str)> = dated
        .iter()
        .filter(|(d, _)| *d >= six_months.as_str())
        .collect();
    let undated = records.len() - dated.len();
    let mut evidence = vec![
        Evidence::count("decision records", records.len() as f64),
        Evidence::count("added in the last 6 months", recent.len() as f64),
    ];
    if undated > 0 {
        evidence.push(Evidence::count("records without a date", undated as f64));
    }
    for (d, p) in recent.iter().rev().take(EXAMPLES) {
        evidence.push(Evidence::file(p, None, format!("dated {d}")));
    }
    let score =
        4.0 + if recent.is_empty() { 0.0 } else { 4.0 } + if recent.len() >= 2 { 2.0 } else { 0.0 };
    let reason = match (recent.len(), dated.last()) {
        (0, Some((d, p))) => {
            evidence.push(Evidence::file(p, None, format!("the newest, dated {d}")));
            format!(
                "{} in {dir}, none in the last 6 months (the newest: {d})",
                count(records.len(), "record")
            )
        }
        (0, None) => format!(
            "{} in {dir}, none with a date",
            count(records.len(), "record")
        ),
        (n, _) => format!(
            "{} in {dir}, {n} added in the last 6 months",
            count(records.len(), "record")
        ),
    };
    CheckResult::scored("decisions", score, reason).with(evidence)
}
