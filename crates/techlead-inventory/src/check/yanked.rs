//! `deps/yanked`: the locked version was withdrawn from its registry.

use super::DepsCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "deps/yanked",
    Severity::Warning,
    "A lockfile pins a version its registry has yanked.",
);

pub struct Yanked;

impl Rule<DepsCtx<'_>> for Yanked {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DepsCtx<'_>, out: &mut Vec<Finding>) {
        for p in cx.packages {
            let Some(Some(Ok(info))) = cx.risk(p).map(|r| &r.registry) else {
                continue;
            };
            let Some(reason) = &info.yanked else {
                continue;
            };
            let why = if reason.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", reason.trim())
            };
            let latest = match &info.latest {
                Some(l) => format!("; the newest release is {l}"),
                None => String::new(),
            };
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                format!(
                    "{} was yanked from its registry{why}{latest}",
                    DepsCtx::name(p)
                ),
                DepsCtx::at(p),
                "update the lockfile to a release that is not yanked",
                &format!("{}@{}", DepsCtx::key(p), p.version),
            ));
        }
    }
}
