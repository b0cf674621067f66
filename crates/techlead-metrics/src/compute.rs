//! How each metric is computed from the evidence. A metric whose context
//! gave no result is absent with the context's reason, never zero.

use crate::evidence::{Absent, Boundaries, Decisions, Deps, Evidence, Radar, Source};
use std::collections::BTreeSet;
use techlead_core::Severity;
use techlead_history::Assessment;
use techlead_inventory::summary::EcosystemRisk;

/// A value, or why there is none.
pub type Computed = Result<f64, String>;

fn from<T>(source: &Source<T>) -> Result<&T, String> {
    source.as_ref().map_err(|a: &Absent| a.reason.clone())
}

fn count(n: usize) -> Computed {
    Ok(n as f64)
}

fn decisions(e: &Evidence) -> Result<&Decisions, String> {
    from(&e.decisions)
}

fn with_status(e: &Evidence, statuses: &[&str]) -> Computed {
    let d = decisions(e)?;
    count(
        d.records
            .iter()
            .filter(|r| r.status.as_deref().is_some_and(|s| statuses.contains(&s)))
            .count(),
    )
}

pub fn decisions_total(e: &Evidence) -> Computed {
    count(decisions(e)?.records.len())
}
pub fn decisions_accepted(e: &Evidence) -> Computed {
    with_status(e, &["accepted"])
}
pub fn decisions_proposed(e: &Evidence) -> Computed {
    with_status(e, &["proposed", "draft"])
}
pub fn decisions_superseded(e: &Evidence) -> Computed {
    with_status(e, &["superseded"])
}
pub fn decisions_deprecated(e: &Evidence) -> Computed {
    with_status(e, &["deprecated", "rejected", "reverted"])
}
pub fn decisions_findings(e: &Evidence) -> Computed {
    count(decisions(e)?.findings.len())
}

fn boundaries(e: &Evidence) -> Result<&Boundaries, String> {
    from(&e.boundaries)
}

pub fn boundaries_modules(e: &Evidence) -> Computed {
    count(boundaries(e)?.graph.modules.len())
}
pub fn boundaries_dependencies(e: &Evidence) -> Computed {
    count(boundaries(e)?.graph.edges.len())
}
pub fn boundaries_violations(e: &Evidence) -> Computed {
    count(
        boundaries(e)?
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Note)
            .count(),
    )
}
pub fn boundaries_baseline(e: &Evidence) -> Computed {
    count(boundaries(e)?.baseline)
}

fn radar(e: &Evidence) -> Result<&Radar, String> {
    from(&e.radar)
}

fn in_ring(e: &Evidence, ring: &str) -> Computed {
    let r = radar(e)?;
    if !r.rings.iter().any(|x| x == ring) {
        return Err(format!("[radar] rings has no `{ring}` ring"));
    }
    count(
        r.technologies
            .iter()
            .filter(|t| t.ring.as_deref() == Some(ring))
            .count(),
    )
}

pub fn radar_technologies(e: &Evidence) -> Computed {
    count(radar(e)?.technologies.len())
}
pub fn radar_adopt(e: &Evidence) -> Computed {
    in_ring(e, "adopt")
}
pub fn radar_trial(e: &Evidence) -> Computed {
    in_ring(e, "trial")
}
pub fn radar_assess(e: &Evidence) -> Computed {
    in_ring(e, "assess")
}
pub fn radar_hold(e: &Evidence) -> Computed {
    let r = radar(e)?;
    let hold = r.rings.last().ok_or("[radar] rings is empty")?.clone();
    in_ring(e, &hold)
}
pub fn radar_hold_in_use(e: &Evidence) -> Computed {
    count(radar(e)?.hold_in_use.len())
}

fn deps(e: &Evidence) -> Result<&Deps, String> {
    let d = from(&e.deps)?;
    if !d.errors.is_empty() {
        // A lockfile that could not be read would make every count short.
        return Err(format!(
            "{} lockfile{} could not be read: {}",
            d.errors.len(),
            if d.errors.len() == 1 { "" } else { "s" },
            d.errors[0]
        ));
    }
    Ok(d)
}

fn distinct(e: &Evidence, keep: fn(&techlead_inventory::Package) -> bool) -> Computed {
    let set: BTreeSet<(&str, &str)> = deps(e)?
        .packages
        .iter()
        .filter(|p| keep(p))
        .map(|p| (p.ecosystem.as_str(), p.name.as_str()))
        .collect();
    count(set.len())
}

pub fn deps_packages(e: &Evidence) -> Computed {
    let set: BTreeSet<(&str, &str, &str)> = deps(e)?
        .packages
        .iter()
        .map(|p| (p.ecosystem.as_str(), p.name.as_str(), p.version.as_str()))
        .collect();
    count(set.len())
}
pub fn deps_direct(e: &Evidence) -> Computed {
    distinct(e, |p| p.direct == Some(true))
}
pub fn deps_dev(e: &Evidence) -> Computed {
    distinct(e, |p| p.direct == Some(true) && p.dev == Some(true))
}
/// Which online answer a risk count comes from.
type Answers = fn(&EcosystemRisk) -> Option<usize>;

