//! Windows of time as people write them: `90d`, `90 days`, `12 weeks`,
//! `6 months`, `1y`, or a date (YYYY-MM-DD) to start from.

use jiff::civil::Date;

/// The first day of a window that ends today: `spec` days, weeks, months
/// or years back, or the date itself. The message says what is accepted.
pub fn window_start(spec: &str, today: Date) -> Result<Date, String> {
    let bad = || {
        format!(
            "`{spec}`: expected a duration like \"90d\", \"12 weeks\", \"6 months\" or a date (YYYY-MM-DD)"
        )
    };
    let spec_t = spec.trim();
    if let Ok(d) = spec_t.parse::<Date>() {
        return if d > today {
            Err(format!("`{spec}` is after today ({today})"))
        } else {
            Ok(d)
        };
    }
    let digits = spec_t
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(spec_t.len());
    let n: i64 = spec_t[..digits].parse().map_err(|_| bad())?;
    let unit = spec_t[digits..].trim().to_ascii_lowercase();
    let span = match unit.as_str() {
        "d" | "day" | "days" => jiff::Span::new().try_days(n),
        "w" | "week" | "weeks" => jiff::Span::new().try_weeks(n),
        "m" | "mo" | "month" | "months" => jiff::Span::new().try_months(n),
        "y" | "year" | "years" => jiff::Span::new().try_years(n),
        _ => return Err(bad()),
    }
    .map_err(|_| bad())?;
    if n == 0 {
        return Err(format!("`{spec}`: a window of nothing"));
    }
    today.checked_sub(span).map_err(|_| bad())
}

/// Days from `from` to `to` (0 when `to` is not later).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until((jiff::Unit::Day, to))
        .map(|s| i64::from(s.get_days()).max(0))
        .unwrap_or(0)
}

/// Unix time of a date's start, UTC.
pub fn day_start(d: Date) -> i64 {
    d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0)
}

/// YYYY-MM-DD of a Unix time, UTC.
pub fn date_of(secs: i64) -> Date {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn durations_and_dates() {
        let today = d("2026-01-15");
        assert_eq!(window_start("90d", today).unwrap(), d("2025-10-17"));
        assert_eq!(window_start("90 days", today).unwrap(), d("2025-10-17"));
        assert_eq!(window_start("2 weeks", today).unwrap(), d("2026-01-01"));
        assert_eq!(window_start("6 months", today).unwrap(), d("2025-07-15"));
        assert_eq!(window_start("1y", today).unwrap(), d("2025-01-15"));
        assert_eq!(window_start("2025-12-01", today).unwrap(), d("2025-12-01"));
        assert!(window_start("soon", today).is_err());
        assert!(window_start("0d", today).is_err());
        assert!(window_start("2027-01-01", today).is_err());
        assert!(window_start("90 fortnights", today).is_err());
        assert_eq!(days_between(d("2025-10-17"), today), 90);
        assert_eq!(date_of(day_start(today)), today);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,20}") {
            let _ = window_start(&s, d("2026-01-15"));
        }
    }
}
