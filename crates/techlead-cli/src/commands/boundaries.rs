//! `techlead boundaries check|imports|graph|sync|init|baseline|suppressions`.

mod graph;
mod imports;
mod suppressions;

use crate::cli::BoundariesCommand;
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_boundaries::Analysis;
use techlead_core::atomic::write_atomic;
use techlead_core::baseline::{self, Baseline};
use techlead_core::config::LoadedConfig;
use techlead_core::terminal::escape_control;
use techlead_core::{ExitCode, Finding, InputError};

pub fn run(ctx: &Context, cmd: BoundariesCommand) -> Result<ExitCode> {
    match cmd {
        BoundariesCommand::Check => {
            let findings = match findings(ctx)? {
                Some(f) => f,
                None => {
                    ctx.note("no modules declared: add [[boundaries.modules]] to techlead.toml");
                    Vec::new()
                }
            };
            super::findings_out::emit(ctx, "boundaries check", findings, &["boundaries/"], &[])
        }
        BoundariesCommand::Imports { paths, external } => imports::run(ctx, &paths, external),
        BoundariesCommand::Graph(view) => graph::run(ctx, &view),
        BoundariesCommand::Suppressions => suppressions::run(ctx),
        BoundariesCommand::Baseline => baseline(ctx),
        BoundariesCommand::Sync { dry_run } => sync(ctx, dry_run),
        BoundariesCommand::Init => init(ctx),
    }
}

/// Boundary findings; None when no module is declared.
fn findings(ctx: &Context) -> Result<Option<Vec<Finding>>> {
    let check = techlead_boundaries::BoundariesCheck {
        config: &ctx.boundaries,
    };
    Ok(techlead_core::check::Check::run(&check, ctx)?)
}

pub fn analyze(ctx: &Context) -> Result<Analysis> {
    Ok(techlead_boundaries::analyze_in(ctx, &ctx.boundaries)?)
}

fn config_name(ctx: &Context) -> String {
    techlead_boundaries::config_name(&ctx.config)
}

/// Rewrites each module's depends_on from the imports that exist.
fn sync(ctx: &Context, dry_run: bool) -> Result<ExitCode> {
    let Some(file) = &ctx.config_file else {
        return Err(InputError::new(
            "no techlead.toml: run `techlead boundaries init` to create modules first",
        )
        .into());
    };
    if ctx.boundaries.modules.is_empty() {
        return Err(InputError::new(
            "no modules declared: run `techlead boundaries init` or add [[boundaries.modules]]",
        )
        .into());
    }
    let shown = config_name(ctx);
    let source = techlead_core::read::regular_text(file, techlead_core::read::CONFIG_LIMIT)
        .map_err(|e| InputError::io(&shown, &e))?;
    let analysis = analyze(ctx)?;
    let (text, changes) =
        techlead_boundaries::sync(&source, &ctx.config, &ctx.boundaries, &analysis)?;
    for c in &changes {
        let mut parts: Vec<String> = c.added.iter().map(|a| format!("+{a}")).collect();
        parts.extend(c.removed.iter().map(|r| format!("-{r}")));
        let what = if parts.is_empty() {
            "depends_on written".to_string()
        } else {
            parts.join(" ")
        };
        outln!("{}: {what}", c.module)?;
    }
    if changes.is_empty() {
        ctx.note(format!(
            "{shown}: every depends_on already matches the imports"
        ));
        return Ok(ExitCode::Clean);
    }
    if dry_run {
        ctx.note(format!("{shown}: not written (--dry-run)"));
        return Ok(ExitCode::Findings);
    }
    write_atomic(file, text.as_bytes()).map_err(|e| InputError::io_write(&shown, &e))?;
    ctx.note(format!("updated {shown}"));
    Ok(ExitCode::Clean)
}

/// Proposes modules (imported from tach.toml or import-linter contracts,
/// or discovered) and adds them to techlead.toml (created if missing);
/// discovered modules get their depends_on from the imports. Never
/// touches declared modules.
fn init(ctx: &Context) -> Result<ExitCode> {
    let declared = ctx.boundaries.modules.len();
    if declared > 0 {
        ctx.note(format!(
            "exists  {} declares {declared} modules (left unchanged; `techlead boundaries sync` updates their depends_on)",
            config_name(ctx)
        ));
        return Ok(ExitCode::Clean);
    }
    let analysis = analyze(ctx)?;
    let proposal = techlead_boundaries::init::propose(&ctx.root, &analysis)?;
    if proposal.modules.is_empty() {
        ctx.note("no source files found: nothing to declare");
        return Ok(ExitCode::Clean);
    }
    let file = ctx
        .config_file
        .clone()
        .unwrap_or_else(|| ctx.root.join("techlead.toml"));
    let shown = ctx.rel(&file);
    let source = match techlead_core::read::regular_text(&file, techlead_core::read::CONFIG_LIMIT) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(InputError::io(&shown, &e).into()),
    };
    let (text, kept) = techlead_boundaries::init::render(&proposal, &source)?;
    let loaded = LoadedConfig::parse(Path::new(&shown), text.clone())?;
    let section: techlead_boundaries::config::BoundariesConfig =
        loaded.section(techlead_boundaries::config::SECTION)?;
    if let Some(e) = section.validate(&loaded).into_iter().next() {
        // The source config names something it does not declare (a layer
        // no `layers` lists, say): say so rather than write it.
        return Err(e
            .with_help(format!(
                "in the configuration imported from {}",
                proposal.source
            ))
            .into());
    }
    // Discovered modules: fill depends_on from the imports, as sync does.
    let text = if proposal.imported() {
        text
    } else {
        techlead_boundaries::sync(&text, &loaded, &section, &analysis)?.0
    };
    write_atomic(&file, text.as_bytes()).map_err(|e| InputError::io_write(&shown, &e))?;
    for m in &proposal.modules {
        // Names and paths come from folder names: escaped for the terminal.
        outln!(
            "{}  {}",
            escape_control(&m.name),
            escape_control(&m.paths.join(", "))
        )?;
    }
    for n in proposal.notes.iter().chain(&kept) {
        ctx.note(format!("note: {n}"));
    }
    let from = if proposal.imported() {
        format!(" from {}", proposal.source)
    } else {
        String::new()
    };
    ctx.note(format!(
        "added {} modules{from} to {shown}; review them, then `techlead boundaries check`",
        proposal.modules.len()
    ));
    Ok(ExitCode::Clean)
}

/// Records today's boundary violations in the baseline, keeping the
/// entries of other checks.
fn baseline(ctx: &Context) -> Result<ExitCode> {
    let Some(found) = findings(ctx)? else {
        ctx.note("no modules declared: add [[boundaries.modules]] to techlead.toml");
        return Ok(ExitCode::Clean);
    };
    let found = ctx.config.apply_severities(found);
    Baseline::record(&ctx.root, "boundaries/", &found)?;
    ctx.note(format!(
        "wrote {} with {} boundary violation{}",
        baseline::PATH,
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    ));
    Ok(ExitCode::Clean)
}
