//! The composition behind `techlead snapshot` and `techlead report`: every
//! context runs once on the project and its answer (or why there is none)
//! goes into one [`Evidence`], which the metrics and the report read.

mod assemble;
mod checks;
mod deps;
mod goals;
mod history;
mod org;
pub mod past;
mod quality;

use crate::context::Context;
use anyhow::Result;
use techlead_core::baseline::Baseline;
use techlead_core::check::Check;
use techlead_core::{Finding, InputError};
use techlead_metrics::evidence::{Boundaries, Debt, Decisions, Deps, Radar};
use techlead_metrics::{Absent, Evidence, Source};

use assemble::assemble;
pub use goals::works;
pub use history::commit_of;
pub use org::snapshot_of;

/// Runs every context on the working tree. Contexts that are not set up
/// are absent with the command that sets them up; only a broken
/// configuration or an unreadable record is an error.
pub fn gather(ctx: &Context) -> Result<Evidence> {
    // The history walk and the practices log read git; the other contexts
    // read the working tree. Neither waits for the other, so on two cores
    // the report costs the longer of the two, not their sum.
    // Health and the hotspots measure the same files: one scan of each
    // (none for a file unchanged since the last run).
    let memo = quality::memo(ctx);
    let evidence = std::thread::scope(|s| {
        let history = s.spawn(|| {
            let _t = techlead_core::timing::span("report: history");
            history::gather(ctx, &memo)
        });
        let practices = s.spawn(|| {
            let _t = techlead_core::timing::span("report: practices");
            quality::practices(ctx)
        });
        let rest = {
            let _t = techlead_core::timing::span("report: tree contexts");
            tree_contexts(ctx, &memo)
        };
        let (commit, history) = history
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        let practices = practices
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        assemble(ctx, repo_name(ctx), rest?, commit, history, practices)
    })?;
    ctx.defer_cache(memo.pending(&ctx.root));
    Ok(evidence)
}

/// What the contexts that read the working tree found.
pub(super) type TreeContexts = (
    Source<Decisions>,
    Source<Boundaries>,
    Source<Radar>,
    Source<Deps>,
    Source<techlead_health::Report>,
    Source<Debt>,
);

/// Decisions, boundaries, radar and dependencies (with one baseline for
/// their findings), code health (scans from `memo`) and the debt register.
fn tree_contexts(ctx: &Context, memo: &techlead_health::Memo) -> Result<TreeContexts> {
    // Licenses from the lockfiles, installed copies and [deps.clarify];
    // the registries and OSV only when asked (`--online`).
    let opts = ctx
        .online
        .then(|| techlead_inventory::online::Options::new(!ctx.no_cache, ctx.deps.cache_hours()));
    let t = techlead_core::timing::span("report: deps");
    let risk = techlead_inventory::risk::dependency_risk(
        &ctx.root,
        &ctx.deps,
        ctx.cargo_home().as_deref(),
        opts.as_ref(),
    );
    let vulnerabilities = risk
        .online
        .as_ref()
        .map(|a| deps::vulnerabilities(ctx, &risk.inventory.packages, a));
    if let Some(a) = risk.online {
        for n in &a.notes {
            ctx.note(n);
        }
        ctx.defer_cache(a.cache);
    }
    let inventory = risk.inventory;
    let mut findings: Vec<Finding> = Vec::new();
    let mut ran: Vec<&str> = Vec::new();
    drop(t);
    let t = techlead_core::timing::span("report: decisions");
    let mut decisions = decisions(ctx, &mut findings)?;
    drop(t);
    if decisions.is_ok() {
        ran.push("decisions/");
    }
    let t = techlead_core::timing::span("report: boundaries");
    let mut boundaries = boundaries(ctx, &mut findings)?;
    drop(t);
    if boundaries.is_ok() {
        ran.push("boundaries/");
    }
    let mut radar = radar(ctx, &inventory, &mut findings)?;
    if radar.is_ok() {
        ran.push("radar/");
    }
    // One baseline for all, as `techlead check` applies it; each context
    // gets back its own findings.
    let baseline = Baseline::load(&ctx.root)?;
    let (kept, _) = baseline.apply_configured(&ctx.config, findings, &ran);
    let family = |prefix: &str| -> Vec<Finding> {
        kept.iter()
            .filter(|f| f.rule.starts_with(prefix))
            .cloned()
            .collect()
    };
    if let Ok(d) = &mut decisions {
        d.findings = family("decisions/");
    }
    if let Ok(b) = &mut boundaries {
        b.findings = family("boundaries/");
        b.baseline = baseline
            .entries
            .iter()
            .filter(|e| e.rule.starts_with("boundaries/"))
            .count();
    }
    if let Ok(r) = &mut radar {
        r.findings = family("radar/");
    }
    let deps = if inventory.packages.is_empty() && inventory.errors.is_empty() {
        Err(deps::nothing_read(&inventory.unread))
    } else {
        Ok(Deps {
            errors: inventory.errors.iter().map(|e| e.to_string()).collect(),
            packages: inventory.packages,
            risk: risk.summary,
            vulnerabilities,
        })
    };
    let t = techlead_core::timing::span("report: health");
    let health = quality::health(ctx, memo)?;
    drop(t);
    let debt = quality::debt(ctx)?;
    Ok((decisions, boundaries, radar, deps, health, debt))
}

