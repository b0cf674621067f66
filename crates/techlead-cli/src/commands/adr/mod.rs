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
use techlead_core::{ExitCode, InputError};
use techlead_records::check;
use techlead_records::folder::{self, Decisions};

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
            let folder = find_dir(ctx, dir.dir.as_deref())?.ok_or_else(no_folder)?;
            let findings = check::lint_folder(ctx, &ctx.decisions, &folder, dir.dir.is_none())?;
            super::findings_out::emit(ctx, "adr lint", findings, &["decisions/"], &[])
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
    Ok(check::find_dir(
        &ctx.root,
        &ctx.config,
        &ctx.decisions,
        dir_arg,
    )?)
}

/// The records for a command that edits them, with the folder's lock held
/// until the returned guard is dropped: two edits at once take turns, so
/// neither loses the other's change.
pub fn load_to_edit(
    ctx: &Context,
    dir_arg: Option<&Path>,
) -> Result<(Decisions, techlead_core::lock::Lock)> {
    let dir = find_dir(ctx, dir_arg)?.ok_or_else(no_folder)?;
    let lock = techlead_records::write::lock(&ctx.root, &dir)?;
    Ok((folder::load(&ctx.root, &dir)?, lock))
}

/// The records for commands that only read them: unchanged files come from
/// `.techlead/cache` unless `--no-cache` is given.
pub fn load_for_reading(ctx: &Context, dir_arg: Option<&Path>) -> Result<Decisions> {
    let dir = find_dir(ctx, dir_arg)?.ok_or_else(no_folder)?;
    // `--dir` reads that folder alone; otherwise a log4brains monorepo's
    // package folders come too.
    Ok(match dir_arg {
        Some(_) => check::read_folder(ctx, &dir)?,
        None => check::read_project(ctx, &dir)?,
    })
}
