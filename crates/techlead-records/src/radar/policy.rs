//! The radar's policy checks, part of `techlead check`. Those about the
//! code's real dependencies take the inventory as plain [`InUse`] values:
//! the CLI composes the inventory context with this one.

use super::Technology;
use techlead_core::config::RadarConfig;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub const HOLD_IN_USE: RuleInfo = RuleInfo::new(
    "radar/hold-in-use",
    Severity::Error,
    "a package of a technology on Hold is in a lockfile",
);
pub const UNKNOWN_RING: RuleInfo = RuleInfo::new(
    "radar/unknown-ring",
    Severity::Error,
    "a technology record has no ring, or one that [radar] rings does not list",
);
pub const UNKNOWN_QUADRANT: RuleInfo = RuleInfo::new(
    "radar/unknown-quadrant",
    Severity::Error,
    "a technology record has no quadrant, or one that [radar] quadrants does not list",
);
pub const STALE_ASSESSMENT: RuleInfo = RuleInfo::new(
    "radar/stale-assessment",
    Severity::Warning,
    "a technology has been in Assess or Trial longer than [radar] stale_after_months",
);
pub const OVERLAPPING_PURPOSE: RuleInfo = RuleInfo::new(
    "radar/overlapping-purpose",
    Severity::Warning,
    "two technologies in use serve the same purpose",
);
pub const UNEVALUATED: RuleInfo = RuleInfo::new(
    "radar/unevaluated-direct-dependency",
    Severity::Warning,
    "a direct dependency is covered by no technology record (with require_evaluation)",
);

pub const RULES: &[RuleInfo] = &[
    HOLD_IN_USE,
    UNKNOWN_RING,
    UNKNOWN_QUADRANT,
    STALE_ASSESSMENT,
    OVERLAPPING_PURPOSE,
    UNEVALUATED,
];

/// A package the inventory found in a lockfile or manifest.
#[derive(Debug, Clone)]
pub struct InUse {
    pub ecosystem: String,
    pub name: String,
    pub direct: Option<bool>,
    pub source: String,
    pub line: u32,
}

/// Does a technology's `eco:name` cover this package? Names compare as
/// their registries do: PyPI ignores case and `-`/`_`/`.`, others exactly.
pub fn covers(tech: &Technology, p: &InUse) -> bool {
    tech.packages.iter().any(|r| {
        r.ecosystem == p.ecosystem
            && if p.ecosystem == "pypi" {
                techlead_project::pep503(&r.name) == techlead_project::pep503(&p.name)
            } else {
                r.name == p.name
            }
    })
}

pub fn check(
    techs: &[Technology],
    config: &RadarConfig,
    inventory: &[InUse],
    today: &str,
) -> Vec<Finding> {
    let rings = config.rings();
    let quadrants = config.quadrants();
    let hold = rings.last().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for t in techs {
        let at =
            |line: Option<u32>| Some(Location::line(&t.path, line.or(t.lines.name).unwrap_or(1)));
        let field = |rule: &RuleInfo,
                     what: &str,
                     value: &Option<String>,
                     allowed: &[String],
                     line,
                     help: &str| {
            match value {
                Some(v) if allowed.contains(v) => None,
                other => Some(Finding::new(
                    rule.id,
                    rule.default_severity,
                    match other {
                        Some(v) => format!(
                            "`{}` is in {what} `{v}`, which is not one of: {}",
                            t.name,
                            allowed.join(", ")
                        ),
                        None => format!("`{}` has no {what}", t.name),
                    },
                    at(line),
                    format!("set `{what}:` to one of {}, or {help}", allowed.join(", ")),
                    what,
                )),
            }
        };
        out.extend(field(
            &UNKNOWN_RING,
            "ring",
            &t.ring,
            &rings,
            t.lines.ring,
            "add the ring to [radar] rings",
        ));
        out.extend(field(
            &UNKNOWN_QUADRANT,
            "quadrant",
            &t.quadrant,
            &quadrants,
            t.lines.quadrant,
            "add it to [radar] quadrants",
        ));
        // Assess and Trial: every ring between the first and Hold.
        let assessing = t
            .ring
            .as_ref()
            .is_some_and(|r| rings.len() > 2 && rings[1..rings.len() - 1].contains(r));
        let limit = config.stale_after_months.unwrap_or(6);
        if assessing
            && let Some(since) = t.since()
            && let Some(months) = months_between(since, today)
            && months > limit
        {
            let ring = t.ring.as_deref().unwrap_or_default();
            out.push(Finding::new(
                STALE_ASSESSMENT.id,
                STALE_ASSESSMENT.default_severity,
                format!(
                    "`{}` has been in {ring} since {since} ({months} months; the limit is {limit})",
                    t.name
                ),
                at(t.lines.ring),
                "decide: move it on (`techlead radar move`) with what was learned, or to Hold",
                ring,
            ));
        }
        if t.ring.as_deref() == Some(hold.as_str()) {
            for p in inventory.iter().filter(|p| covers(t, p)) {
                out.push(Finding::new(
                    HOLD_IN_USE.id,
                    HOLD_IN_USE.default_severity,
                    format!(
                        "`{}` ({}) is on Hold in the radar ({}, {}) but this lockfile uses it",
                        p.name, p.ecosystem, t.name, t.path
                    ),
                    Some(Location::line(&p.source, p.line)),
                    "replace it with the technology the radar recommends, or move the record out of Hold with a reason",
                    &format!("{}:{}", p.ecosystem, p.name),
                ));
            }
        }
    }
    overlapping(techs, inventory, &rings, &mut out);
    if config.require_evaluation {
        for p in inventory.iter().filter(|p| p.direct == Some(true)) {
            if !techs.iter().any(|t| covers(t, p)) {
                out.push(Finding::new(
                    UNEVALUATED.id,
                    UNEVALUATED.default_severity,
                    format!("`{}` ({}) is a direct dependency that no technology record covers", p.name, p.ecosystem),
                    Some(Location::line(&p.source, p.line)),
                    format!(
                        "add it to a record's packages, or record it: `techlead radar add ... --package {}:{}`",
                        p.ecosystem, p.name
                    ),
                    &format!("{}:{}", p.ecosystem, p.name),
                ));
            }
        }
    }
    out
}

/// Technologies in use that share a `purpose`: reported on every record
/// after the first. In use: a package of it is in a lockfile, or, for a
/// record without packages, it is in one of the rings before Hold.
fn overlapping(
    techs: &[Technology],
    inventory: &[InUse],
    rings: &[String],
    out: &mut Vec<Finding>,
) {
    let in_use = |t: &Technology| {
        if t.packages.is_empty() {
            t.ring
                .as_ref()
                .is_some_and(|r| rings.len() > 1 && rings[..rings.len() - 1].contains(r))
        } else {
            inventory.iter().any(|p| covers(t, p))
        }
    };
    let mut seen: Vec<(&str, &Technology)> = Vec::new();
    for t in techs.iter().filter(|t| in_use(t)) {
        let Some(purpose) = t.purpose.as_deref() else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(p, _)| *p == purpose) {
            out.push(Finding::new(
                OVERLAPPING_PURPOSE.id,
                OVERLAPPING_PURPOSE.default_severity,
                format!(
                    "`{}` and `{}` are both in use for `{purpose}`",
                    first.name, t.name
                ),
                Some(Location::line(&t.path, t.lines.purpose.unwrap_or(1))),
                "choose one (an ADR records why), put the other on Hold, and plan the migration",
                purpose,
            ));
        } else {
            seen.push((purpose, t));
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