/// A record's text as the report shows it (empty when it cannot be read:
/// its context has read it already and said why).
fn body(path: &std::path::Path) -> String {
    techlead_core::read::regular_text(path, techlead_core::read::RECORD_LIMIT).unwrap_or_default()
}

/// `[snapshot] repository`, else the project folder's name.
pub fn repo_name(ctx: &Context) -> String {
    ctx.snapshot.repository.clone().unwrap_or_else(|| {
        ctx.root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "repository".into())
    })
}

fn decisions(ctx: &Context, findings: &mut Vec<Finding>) -> Result<Source<Decisions>> {
    let Some(dir) = super::adr::find_dir(ctx, None)? else {
        return Ok(Err(
            Absent::new("no decisions folder").setup("techlead init")
        ));
    };
    let loaded = techlead_records::check::read_project(ctx, &dir)?;
    let check = techlead_records::check::DecisionsCheck {
        config: &ctx.decisions,
    };
    if let Some(found) = check.run(ctx)? {
        findings.extend(found);
    }
    let bodies = loaded.records.iter().map(|r| body(&r.path)).collect();
    Ok(Ok(Decisions {
        dir: ctx.rel(&dir),
        records: loaded.records,
        bodies,
        findings: Vec::new(),
    }))
}

fn boundaries(ctx: &Context, findings: &mut Vec<Finding>) -> Result<Source<Boundaries>> {
    if ctx.boundaries.modules.is_empty() {
        return Ok(Err(
            Absent::new("no [[boundaries.modules]] declared").setup("techlead boundaries init")
        ));
    }
    let analysis = techlead_boundaries::analyze_in(ctx, &ctx.boundaries)?;
    let name = techlead_boundaries::config_name(&ctx.config);
    findings.extend(techlead_boundaries::check(
        &ctx.config,
        &ctx.boundaries,
        &analysis,
        &name,
    )?);
    let graph = techlead_boundaries::graph(&ctx.config, &ctx.boundaries, &analysis, &name)?;
    Ok(Ok(Boundaries {
        graph,
        findings: Vec::new(),
        baseline: 0,
        layers: ctx
            .boundaries
            .layers
            .iter()
            .map(|l| l.get_ref().name().to_string())
            .collect(),
    }))
}

fn radar(
    ctx: &Context,
    inventory: &techlead_inventory::Inventory,
    findings: &mut Vec<Finding>,
) -> Result<Source<Radar>> {
    let dir = ctx.root.join(ctx.radar.dir());
    let techs = techlead_radar::load(&ctx.root, &dir)?;
    if techs.is_empty() {
        return Ok(Err(Absent::new(format!(
            "no technology records in {}",
            ctx.radar.dir()
        ))
        .setup("techlead radar add NAME --quadrant Q --ring R")));
    }
    let in_use: Vec<techlead_radar::policy::InUse> = inventory
        .packages
        .iter()
        .map(|p| techlead_radar::policy::InUse {
            ecosystem: p.ecosystem.as_str().to_string(),
            name: p.name.clone(),
            direct: p.direct,
            source: p.source.clone(),
            line: p.line,
        })
        .collect();
    findings.extend(techlead_radar::policy::check(
        &techs, &ctx.radar, &in_use, &ctx.today,
    ));
    let rings = ctx.radar.rings();
    let hold = rings.last().cloned().unwrap_or_default();
    let hold_in_use = techs
        .iter()
        .filter(|t| t.ring.as_deref() == Some(hold.as_str()))
        .filter_map(|t| {
            let mut used: Vec<String> = in_use
                .iter()
                .filter(|p| techlead_radar::policy::covers(t, p))
                .map(|p| format!("{}:{}", p.ecosystem, p.name))
                .collect();
            used.sort();
            used.dedup();
            (!used.is_empty()).then(|| (t.name.clone(), used))
        })
        .collect();
    let bodies = techs.iter().map(|t| body(&t.abs_path)).collect();
    Ok(Ok(Radar {
        rings,
        quadrants: ctx.radar.quadrants(),
        technologies: techs,
        hold_in_use,
        findings: Vec::new(),
        bodies,
    }))
}

/// An input error of a context that should not stop the whole run, as
/// the reason its part is absent.
pub fn absent_from(e: &InputError) -> Absent {
    Absent::new(e.to_string())
}
