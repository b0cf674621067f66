//! Maturity levels, as OpsLevel, Port and Cortex use them: a level is
//! reached when every check assigned to it (and to the levels below)
//! scores at least its minimum. A check that does not apply meets any
//! minimum; one that could not be measured meets none. The next level's
//! unmet checks are the to-do list.

use crate::config::PracticesConfig;
use crate::model::{CheckResult, Level, Missing, NextLevel, Status};

/// The default minimum scores per level (documented in
/// docs/guide/practices.md). A level's list adds to the ones below it;
/// where a check appears twice, the higher level's minimum applies there.
pub const DEFAULTS: &[(Level, &[(&str, f64)])] = &[
    (
        Level::Bronze,
        &[
            ("ci", 8.0),
            ("tests", 4.0),
            ("license", 5.0),
            ("contributing", 4.0),
        ],
    ),
    (
        Level::Silver,
        &[
            ("ci-tests", 8.0),
            ("tests", 6.0),
            ("code-review", 6.0),
            ("dependency-updates", 5.0),
            ("security-policy", 5.0),
            ("sast", 5.0),
            ("bus-factor", 5.0),
        ],
    ),
    (
        Level::Gold,
        &[
            ("tests", 8.0),
            ("code-review", 8.0),
            ("codeowners", 6.0),
            ("pinned-dependencies", 7.0),
            ("sast", 8.0),
            ("signed-releases", 8.0),
            ("release-cadence", 6.0),
            ("deployment", 8.0),
            ("monitoring", 6.0),
            ("decisions", 6.0),
            ("architecture-checks", 5.0),
            ("bus-factor", 8.0),
        ],
    ),
];

/// The minimums of one level alone (not those below it): the defaults,
/// with `[practices.levels.<level>]` merged over them.
pub fn minimums(config: &PracticesConfig, level: Level) -> Vec<(&'static str, f64)> {
    let mut out: Vec<(&'static str, f64)> = DEFAULTS
        .iter()
        .find(|(l, _)| *l == level)
        .map(|(_, m)| m.to_vec())
        .unwrap_or_default();
    if let Some(over) = config.levels.of(level) {
        for (k, v) in over {
            let Some(id) = crate::checks::CHECKS
                .iter()
                .find(|c| c.id == k.get_ref())
                .map(|c| c.id)
            else {
                continue;
            };
            match out.iter_mut().find(|(i, _)| *i == id) {
                Some(e) => e.1 = *v.get_ref(),
                None => out.push((id, *v.get_ref())),
            }
        }
    }
    out.retain(|(_, m)| *m > 0.0);
    out
}

/// Whether a check meets a minimum.
pub fn meets(check: &CheckResult, minimum: f64) -> bool {
    match check.score {
        Some(s) => s >= minimum,
        None => !check.unmeasured,
    }
}

/// What one level still needs.
fn unmet(config: &PracticesConfig, checks: &[CheckResult], level: Level) -> Vec<Missing> {
    let mut out = Vec::new();
    for (id, minimum) in minimums(config, level) {
        let Some(c) = checks.iter().find(|c| c.id == id) else {
            continue;
        };
        if !meets(c, minimum) {
            out.push(Missing {
                check: c.id,
                minimum,
                score: c.score,
                status: c.status,
            });
        }
    }
    out
}

/// The level reached, and the next one with its to-do list.
pub fn evaluate(config: &PracticesConfig, checks: &[CheckResult]) -> (Level, Option<NextLevel>) {
    let mut reached = Level::None;
    for level in Level::ALL {
        let missing = unmet(config, checks, level);
        if !missing.is_empty() {
            return (reached, Some(NextLevel { level, missing }));
        }
        reached = level;
    }
    (reached, None)
}

/// The weighted mean of the applicable checks, one decimal.
pub fn overall(checks: &[CheckResult]) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for c in checks {
        if let (Some(s), true) = (c.score, c.weight > 0.0 && c.status != Status::NotApplicable) {
            sum += s * c.weight;
            weights += c.weight;
        }
    }
    (weights > 0.0).then(|| (sum / weights * 10.0).round() / 10.0)
}
