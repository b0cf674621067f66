//! A goal's horizon: the time it has. A quarter (`2027-Q1`), a half
//! (`2027-H2`), a year (`2027`), a month (`2027-03`), or a date range
//! (`2026-07-01..2026-12-31`, ISO 8601's `2026-07-01/2026-12-31` too).

use jiff::civil::Date;
use serde::Serialize;

/// A horizon as written, with its first and last day (both included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Horizon {
    pub text: String,
    /// YYYY-MM-DD.
    #[serde(serialize_with = "iso")]
    pub start: Date,
    /// YYYY-MM-DD, the last day in the horizon.
    #[serde(serialize_with = "iso")]
    pub end: Date,
}

fn iso<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

/// What a horizon may be, for messages.
pub const FORMS: &str = "a quarter (2027-Q1), a half (2027-H1), a year (2027), a month (2027-03) or a date range (2027-01-01..2027-06-30)";

impl Horizon {
    /// Reads `text`, or says why it is none of [`FORMS`].
    pub fn parse(text: &str) -> Result<Horizon, String> {
        let t = text.trim();
        let (start, end) = span(t).ok_or_else(|| format!("`{t}` is not a horizon: use {FORMS}"))?;
        if end < start {
            return Err(format!("`{t}` ends before it starts"));
        }
        Ok(Horizon {
            text: t.to_string(),
            start,
            end,
        })
    }

    /// Days in the horizon, both ends included.
    pub fn days(&self) -> i64 {
        days_between(self.start, self.end) + 1
    }

    /// The share of the horizon gone by at the start of `today`: 0 on its
    /// first day and before, 1 the day after its last day and later.
    pub fn elapsed(&self, today: Date) -> f64 {
        let gone = days_between(self.start, today) as f64;
        (gone / self.days() as f64).clamp(0.0, 1.0)
    }

    /// Whether `today` is after the horizon's last day.
    pub fn is_over(&self, today: Date) -> bool {
        today > self.end
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    // A span between civil dates is counted in days by default.
    a.until(b).map_or(0, |span| i64::from(span.get_days()))
}

fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

/// The last day of month `m` of year `y`.
fn month_end(y: i16, m: i8) -> Option<Date> {
    Some(date(y, m, 1)?.last_of_month())
}

fn year(s: &str) -> Option<i16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| *y >= 1)
}

fn span(t: &str) -> Option<(Date, Date)> {
    for sep in ["..", " to ", "/"] {
        if let Some((a, b)) = t.split_once(sep) {
            let a: Date = a.trim().parse().ok()?;
            let b: Date = b.trim().parse().ok()?;
            return Some((a, b));
        }
    }
    if let Some(y) = year(t) {
        return Some((date(y, 1, 1)?, date(y, 12, 31)?));
    }
    let (y, rest) = t.split_once('-')?;
    let y = year(y)?;
    let upper = rest.to_ascii_uppercase();
    if let Some(q) = upper.strip_prefix('Q') {
        let q: i8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        let first = (q - 1) * 3 + 1;
        return Some((date(y, first, 1)?, month_end(y, first + 2)?));
    }
    if let Some(h) = upper.strip_prefix('H') {
        let h: i8 = h.parse().ok().filter(|h| (1..=2).contains(h))?;
        let first = (h - 1) * 6 + 1;
        return Some((date(y, first, 1)?, month_end(y, first + 5)?));
    }
    if rest.len() == 2 {
        let m: i8 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
        return Some((date(y, m, 1)?, month_end(y, m)?));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn every_form_reads() {
        let h = Horizon::parse("2027-Q1").unwrap();
        assert_eq!(
            (h.start, h.end, h.days()),
            (d("2027-01-01"), d("2027-03-31"), 90)
        );
        let h = Horizon::parse("2028-q1").unwrap();
        assert_eq!(h.end, d("2028-03-31"));
        let h = Horizon::parse("2026-H2").unwrap();
        assert_eq!((h.start, h.end), (d("2026-07-01"), d("2026-12-31")));
        let h = Horizon::parse("2026").unwrap();
        assert_eq!(h.days(), 365);
        let h = Horizon::parse("2024-02").unwrap();
        assert_eq!(h.end, d("2024-02-29"));
        let h = Horizon::parse("2026-07-01..2026-07-10").unwrap();
        assert_eq!(h.days(), 10);
        assert_eq!(Horizon::parse("2026-07-01/2026-07-10").unwrap().days(), 10);
        assert_eq!(
            Horizon::parse(" 2026-07-01 to 2026-07-10 ").unwrap().text,
            "2026-07-01 to 2026-07-10"
        );
    }

    #[test]
    fn bad_horizons_say_why() {
        for bad in [
            "2027-Q5",
            "Q1",
            "2027-H3",
            "27-Q1",
            "2027-13",
            "soon",
            "2026-07-01..later",
            "",
        ] {
            assert!(
                Horizon::parse(bad).unwrap_err().contains("not a horizon"),
                "{bad}"
            );
        }
        assert!(
            Horizon::parse("2026-07-10..2026-07-01")
                .unwrap_err()
                .contains("ends before")
        );
    }

    #[test]
    fn elapsed_share_runs_from_zero_to_one() {
        let h = Horizon::parse("2026-Q1").unwrap();
        assert_eq!(h.elapsed(d("2025-12-01")), 0.0);
        assert_eq!(h.elapsed(d("2026-01-01")), 0.0);
        assert!((h.elapsed(d("2026-01-15")) - 14.0 / 90.0).abs() < 1e-9);
        assert_eq!(h.elapsed(d("2026-04-01")), 1.0);
        assert_eq!(h.elapsed(d("2030-01-01")), 1.0);
        assert!(!h.is_over(d("2026-03-31")));
        assert!(h.is_over(d("2026-04-01")));
    }
}