/// A risk count summed over the ecosystems, or why it is unknown: the
/// online answers were not asked (`needs`), or some package versions have
/// no answer (`unknown` counts them: a service not reached, a version
/// range, an ecosystem without a registry client), so the sum would be
/// short.
fn risk_sum(e: &Evidence, what: Answers, unknown: Answers, source: &str) -> Computed {
    let d = deps(e)?;
    let mut total = 0;
    let mut missing = 0;
    let mut asked = true;
    for r in &d.risk {
        missing += unknown(r).unwrap_or(0);
        match what(r) {
            Some(n) => total += n,
            None => asked &= unknown(r).is_some(),
        }
    }
    if !asked {
        return Err(ONLINE.to_string());
    }
    if missing > 0 {
        return Err(format!(
            "{missing} package version{} without an answer from {source}: see `techlead deps --online`",
            if missing == 1 { "" } else { "s" }
        ));
    }
    count(total)
}

const ONLINE: &str = "needs the registries and OSV, asked only with `techlead snapshot --online`";

pub fn deps_vulnerable(e: &Evidence) -> Computed {
    risk_sum(e, |r| r.vulnerable, |r| r.vulnerabilities_unknown, "OSV")
}
pub fn deps_yanked(e: &Evidence) -> Computed {
    risk_sum(e, |r| r.yanked, |r| r.registry_unknown, "a registry")
}
pub fn deps_outdated_major(e: &Evidence) -> Computed {
    risk_sum(
        e,
        |r| r.outdated_major,
        |r| r.registry_unknown,
        "a registry",
    )
}
pub fn deps_unknown_license(e: &Evidence) -> Computed {
    count(deps(e)?.risk.iter().map(|r| r.unknown_license).sum())
}
pub fn deps_denied_license(e: &Evidence) -> Computed {
    let d = deps(e)?;
    let mut total = 0;
    for r in &d.risk {
        total += r
            .denied_license
            .ok_or("no license policy: [deps] deny_licenses or allow_licenses")?;
    }
    count(total)
}

pub fn deps_ecosystems(e: &Evidence) -> Computed {
    let set: BTreeSet<&str> = deps(e)?
        .packages
        .iter()
        .map(|p| p.ecosystem.as_str())
        .collect();
    count(set.len())
}

fn history(e: &Evidence) -> Result<&Assessment, String> {
    from(&e.history).map(|b| &**b)
}

pub fn history_commits(e: &Evidence) -> Computed {
    count(history(e)?.summary.commits)
}
pub fn history_authors(e: &Evidence) -> Computed {
    count(history(e)?.summary.people)
}
pub fn history_truck_factor(e: &Evidence) -> Computed {
    let h = history(e)?;
    if h.summary.truck_factor.files == 0 {
        return Err("no existing file has history to measure knowledge on".into());
    }
    count(h.summary.truck_factor.truck_factor)
}
pub fn history_knowledge_islands(e: &Evidence) -> Computed {
    count(history(e)?.summary.knowledge_islands)
}
pub fn history_island_share(e: &Evidence) -> Computed {
    let s = &history(e)?.summary;
    if s.files == 0 {
        return Err("no existing file has history".into());
    }
    Ok(round(s.knowledge_islands as f64 / s.files as f64, 4))
}
pub fn history_knowledge_loss(e: &Evidence) -> Computed {
    count(history(e)?.knowledge_loss.len())
}
pub fn history_departed(e: &Evidence) -> Computed {
    count(history(e)?.departed.len())
}

fn hotspots(e: &Evidence) -> Result<&[techlead_history::Hotspot], String> {
    let h = history(e)?;
    if h.summary.bare {
        return Err("a bare repository has no files to measure complexity in".into());
    }
    Ok(&h.summary.hotspots)
}

pub fn hotspots_files(e: &Evidence) -> Computed {
    count(hotspots(e)?.len())
}
pub fn hotspots_complexity(e: &Evidence) -> Computed {
    Ok(hotspots(e)?.iter().map(|h| h.complexity as f64).sum())
}
pub fn hotspots_top_complexity(e: &Evidence) -> Computed {
    hotspots(e)?
        .first()
        .map(|h| h.complexity as f64)
        .ok_or_else(|| "no changed source file with measured complexity".into())
}

pub fn coupling_pairs(e: &Evidence) -> Computed {
    count(history(e)?.summary.coupling.len())
}
pub fn coupling_cross_module(e: &Evidence) -> Computed {
    let h = history(e)?;
    if h.file_modules.is_empty() {
        return Err("no [[boundaries.modules]] declared".into());
    }
    count(crate::cross_module(h).len())
}

fn delivery(e: &Evidence) -> Result<&techlead_history::Delivery, String> {
    let d = history(e)?
        .summary
        .delivery
        .as_ref()
        .ok_or("the tags could not be read")?;
    if d.releases.is_empty() {
        let mut why = String::from("no release tags (v1.2.3, 1.2.3, v1.2 or 1.2)");
        if let Some((glob, n)) = d.prefixed_tags.first() {
            why.push_str(&format!(
                "; {n} tags look like releases with a prefix: release_tags = [\"{glob}\"] under [history] counts them"
            ));
        }
        return Err(why);
    }
    Ok(d)
}

