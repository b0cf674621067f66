//! The snapshot of a commit as the store records it: the metric values,
//! who the repository is in the organisation (its remote, `[store] team`
//! and `tags`), and the parts the org views compare across repositories,
//! each read from the evidence the contexts gave.

use crate::context::Context;
use techlead_metrics::{Evidence, Measurement};
use techlead_store::schema::TOP;
use techlead_store::{
    Details, FindingCount, Hotspot, Identity, Knowledge, Package, Snapshot, Technology,
};

/// The snapshot of `commit` from the evidence and its measurements.
pub fn snapshot_of(
    ctx: &Context,
    e: &Evidence,
    measurements: &[Measurement],
    commit: &techlead_metrics::evidence::Commit,
) -> Snapshot {
    Snapshot {
        repo: e.repo.clone(),
        commit: commit.id.clone(),
        committed_at: techlead_store::iso(commit.time),
        taken_at: super::super::snapshot::taken_at(ctx),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        backfilled: false,
        values: measurements
            .iter()
            .map(|m| {
                let v = m.value.ok_or_else(|| m.absent.clone().unwrap_or_default());
                (m.metric.clone(), v)
            })
            .collect(),
        identity: identity(ctx),
        details: details(ctx, e),
    }
}

/// The remote (with the project's folder when it is below the top of the
/// repository, so two projects of a monorepo stay two), team and tags.
pub fn identity(ctx: &Context) -> Identity {
    let remote = techlead_history::revision::remote_url(&ctx.root)
        .and_then(|u| techlead_store::normalize_remote(&u))
        .map(
            |key| match techlead_history::revision::prefix(&ctx.root).filter(|p| !p.is_empty()) {
                Some(sub) => format!("{key}#{}", sub.trim_end_matches('/')),
                None => key,
            },
        );
    let mut tags = ctx.store.tags.clone();
    tags.sort();
    tags.dedup();
    Identity {
        remote,
        team: ctx.store.team.clone(),
        tags,
    }
}

fn details(ctx: &Context, e: &Evidence) -> Details {
    let mut d = Details::default();
    // Every other rule `techlead check` reports: health, debt, practices,
    // goals, deps.
    let others = super::checks::other_findings(ctx, e);
    let mut hold: Vec<&str> = Vec::new();
    let mut findings: Vec<&techlead_core::Finding> = Vec::new();
    if let Ok(r) = &e.radar {
        d.technologies = r
            .technologies
            .iter()
            .map(|t| Technology {
                name: t.name.clone(),
                quadrant: t.quadrant.clone(),
                ring: t.ring.clone(),
            })
            .collect();
        hold = r
            .hold_in_use
            .iter()
            .flat_map(|(_, used)| used.iter().map(String::as_str))
            .collect();
        findings.extend(&r.findings);
    }
    if let Ok(deps) = &e.deps {
        d.packages = deps
            .packages
            .iter()
            .map(|p| {
                let eco = p.ecosystem.as_str();
                Package {
                    ecosystem: eco.to_string(),
                    name: p.name.clone(),
                    version: p.version.clone(),
                    // Unknown counts as transitive and not dev-only.
                    direct: p.direct.unwrap_or(false),
                    dev: p.dev.unwrap_or(false),
                    hold: hold.contains(&format!("{eco}:{}", p.name).as_str()),
                }
            })
            .collect();
    }
    if let Ok(x) = &e.decisions {
        findings.extend(&x.findings);
    }
    if let Ok(b) = &e.boundaries {
        findings.extend(&b.findings);
    }
    findings.extend(&others);
    let mut counts: std::collections::BTreeMap<(&str, &'static str), usize> = Default::default();
    for f in findings {
        *counts
            .entry((f.rule.as_str(), f.severity.as_str()))
            .or_default() += 1;
    }
    d.findings = counts
        .into_iter()
        .map(|((rule, severity), count)| FindingCount {
            rule: rule.to_string(),
            severity: severity.to_string(),
            count,
        })
        .collect();
    if let Ok(h) = &e.history {
        d.hotspots = h
            .summary
            .hotspots
            .iter()
            .take(TOP)
            .map(|s| Hotspot {
                path: s.entity.clone(),
                revisions: s.revisions,
                loc: s.loc as usize,
                complexity: s.complexity as usize,
                score: s.score,
                health: s.health,
            })
            .collect();
        d.knowledge = knowledge(h);
    }
    d
}

/// The riskiest knowledge first: modules by lowest truck factor, then the
/// files one person made most of (half or more of the changes), most
/// changes held by one person first; TOP in all.
fn knowledge(h: &techlead_history::Assessment) -> Vec<Knowledge> {
    let mut modules: Vec<&(String, techlead_history::TruckFactor)> =
        h.module_truck_factors.iter().collect();
    modules.sort_by(|a, b| (a.1.truck_factor, &a.0).cmp(&(b.1.truck_factor, &b.0)));
    let mut files: Vec<&techlead_history::MainDev> =
        h.main_devs.iter().filter(|m| m.ownership >= 0.5).collect();
    files.sort_by(|a, b| {
        let held = |m: &techlead_history::MainDev| m.total_changed as f64 * m.ownership;
        held(b).total_cmp(&held(a)).then(a.entity.cmp(&b.entity))
    });
    modules
        .into_iter()
        .map(|(name, tf)| Knowledge {
            kind: "module".into(),
            path: name.clone(),
            main_dev: tf.people.first().cloned(),
            ownership: None,
            truck_factor: Some(tf.truck_factor),
            revisions: tf.files,
        })
        .chain(files.into_iter().map(|m| Knowledge {
            kind: "file".into(),
            path: m.entity.clone(),
            main_dev: Some(m.main_dev.clone()),
            ownership: Some(m.ownership),
            truck_factor: None,
            revisions: m.total_changed,
        }))
        .take(TOP)
        .collect()
}
