//! `deps/unmaintained`: a direct dependency with no release of any kind
//! for `[deps] unmaintained_months` (default 24), or that its registry
//! marks deprecated.

use super::DepsCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "deps/unmaintained",
    Severity::Warning,
    "A direct dependency has had no release for a long time, or its registry marks it deprecated.",
);

pub struct Unmaintained;

/// Whole months from `from` to `to` (YYYY-MM-DD).
fn months_between(from: &str, to: &str) -> Option<i64> {
    let parse = |d: &str| -> Option<(i64, i64, i64)> {
        let mut it = d.get(..10)?.split('-').map(|x| x.parse::<i64>().ok());
        Some((it.next()??, it.next()??, it.next()??))
    };
    let (fy, fm, fd) = parse(from)?;
    let (ty, tm, td) = parse(to)?;
    let mut months = (ty - fy) * 12 + (tm - fm);
    if td < fd {
        months -= 1;
    }
    Some(months)
}

impl Rule<DepsCtx<'_>> for Unmaintained {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DepsCtx<'_>, out: &mut Vec<Finding>) {
        let limit = i64::from(cx.config.unmaintained_months());
        for p in cx.packages.iter().filter(|p| p.direct == Some(true)) {
            let Some(Some(Ok(info))) = cx.risk(p).map(|r| &r.registry) else {
                continue;
            };
            let quiet = info
                .last_release
                .as_deref()
                .and_then(|d| Some((d, months_between(d, cx.today)?)))
                .filter(|(_, m)| *m >= limit);
            let message = match (&info.deprecated, quiet) {
                (Some(msg), _) => format!("{} is deprecated: {}", DepsCtx::name(p), msg.trim()),
                (None, Some((date, months))) => format!(
                    "{} has had no release for {} (the last on {date})",
                    DepsCtx::name(p),
                    techlead_core::words::count(months as u64, "month")
                ),
                (None, None) => continue,
            };
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                message,
                DepsCtx::at(p),
                "look for a maintained alternative or fork, and record the choice in the radar",
                &DepsCtx::key(p),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn months() {
        assert_eq!(super::months_between("2024-01-15", "2026-01-15"), Some(24));
        assert_eq!(super::months_between("2024-01-16", "2026-01-15"), Some(23));
        assert_eq!(super::months_between("x", "2026-01-15"), None);
    }
}
