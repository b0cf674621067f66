//! `deps/outdated-major`: a direct dependency is `[deps] outdated_majors`
//! (default 1) or more major lines behind its newest stable release.

use super::DepsCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "deps/outdated-major",
    Severity::Warning,
    "A direct dependency is one or more major versions behind its newest stable release.",
);

pub struct OutdatedMajor;

impl Rule<DepsCtx<'_>> for OutdatedMajor {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DepsCtx<'_>, out: &mut Vec<Finding>) {
        let threshold = cx.config.outdated_majors() as usize;
        for p in cx.packages.iter().filter(|p| p.direct == Some(true)) {
            let Some(Some(Ok(info))) = cx.risk(p).map(|r| &r.registry) else {
                continue;
            };
            if info.majors_behind < threshold {
                continue;
            }
            let latest = info.latest.as_deref().unwrap_or("a newer release");
            let mut since = String::new();
            if let (Some(a), Some(b)) = (&info.released, &info.latest_released) {
                since = format!(" (released {a}; {latest} was released {b})");
            }
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                format!(
                    "{} is {} behind {latest}{since}",
                    DepsCtx::name(p),
                    techlead_core::words::count(info.majors_behind as u64, "major version"),
                ),
                DepsCtx::at(p),
                "plan the upgrade (read the changelogs of the major versions in between), or raise [deps] outdated_majors",
                &format!("{}@{}", DepsCtx::key(p), p.version),
            ));
        }
    }
}
