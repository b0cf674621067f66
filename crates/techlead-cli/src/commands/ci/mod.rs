//! `techlead ci init github|gitlab`: the workflow that runs techlead in CI.
//! The workflows are templates (github.yml, gitlab.yml beside this file)
//! with the install source filled in. A workflow that exists is never
//! overwritten without --force, and a user's `.gitlab-ci.yml` never at all:
//! techlead's GitLab job lives in its own file, included from it.

use crate::cli::{CiCommand, CiInit, CiProvider};
use crate::context::Context;
use anyhow::{Context as _, Result};
use std::io::ErrorKind;
use std::path::Path;
use techlead_core::atomic::{create_new_atomic, write_atomic};
use techlead_core::{ExitCode, InputError};

const GITHUB: &str = ".github/workflows/techlead.yml";
const GITLAB_JOB: &str = ".gitlab/techlead.yml";
const GITLAB_CI: &str = ".gitlab-ci.yml";

pub fn run(ctx: &Context, cmd: CiCommand) -> Result<ExitCode> {
    match cmd {
        CiCommand::Init(args) => init(ctx, &args),
    }
}

fn init(ctx: &Context, args: &CiInit) -> Result<ExitCode> {
    for (flag, value) in [("--git", &args.git), ("--ref", &args.git_ref)] {
        if value.trim().is_empty() || value.chars().any(char::is_control) {
            return Err(InputError::new(format!("{flag} must be a non-empty single line")).into());
        }
    }
    let (template, path) = match args.provider {
        CiProvider::Github => (include_str!("github.yml"), GITHUB),
        CiProvider::Gitlab => (include_str!("gitlab.yml"), GITLAB_JOB),
    };
    // Checked before anything is written: a refusal touches no file.
    let target = ctx.root.join(path);
    if target.exists() && !args.force {
        return Err(InputError::in_file(path, "exists; left unchanged")
            .with_help("pass --force to overwrite it with the template")
            .into());
    }
    write(ctx, &target, &fill(template, args), args.force)?;
    // `.invalid` never resolves (RFC 2606): a pipeline installing from it
    // would fail on its first run.
    if placeholder(&args.git) {
        ctx.note(format!(
            "warning: {path} installs techlead from {}, a placeholder this build was made with: pass --git URL (and --ref) of the techlead repository your CI can reach",
            args.git
        ));
    }
    if args.provider == CiProvider::Gitlab {
        include_from_pipeline(ctx)?;
    }
    Ok(ExitCode::Clean)
}

/// Whether the install source's host is under the reserved `.invalid`.
fn placeholder(git: &str) -> bool {
    let host = git
        .split_once("://")
        .map_or(git, |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    host.eq_ignore_ascii_case("invalid") || host.to_ascii_lowercase().ends_with(".invalid")
}

/// The template with the install source and the version filled in. Values
/// are written as JSON strings, which YAML reads as double-quoted scalars,
/// so no URL or ref can break the file.
fn fill(template: &str, args: &CiInit) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("a string serializes");
    template
        .replace("@GIT@", &quoted(&args.git))
        .replace("@REF@", &quoted(&args.git_ref))
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
}

fn write(ctx: &Context, path: &Path, text: &str, force: bool) -> Result<()> {
    let rel = ctx.rel(path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", ctx.rel(dir)))?;
    }
    let existed = path.exists();
    let written = if force {
        write_atomic(path, text.as_bytes())
    } else {
        create_new_atomic(path, text.as_bytes())
    };
    match written {
        Ok(()) if existed => outln!("replaced {rel}")?,
        Ok(()) => outln!("created {rel}")?,
        // Created by someone else since the check above.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(InputError::in_file(&rel, "exists; left unchanged")
                .with_help("pass --force to overwrite it with the template")
                .into());
        }
        Err(e) => return Err(InputError::io_write(&rel, &e).into()),
    }
    Ok(())
}

/// A new `.gitlab-ci.yml` includes the job; an existing one is the user's
/// pipeline and stays as it is: we say how to include the job, unless it
/// already names the file.
fn include_from_pipeline(ctx: &Context) -> Result<()> {
    let path = ctx.root.join(GITLAB_CI);
    match std::fs::read(&path) {
        Ok(bytes) if String::from_utf8_lossy(&bytes).contains(GITLAB_JOB) => {
            outln!("exists  {GITLAB_CI} (includes {GITLAB_JOB} already)")?;
        }
        Ok(_) => {
            outln!("exists  {GITLAB_CI} (left unchanged); to run the job, add to it:")?;
            outln!()?;
            outln!("include:\n  - local: {GITLAB_JOB}")?;
            outln!()?;
            outln!("(or append `  - local: {GITLAB_JOB}` to its `include:` list)")?;
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let text = format!(
                "# The pipeline of this repository. techlead's job is in {GITLAB_JOB},\n# written by `techlead ci init gitlab`.\ninclude:\n  - local: {GITLAB_JOB}\n"
            );
            write(ctx, &path, &text, false)?;
        }
        Err(e) => return Err(InputError::io(GITLAB_CI, &e).into()),
    }
    Ok(())
}
