//! `deps/vulnerable`: a package version with known vulnerabilities (OSV).
//! A package the radar has on Hold and vulnerable is reported first.

use super::DepsCtx;
use crate::online::osv::Advisory;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "deps/vulnerable",
    Severity::Error,
    "A package version in a lockfile has known vulnerabilities (OSV advisories).",
);

pub struct Vulnerable;

/// `GHSA-35jh-r3h4-6jhm (CVE-2021-23337, HIGH): Command Injection in lodash`
fn describe(a: &Advisory) -> String {
    let mut s = a.id.clone();
    let mut extra: Vec<&str> = a.aliases.iter().map(String::as_str).collect();
    if let Some(sev) = &a.severity
        && !sev.starts_with("CVSS:")
    {
        extra.push(sev);
    }
    if !extra.is_empty() {
        s.push_str(&format!(" ({})", extra.join(", ")));
    }
    if let Some(summary) = &a.summary {
        s.push_str(&format!(": {summary}"));
    }
    s
}

/// The versions that fix every advisory, as far as they say.
pub fn fixed_in(advisories: &[Advisory]) -> String {
    let mut all: Vec<&str> = advisories
        .iter()
        .flat_map(|a| a.fixed.iter().map(String::as_str))
        .collect();
    all.sort();
    all.dedup();
    if all.is_empty() {
        "no fixed version is known".to_string()
    } else {
        format!("fixed in {}", all.join(", "))
    }
}

impl Rule<DepsCtx<'_>> for Vulnerable {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DepsCtx<'_>, out: &mut Vec<Finding>) {
        for p in cx.packages {
            let Some(Ok(all)) = cx.risk(p).map(|r| &r.vulnerabilities) else {
                continue;
            };
            let advisories: Vec<Advisory> = all
                .iter()
                .filter(|a| !cx.config.ignores(a))
                .cloned()
                .collect();
            if advisories.is_empty() {
                continue;
            }
            let list: Vec<String> = advisories.iter().map(describe).collect();
            let ids: Vec<&str> = advisories.iter().map(|a| a.id.as_str()).collect();
            let hold = cx.hold.iter().find(|h| h.covers(p));
            let mut message = format!(
                "{} has {}: {}; {}",
                DepsCtx::name(p),
                techlead_core::words::count_irregular(
                    advisories.len() as u64,
                    "known vulnerability",
                    "known vulnerabilities"
                ),
                list.join("; "),
                fixed_in(&advisories)
            );
            if let Some(h) = hold {
                message = format!(
                    "on Hold in the radar ({}, {}) and vulnerable: {message}",
                    h.technology, h.record
                );
            }
            let help = match hold {
                Some(_) => {
                    "replace it as the radar recommends; until then, upgrade to a fixed version"
                }
                None => {
                    "upgrade to a fixed version (see the advisories on osv.dev); one that does not apply can go in [deps] ignore_advisories"
                }
            };
            let finding = Finding::new(
                INFO.id,
                INFO.default_severity,
                message,
                DepsCtx::at(p),
                help,
                &format!("{}@{} {}", DepsCtx::key(p), p.version, ids.join(" ")),
            );
            out.push(if hold.is_some() {
                finding.first()
            } else {
                finding
            });
        }
    }
}
