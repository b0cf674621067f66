//! `radar/stale-assessment`: a technology left in Assess or Trial past
//! `[radar] stale_after_months`. An evaluation that never ends is a
//! decision nobody took.

use super::RadarCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "radar/stale-assessment",
    Severity::Warning,
    "A technology has been in Assess or Trial longer than `[radar] stale_after_months` (default 6).",
);

pub struct StaleAssessment;

impl Rule<RadarCtx<'_>> for StaleAssessment {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &RadarCtx<'_>, out: &mut Vec<Finding>) {
        let rings = &cx.rings;
        let limit = cx.config.stale_after_months.unwrap_or(6);
        for t in cx.techs {
            // Assess and Trial: every ring between the first and Hold.
            let assessing = t
                .ring
                .as_ref()
                .is_some_and(|r| rings.len() > 2 && rings[1..rings.len() - 1].contains(r));
            if assessing
                && let Some(since) = t.since()
                && let Some(months) = months_between(since, cx.today)
                && months > limit
            {
                let ring = t.ring.as_deref().unwrap_or_default();
                out.push(Finding::new(
                    INFO.id,
                    INFO.default_severity,
                    format!(
                        "`{}` has been in {ring} since {since} ({}; the limit is {limit})",
                        t.name,
                        techlead_core::words::count(months, "month")
                    ),
                    RadarCtx::at(t, t.lines.ring),
                    "decide: move it on (`techlead radar move`) with what was learned, or to Hold",
                    ring,
                ));
            }
        }
    }
}

/// Whole months from `from` to `to` (YYYY-MM-DD), or None if either is not
/// a date.
fn months_between(from: &str, to: &str) -> Option<u32> {
    let parse = |d: &str| -> Option<(i32, i32, i32)> {
        let mut p = d.get(..10)?.split('-');
        Some((
            p.next()?.parse().ok()?,
            p.next()?.parse().ok()?,
            p.next()?.parse().ok()?,
        ))
    };
    let (y1, m1, d1) = parse(from)?;
    let (y2, m2, d2) = parse(to)?;
    let months = (y2 - y1) * 12 + (m2 - m1) - i32::from(d2 < d1);
    Some(months.max(0) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(months_between("2026-01-15", "2026-07-15"), Some(6));
        assert_eq!(months_between("2026-01-15", "2026-07-14"), Some(5));
        assert_eq!(months_between("2025-11-30", "2026-01-01"), Some(1));
        assert_eq!(months_between("x", "2026-01-01"), None);
    }
}
