//! The organisation store's load generator (bench/org_store.sh): REPOS
//! repositories × WEEKS weekly snapshots pushed by WRITERS threads through
//! the same `Store::record` that `techlead snapshot --store` uses, each
//! snapshot the size of a real one (the registry's 50 metrics, by name, 20 technologies, 150
//! packages, 8 finding counts, 20 hotspots, 20 knowledge risks). One in a
//! hundred is pushed a second time, by another writer, to show it stays
//! one snapshot. Prints the time and the row counts every table must have.
//!
//!   cargo run --release -p techlead-store --features postgres \
//!     --example org_load -- URL [REPOS WEEKS WRITERS]

use std::path::Path;
use std::time::Instant;
use techlead_store::*;

/// The metrics registry's names (docs/guide/metrics.md), so that the org
/// views read series they know, as in a real store.
const NAMES: &[&str] = &[
    "decisions.total",
    "decisions.accepted",
    "decisions.proposed",
    "decisions.superseded",
    "decisions.deprecated",
    "decisions.findings",
    "boundaries.modules",
    "boundaries.dependencies",
    "boundaries.violations",
    "boundaries.baseline",
    "radar.technologies",
    "radar.adopt",
    "radar.trial",
    "radar.assess",
    "radar.hold",
    "radar.hold_in_use",
    "deps.packages",
    "deps.direct",
    "deps.dev",
    "deps.ecosystems",
    "deps.vulnerable",
    "deps.yanked",
    "deps.outdated_major",
    "deps.unknown_license",
    "deps.denied_license",
    "history.commits",
    "history.authors",
    "history.truck_factor",
    "history.knowledge_islands",
    "history.knowledge_island_share",
    "history.knowledge_loss",
    "history.departed",
    "hotspots.files",
    "hotspots.complexity",
    "hotspots.top_complexity",
    "coupling.pairs",
    "coupling.cross_module",
    "delivery.releases",
    "delivery.releases_per_month",
    "delivery.lead_time_median_days",
    "delivery.revert_rate",
    "health.worst_file",
    "health.average",
    "health.unhealthy_files",
    "debt.open_items",
    "debt.open_principal_days",
    "practices.score",
    "practices.level",
    "goals.total",
    "goals.on_track",
];
const METRICS: usize = NAMES.len();
const TECHS: usize = 20;
const PACKAGES: usize = 150;
const FINDINGS: usize = 8;

fn snapshot(repo: usize, week: usize) -> Snapshot {
    let day = 1_735_689_600 + week as i64 * 7 * 86_400; // 2025-01-01, weekly
    Snapshot {
        repo: format!("repo-{repo:03}"),
        commit: format!("{:040x}", (repo as u128) << 64 | week as u128),
        committed_at: iso(day),
        taken_at: iso(day + 600),
        tool_version: "0.1.0".into(),
        backfilled: false,
        values: (0..METRICS)
            .map(|m| {
                let v = if (m + repo).is_multiple_of(17) {
                    Err("not configured".to_string())
                } else {
                    Ok(value(repo, week, m))
                };
                (NAMES[m].to_string(), v)
            })
            .collect(),
        identity: Identity {
            remote: Some(format!("github.com/acme/repo-{repo:03}")),
            team: Some(format!("team-{}", repo % 12)),
            tags: vec![format!("tier-{}", repo % 3), "service".into()],
        },
        details: Details {
            technologies: (0..TECHS)
                .map(|t| Technology {
                    name: format!("tech-{:02}", (t * 7 + repo) % 60),
                    quadrant: Some(["languages", "tools", "platforms", "techniques"][t % 4].into()),
                    ring: Some(
                        ["adopt", "trial", "assess", "hold"][(t + repo + week / 13) % 4].into(),
                    ),
                })
                .collect(),
            packages: (0..PACKAGES)
                .map(|p| Package {
                    ecosystem: ["npm", "cargo", "pypi"][p % 3].into(),
                    name: format!("pkg-{:03}", (p * 13 + repo) % 400),
                    version: format!("1.{}.{}", week / 4, p % 10),
                    direct: p % 4 == 0,
                    dev: p % 9 == 0,
                    hold: p % 37 == 0,
                })
                .collect(),
            findings: (0..FINDINGS)
                .map(|f| FindingCount {
                    rule: format!("family/rule-{f}"),
                    severity: ["error", "warning", "note"][f % 3].into(),
                    count: (repo + week + f) % 9 + 1,
                })
                .collect(),
            hotspots: (0..schema::TOP)
                .map(|h| Hotspot {
                    path: format!("src/module_{h}/file_{}.rs", (h + repo) % 50),
                    revisions: 200 - h * 5 + week,
                    loc: 300 + h * 10,
                    complexity: 80 - h * 2 + repo % 13,
                    score: 1.0 - h as f64 / 20.0,
                    health: Some(3.0 + (h % 7) as f64),
                })
                .collect(),
            knowledge: (0..schema::TOP)
                .map(|k| Knowledge {
                    kind: if k < 5 { "module" } else { "file" }.into(),
                    path: format!("src/area_{k}"),
                    main_dev: Some(format!("dev-{}", (k + repo) % 40)),
                    ownership: (k >= 5).then_some(0.5 + (k % 5) as f64 / 10.0),
                    truck_factor: (k < 5).then_some(1 + k % 3),
                    revisions: 10 + k + week,
                })
                .collect(),
        },
    }
}

