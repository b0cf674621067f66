//! `techlead adr ...`: decision records. Each subcommand is a small module;
//! this file finds and loads the decisions folder for all of them.

mod edit;
mod list;
mod new;
mod render;
mod score;

use crate::cli::AdrCommand;
use crate::context::Context;
use anyhow::Result;
use std::path::{Path, PathBuf};
use techlead_core::{ExitCode, Finding, InputError};
use techlead_records::folder::{self, Decisions};
use techlead_records::lint::{self, LintOptions};

pub fn run(ctx: &Context, cmd: AdrCommand) -> Result<ExitCode> {
    match cmd {
        AdrCommand::New {
            title,
            template,
            supersedes,
            status,
            tags,
            deciders,
            dir,
        } => new::run(
            ctx,
            dir.dir.as_deref(),
            new::Args {
                title,
                template,
                supersedes,
                status,
                tags,
                deciders,
            },
        ),
        AdrCommand::List { status, tag, dir } => {
            list::list(ctx, dir.dir.as_deref(), status.as_deref(), tag.as_deref())
        }
        AdrCommand::Show { id, dir } => list::show(ctx, dir.dir.as_deref(), &id),
        AdrCommand::Status { id, status, dir } => {
            edit::status(ctx, dir.dir.as_deref(), &id, &status)
        }
        AdrCommand::Supersede { old, new, dir } => {
            edit::supersede(ctx, dir.dir.as_deref(), &old, &new)
        }
        AdrCommand::Link {
            src,
            kind,
            tgt,
            reverse,
            dir,
        } => edit::link(
            ctx,
            dir.dir.as_deref(),
            &src,
            &kind,
            &tgt,
            reverse.as_deref(),
        ),
        AdrCommand::Renumber { id, new, dir } => edit::renumber(ctx, dir.dir.as_deref(), &id, new),
        AdrCommand::Lint { dir } => {
            let findings = lint_decisions(ctx, dir.dir.as_deref())?.ok_or_else(no_folder)?;
            super::findings_out::emit(ctx, "adr lint", findings, &["decisions/"])
        }
        AdrCommand::Index { print, dir } => render::index(ctx, dir.dir.as_deref(), print),
        AdrCommand::Graph { dir } => render::graph(ctx, dir.dir.as_deref()),
        AdrCommand::Score { id, dir } => score::run(ctx, dir.dir.as_deref(), &id),
    }
}

fn no_folder() -> anyhow::Error {
    InputError::new("no decisions folder found")
        .with_help("run `techlead init`, set [decisions] dir in techlead.toml, or pass --dir DIR")
        .into()
}

/// The decisions folder: `--dir` (relative to the current directory), else
/// `[decisions] dir` (relative to the project root), else auto-detected.
pub fn find_dir(ctx: &Context, dir_arg: Option<&Path>) -> Result<Option<PathBuf>> {
    if let Some(dir) = dir_arg {
        let abs = techlead_core::paths::absolute(dir);
        if !abs.is_dir() {
            return Err(InputError::in_file(dir, "--dir is not a directory").into());
        }
        return Ok(Some(abs));
    }
    let configured = ctx.config.decisions_dir();
    if let Some(c) = configured {
        let abs = ctx.root.join(c);
        if !abs.is_dir() {
            return Err(ctx
                .config
                .decisions_dir_error(format!("[decisions] dir `{c}` is not a directory"))
                .with_help("create the folder, fix the path, or run `techlead init`")
                .into());
        }
    }
    Ok(folder::find_dir(&ctx.root, configured))
}

/// The records, read from their files: for commands that edit them.
pub fn load(ctx: &Context, dir_arg: Option<&Path>) -> Result<Decisions> {
    let dir = find_dir(ctx, dir_arg)?.ok_or_else(no_folder)?;
    Ok(folder::load(&ctx.root, &dir)?)
}

/// The records for commands that only read them: unchanged files come from
/// `.techlead/cache` unless `--no-cache` is given.
pub fn load_for_reading(ctx: &Context, dir_arg: Option<&Path>) -> Result<Decisions> {
    let dir = find_dir(ctx, dir_arg)?.ok_or_else(no_folder)?;
    Ok(read_folder(ctx, &dir)?)
}

fn read_folder(ctx: &Context, dir: &Path) -> Result<Decisions, techlead_core::InputError> {
    if ctx.no_cache {
        return folder::load(&ctx.root, dir);
    }
    let (decisions, pending) = folder::load_cached(&ctx.root, dir)?;
    ctx.defer_cache(pending);
    Ok(decisions)
}

/// Lints the decisions folder; `None` when there is none to lint.
pub fn lint_decisions(ctx: &Context, dir_arg: Option<&Path>) -> Result<Option<Vec<Finding>>> {
    let Some(dir) = find_dir(ctx, dir_arg)? else {
        return Ok(None);
    };
    let decisions = read_folder(ctx, &dir)?;
    let opts = LintOptions {
        extra_statuses: ctx.config.config.decisions.statuses.clone(),
        today: crate::today(),
    };
    Ok(Some(lint::lint(&decisions.records, &decisions.dir, &opts)))
}
