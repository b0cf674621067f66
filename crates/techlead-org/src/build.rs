//! The dashboard from the store's reads: grouping and arithmetic only, so
//! tests build it from constructed rows without a database.

use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use techlead_store::org::{
    Findings, HotspotRow, KnowledgeRow, LatestValue, PackageUse, RepoPoint, Repository,
    TechnologyUse,
};

/// Everything the dashboard reads from the store.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub store: String,
    pub generated: String,
    pub repositories: Vec<Repository>,
    /// Each metric of [`SERIES`] with its points in every repository.
    pub series: Vec<(String, Vec<RepoPoint>)>,
    pub latest: Vec<LatestValue>,
    pub technologies: Vec<TechnologyUse>,
    pub packages: Vec<PackageUse>,
    pub findings: Vec<Findings>,
    pub hotspots: Vec<HotspotRow>,
    pub knowledge: Vec<KnowledgeRow>,
}

pub fn build(input: Input) -> Dashboard {
    let latest: HashMap<(&str, &str), f64> = input
        .latest
        .iter()
        .map(|v| ((v.repo.as_str(), v.metric.as_str()), v.value))
        .collect();
    // repo -> metric -> points, oldest first (the store's order).
    let mut series: HashMap<&str, HashMap<&str, Vec<&RepoPoint>>> = HashMap::new();
    for (metric, points) in &input.series {
        for p in points {
            series
                .entry(p.repo.as_str())
                .or_default()
                .entry(metric.as_str())
                .or_default()
                .push(p);
        }
    }
    let repositories: Vec<RepoCard> = input
        .repositories
        .iter()
        .map(|r| card(r, &latest, series.get(r.name.as_str()), &input.findings))
        .collect();
    let teams: BTreeSet<String> = input
        .repositories
        .iter()
        .filter_map(|r| r.team.clone())
        .collect();
    Dashboard {
        generated: input.generated.clone(),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        store: input.store.clone(),
        figures: infos(KEY),
        practices: practices(&repositories),
        repositories,
        teams: teams.into_iter().collect(),
        radar: radar(&input.technologies),
        hold_in_use: hold_in_use(&input.packages),
        risk: infos(RISK),
        dependencies: input
            .repositories
            .iter()
            .map(|r| RepoRisk {
                repo: r.name.clone(),
                values: RISK
                    .iter()
                    .map(|(m, _)| latest.get(&(r.name.as_str(), *m)).copied())
                    .collect(),
            })
            .collect(),
        shared_packages: shared(&input.packages),
        decisions: decisions(&input.repositories, &series),
        hotspots: input.hotspots.clone(),
        knowledge: input.knowledge.clone(),
    }
}

fn infos(list: &[(&str, &str)]) -> Vec<FigureInfo> {
    list.iter()
        .map(|(metric, label)| {
            let m = techlead_metrics::find(metric);
            FigureInfo {
                metric: metric.to_string(),
                label: label.to_string(),
                unit: m.map_or("count", |m| m.unit.as_str()).to_string(),
                better: match m.map(|m| m.better) {
                    Some(techlead_metrics::Better::Higher) => "higher",
                    Some(techlead_metrics::Better::Lower) => "lower",
                    _ => "neither",
                }
                .to_string(),
            }
        })
        .collect()
}

