//! `adr status`, `adr supersede`, `adr link`, `adr renumber`: edits that
//! keep each file's own style and every byte they do not mean to change.
//! Each runs under the decisions folder's lock (see `super::load_to_edit`)
//! and writes all its files in one transaction, or none.

use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::atomic::Transaction;
use techlead_core::{ExitCode, InputError};
use techlead_records::edit;
use techlead_records::{Record, renumber as renum};

fn read(record: &Record) -> Result<String> {
    Ok(techlead_records::folder::read_text(record)?)
}

/// Commits `tx` and says what it wrote.
fn commit(ctx: &Context, tx: Transaction) -> Result<()> {
    let done = tx.describe();
    tx.commit()?;
    for line in done {
        ctx.note(line);
    }
    Ok(())
}

pub fn status(ctx: &Context, dir: Option<&Path>, id: &str, status: &str) -> Result<ExitCode> {
    let status = status.trim();
    if status.is_empty() || status.contains(['\n', '\r']) {
        return Err(InputError::new("the status must be one line of text").into());
    }
    let (decisions, _lock) = super::load_to_edit(ctx, dir)?;
    let record = decisions.resolve(id)?;
    let text = read(record)?;
    let updated = edit::set_status(&text, record, status);
    if updated != text {
        let mut tx = Transaction::new(&ctx.root);
        tx.replace(&record.path, text.as_bytes(), updated);
        commit(ctx, tx)?;
    } else {
        ctx.note(format!("unchanged {}", record.rel_path));
    }
    Ok(ExitCode::Clean)
}

pub fn supersede(ctx: &Context, dir: Option<&Path>, old: &str, new: &str) -> Result<ExitCode> {
    let (decisions, _lock) = super::load_to_edit(ctx, dir)?;
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
    let mut tx = Transaction::new(&ctx.root);
    tx.replace(&old.path, old_text.as_bytes(), old_out);
    tx.replace(&new.path, new_text.as_bytes(), new_out);
    commit(ctx, tx)
}

pub fn link(
    ctx: &Context,
    dir: Option<&Path>,
    src: &str,
    kind: &str,
    tgt: &str,
    reverse: Option<&str>,
) -> Result<ExitCode> {
    let (decisions, _lock) = super::load_to_edit(ctx, dir)?;
    let edits = techlead_records::write::link(&decisions, src, kind, tgt, reverse)?;
    if edits.is_empty() {
        ctx.note(format!("unchanged {}", decisions.resolve(src)?.rel_path));
    }
    for line in techlead_records::write::apply(&ctx.root, &edits)? {
        ctx.note(line);
    }
    Ok(ExitCode::Clean)
}

pub fn renumber(ctx: &Context, dir: Option<&Path>, id: &str, new: u32) -> Result<ExitCode> {
    let (decisions, _lock) = super::load_to_edit(ctx, dir)?;
    let plan = renum::plan_renumber(&decisions, id, new)?;
    commit(ctx, renum::transaction(&ctx.root, &plan))?;
    Ok(ExitCode::Clean)
}
