//! One package with what its registry and OSV answered, as `techlead deps
//! --online --format json` and the MCP server's `deps` tool give it, and
//! the order that puts what to fix first on top.

use crate::Package;
use crate::check::Hold;
use crate::online::osv::Advisory;
use crate::online::registry::RegistryInfo;
use crate::online::{Assessment, Risk};
use serde::Serialize;

/// One package with its answers.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    #[serde(flatten)]
    pub package: &'a Package,
    pub line: u32,
    pub latest: Option<&'a str>,
    pub latest_released: Option<&'a str>,
    pub released: Option<&'a str>,
    /// Stable releases newer than the one in use.
    pub behind: Option<usize>,
    pub majors_behind: Option<usize>,
    /// Days between this version's release and the newest's.
    pub days_behind: Option<i64>,
    pub last_release: Option<&'a str>,
    pub yanked: Option<bool>,
    pub deprecated: Option<&'a str>,
    /// Why the registry answers are missing (null when read, or when the
    /// ecosystem has no registry client: see `registry`).
    pub registry_error: Option<&'a str>,
    /// Whether techlead asks a registry for this ecosystem.
    pub registry: bool,
    /// null when unknown (see `vulnerabilities_error`).
    pub vulnerabilities: Option<&'a [Advisory]>,
    pub vulnerabilities_error: Option<&'a str>,
    /// The radar technology on Hold that covers the package.
    pub on_hold: Option<&'a str>,
}

impl Entry<'_> {
    /// What to fix first: 0 vulnerable and on Hold, 1 vulnerable, 2 the
    /// rest.
    pub fn rank(&self) -> u8 {
        let vulnerable = self.vulnerabilities.is_some_and(|v| !v.is_empty());
        match (vulnerable, self.on_hold.is_some()) {
            (true, true) => 0,
            (true, false) => 1,
            _ => 2,
        }
    }
}

/// Every package with its answers, what to fix first on top (a stable
/// sort: the inventory's order within a rank).
pub fn entries<'a>(
    packages: &'a [Package],
    assessment: &'a Assessment,
    hold: &'a [Hold],
) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry> = packages
        .iter()
        .map(|p| entry(p, assessment.get(p), hold.iter().find(|h| h.covers(p))))
        .collect();
    out.sort_by_key(Entry::rank);
    out
}

fn entry<'a>(p: &'a Package, risk: Option<&'a Risk>, hold: Option<&'a Hold>) -> Entry<'a> {
    let reg: Option<&RegistryInfo> = risk
        .and_then(|r| r.registry.as_ref())
        .and_then(|r| r.as_ref().ok());
    let vulns = risk.map(|r| &r.vulnerabilities);
    Entry {
        package: p,
        line: p.line,
        latest: reg.and_then(|i| i.latest.as_deref()),
        latest_released: reg.and_then(|i| i.latest_released.as_deref()),
        released: reg
            .and_then(|i| i.released.as_deref())
            .or(p.released.as_deref()),
        behind: reg.map(|i| i.behind),
        majors_behind: reg.map(|i| i.majors_behind),
        days_behind: reg.and_then(|i| days(i.released.as_deref()?, i.latest_released.as_deref()?)),
        last_release: reg.and_then(|i| i.last_release.as_deref()),
        yanked: reg.map(|i| i.yanked.is_some()),
        deprecated: reg.and_then(|i| i.deprecated.as_deref()),
        registry_error: risk
            .and_then(|r| r.registry.as_ref())
            .and_then(|r| r.as_ref().err())
            .map(String::as_str),
        registry: risk.is_some_and(|r| r.registry.is_some()),
        vulnerabilities: vulns.and_then(|v| v.as_ref().ok()).map(Vec::as_slice),
        vulnerabilities_error: vulns.and_then(|v| v.as_ref().err()).map(String::as_str),
        on_hold: hold.map(|h| h.technology.as_str()),
    }
}

/// Whole days from `a` to `b` (YYYY-MM-DD), never negative.
fn days(a: &str, b: &str) -> Option<i64> {
    let a: jiff::civil::Date = a.parse().ok()?;
    let b: jiff::civil::Date = b.parse().ok()?;
    Some(a.until((jiff::Unit::Day, b)).ok()?.get_days().max(0).into())
}
