//! Dates and durations on the command line (`--since`, `--until`,
//! `--window`).

use anyhow::Result;
use techlead_core::InputError;

/// A date (YYYY-MM-DD, as UTC midnight) or a duration back from today
/// ("18 months", "2 years", "90 days", "6 weeks"), as epoch seconds.
pub fn parse_time(s: &str, flag: &str) -> Result<i64> {
    let bad = || {
        InputError::new(format!(
            "{flag} {s}: expected YYYY-MM-DD or a duration like \"18 months\""
        ))
    };
    let date = if let Ok(d) = s.parse::<jiff::civil::Date>() {
        d
    } else {
        let mut parts = s.split_whitespace();
        let n: i64 = parts.next().and_then(|n| n.parse().ok()).ok_or_else(bad)?;
        let unit = parts.next().ok_or_else(bad)?.trim_end_matches('s');
        let span = match unit {
            "day" => jiff::Span::new().days(n),
            "week" => jiff::Span::new().weeks(n),
            "month" => jiff::Span::new().months(n),
            "year" => jiff::Span::new().years(n),
            _ => return Err(bad().into()),
        };
        let today: jiff::civil::Date = crate::today()?.parse().map_err(|_| bad())?;
        today.checked_sub(span).map_err(|_| bad())?
    };
    techlead_history::revision::day_start(&date.to_string()).ok_or_else(|| bad().into())
}