/// A lead-time figure, or why there is none: no release after the first
/// shipped a main-line commit.
fn lead(d: &techlead_history::Delivery, figure: Option<f64>) -> Computed {
    match figure {
        Some(days) => Ok(round(days, 2)),
        None => Err(match d.releases.iter().find(|r| r.first) {
            Some(first) => format!(
                "no commit released after the first release ({}), where lead times start",
                first.tag
            ),
            None => "no release tag is on the main line".into(),
        }),
    }
}

pub fn delivery_releases(e: &Evidence) -> Computed {
    count(delivery(e)?.releases.len())
}
pub fn delivery_per_month(e: &Evidence) -> Computed {
    let d = delivery(e)?;
    let commit = from(&e.commit)?;
    let end = techlead_history::revision::date_of(commit.time);
    let start = techlead_history::revision::date_of(commit.time - 183 * 86_400);
    let n = d
        .releases
        .iter()
        .filter(|r| r.date.as_str() > start.as_str() && r.date.as_str() <= end.as_str())
        .count();
    Ok(round(n as f64 / 6.0, 2))
}
/// A lead time of the last year, or why there is none: no release at
/// all, none after the first, or none in the window (the whole history's
/// figure named, as `techlead history delivery` shows it).
fn recent_lead(
    d: &techlead_history::Delivery,
    figure: Option<f64>,
    whole: Option<f64>,
) -> Computed {
    lead(d, whole)?;
    match figure {
        Some(days) => Ok(round(days, 2)),
        None => Err(format!(
            "no release since {} shipped a commit (over the whole history: {} days, `techlead history delivery`)",
            d.recent.since,
            whole.map_or_else(|| "n/a".to_string(), |w| round(w, 2).to_string())
        )),
    }
}
pub fn delivery_median(e: &Evidence) -> Computed {
    let d = delivery(e)?;
    lead(d, d.median_lead_days)
}
pub fn delivery_p90(e: &Evidence) -> Computed {
    let d = delivery(e)?;
    lead(d, d.p90_lead_days)
}
pub fn delivery_median_last_year(e: &Evidence) -> Computed {
    let d = delivery(e)?;
    recent_lead(d, d.recent.median_lead_days, d.median_lead_days)
}
pub fn delivery_p90_last_year(e: &Evidence) -> Computed {
    let d = delivery(e)?;
    recent_lead(d, d.recent.p90_lead_days, d.p90_lead_days)
}
pub fn delivery_revert_rate(e: &Evidence) -> Computed {
    Ok(round(delivery(e)?.revert_rate, 4))
}

fn health(e: &Evidence) -> Result<&techlead_health::Report, String> {
    let report = from(&e.health)?;
    if report.files.is_empty() {
        return Err("no source file in a language techlead measures".into());
    }
    Ok(report)
}
pub fn health_worst_file(e: &Evidence) -> Computed {
    let worst = health(e)?
        .files
        .iter()
        .map(|f| f.health)
        .fold(f64::INFINITY, f64::min);
    Ok(round(worst, 2))
}
pub fn health_average(e: &Evidence) -> Computed {
    // Files without a line of code weigh nothing: no average to give.
    health(e)?
        .average_health()
        .map(|h| round(h, 2))
        .ok_or_else(|| "no line of code in the measured files".into())
}
pub fn health_unhealthy_files(e: &Evidence) -> Computed {
    count(health(e)?.files.iter().filter(|f| f.health < 4.0).count())
}
pub fn practices_score(e: &Evidence) -> Computed {
    from(&e.practices)?
        .score
        .ok_or_else(|| "no practices check applies to this repository".into())
}
pub fn practices_level(e: &Evidence) -> Computed {
    let level = from(&e.practices)?.level.as_str();
    crate::registry::LEVELS
        .iter()
        .position(|l| *l == level)
        .map(|i| i as f64)
        .ok_or_else(|| format!("unknown level `{level}`"))
}

fn owed_debt(e: &Evidence) -> Result<Vec<&techlead_debt::DebtItem>, String> {
    Ok(from(&e.debt)?
        .items
        .iter()
        .filter(|i| i.status.is_owed())
        .collect())
}
pub fn debt_open_items(e: &Evidence) -> Computed {
    count(owed_debt(e)?.len())
}
/// The middle of each owed item's principal, in days of 8 hours; absent
/// while an owed item has no principal (the sum would be too low).
pub fn debt_open_principal_days(e: &Evidence) -> Computed {
    let owed = owed_debt(e)?;
    let missing = owed.iter().filter(|i| i.principal.is_none()).count();
    if missing > 0 {
        return Err(format!(
            "{missing} open debt item{} {} no principal",
            if missing == 1 { "" } else { "s" },
            if missing == 1 { "has" } else { "have" }
        ));
    }
    let hours: f64 = owed
        .iter()
        .filter_map(|i| i.principal)
        .map(|p| p.mid())
        .sum();
    Ok(round(
        hours / f64::from(techlead_debt::effort::HOURS_PER_DAY),
        1,
    ))
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}
