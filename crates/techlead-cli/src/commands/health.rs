//! `techlead health [PATHS]`: every file's health and every function's
//! measures, the least healthy first; or health per module or folder.

use crate::cli::{Format, HealthArgs};
use crate::context::Context;
use anyhow::Result;
use std::path::PathBuf;
use techlead_core::table::{self, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_health::{FileRow, FunctionRow, GroupRow, Options, Report};

/// Text shows this many files and functions unless `--top` says otherwise.
const TEXT_TOP: usize = 20;

/// The `[health]` limits, or the defaults.
pub fn thresholds(ctx: &Context) -> techlead_health::Thresholds {
    ctx.health
        .as_ref()
        .map(|h| h.thresholds())
        .unwrap_or_default()
}

pub fn run(ctx: &Context, args: HealthArgs) -> Result<ExitCode> {
    if args.write_baseline {
        return super::health_baseline::write(ctx);
    }
    let format = ctx.output_format();
    let options = ctx
        .health
        .as_ref()
        .map(Options::from_config)
        .unwrap_or_default();
    let cwd = std::env::current_dir()?;
    let paths: Vec<PathBuf> = args.paths.iter().map(|p| cwd.join(p)).collect();
    let report =
        techlead_health::measure_in(ctx, &paths, &options, &techlead_health::Memo::in_memory())?;
    let top = match (args.top, format) {
        (Some(0), _) => None,
        (Some(n), _) => Some(n),
        (None, Format::Text) => Some(TEXT_TOP),
        (None, _) => None,
    };
    if args.by_module || args.by_folder.is_some() {
        rollup(ctx, &args, &report, top)?;
    } else {
        listing(ctx, &args, &report, top)?;
    }
    summary(ctx, &report);
    Ok(ExitCode::Clean)
}

/// Files and functions, in the order and number asked for.
fn listing(ctx: &Context, args: &HealthArgs, report: &Report, top: Option<usize>) -> Result<()> {
    let format = ctx.output_format();
    let mut files = techlead_health::sorted_files(&report.files, args.sort);
    let mut functions = techlead_health::sorted_functions(&report.files, args.sort);
    let (n_files, n_functions) = (files.len(), functions.len());
    if let Some(n) = top {
        files.truncate(n);
        functions.truncate(n);
    }
    let mut out = Vec::new();
    match format {
        Format::Json => techlead_health::write_json(&mut out, &files, &functions)?,
        Format::Csv => techlead_health::write_csv(&mut out, &files, &functions)?,
        _ => {
            let file_rows: Vec<FileRow> = files.iter().map(|f| FileRow(f)).collect();
            table::write(&mut out, TableFormat::Text, &file_rows)?;
            out.push(b'\n');
            let fn_rows: Vec<FunctionRow> =
                functions.iter().map(|(f, x)| FunctionRow(f, x)).collect();
            table::write(&mut out, TableFormat::Text, &fn_rows)?;
        }
    }
    crate::stdout::write_bytes(&out)?;
    note_shown(ctx, top, &[(n_files, "files"), (n_functions, "functions")]);
    Ok(())
}

/// Health per module or folder.
fn rollup(ctx: &Context, args: &HealthArgs, report: &Report, top: Option<usize>) -> Result<()> {
    let format = ctx.output_format();
    let (by, (mut groups, left_out)) = match args.by_folder {
        None => ("module", by_module(ctx, report, args.sort)?),
        Some(depth) => {
            let group = |p: &str| Some(techlead_health::folder_of(p, depth));
            (
                "folder",
                techlead_health::rollup(&report.files, group, args.sort),
            )
        }
    };
    let total = groups.len();
    groups.truncate(top.unwrap_or(usize::MAX));
    let mut out = Vec::new();
    match format {
        Format::Json => techlead_health::write_rollup_json(&mut out, by, &groups)?,
        _ => {
            let cells: Vec<_> = groups.iter().map(|g| GroupRow(g).cells()).collect();
            let columns = GroupRow::columns(by);
            table::write_cells(&mut out, table_format(format), &columns, &cells)?;
        }
    }
    crate::stdout::write_bytes(&out)?;
    if left_out > 0 {
        ctx.note(format!(
            "{left_out} file{} in no module left out",
            plural(left_out)
        ));
    }
    note_shown(ctx, top, &[(total, &format!("{by}s"))]);
    Ok(())
}

/// Health per `[boundaries]` module: the boundaries context names each
/// file's module, the health context sums them.
fn by_module(
    ctx: &Context,
    report: &Report,
    key: techlead_health::SortKey,
) -> Result<(Vec<techlead_health::Group>, usize)> {
    if ctx.boundaries.modules.is_empty() {
        return Err(
            InputError::new("--by-module needs [[boundaries.modules]] in techlead.toml").into(),
        );
    }
    let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    let names = techlead_boundaries::modules_of(&ctx.config, &ctx.boundaries, &paths)?;
    let map: std::collections::HashMap<&str, Option<String>> =
        paths.iter().copied().zip(names).collect();
    Ok(techlead_health::rollup(
        &report.files,
        |p| map.get(p).cloned().flatten(),
        key,
    ))
}

fn table_format(format: Format) -> TableFormat {
    match format {
        Format::Json => TableFormat::Json,
        Format::Csv => TableFormat::Csv,
        _ => TableFormat::Text,
    }
}

/// Says what `--top` left out, if anything.
fn note_shown(ctx: &Context, top: Option<usize>, lists: &[(usize, &str)]) {
    let Some(n) = top else { return };
    let cut: Vec<String> = lists
        .iter()
        .filter(|(total, _)| *total > n)
        .map(|(total, what)| format!("{n} of {total} {what}"))
        .collect();
    if !cut.is_empty() {
        ctx.note(format!("showing {} (--top 0 lists all)", cut.join(" and ")));
    }
}

/// The tree in one line: files, functions, average health.
fn summary(ctx: &Context, report: &Report) {
    let functions: usize = report.files.iter().map(|f| f.functions.len()).sum();
    let health = match report.average_health() {
        Some(h) => format!("average health {h:.2} (weighted by lines of code)"),
        None => {
            "no source file in a scanned language (Rust, Python, TypeScript, JavaScript, Go, Java)"
                .into()
        }
    };
    ctx.note(format!(
        "{} file{}, {functions} function{}: {health}",
        report.files.len(),
        plural(report.files.len()),
        plural(functions)
    ));
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
