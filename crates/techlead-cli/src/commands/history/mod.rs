//! `techlead history`: maps the arguments to a techlead-history request,
//! runs it, and writes the report (code-maat's CSV columns, JSON, or a
//! table).

mod request;
mod time;

use crate::cli::{Format, HistoryArgs};
use crate::context::Context;
use anyhow::Result;
use techlead_core::terminal::escape_control;
use techlead_core::{ExitCode, InputError};
use techlead_history::{Kind, Skipped, TableFormat};

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<ExitCode> {
    // clap offers and accepts only text, json and csv here.
    let format = match ctx.output_format() {
        Format::Json => TableFormat::Json,
        Format::Csv => TableFormat::Csv,
        _ => TableFormat::Text,
    };
    let mut options = request::walk_options(&args)?;
    options.cache = cache_root(ctx);
    let analysis = request::analysis(&args.analysis)?;
    let today = techlead_history::revision::day_start(&ctx.today).unwrap_or_default();
    let modules = |paths: &[&str]| module_names(ctx, paths);
    let config_error = |at: usize, message: String| ctx.config.error_at(at, message);
    let progress = crate::progress::Files::new(ctx, "reading commits:");
    let memo = techlead_health::Memo::in_memory();
    let health = techlead_health::scorer(super::health::thresholds(ctx), &memo);
    let outcome = techlead_history::analyse(techlead_history::Request {
        repo: &ctx.root,
        options,
        analysis,
        today,
        modules: Some(&modules),
        include_bots: args.include_bots,
        include_deleted: args.include_deleted,
        kinds: args.kinds.iter().filter_map(|k| Kind::parse(k)).collect(),
        config: &ctx.history,
        config_error: &config_error,
        progress: &|| progress.tick(),
        health: Some(&health),
    });
    progress.finish();
    let mut outcome = outcome?;
    keep_cache(ctx, std::mem::take(&mut outcome.cache));
    if let Some(n) = outcome.commits {
        ctx.note(format!("{n} commits read"));
    }
    if !outcome.skipped.is_empty() {
        let message = skipped_message(&outcome.skipped);
        if args.strict {
            return Err(InputError::new(message)
                .with_help("fetch the missing objects (git fetch --refetch), or drop --strict")
                .into());
        }
        // Shown even with --quiet: the numbers are missing something.
        eprintln!("warning: {}", escape_control(&message));
    }
    let mut buf = Vec::new();
    outcome.report.write(&mut buf, format)?;
    out!("{}", String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::Clean)
}

/// Where the walk keeps each commit's diff between runs, unless
/// `--no-cache`.
pub fn cache_root(ctx: &Context) -> Option<std::path::PathBuf> {
    (!ctx.no_cache).then(|| ctx.root.clone())
}

/// Writes the walk's history cache when the command succeeds, and says
/// when one on disk could not be used.
pub fn keep_cache(ctx: &Context, cache: techlead_history::CacheUse) {
    if let Some(note) = cache.note {
        ctx.note(format!("note: {note}"));
    }
    ctx.defer_cache(cache.pending);
}

/// One line for every blob skipped: how many, and the first by name.
fn skipped_message(skipped: &[Skipped]) -> String {
    let first = &skipped[0];
    let more = match skipped.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    format!(
        "{} unreadable blob{} skipped: {} in commit {}{more} (missing from the repository: a partial or filtered clone?); \
         rename detection and line counts went on without {}",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" },
        first.object,
        first.commit,
        if skipped.len() == 1 { "it" } else { "them" },
    )
}

/// The `[boundaries]` module of each history path (relative to the
/// repository's top, while module globs are relative to the project).
pub fn module_names(ctx: &Context, paths: &[&str]) -> Result<Vec<Option<String>>, InputError> {
    let prefix = techlead_history::revision::prefix(&ctx.root).unwrap_or_default();
    module_names_below(ctx, &prefix, paths)
}

/// [`module_names`] for a project at `prefix` in its repository, with
/// `ctx`'s modules (a past commit's configuration, read from a scratch
/// copy of its tree that is no repository).
pub fn module_names_below(
    ctx: &Context,
    prefix: &str,
    paths: &[&str],
) -> Result<Vec<Option<String>>, InputError> {
    if ctx.boundaries.modules.is_empty() {
        return Err(InputError::new(
            "--by-module needs [[boundaries.modules]] in techlead.toml",
        ));
    }
    let relative: Vec<&str> = paths
        .iter()
        .map(|p| p.strip_prefix(prefix).unwrap_or(p))
        .collect();
    techlead_boundaries::modules_of(&ctx.config, &ctx.boundaries, &relative)
}
