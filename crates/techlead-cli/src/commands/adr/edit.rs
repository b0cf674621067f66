//! `adr status`, `adr supersede`, `adr link`, `adr renumber`: edits that
//! keep each file's own style and every byte they do not mean to change.
//! Each runs under the decisions folder's lock (see `super::load_to_edit`)
//! and writes all its files in one transaction, or none.

use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::atomic::Transaction;
use techlead_core::{ExitCode, InputError};
use techlead_records::edit::{self, link_title, relative_href as href};
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
    for k in std::iter::once(kind).chain(reverse) {
        if k.trim().is_empty() || k.contains(['\n', '\r', '[', ']']) {
            return Err(InputError::new(format!("invalid link kind `{k}`")).into());
        }
    }
    let (decisions, _lock) = super::load_to_edit(ctx, dir)?;
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
    // Links are two-way: the usual verbs have a known reverse.
    let reverse = reverse.or_else(|| edit::reverse_kind(kind.trim()));
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
    let mut tx = Transaction::new(&ctx.root);
    if src.path == tgt.path {
        // A record linked to itself: one file, both lines.
        let both = match reverse {
            Some(rev) => {
                let reread =
                    techlead_records::parse::parse_text(&src.rel_path, &src.path, &src_out)
                        .unwrap_or_else(|_| src.clone());
                edit::add_link(
                    &src_out,
                    &reread,
                    rev.trim(),
                    &link_title(src),
                    &href(&src.path, &src.path),
                )
            }
            None => src_out,
        };
        tx.replace(&src.path, src_text.as_bytes(), both);
    } else {
        tx.replace(&src.path, src_text.as_bytes(), src_out);
        tx.replace(&tgt.path, tgt_text.as_bytes(), tgt_out);
    }
    if tx.is_empty() {
        ctx.note(format!("unchanged {}", src.rel_path));
    }
    commit(ctx, tx)?;
    Ok(ExitCode::Clean)
}

pub fn renumber(ctx: &Context, dir: Option<&Path>, id: &str, new: u32) -> Result<ExitCode> {
    let (decisions, _lock) = super::load_to_edit(ctx, dir)?;
    let plan = renum::plan_renumber(&decisions, id, new)?;
    commit(ctx, renum::transaction(&ctx.root, &plan))?;
    Ok(ExitCode::Clean)
}
