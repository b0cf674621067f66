//! The checks, one file each, by stable id. Each reads the shared
//! [`Facts`] and returns a score from 0 to 10 with its reason and
//! evidence, or n/a with why.

mod architecture;
mod bus_factor;
mod ci;
mod code_review;
mod codeowners;
mod contributing;
mod decisions;
mod dependency_updates;
mod deployment;
mod license;
mod monitoring;
pub(crate) mod pinned;
mod releases;
mod sast;
mod security_policy;
mod tests;

pub(crate) use deployment::{Deploy, deployed, deploys};

use crate::facts::Facts;
use crate::model::CheckResult;

/// A check's id, what it looks at (one line, for docs and `--help`), its
/// default weight (as OpenSSF Scorecard weighs risk: 10 critical, 7.5
/// high, 5 medium, 2.5 low), and how it runs.
pub struct CheckInfo {
    pub id: &'static str,
    pub title: &'static str,
    pub weight: f64,
    pub run: fn(&Facts) -> CheckResult,
}

pub const CHECKS: &[CheckInfo] = &[
    CheckInfo {
        id: "ci",
        title: "CI configuration that runs on changes",
        weight: 7.5,
        run: ci::ci,
    },
    CheckInfo {
        id: "ci-tests",
        title: "a CI job runs the test suite",
        weight: 7.5,
        run: ci::ci_tests,
    },
    CheckInfo {
        id: "tests",
        title: "tests for each language, test to source lines, tests changed with source",
        weight: 7.5,
        run: tests::tests,
    },
    CheckInfo {
        id: "code-review",
        title: "the share of human changes with review evidence in git",
        weight: 7.5,
        run: code_review::code_review,
    },
    CheckInfo {
        id: "codeowners",
        title: "CODEOWNERS covering the source, with active owners",
        weight: 2.5,
        run: codeowners::codeowners,
    },
    CheckInfo {
        id: "dependency-updates",
        title: "Dependabot or Renovate configured, and its updates merged",
        weight: 5.0,
        run: dependency_updates::dependency_updates,
    },
    CheckInfo {
        id: "pinned-dependencies",
        title: "lockfiles, CI actions pinned by SHA, base images by digest",
        weight: 5.0,
        run: pinned::pinned_dependencies,
    },
    CheckInfo {
        id: "security-policy",
        title: "SECURITY.md with a contact",
        weight: 2.5,
        run: security_policy::security_policy,
    },
    CheckInfo {
        id: "license",
        title: "a licence file, its SPDX id, and the manifests agreeing",
        weight: 2.5,
        run: license::license,
    },
    CheckInfo {
        id: "sast",
        title: "static analysis in CI for the languages in use",
        weight: 5.0,
        run: sast::sast,
    },
    CheckInfo {
        id: "signed-releases",
        title: "release tags signed, releases built with provenance",
        weight: 2.5,
        run: releases::signed_releases,
    },
    CheckInfo {
        id: "release-cadence",
        title: "releases from tags over the last 12 months",
        weight: 5.0,
        run: releases::release_cadence,
    },
    CheckInfo {
        id: "deployment",
        title: "deployment described as code, and a CI job that deploys",
        weight: 5.0,
        run: deployment::deployment,
    },
    CheckInfo {
        id: "monitoring",
        title: "telemetry, error tracking, structured logging, alerting",
        weight: 5.0,
        run: monitoring::monitoring,
    },
    CheckInfo {
        id: "contributing",
        title: "CONTRIBUTING, pull request and issue templates, code of conduct",
        weight: 2.5,
        run: contributing::contributing,
    },
    CheckInfo {
        id: "decisions",
        title: "decision records, added in the last 6 months",
        weight: 2.5,
        run: decisions::decisions,
    },
    CheckInfo {
        id: "architecture-checks",
        title: "module boundaries declared and checked in CI",
        weight: 2.5,
        run: architecture::architecture_checks,
    },
    CheckInfo {
        id: "bus-factor",
        title: "the truck factor against the active team",
        weight: 5.0,
        run: bus_factor::bus_factor,
    },
];

/// Evidence lists are cut to this many items of a kind; counts say how
/// many there were.
pub const EXAMPLES: usize = 5;

/// "1 file", "3 files".
pub fn count(n: usize, word: &str) -> String {
    techlead_core::words::count(n as u64, word)
}

/// A share as a percentage, no decimals.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

/// Why a history check cannot score, or None when history was read.
pub fn no_history(f: &Facts) -> Option<String> {
    match f.input.history {
        crate::input::History::Missing(why) => Some(format!("history not read: {why}")),
        crate::input::History::Read(_) => None,
    }
}
