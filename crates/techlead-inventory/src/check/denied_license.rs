//! `deps/denied-license`: a package whose license the policy refuses:
//! on `[deps] deny_licenses`, or not on `allow_licenses` when that is set.

use super::DepsCtx;
use crate::license::policy::Verdict;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "deps/denied-license",
    Severity::Error,
    "A package's license is denied by, or not allowed by, the [deps] license policy.",
);

pub struct DeniedLicense;

impl Rule<DepsCtx<'_>> for DeniedLicense {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DepsCtx<'_>, out: &mut Vec<Finding>) {
        if cx.policy.is_empty() {
            return;
        }
        for p in cx.licensed() {
            let Verdict::Refused(refused) = cx.policy.judge(p.license.as_ref()) else {
                continue;
            };
            let license = p.license.as_ref().map_or("", |l| l.shown());
            let denied: Vec<&String> = refused
                .iter()
                .filter(|l| {
                    cx.policy
                        .deny
                        .iter()
                        .any(|d| d == *l || l.starts_with(&format!("{d} WITH ")))
                })
                .collect();
            let why = if denied.is_empty() {
                format!("{} not in [deps] allow_licenses", list(&refused))
            } else {
                format!("{} in [deps] deny_licenses", list(&denied))
            };
            let origin = p.license.as_ref().map_or("", |l| l.origin.as_str());
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                format!("{} is under {license} ({origin}): {why}", DepsCtx::name(p)),
                DepsCtx::at(p),
                "replace the package, get it under another license, or change the policy with a reason",
                &format!("{} {license}", DepsCtx::key(p)),
            ));
        }
    }
}

/// `GPL-3.0-only is` / `GPL-3.0-only and AGPL-3.0-only are`.
fn list(l: &[impl AsRef<str>]) -> String {
    let names: Vec<&str> = l.iter().map(AsRef::as_ref).collect();
    match names.len() {
        1 => format!("{} is", names[0]),
        _ => format!("{} are", names.join(" and ")),
    }
}
