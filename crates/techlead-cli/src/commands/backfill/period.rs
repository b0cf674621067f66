//! Which past commits `snapshot --backfill` records: `--every` and
//! `--since` parsed, the period boundaries between them, and the commit of
//! the first-parent line standing at each boundary.
//!
//! The rule (docs/guide/snapshot.md): boundaries are `--since`, then every
//! `--every` after it (calendar months and years, counted from `--since`
//! each time so that a month's end does not drift), up to today; each is
//! the start of its day, UTC. At each boundary the commit is the newest of
//! HEAD's first-parent line committed at or before it. A boundary whose
//! commit is the previous boundary's (no commit in the period) is a period
//! without commits and is skipped.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// A period length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Days(i64),
    Months(i64),
}

/// More boundaries than this is a mistake (`--every 1d --since 30y`).
pub const MAX_BOUNDARIES: usize = 5_000;

impl Step {
    fn span(self, times: i64) -> Span {
        match self {
            Step::Days(n) => (n * times).days(),
            Step::Months(n) => (n * times).months(),
        }
    }
}

/// A count and a unit: `7d`, `2w`, `1mo`, `2y`.
fn count_and_unit(text: &str) -> Option<(i64, &str)> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit())?;
    let n: i64 = t[..digits].parse().ok()?;
    (1..=10_000).contains(&n).then_some((n, &t[digits..]))
}

const UNITS: &str =
    "a number and a unit: d (days), w (weeks), mo (months) or y (years), as 7d, 2w, 1mo, 2y";

/// `--every`: `7d`, `2w`, `1mo`, `3mo`, `1y`.
pub fn parse_every(text: &str) -> Result<Step, String> {
    let (n, unit) = count_and_unit(text).ok_or_else(|| format!("`{text}`: expected {UNITS}"))?;
    match unit {
        "d" => Ok(Step::Days(n)),
        "w" => Ok(Step::Days(n * 7)),
        "mo" => Ok(Step::Months(n)),
        "y" => Ok(Step::Months(n * 12)),
        "m" => Err(format!(
            "`{text}`: `m` could be minutes or months; write `{n}mo` for months"
        )),
        _ => Err(format!("`{text}`: expected {UNITS}")),
    }
}

/// `--since`: a period back from `today` (`2y`, `6mo`, `90d`) or a date
/// (`2024-06-01`), not after today.
pub fn parse_since(text: &str, today: Date) -> Result<Date, String> {
    let since = if text.trim().contains('-') {
        text.trim()
            .parse::<Date>()
            .map_err(|e| format!("`{text}`: not a date (YYYY-MM-DD): {e}"))?
    } else {
        let step = parse_every(text).map_err(|e| format!("{e}, or a date YYYY-MM-DD"))?;
        today
            .checked_sub(step.span(1))
            .map_err(|e| format!("`{text}`: {e}"))?
    };
    if since > today {
        return Err(format!("`{text}`: {since} is after today ({today})"));
    }
    Ok(since)
}

/// The boundaries from `since` to `today`, both included when on a step.
pub fn boundaries(since: Date, every: Step, today: Date) -> Result<Vec<Date>, String> {
    let mut out = Vec::new();
    for k in 0.. {
        let Ok(b) = since.checked_add(every.span(k)) else {
            break;
        };
        if b > today {
            break;
        }
        if out.len() == MAX_BOUNDARIES {
            return Err(format!(
                "more than {MAX_BOUNDARIES} periods from {since} to {today}: choose a longer --every or a later --since"
            ));
        }
        out.push(b);
    }
    Ok(out)
}

/// What the boundaries pick on a first-parent line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Picked {
    /// Indexes into the line, oldest commit first, each once.
    pub commits: Vec<usize>,
    /// Boundaries after the first whose period had no commit.
    pub empty_periods: usize,
}

/// `line` is the first-parent line newest first, as commit times;
/// `bounds` the boundaries as times, oldest first.
pub fn pick(line: &[i64], bounds: &[i64]) -> Picked {
    let mut out = Picked::default();
    let mut last: Option<usize> = None;
    for b in bounds {
        let at = line.iter().position(|t| t <= b);
        match at {
            // No commit yet at the first boundaries: the history starts
            // later; these are not periods without commits.
            None => {}
            Some(i) if Some(i) == last => out.empty_periods += 1,
            Some(i) => {
                out.commits.push(i);
                last = Some(i);
            }
        }
    }
    out
}

