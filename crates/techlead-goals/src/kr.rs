//! Key results: a metric of techlead's registry against a target
//! (`boundaries.violations == 0`), computed and never typed in, or a
//! manual one whose numbers people keep (`Payment methods live: 3 -> 8
//! methods`).
//!
//! In a goal record they are the `key_results:` list:
//!
//! ```yaml
//! key_results:
//!   - metric: boundaries.violations == 0
//!     start: 3            # the value when the key result was added
//!     added: 2026-01-15
//!   - text: Payment methods live
//!     start: 3
//!     target: 8
//!     current: 5
//!     unit: methods
//!     updated: 2026-01-10
//! ```

use serde::Serialize;

/// How a metric is compared with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "==")]
    Eq,
}

/// The operators, longest spelling first so `>=` is not read as `>`.
const SPELLINGS: &[(&str, Op)] = &[
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("==", Op::Eq),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
];

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Eq => "==",
        }
    }

    pub fn parse(s: &str) -> Option<Op> {
        let s = s.trim();
        SPELLINGS.iter().find(|(t, _)| *t == s).map(|(_, op)| *op)
    }

    /// Whether `value` meets `target`.
    pub fn holds(self, value: f64, target: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Op::Ge => value >= target - EPS,
            Op::Gt => value > target + EPS,
            Op::Le => value <= target + EPS,
            Op::Lt => value < target - EPS,
            Op::Eq => (value - target).abs() <= EPS,
        }
    }
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `METRIC OP VALUE` split into its parts; the value stays text until the
/// metric's unit says how to read it (`silver`, `80%`).
pub fn parse_expression(s: &str) -> Result<(String, Op, String), String> {
    let s = s.trim();
    let at = s
        .char_indices()
        .find_map(|(i, _)| {
            SPELLINGS
                .iter()
                .find(|(t, _)| s[i..].starts_with(t))
                .map(|(t, op)| (i, t.len(), *op))
        })
        .ok_or_else(|| {
            format!(
                "`{s}` has no comparison: write METRIC OP VALUE with OP one of >=, >, <=, <, =="
            )
        })?;
    let (i, len, op) = at;
    let name = s[..i].trim();
    let value = s[i + len..].trim();
    if name.is_empty() || value.is_empty() {
        return Err(format!(
            "`{s}` is not METRIC OP VALUE (for example `boundaries.violations == 0`)"
        ));
    }
    if name.contains(char::is_whitespace) {
        return Err(format!(
            "`{name}` is not a metric name (names have no spaces)"
        ));
    }
    Ok((name.to_string(), op, value.to_string()))
}

/// A manual key result as `goals add --kr-manual` takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ManualSpec {
    pub text: String,
    pub start: f64,
    pub target: f64,
    pub unit: Option<String>,
}

/// `TEXT: START -> TARGET UNIT` (`→` works too; the unit may stick to
/// the number: `2.1% -> 3%`).
pub fn parse_manual(s: &str) -> Result<ManualSpec, String> {
    let shape = "write TEXT: START -> TARGET UNIT, such as `Payment methods live: 3 -> 8 methods`";
    let (left, right) = s
        .split_once("->")
        .or_else(|| s.split_once('→'))
        .ok_or_else(|| format!("`{}` has no `->`: {shape}", s.trim()))?;
    let (text, start) = left
        .rsplit_once(':')
        .ok_or_else(|| format!("`{}` has no `:` before the start value: {shape}", s.trim()))?;
    let text = text.trim();
    if text.is_empty() || text.contains(['\n', '\r']) {
        return Err(format!("the key result needs one line of text: {shape}"));
    }
    let (start, start_unit) = leading_number(start)
        .ok_or_else(|| format!("`{}` is not a number: {shape}", start.trim()))?;
    let (target, unit) = leading_number(right)
        .ok_or_else(|| format!("`{}` is not a number: {shape}", right.trim()))?;
    let unit = unit.or(start_unit);
    if start == target {
        return Err(format!(
            "`{}`: the start and the target are both {}; a key result moves something",
            s.trim(),
            crate::readings::trim(start, 6)
        ));
    }
    Ok(ManualSpec {
        text: text.to_string(),
        start,
        target,
        unit,
    })
}

