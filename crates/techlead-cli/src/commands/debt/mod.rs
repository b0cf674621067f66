//! `techlead debt`: the register (add, list, show, status, link), the
//! marker scan, suggestions and the plan, and the debt part of `check`.

mod edit;
mod evidence;
mod report;

pub use evidence::for_check as evidence_for_check;

use crate::cli::{DebtCommand, DebtDir, Format};
use crate::context::Context;
use anyhow::Result;
use std::path::PathBuf;
use techlead_core::table::{self, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_debt::render::{ListRow, MarkerRow};
use techlead_debt::{DebtItem, Status};

pub fn run(ctx: &Context, cmd: DebtCommand) -> Result<ExitCode> {
    match cmd {
        DebtCommand::Add {
            title,
            owner,
            principal,
            interest,
            target,
            paths,
            modules,
            decisions,
            goals,
            tags,
            dir,
        } => edit::add(
            ctx,
            &dir,
            edit::Add {
                title,
                owner,
                principal,
                interest,
                target,
                paths,
                modules,
                decisions,
                goals,
                tags,
            },
        ),
        DebtCommand::List { statuses, dir } => list(ctx, &load(ctx, &dir)?, &statuses),
        DebtCommand::Show { id, dir } => report::show(ctx, &load(ctx, &dir)?, &id),
        DebtCommand::Status {
            id,
            status,
            reason,
            dir,
        } => edit::status(ctx, &dir, &id, &status, &reason),
        DebtCommand::Link {
            id,
            paths,
            modules,
            decisions,
            goals,
            tags,
            remove,
            dir,
        } => edit::link(
            ctx,
            &dir,
            &id,
            edit::Links {
                paths,
                modules,
                decisions,
                goals,
                tags,
            },
            remove,
        ),
        DebtCommand::Plan {
            capacity,
            team,
            period,
            start,
            dir,
        } => report::plan(ctx, &load(ctx, &dir)?, &capacity, team, &period, start),
        DebtCommand::Scan { paths } => scan(ctx, &paths),
        DebtCommand::Suggest { top, dir } => report::suggest(ctx, &load(ctx, &dir)?, top),
    }
}

/// The register folder: `--dir` (relative to the current directory),
/// else `[debt] dir` (relative to the project root).
fn folder(ctx: &Context, dir: &DebtDir) -> PathBuf {
    match &dir.dir {
        Some(d) => techlead_core::paths::absolute(d),
        None => ctx.root.join(ctx.debt.dir()),
    }
}

fn load(ctx: &Context, dir: &DebtDir) -> Result<Vec<DebtItem>> {
    Ok(techlead_debt::load(&ctx.root, &folder(ctx, dir))?)
}

/// `debt list`: the register, filtered by status; the totals on stderr.
fn list(ctx: &Context, items: &[DebtItem], statuses: &[String]) -> Result<ExitCode> {
    let mut wanted: Vec<Status> = Vec::new();
    let mut owed = false;
    for s in statuses {
        if s.eq_ignore_ascii_case("owed") {
            owed = true;
            continue;
        }
        wanted.push(Status::parse(s).ok_or_else(|| {
            InputError::new(format!("unknown status `{s}`"))
                .with_help(format!("use one of: {}, owed", Status::list()))
        })?);
    }
    let shown: Vec<&DebtItem> = items
        .iter()
        .filter(|i| {
            (wanted.is_empty() && !owed)
                || wanted.contains(&i.status)
                || (owed && i.status.is_owed())
        })
        .collect();
    let mut out = Vec::new();
    match ctx.output_format() {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &shown)?;
            out.push(b'\n');
        }
        f => {
            let csv = f == Format::Csv;
            let rows: Vec<ListRow> = shown
                .iter()
                .map(|item| ListRow { item, dash: !csv })
                .collect();
            let t = if csv {
                TableFormat::Csv
            } else {
                TableFormat::Text
            };
            table::write(&mut out, t, &rows)?;
        }
    }
    crate::stdout::write_bytes(&out)?;
    let owed_items: Vec<&&DebtItem> = shown.iter().filter(|i| i.status.is_owed()).collect();
    let principal: techlead_debt::Effort = owed_items.iter().filter_map(|i| i.principal).sum();
    let unestimated = owed_items.iter().filter(|i| i.principal.is_none()).count();
    ctx.note(format!(
        "{} item{}, {} owed: principal {}{}",
        shown.len(),
        if shown.len() == 1 { "" } else { "s" },
        owed_items.len(),
        if principal.high == 0 {
            "none estimated".to_string()
        } else {
            principal.to_string()
        },
        if unestimated > 0 {
            format!(" and {unestimated} not estimated")
        } else {
            String::new()
        }
    ));
    Ok(ExitCode::Clean)
}

/// `debt scan`: every marker, as a table, CSV or the JSON contract.
fn scan(ctx: &Context, paths: &[PathBuf]) -> Result<ExitCode> {
    let only: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            let abs = techlead_core::paths::absolute(p);
            if !abs.exists() {
                return Err(InputError::in_file(p, "not found"));
            }
            if !abs.starts_with(&ctx.root) {
                return Err(InputError::in_file(p, "is outside the project")
                    .with_help(format!("the project root is {}", ctx.root.display())));
            }
            Ok(abs)
        })
        .collect::<Result<_, _>>()?;
    let progress = crate::progress::Files::new(ctx, "scanning comments:");
    let scanned = techlead_debt::scan::scan_tree(&ctx.root, &only, &ctx.debt.excludes(), &progress);
    progress.finish();
    for (file, why) in &scanned.skipped {
        ctx.note(format!("warning: {file}: {why}"));
    }
    let mut out = Vec::new();
    match ctx.output_format() {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &scanned.markers)?;
            out.push(b'\n');
        }
        f => {
            let rows: Vec<MarkerRow> = scanned.markers.iter().map(MarkerRow).collect();
            let t = if f == Format::Csv {
                TableFormat::Csv
            } else {
                TableFormat::Text
            };
            table::write(&mut out, t, &rows)?;
        }
    }
    crate::stdout::write_bytes(&out)?;
    ctx.note(format!(
        "{} marker{} in {} files read",
        scanned.markers.len(),
        if scanned.markers.len() == 1 { "" } else { "s" },
        scanned.files
    ));
    Ok(ExitCode::Clean)
}