/// The start of a day, UTC, in seconds since the epoch.
pub fn day_start(d: Date) -> i64 {
    techlead_history::revision::day_start(&d.to_string()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn every_and_since_read_their_units() {
        assert_eq!(parse_every("7d"), Ok(Step::Days(7)));
        assert_eq!(parse_every("2w"), Ok(Step::Days(14)));
        assert_eq!(parse_every("1mo"), Ok(Step::Months(1)));
        assert_eq!(parse_every("2y"), Ok(Step::Months(24)));
        assert!(parse_every("1m").unwrap_err().contains("write `1mo`"));
        for bad in ["", "mo", "0d", "-1d", "1.5mo", "1 month", "d7", "99999d"] {
            assert!(parse_every(bad).is_err(), "{bad}");
        }
        let today = d("2026-03-31");
        assert_eq!(parse_since("2y", today), Ok(d("2024-03-31")));
        assert_eq!(parse_since("1mo", today), Ok(d("2026-02-28")));
        assert_eq!(parse_since("2025-01-15", today), Ok(d("2025-01-15")));
        assert!(
            parse_since("2027-01-01", today)
                .unwrap_err()
                .contains("after today")
        );
        assert!(
            parse_since("2025-13-01", today)
                .unwrap_err()
                .contains("not a date")
        );
    }

    #[test]
    fn month_boundaries_do_not_drift_and_empty_periods_are_counted() {
        let b = boundaries(d("2025-01-31"), Step::Months(1), d("2025-05-01")).unwrap();
        assert_eq!(
            b,
            [
                d("2025-01-31"),
                d("2025-02-28"),
                d("2025-03-31"),
                d("2025-04-30")
            ]
        );
        assert!(boundaries(d("2000-01-01"), Step::Days(1), d("2026-01-01")).is_err());
        // Commits (newest first) on days 40, 35, 10; boundaries 0, 20, 30, 50.
        let day = 86_400;
        let line = [40 * day, 35 * day, 10 * day];
        let bounds = [0, 20 * day, 30 * day, 50 * day];
        assert_eq!(
            pick(&line, &bounds),
            Picked {
                commits: vec![2, 0],
                empty_periods: 1
            }
        );
    }

    proptest! {
        #[test]
        fn any_count_and_unit_parses_back(n in 1i64..=10_000, unit in prop::sample::select(vec!["d", "w", "mo", "y"])) {
            let step = parse_every(&format!("{n}{unit}")).unwrap();
            let expected = match unit {
                "d" => Step::Days(n),
                "w" => Step::Days(n * 7),
                "mo" => Step::Months(n),
                _ => Step::Months(n * 12),
            };
            prop_assert_eq!(step, expected);
        }

        #[test]
        fn the_parsers_never_panic(text in "\\PC{0,12}") {
            let _ = parse_every(&text);
            let _ = parse_since(&text, "2026-01-01".parse::<Date>().unwrap());
        }

        #[test]
        fn picks_are_oldest_first_distinct_and_at_or_before_their_boundary(
            mut times in prop::collection::vec(0i64..1_000, 1..30),
            step in 1i64..200,
        ) {
            times.sort_unstable_by(|a, b| b.cmp(a));
            let bounds: Vec<i64> = (0..1_200).step_by(step as usize).collect();
            let p = pick(&times, &bounds);
            let mut seen = std::collections::HashSet::new();
            for w in p.commits.windows(2) {
                prop_assert!(w[0] > w[1], "{:?}", p.commits);
            }
            for i in &p.commits {
                prop_assert!(seen.insert(*i));
            }
            // Every boundary after the first pick is a pick or an empty period.
            let with_commit = bounds.iter().filter(|b| times.iter().any(|t| t <= *b)).count();
            prop_assert_eq!(p.commits.len() + p.empty_periods, with_commit);
        }
    }
}