/// The number at the start of `s` and what follows it, trimmed.
fn leading_number(s: &str) -> Option<(f64, Option<String>)> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+'))))
        .map_or(s.len(), |(i, _)| i);
    let value = crate::readings::number(&s[..end])?;
    let rest = s[end..].trim();
    Some((value, (!rest.is_empty()).then(|| rest.to_string())))
}

/// (current - start) / (target - start), clamped to 0..1; 1 once the
/// target is met, whichever side the value came from.
pub fn progress(start: f64, target: f64, current: f64, op: Op) -> f64 {
    if op.holds(current, target) {
        return 1.0;
    }
    if (target - start).abs() < 1e-12 {
        return 0.0;
    }
    ((current - start) / (target - start)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_split_on_the_longest_operator() {
        assert_eq!(
            parse_expression("history.truck_factor >= 3").unwrap(),
            ("history.truck_factor".into(), Op::Ge, "3".into())
        );
        assert_eq!(
            parse_expression("practices.level>=silver").unwrap(),
            ("practices.level".into(), Op::Ge, "silver".into())
        );
        assert_eq!(parse_expression("a.b == 0").unwrap().1, Op::Eq);
        assert_eq!(parse_expression("a.b = 0").unwrap().1, Op::Eq);
        assert_eq!(parse_expression("a.b < 7").unwrap().1, Op::Lt);
        assert_eq!(parse_expression("a.b ≤ 7").unwrap().1, Op::Le);
        assert!(
            parse_expression("a.b 7")
                .unwrap_err()
                .contains("no comparison")
        );
        assert!(
            parse_expression(">= 7")
                .unwrap_err()
                .contains("not METRIC OP VALUE")
        );
        assert!(
            parse_expression("lead time <= 7")
                .unwrap_err()
                .contains("no spaces")
        );
    }

    #[test]
    fn manual_key_results_read_their_numbers_and_unit() {
        let m = parse_manual("Payment methods live: 3 -> 8 methods").unwrap();
        assert_eq!(
            (m.text.as_str(), m.start, m.target),
            ("Payment methods live", 3.0, 8.0)
        );
        assert_eq!(m.unit.as_deref(), Some("methods"));
        let m = parse_manual("Checkout conversion: rate: 2.1% → 3%").unwrap();
        assert_eq!(m.text, "Checkout conversion: rate");
        assert_eq!(
            (m.start, m.target, m.unit.as_deref()),
            (2.1, 3.0, Some("%"))
        );
        let m = parse_manual("Churn: 5 -> -1").unwrap();
        assert_eq!((m.target, m.unit), (-1.0, None));
        assert!(parse_manual("Churn 5 -> 3").unwrap_err().contains("no `:`"));
        assert!(parse_manual("Churn: 5").unwrap_err().contains("no `->`"));
        assert!(
            parse_manual("Churn: five -> 3")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            parse_manual("Churn: 3 -> 3")
                .unwrap_err()
                .contains("both 3")
        );
    }

    #[test]
    fn progress_runs_from_start_to_target_either_way() {
        assert_eq!(progress(0.0, 10.0, 5.0, Op::Ge), 0.5);
        assert_eq!(progress(10.0, 0.0, 4.0, Op::Eq), 0.6);
        assert_eq!(
            progress(10.0, 0.0, 12.0, Op::Le),
            0.0,
            "worse than the start"
        );
        assert_eq!(progress(1.0, 3.0, 5.0, Op::Ge), 1.0, "beyond the target");
        assert_eq!(progress(0.0, 0.0, 0.0, Op::Eq), 1.0, "met from the start");
        assert_eq!(progress(2.0, 2.0, 3.0, Op::Le), 0.0);
    }

    proptest::proptest! {
        /// Progress is always a share, and met targets are always 1.
        #[test]
        fn progress_is_a_share(s in -1e6f64..1e6, t in -1e6f64..1e6, c in -1e6f64..1e6) {
            for op in [Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq] {
                let p = progress(s, t, c, op);
                proptest::prop_assert!((0.0..=1.0).contains(&p));
                if op.holds(c, t) {
                    proptest::prop_assert_eq!(p, 1.0);
                }
            }
        }

        /// Any text reads without a panic.
        #[test]
        fn any_text_parses_without_panic(s in "\\PC{0,40}") {
            let _ = parse_expression(&s);
            let _ = parse_manual(&s);
        }
    }
}
