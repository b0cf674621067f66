//! Effort estimates: an item's principal (what repaying it costs) and its
//! manual interest (what it costs each month while it stays). Both are
//! ranges of working time, never a false-precision number.
//!
//! The grammar, case-insensitive, blanks allowed between the parts:
//!
//! ```text
//! effort = amount [ sep amount ]        2-4d, 4h-2d, 1 to 2 weeks, 3d
//! sep    = "-" | "–" | ".." | "to"
//! amount = number [ unit ]              the lower bound may leave out its unit: 2-4d
//! number = a whole number, or one and a half: 3, 1.5
//! unit   = h | hour(s) | d | day(s) | w | wk | week(s)
//! ```
//!
//! A day is 8 hours and a week 5 days of working time, so `1.5d` is 12h
//! and `0.5h` is refused (the smallest unit is an hour). A single amount
//! is a range of one point. Ranges add bound by bound: `2-4d` and `1-2w`
//! are `7-14d` together, the best case being everything at its lower
//! bound and the worst case everything at its upper one.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

pub const HOURS_PER_DAY: u32 = 8;
pub const HOURS_PER_WEEK: u32 = 5 * HOURS_PER_DAY;
/// 50 years of working time: anything larger is a typo.
const MAX_HOURS: u32 = 50 * 52 * HOURS_PER_WEEK;

/// A range of working time, in whole hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Effort {
    pub low: u32,
    pub high: u32,
}

impl Effort {
    pub fn hours(low: u32, high: u32) -> Effort {
        Effort { low, high }
    }

    /// Reads an estimate in the grammar above; the error says what is
    /// wrong in a sentence that names the text.
    pub fn parse(text: &str) -> Result<Effort, String> {
        let s = text.trim().to_lowercase();
        if s.is_empty() {
            return Err("an empty estimate: write a range such as 2-4d".into());
        }
        let (low, high) = split_range(&s);
        let (high_n, high_unit) =
            amount(high).ok_or_else(|| format!("`{text}` is not an estimate such as 2-4d"))?;
        let high_unit = high_unit.ok_or_else(|| {
            format!("`{text}` has no unit: add h, d or w (hours, days, weeks), as in 2-4d")
        })?;
        let high_hours = to_hours(text, high_n, high_unit)?;
        let low_hours = match low {
            None => high_hours,
            Some(low) => {
                let (n, unit) = amount(low)
                    .ok_or_else(|| format!("`{text}` is not an estimate such as 2-4d"))?;
                to_hours(text, n, unit.unwrap_or(high_unit))?
            }
        };
        if low_hours > high_hours {
            return Err(format!("`{text}`: the lower bound is above the upper one"));
        }
        if high_hours == 0 {
            return Err(format!("`{text}` estimates no work at all"));
        }
        if high_hours > MAX_HOURS {
            return Err(format!("`{text}` is over 50 years of work"));
        }
        Ok(Effort {
            low: low_hours,
            high: high_hours,
        })
    }

    /// Reads a manual interest estimate: an effort per month, with the
    /// `/month` (or `per month`, `a month`, `/mo`) written or left out.
    pub fn parse_per_month(text: &str) -> Result<Effort, String> {
        let lower = text.trim().to_lowercase();
        let mut s = lower.as_str();
        for suffix in ["/month", "/mo", "per month", "a month", "monthly"] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
                break;
            }
        }
        Effort::parse(s).map_err(|e| e.replace(&format!("`{s}`"), &format!("`{}`", text.trim())))
    }

    /// The middle of the range, in hours.
    pub fn mid(&self) -> f64 {
        f64::from(self.low + self.high) / 2.0
    }

    pub fn low_days(&self) -> f64 {
        f64::from(self.low) / f64::from(HOURS_PER_DAY)
    }

    pub fn high_days(&self) -> f64 {
        f64::from(self.high) / f64::from(HOURS_PER_DAY)
    }

    /// Whether the range is a single point.
    pub fn is_point(&self) -> bool {
        self.low == self.high
    }
}

impl std::ops::Add for Effort {
    type Output = Effort;
    fn add(self, o: Effort) -> Effort {
        Effort {
            low: self.low.saturating_add(o.low),
            high: self.high.saturating_add(o.high),
        }
    }
}

