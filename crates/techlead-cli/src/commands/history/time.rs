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
        // jiff panics on a span past its range with the plain setters: the
        // checked ones say so instead.
        let span = match unit {
            "day" => jiff::Span::new().try_days(n),
            "week" => jiff::Span::new().try_weeks(n),
            "month" => jiff::Span::new().try_months(n),
            "year" => jiff::Span::new().try_years(n),
            _ => return Err(bad().into()),
        };
        let too_far = || {
            InputError::new(format!(
                "{flag} {s}: too far back (dates go back to the year -9999)"
            ))
        };
        let span = span.map_err(|_| too_far())?;
        let today: jiff::civil::Date = crate::today()?.parse().map_err(|_| bad())?;
        today.checked_sub(span).map_err(|_| too_far())?
    };
    // Days from the epoch, which may lie before it.
    date.since(jiff::civil::date(1970, 1, 1))
        .map(|span| i64::from(span.get_days()) * 86_400)
        .map_err(|_| bad().into())
}

#[cfg(test)]
mod tests {
    use super::parse_time;

    #[test]
    fn durations_past_the_calendar_are_errors_not_panics() {
        for s in [
            "20000 years",
            "300000 months",
            "9000000 days",
            "1000000 years",
            "9999999999 weeks",
        ] {
            let err = parse_time(s, "--since").unwrap_err().to_string();
            assert!(err.contains("too far back"), "{s}: {err}");
        }
        assert!(parse_time("18 months", "--since").is_ok());
        // Far back but on the calendar: a time before the epoch.
        assert!(parse_time("5000 years", "--since").unwrap() < 0);
        assert_eq!(parse_time("1970-01-02", "--until").unwrap(), 86_400);
        assert!(parse_time("2 fortnights", "--since").is_err());
    }
}
