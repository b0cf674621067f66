//! `signed-releases` and `release-cadence`, from the release tags (the
//! tags `history delivery` counts as releases).
//!
//! Signed releases look at the releases of the last 12 months (else the
//! newest 5): score = 10 × max(0.8 × signed share + 0.2 × provenance,
//! 0.8 × provenance), where provenance is 1 when CI builds releases with
//! provenance or signatures (SLSA generator, `actions/attest-build-
//! provenance`, cosign, `npm publish --provenance`, PyPI trusted
//! publishing, ...).
//!
//! Cadence: n releases in 12 months score min(10, 10 × log2(1 + n) /
//! log2(13)): one a month is 10, one a quarter 6.3, one a year 2.7.

use super::{EXAMPLES, count, no_history};
use crate::duration::date_of;
use crate::facts::Facts;
use crate::input::Tag;
use crate::model::{CheckResult, Evidence};

fn tag_evidence(t: &Tag, detail: impl Into<String>) -> Evidence {
    Evidence::Tag {
        name: t.name.clone(),
        date: date_of(t.time).to_string(),
        detail: detail.into(),
    }
}

pub fn signed_releases(f: &Facts) -> CheckResult {
    if let Some(why) = no_history(f) {
        return CheckResult::unmeasured("signed-releases", why);
    }
    let tags = &f.history.map(|h| h.tags.as_slice()).unwrap_or_default();
    if tags.is_empty() {
        return CheckResult::not_applicable(
            "signed-releases",
            "no release tags (v1.2.3, 1.2.3), so no release to sign; set [practices] release_tags if yours differ",
        );
    }
    let year = f.days_ago(365);
    let mut recent: Vec<&Tag> = tags.iter().filter(|t| t.time >= year).collect();
    let window = if recent.is_empty() {
        recent = tags.iter().rev().take(5).collect();
        match recent.len() {
            1 => "the newest release".to_string(),
            n => format!("the newest {n} releases"),
        }
    } else {
        format!("{} of the last 12 months", count(recent.len(), "release"))
    };
    let signed: Vec<&&Tag> = recent.iter().filter(|t| t.signature.is_some()).collect();
    let share = signed.len() as f64 / recent.len() as f64;
    let provenance = provenance(f);
    let prov = if provenance.is_empty() { 0.0 } else { 1.0 };
    let score = 10.0 * (0.8 * share + 0.2 * prov).max(0.8 * prov);
    let mut evidence: Vec<Evidence> = recent
        .iter()
        .take(EXAMPLES)
        .map(|t| {
            let what = match (&t.signature, t.annotated) {
                (Some(s), _) => format!("signed ({s})"),
                (None, true) => "annotated, not signed".to_string(),
                (None, false) => "a lightweight tag, not signed".to_string(),
            };
            tag_evidence(t, what)
        })
        .collect();
    evidence.extend(provenance.iter().take(EXAMPLES).cloned());
    let mut reason = format!("{} of {window} signed", signed.len());
    reason.push_str(if provenance.is_empty() {
        "; no provenance or signing of release builds in CI"
    } else {
        "; CI builds releases with provenance or signatures"
    });
    CheckResult::scored("signed-releases", score, reason).with(evidence)
}

/// CI lines that make provenance or sign artifacts.
fn provenance(f: &Facts) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (line, action, _) in f.ci.uses() {
        let a = action.to_ascii_lowercase();
        if a.starts_with("slsa-framework/slsa-github-generator")
            || a.starts_with("actions/attest")
            || a == "pypa/gh-action-pypi-publish"
            || a == "sigstore/gh-action-sigstore-python"
        {
            out.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("{action}: provenance or attestations"),
            ));
        }
    }
    for l in &f.ci.lines {
        let t = l.text.to_ascii_lowercase();
        if t.contains("provenance: true")
            || t.contains("provenance: mode=")
            || t.contains("--provenance")
            || t.contains("npm_config_provenance")
        {
            out.push(Evidence::file(&l.path, Some(l.line), "build provenance"));
        }
    }
    for (line, cmd) in f.ci.commands() {
        let sub = cmd.subcommands(1);
        let signs = match cmd.tool() {
            "cosign" => matches!(
                sub.first(),
                Some(&"sign") | Some(&"attest") | Some(&"sign-blob") | Some(&"attest-blob")
            ),
            "gh" => sub.first() == Some(&"attestation"),
            "in-toto-run" | "witness" => true,
            _ => false,
        };
        if signs {
            out.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("`{}`", cmd.text()),
            ));
        }
    }
    for g in [
        ".goreleaser.yml",
        ".goreleaser.yaml",
        "goreleaser.yml",
        "goreleaser.yaml",
    ] {
        if let Some(text) = f.read(g)
            && let Some(i) = text
                .lines()
                .position(|l| l.starts_with("signs:") || l.starts_with("sboms:"))
        {
            out.push(Evidence::file(
                g,
                Some(i as u32 + 1),
                "GoReleaser signs releases",
            ));
        }
    }
    out
}

pub fn release_cadence(f: &Facts) -> CheckResult {
    if let Some(why) = no_history(f) {
        return CheckResult::unmeasured("release-cadence", why);
    }
    let tags = f.history.map(|h| h.tags.as_slice()).unwrap_or_default();
    let Some(last) = tags.last() else {
        return CheckResult::not_applicable(
            "release-cadence",
            "no release tags (v1.2.3, 1.2.3): deployed from the main line, or tags of another shape ([practices] release_tags)",
        );
    };
    let year = f.days_ago(365);
    let recent: Vec<&Tag> = tags.iter().filter(|t| t.time >= year).collect();
    let n = recent.len();
    let mut evidence = vec![Evidence::count("releases in 12 months", n as f64)];
    evidence.extend(
        recent
            .iter()
            .rev()
            .take(EXAMPLES)
            .map(|t| tag_evidence(t, "release")),
    );
    if n == 0 {
        evidence.push(tag_evidence(last, "the last release"));
        return CheckResult::scored(
            "release-cadence",
            0.0,
            format!(
                "no release in 12 months (the last: {} on {})",
                last.name,
                date_of(last.time)
            ),
        )
        .with(evidence);
    }
    let score = 10.0 * ((1.0 + n as f64).log2() / 13f64.log2()).min(1.0);
    CheckResult::scored(
        "release-cadence",
        score,
        format!(
            "{} in 12 months ({:.1} a month; the last: {} on {})",
            count(n, "release"),
            n as f64 / 12.0,
            last.name,
            date_of(last.time)
        ),
    )
    .with(evidence)
}
