//! `goals link`: a goal and a record that serves it, linked on one side
//! (the record's `goals:` by default, the goal's `links:` with
//! `--in-goal`) or unlinked on both (`--remove`).

use super::edit::{lock, print, read, replace};
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::atomic::Transaction;
use techlead_core::{ExitCode, InputError};
use techlead_goals::check::Analysis;
use techlead_goals::{Goal, RecordRef};

pub fn link(ctx: &Context, key: &str, record: &str, in_goal: bool) -> Result<ExitCode> {
    let analysis = super::inputs::analysis(ctx)?;
    let (goal, wi) = pair(&analysis, key, record)?;
    let works = &analysis.works;
    let w = &works.items[wi];
    let (path, rel) = if in_goal {
        (goal.abs_path.clone(), goal.path.clone())
    } else {
        (ctx.root.join(&w.path), w.path.clone())
    };
    let dir = path.parent().unwrap_or(&ctx.root).to_path_buf();
    let _lock = lock(ctx, &dir)?;
    let old = read(&path, &rel)?;
    let json = serde_json::json!({"goal": goal.id, "record": w.reference(), "path": rel});
    let new = if in_goal {
        // Written as the record's own reference (`adr:0002`), whatever was typed.
        let canonical = RecordRef::parse(&w.reference()).map_err(InputError::new)?;
        techlead_goals::edit::add_link(&old, goal, &canonical, |r| works.find(r) == Some(wi))
    } else if w.goals.iter().any(|g| goal.matches(g)) {
        None
    } else {
        Some(techlead_goals::field::add(&old, &w.goals, &goal.id))
    };
    let Some(new) = new else {
        ctx.note(format!(
            "{rel} already links goal {} and {}",
            goal.id,
            w.reference()
        ));
        return print(ctx, &rel, json);
    };
    replace(ctx, &path, &old, new)?;
    ctx.note(format!(
        "linked goal {} and {} in {rel}",
        goal.id,
        w.reference()
    ));
    print(ctx, &rel, json)
}

/// The goal `key` names and the index of the record `record` names.
fn pair<'a>(analysis: &'a Analysis, key: &str, record: &str) -> Result<(&'a Goal, usize)> {
    let to = RecordRef::parse(record).map_err(InputError::new)?;
    let goal = techlead_goals::resolve(&analysis.goals, key)?;
    let works = &analysis.works;
    let Some(wi) = works.find(&to) else {
        let known: Vec<String> = works
            .items
            .iter()
            .filter(|w| w.kind == to.kind)
            .map(|w| w.reference())
            .collect();
        let help = if known.is_empty() {
            format!("there is no {} record in this project", to.kind.as_str())
        } else {
            format!("{} records: {}", to.kind.as_str(), known.join(", "))
        };
        return Err(InputError::new(format!("no record `{to}`"))
            .with_help(help)
            .into());
    };
    Ok((goal, wi))
}

/// `goals link --remove`: the link goes from both sides, in one
/// transaction, each file only if it still holds what was read.
pub fn unlink(ctx: &Context, key: &str, record: &str) -> Result<ExitCode> {
    let analysis = super::inputs::analysis(ctx)?;
    let (goal, wi) = pair(&analysis, key, record)?;
    let works = &analysis.works;
    let w = &works.items[wi];
    let record_path = ctx.root.join(&w.path);
    // Both folders' locks, from reading to writing.
    let _locks = (
        lock(ctx, record_path.parent().unwrap_or(&ctx.root))?,
        lock(ctx, goal.abs_path.parent().unwrap_or(&ctx.root))?,
    );
    let mut tx = Transaction::new(&ctx.root);
    let mut changed: Vec<String> = Vec::new();
    let old = read(&record_path, &w.path)?;
    if let Some(new) = techlead_goals::field::remove(&old, &w.goals, |g| goal.matches(g)) {
        tx.replace(&record_path, old.as_bytes(), new);
        changed.push(w.path.clone());
    }
    let old = read(&goal.abs_path, &goal.path)?;
    if let Some(new) = techlead_goals::edit::remove_link(&old, goal, |r| works.find(r) == Some(wi))
    {
        tx.replace(&goal.abs_path, old.as_bytes(), new);
        changed.push(goal.path.clone());
    }
    if changed.is_empty() {
        ctx.note(format!(
            "goal {} and {} are not linked",
            goal.id,
            w.reference()
        ));
    } else {
        tx.commit()?;
        ctx.note(format!(
            "unlinked goal {} and {} in {}",
            goal.id,
            w.reference(),
            changed.join(" and ")
        ));
    }
    let json = serde_json::json!({"goal": goal.id, "record": w.reference(), "changed": changed});
    let mut out = match ctx.output_format() {
        Format::Json => serde_json::to_vec_pretty(&json)?,
        _ => changed.join("\n").into_bytes(),
    };
    if !out.is_empty() {
        out.push(b'\n');
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}
