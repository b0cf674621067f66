//! `adr status`, `adr supersede`, `adr link`, `adr renumber`: edits that
//! keep each file's own style and every byte they do not mean to change.

use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::atomic::write_atomic;
use techlead_core::{ExitCode, InputError};
use techlead_records::edit;
use techlead_records::{Record, renumber as renum};

fn read(record: &Record) -> Result<String> {
    Ok(techlead_records::write::read_text(record)?)
}

fn write(ctx: &Context, record: &Record, text: &str) -> Result<()> {
    write_atomic(&record.path, text.as_bytes())
        .map_err(|e| InputError::io(&record.rel_path, &e))?;
    ctx.note(format!("updated {}", record.rel_path));
    Ok(())
}

pub fn status(ctx: &Context, dir: Option<&Path>, id: &str, status: &str) -> Result<ExitCode> {
    let status = status.trim();
    if status.is_empty() || status.contains(['\n', '\r']) {
        return Err(InputError::new("the status must be one line of text").into());
    }
    let decisions = super::load(ctx, dir)?;
    let record = decisions.resolve(id)?;
    let text = read(record)?;
    let updated = edit::set_status(&text, record, status);
    if updated != text {
        write(ctx, record, &updated)?;
    } else {
        ctx.note(format!("unchanged {}", record.rel_path));
    }
    Ok(ExitCode::Clean)
}

pub fn supersede(ctx: &Context, dir: Option<&Path>, old: &str, new: &str) -> Result<ExitCode> {
    let decisions = super::load(ctx, dir)?;
    let old = decisions.resolve(old)?;
    let new = decisions.resolve(new)?;
    if old.path == new.path {
        return Err(InputError::new("a record cannot supersede itself").into());
    }
    apply_supersede(ctx, old, new)?;
    Ok(ExitCode::Clean)
}

/// Shared with `adr new --supersedes`.
pub fn apply_supersede(ctx: &Context, old: &Record, new: &Record) -> Result<()> {
    let old_text = read(old)?;
    let new_text = read(new)?;
    let (old_out, new_out) = edit::supersede(&old_text, old, &new_text, new);
    // Both texts are computed before either file is written, so a bad input
    // leaves both files untouched.
    if old_out != old_text {
        write(ctx, old, &old_out)?;
    }
    if new_out != new_text {
        write(ctx, new, &new_out)?;
    }
    Ok(())
}

pub fn link(
    ctx: &Context,
    dir: Option<&Path>,
    src: &str,
    kind: &str,
    tgt: &str,
    reverse: Option<&str>,
) -> Result<ExitCode> {
    let decisions = super::load(ctx, dir)?;
    let edits = techlead_records::write::link(&decisions, src, kind, tgt, reverse)?;
    techlead_records::write::apply(&edits)?;
    for e in &edits {
        ctx.note(format!("updated {}", e.rel_path));
    }
    Ok(ExitCode::Clean)
}

pub fn renumber(ctx: &Context, dir: Option<&Path>, id: &str, new: u32) -> Result<ExitCode> {
    let decisions = super::load(ctx, dir)?;
    let plan = renum::plan_renumber(&decisions, id, new)?;
    renum::apply(&plan)?;
    for change in &plan {
        match &change.rename_to {
            Some(to) => ctx.note(format!(
                "renamed {} -> {}",
                ctx.rel(&change.path),
                ctx.rel(to)
            )),
            None => ctx.note(format!("updated {}", ctx.rel(&change.path))),
        }
    }
    Ok(ExitCode::Clean)
}