impl std::iter::Sum for Effort {
    fn sum<I: Iterator<Item = Effort>>(iter: I) -> Effort {
        iter.fold(Effort::default(), |a, b| a + b)
    }
}

/// Shown in the largest unit that states both bounds exactly: whole
/// weeks, else whole or half days, else hours (`7-14d`, `1-2w`, `4-12h`,
/// `2.5-5d`); a point as one amount (`3d`).
impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, per, half) = if self.low.is_multiple_of(HOURS_PER_WEEK)
            && self.high.is_multiple_of(HOURS_PER_WEEK)
            && self.high > 0
        {
            ("w", HOURS_PER_WEEK, false)
        } else if self.low.is_multiple_of(HOURS_PER_DAY / 2)
            && self.high.is_multiple_of(HOURS_PER_DAY / 2)
        {
            ("d", HOURS_PER_DAY, true)
        } else {
            ("h", 1, false)
        };
        let show = |h: u32| -> String {
            if h.is_multiple_of(per) || !half {
                (h / per).to_string()
            } else {
                format!("{}.5", h / per)
            }
        };
        if self.is_point() {
            write!(f, "{}{unit}", show(self.high))
        } else {
            write!(f, "{}-{}{unit}", show(self.low), show(self.high))
        }
    }
}

/// JSON: the range as text and its bounds in hours.
impl Serialize for Effort {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Effort", 3)?;
        st.serialize_field("text", &self.to_string())?;
        st.serialize_field("low_hours", &self.low)?;
        st.serialize_field("high_hours", &self.high)?;
        st.end()
    }
}

/// The JSON shape `Serialize` writes, for schemas (the MCP server's
/// output schema).
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct EffortJson {
    /// The range as written back, e.g. `2-4d`.
    text: String,
    low_hours: u32,
    high_hours: u32,
}

impl schemars::JsonSchema for Effort {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Effort".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        EffortJson::json_schema(generator)
    }
}

/// The lower and upper amount of a range, or the one amount.
fn split_range(s: &str) -> (Option<&str>, &str) {
    for sep in ["..", "–", " to ", "-"] {
        if let Some((a, b)) = s.split_once(sep)
            && !a.trim().is_empty()
        {
            return (Some(a.trim()), b.trim());
        }
    }
    (None, s.trim())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Day,
    Week,
}

/// A written number: whole units and a half, or more precise than that.
#[derive(Debug, Clone, Copy)]
struct Amount {
    whole: u64,
    half: bool,
    too_precise: bool,
}

/// A number and its unit, if written; None when it is not a number.
fn amount(s: &str) -> Option<(Amount, Option<Unit>)> {
    let s = s.trim();
    let digits_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, rest) = s.split_at(digits_end);
    let unit = match rest.trim() {
        "" => None,
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(Unit::Hour),
        "d" | "day" | "days" => Some(Unit::Day),
        "w" | "wk" | "wks" | "week" | "weeks" => Some(Unit::Week),
        _ => return None,
    };
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || whole.len() > 6 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    // `.5` is a half and `.0` nothing; any other fraction claims a
    // precision no estimate has.
    let frac = frac.trim_end_matches('0');
    Some((
        Amount {
            whole,
            half: frac == "5",
            too_precise: !frac.is_empty() && frac != "5",
        },
        unit,
    ))
}

