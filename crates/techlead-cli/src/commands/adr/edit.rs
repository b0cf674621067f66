//! `adr status`, `adr supersede`, `adr link`, `adr renumber`: edits that
//! keep each file's own style and every byte they do not mean to change.

use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::atomic::write_atomic;
use techlead_core::{ExitCode, InputError};
use techlead_records::edit::{self, link_title, relative_href as href};
use techlead_records::{Record, renumber as renum};

fn read(record: &Record) -> Result<String> {
    let bytes = std::fs::read(&record.path).map_err(|e| InputError::io(&record.rel_path, &e))?;
    // The folder load already rejected invalid UTF-8; this guards a race.
    String::from_utf8(bytes)
        .map_err(|_| InputError::in_file(&record.rel_path, "invalid UTF-8").into())
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
    for k in std::iter::once(kind).chain(reverse) {
        if k.trim().is_empty() || k.contains(['\n', '\r', '[', ']']) {
            return Err(InputError::new(format!("invalid link kind `{k}`")).into());
        }
    }
    let decisions = super::load(ctx, dir)?;
    let src = decisions.resolve(src)?;
    let tgt = decisions.resolve(tgt)?;
    let src_text = read(src)?;
    let tgt_text = read(tgt)?;
    let src_out = edit::add_link(
        &src_text,
        src,
        kind.trim(),
        &link_title(tgt),
        &href(&src.path, &tgt.path),
    );
    let tgt_out = match reverse {
        Some(rev) => edit::add_link(
            &tgt_text,
            tgt,
            rev.trim(),
            &link_title(src),
            &href(&tgt.path, &src.path),
        ),
        None => tgt_text.clone(),
    };
    if src_out != src_text {
        write(ctx, src, &src_out)?;
    }
    if tgt_out != tgt_text {
        write(ctx, tgt, &tgt_out)?;
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