fn card(
    r: &Repository,
    latest: &HashMap<(&str, &str), f64>,
    series: Option<&HashMap<&str, Vec<&RepoPoint>>>,
    findings: &[Findings],
) -> RepoCard {
    let commit = r.latest.as_ref().map(|t| t.commit.clone());
    let figures = KEY
        .iter()
        .map(|(metric, _)| {
            let points: &[&RepoPoint] = series
                .and_then(|s| s.get(metric))
                .map_or(&[], |v| v.as_slice());
            // The value before the latest snapshot's, for the arrow.
            let previous = points
                .iter()
                .rev()
                .find(|p| Some(&p.point.commit) != commit.as_ref())
                .map(|p| p.point.value);
            Figure {
                metric: metric.to_string(),
                value: latest.get(&(r.name.as_str(), *metric)).copied(),
                previous,
                trend: points[points.len().saturating_sub(TREND_POINTS)..]
                    .iter()
                    .map(|p| TrendPoint {
                        date: p.point.committed_at.clone(),
                        value: p.point.value,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut counts = [0; 3];
    for f in findings.iter().filter(|f| f.repo == r.name) {
        let i = match f.severity.as_str() {
            "error" => 0,
            "warning" => 1,
            _ => 2,
        };
        counts[i] += f.count;
    }
    let level = latest
        .get(&(r.name.as_str(), "practices.level"))
        .and_then(|v| techlead_metrics::LEVELS.get(*v as usize))
        .map(|l| l.to_string());
    RepoCard {
        name: r.name.clone(),
        key: r.key.clone(),
        team: r.team.clone(),
        tags: r.tags.clone(),
        snapshots: r.snapshots,
        committed_at: r.latest.as_ref().map(|t| t.committed_at.clone()),
        commit,
        tool_version: r.tool_version.clone(),
        figures,
        findings: counts,
        level,
    }
}

fn practices(cards: &[RepoCard]) -> Vec<LevelCount> {
    let mut out: Vec<LevelCount> = techlead_metrics::LEVELS
        .iter()
        .map(|l| LevelCount {
            level: l.to_string(),
            repositories: Vec::new(),
        })
        .collect();
    out.push(LevelCount {
        level: "not recorded".into(),
        repositories: Vec::new(),
    });
    for c in cards {
        let i = c
            .level
            .as_ref()
            .and_then(|l| techlead_metrics::LEVELS.iter().position(|x| x == l))
            .unwrap_or(out.len() - 1);
        out[i].repositories.push(c.name.clone());
    }
    out
}

/// Each technology once (names compared case-insensitively), with every
/// repository's ring; those on Hold somewhere first, then the most used.
fn radar(uses: &[TechnologyUse]) -> Vec<TechnologyRow> {
    let mut by: BTreeMap<String, TechnologyRow> = BTreeMap::new();
    for u in uses {
        let row = by
            .entry(u.technology.to_lowercase())
            .or_insert_with(|| TechnologyRow {
                technology: u.technology.clone(),
                quadrants: Vec::new(),
                uses: Vec::new(),
                rings_differ: false,
                on_hold: false,
            });
        if let Some(q) = &u.quadrant
            && !row.quadrants.contains(q)
        {
            row.quadrants.push(q.clone());
        }
        row.on_hold |= u
            .ring
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("hold"));
        row.uses.push(RingUse {
            repo: u.repo.clone(),
            ring: u.ring.clone(),
        });
    }
    let mut rows: Vec<TechnologyRow> = by
        .into_values()
        .map(|mut r| {
            let rings: BTreeSet<String> = r
                .uses
                .iter()
                .filter_map(|u| u.ring.as_ref().map(|s| s.to_lowercase()))
                .collect();
            r.rings_differ = rings.len() > 1;
            r
        })
        .collect();
    rows.sort_by(|a, b| {
        b.on_hold
            .cmp(&a.on_hold)
            .then(b.uses.len().cmp(&a.uses.len()))
            .then(
                a.technology
                    .to_lowercase()
                    .cmp(&b.technology.to_lowercase()),
            )
    });
    rows
}

/// One package across repositories: its versions, the repositories, and
/// whether any has it as a direct dependency.
type Spread<'a> = (BTreeSet<&'a str>, BTreeSet<&'a str>, bool);

/// Packages grouped by (ecosystem, name).
fn grouped<'a>(
    packages: impl Iterator<Item = &'a PackageUse>,
) -> BTreeMap<(&'a str, &'a str), Spread<'a>> {
    let mut by: BTreeMap<(&str, &str), Spread> = BTreeMap::new();
    for p in packages {
        let e = by
            .entry((p.ecosystem.as_str(), p.package.as_str()))
            .or_default();
        if !p.version.is_empty() {
            e.0.insert(p.version.as_str());
        }
        e.1.insert(p.repo.as_str());
        e.2 |= p.direct;
    }
    by
}

fn strings(set: &BTreeSet<&str>) -> Vec<String> {
    set.iter().map(|s| s.to_string()).collect()
}

fn hold_in_use(packages: &[PackageUse]) -> Vec<HoldPackage> {
    grouped(packages.iter().filter(|p| p.hold))
        .into_iter()
        .map(|((eco, name), (versions, repos, direct))| HoldPackage {
            ecosystem: eco.to_string(),
            package: name.to_string(),
            versions: strings(&versions),
            repos: strings(&repos),
            direct,
        })
        .collect()
}

fn shared(packages: &[PackageUse]) -> Vec<SharedPackage> {
    let mut rows: Vec<SharedPackage> = grouped(packages.iter())
        .into_iter()
        .filter(|(_, (_, repos, _))| repos.len() > 1)
        .map(|((eco, name), (versions, repos, _))| SharedPackage {
            ecosystem: eco.to_string(),
            package: name.to_string(),
            repos: repos.len(),
            versions: strings(&versions),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.repos
            .cmp(&a.repos)
            .then(b.versions.len().cmp(&a.versions.len()))
            .then((&a.ecosystem, &a.package).cmp(&(&b.ecosystem, &b.package)))
    });
    rows.truncate(SHARED);
    rows
}

/// `2026-03-01T...` -> quarter number (year × 4 + quarter index).
fn quarter(date: &str) -> Option<i64> {
    let year: i64 = date.get(..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some(year * 4 + (month - 1) / 3)
}

fn quarter_name(q: i64) -> String {
    format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
}

fn decisions(
    repos: &[Repository],
    series: &HashMap<&str, HashMap<&str, Vec<&RepoPoint>>>,
) -> Decisions {
    let points = |repo: &str| -> Vec<(i64, f64)> {
        series
            .get(repo)
            .and_then(|s| s.get("decisions.total"))
            .map(|v| {
                v.iter()
                    .filter_map(|p| Some((quarter(&p.point.committed_at)?, p.point.value)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let Some(last) = repos
        .iter()
        .flat_map(|r| points(&r.name))
        .map(|(q, _)| q)
        .max()
    else {
        return Decisions {
            quarters: Vec::new(),
            teams: Vec::new(),
        };
    };
    // One quarter before the first shown, for the first "added".
    let first = last - QUARTERS as i64 + 1;
    let mut by_team: BTreeMap<String, Vec<&Repository>> = BTreeMap::new();
    for r in repos {
        let team = r.team.clone().unwrap_or_else(|| "(no team)".into());
        by_team.entry(team).or_default().push(r);
    }
    let teams = by_team
        .into_iter()
        .map(|(team, members)| {
            let mut totals: Vec<Option<f64>> = vec![None; QUARTERS + 1];
            for r in &members {
                let pts = points(&r.name);
                for (i, q) in (first - 1..=last).enumerate() {
                    // The repository's latest value by the quarter's end.
                    if let Some((_, v)) = pts.iter().rev().find(|(pq, _)| *pq <= q) {
                        *totals[i].get_or_insert(0.0) += v;
                    }
                }
            }
            let added = totals.windows(2).map(|w| Some(w[1]? - w[0]?)).collect();
            TeamDecisions {
                team,
                repos: members.len(),
                totals: totals[1..].to_vec(),
                added,
            }
        })
        .collect();
    Decisions {
        quarters: (first..=last).map(quarter_name).collect(),
        teams,
    }
}