/// A value in the metric's range: a level's index, a share, or a count.
fn value(repo: usize, week: usize, m: usize) -> f64 {
    let raw = ((repo * 31 + week * 7 + m * 3) % 1000) as f64 / 4.0;
    match NAMES[m] {
        "practices.level" => (raw as usize % 4) as f64,
        n if n.ends_with("_share") || n.ends_with("_rate") || n == "goals.on_track" => raw / 250.0,
        _ => raw,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .expect("usage: org_load URL [REPOS WEEKS WRITERS]");
    let num = |i: usize, d: usize| args.get(i).map_or(d, |s| s.parse().expect("a number"));
    let (repos, weeks, writers) = (num(2, 500), num(3, 52), num(4, 8));
    let at = Location::parse(url);
    // Migrate once before the clock starts, as a store in use is.
    drop(Store::connect(&at, Path::new("."), true).unwrap_or_else(|e| panic!("{e}")));
    let pairs: Vec<(usize, usize)> = (0..weeks)
        .flat_map(|w| (0..repos).map(move |r| (r, w)))
        .collect();
    let again: Vec<(usize, usize)> = pairs.iter().copied().step_by(100).collect();
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..writers {
            let (at, pairs, again) = (&at, &pairs, &again);
            s.spawn(move || {
                let mut store =
                    Store::connect(at, Path::new("."), true).unwrap_or_else(|e| panic!("{e}"));
                for (r, w) in pairs.iter().skip(t).step_by(writers) {
                    store
                        .record(&snapshot(*r, *w))
                        .unwrap_or_else(|e| panic!("{e}"));
                }
                // Re-pushes by another writer than the first.
                for (r, w) in again.iter().skip((t + 1) % writers).step_by(writers) {
                    store
                        .record(&snapshot(*r, *w))
                        .unwrap_or_else(|e| panic!("{e}"));
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let pushes = pairs.len() + again.len();
    let snaps = pairs.len();
    let measured: f64 = pairs
        .iter()
        .map(|(r, w)| {
            (0..METRICS)
                .filter(|m| !(m + r).is_multiple_of(17))
                .map(|m| value(*r, *w, m))
                .sum::<f64>()
        })
        .sum();
    let read = Store::connect(&at, Path::new("."), false).unwrap_or_else(|e| panic!("{e}"));
    let listed = read.repositories().unwrap_or_else(|e| panic!("{e}"));
    let complete = listed.iter().filter(|r| r.snapshots == weeks).count();
    println!(
        "pushes={pushes} snapshots={snaps} writers={writers} seconds={secs:.2} per_second={:.0}",
        pushes as f64 / secs
    );
    println!("expected repositories={repos}");
    println!("expected repository_tags={}", repos * 2);
    println!("expected snapshots={snaps}");
    println!("expected measurements={}", snaps * METRICS);
    println!("expected snapshot_technologies={}", snaps * TECHS);
    println!("expected snapshot_packages={}", snaps * PACKAGES);
    println!("expected snapshot_findings={}", snaps * FINDINGS);
    println!("expected snapshot_hotspots={}", snaps * schema::TOP);
    println!("expected snapshot_knowledge={}", snaps * schema::TOP);
    println!("expected value_sum={measured:.2}");
    println!(
        "listed repositories={} with_all_weeks={complete}",
        listed.len()
    );
}