fn to_hours(text: &str, a: Amount, unit: Unit) -> Result<u32, String> {
    if a.too_precise {
        return Err(format!(
            "`{text}` is more precise than an estimate can be: use whole or half units (1.5d) or a range (1-2d)"
        ));
    }
    if unit == Unit::Hour && a.half {
        return Err(format!(
            "`{text}`: the smallest unit is an hour; write whole hours"
        ));
    }
    let per = u64::from(match unit {
        Unit::Hour => 1,
        Unit::Day => HOURS_PER_DAY,
        Unit::Week => HOURS_PER_WEEK,
    });
    let hours = (a.whole * 2 + u64::from(a.half)) * per / 2;
    u32::try_from(hours)
        .ok()
        .filter(|h| *h <= MAX_HOURS)
        .ok_or_else(|| format!("`{text}` is over 50 years of work"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Effort {
        Effort::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn reads_ranges_points_and_units() {
        assert_eq!(p("2-4d"), Effort::hours(16, 32));
        assert_eq!(p("2d-4d"), Effort::hours(16, 32));
        assert_eq!(p("4h-2d"), Effort::hours(4, 16));
        assert_eq!(p(" 1 to 2 Weeks "), Effort::hours(40, 80));
        assert_eq!(p("1..2w"), Effort::hours(40, 80));
        assert_eq!(p("1–2 days"), Effort::hours(8, 16));
        assert_eq!(p("3d"), Effort::hours(24, 24));
        assert_eq!(p("1.5d"), Effort::hours(12, 12));
        assert_eq!(p("0-2h"), Effort::hours(0, 2));
        assert_eq!(p("2.0d"), Effort::hours(16, 16));
    }

    #[test]
    fn refuses_what_is_not_an_estimate() {
        for (s, says) in [
            ("", "empty"),
            ("2-4", "no unit"),
            ("4-2d", "lower bound is above"),
            ("1.25d", "more precise"),
            ("0.5h", "whole hours"),
            ("0d", "no work"),
            ("2-4x", "not an estimate"),
            ("-2d", "not an estimate"),
            ("3 months", "not an estimate"),
            ("99999w", "50 years"),
            ("d", "not an estimate"),
        ] {
            let err = Effort::parse(s).unwrap_err();
            assert!(err.contains(says), "{s}: {err}");
        }
    }

    #[test]
    fn shows_in_the_largest_exact_unit() {
        assert_eq!(p("2-4d").to_string(), "2-4d");
        assert_eq!(p("5-10d").to_string(), "1-2w");
        assert_eq!(p("4h-1d").to_string(), "0.5-1d");
        assert_eq!(p("3-5h").to_string(), "3-5h");
        assert_eq!(p("1.5w").to_string(), "7.5d");
        assert_eq!(p("3d").to_string(), "3d");
        assert_eq!((p("2-4d") + p("1-2w")).to_string(), "7-14d");
        let total: Effort = [p("2h"), p("1d"), p("3-5h")].into_iter().sum();
        assert_eq!(total.to_string(), "13-15h");
    }

    #[test]
    fn interest_is_per_month_with_or_without_saying_so() {
        assert_eq!(Effort::parse_per_month("1d/month").unwrap(), p("1d"));
        assert_eq!(
            Effort::parse_per_month("2-4h per month").unwrap(),
            p("2-4h")
        );
        assert_eq!(Effort::parse_per_month("4h").unwrap(), p("4h"));
        let err = Effort::parse_per_month("lots/month").unwrap_err();
        assert!(err.contains("`lots/month`"), "{err}");
    }

    fn unit() -> impl Strategy<Value = (&'static str, u32)> {
        prop_oneof![Just(("h", 1)), Just(("d", 8)), Just(("w", 40))]
    }

    proptest! {
        /// Any text: an estimate or a message, never a panic.
        #[test]
        fn any_text_reads_or_is_refused(s in "\\PC{0,16}") {
            let _ = Effort::parse(&s);
            let _ = Effort::parse_per_month(&s);
        }

        /// Written ranges read back as their hours, and what is shown reads
        /// back as the same range.
        #[test]
        fn ranges_read_and_show_back(a in 0u32..200, extra in 0u32..200, (u, per) in unit(), half in any::<bool>()) {
            let b = a + extra;
            let half = half && u != "h";
            let frac = if half { ".5" } else { "" };
            let text = format!("{a}-{b}{frac}{u}");
            let e = Effort::parse(&text);
            if b == 0 && !half {
                prop_assert!(e.is_err());
            } else {
                let e = e.unwrap();
                prop_assert_eq!(e.low, a * per);
                prop_assert_eq!(e.high, b * per + if half { per / 2 } else { 0 });
                prop_assert_eq!(Effort::parse(&e.to_string()).unwrap(), e);
            }
        }

        /// Sums add bound by bound.
        #[test]
        fn sums_add_bounds(v in proptest::collection::vec((0u32..100, 0u32..100), 0..8)) {
            let items: Vec<Effort> = v.iter().map(|(a, b)| Effort::hours(*a, a + b)).collect();
            let total: Effort = items.iter().copied().sum();
            prop_assert_eq!(total.low, items.iter().map(|e| e.low).sum::<u32>());
            prop_assert_eq!(total.high, items.iter().map(|e| e.high).sum::<u32>());
            prop_assert!(total.low <= total.high);
        }
    }
}
