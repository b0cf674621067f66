//! `goals add`, `goals status GOAL STATUS` and `goals link`: the commands
//! that write. Every value is checked before any file is touched; each
//! holds the folder's lock from reading to writing, and an edit is written
//! only if the file still holds what was read.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use std::path::{Path, PathBuf};
use techlead_core::atomic::Transaction;
use techlead_core::lock::Lock;
use techlead_core::suggest::did_you_mean;
use techlead_core::{ExitCode, InputError};
use techlead_goals::kr;
use techlead_goals::new::{NewGoal, NewKeyResult};
use techlead_goals::{Goal, Status};

pub struct Add {
    pub title: String,
    pub owner: Option<String>,
    pub horizon: Option<String>,
    pub parent: Option<String>,
    pub status: String,
    pub key_results: Vec<String>,
    pub manual: Vec<String>,
}

fn folder(ctx: &Context) -> PathBuf {
    ctx.root.join(ctx.goals.dir())
}

fn load(ctx: &Context) -> Result<Vec<Goal>> {
    Ok(techlead_goals::load(&ctx.root, &folder(ctx))?)
}

fn parse_status(s: &str) -> Result<Status, InputError> {
    Status::parse(s).ok_or_else(|| {
        let err = InputError::new(format!("unknown goal status `{s}`"));
        match did_you_mean(&s.to_lowercase(), Status::ALL.iter().map(|s| s.as_str())) {
            Some(close) => err.with_help(format!(
                "did you mean `{close}`? (one of: {})",
                Status::list()
            )),
            None => err.with_help(format!("use one of: {}", Status::list())),
        }
    })
}

/// Each `--kr`, its metric looked up in the registry, its start the
/// metric's value now (None when it cannot be computed now).
fn metric_key_results(ctx: &Context, given: &[String]) -> Result<Vec<NewKeyResult>> {
    let mut parsed = Vec::new();
    for s in given {
        let (metric, op, target) =
            kr::parse_expression(s).map_err(|e| InputError::new(format!("--kr: {e}")))?;
        let m = techlead_metrics::lookup(&metric)?;
        if m.parse(&target).is_none() {
            let help = if m.unit == techlead_metrics::Unit::Level {
                format!("use one of: {}", techlead_metrics::LEVELS.join(", "))
            } else {
                format!("{} is a number ({})", m.name, m.unit.as_str())
            };
            return Err(
                InputError::new(format!("--kr: `{target}` is not a value of {metric}"))
                    .with_help(help)
                    .into(),
            );
        }
        parsed.push((m, op, target));
    }
    if parsed.is_empty() {
        return Ok(Vec::new());
    }
    let evidence = super::super::assess::gather(ctx)?;
    Ok(parsed
        .into_iter()
        .map(|(m, op, target)| {
            let start = match m.compute(&evidence) {
                Ok(v) => Some(m.format(v)),
                Err(why) => {
                    ctx.note(format!("{}: no start value ({why})", m.name));
                    None
                }
            };
            NewKeyResult::Metric {
                metric: m.name.to_string(),
                op,
                target,
                start,
            }
        })
        .collect())
}

pub fn add(ctx: &Context, a: Add) -> Result<ExitCode> {
    let status = parse_status(&a.status)?;
    let mut key_results = metric_key_results(ctx, &a.key_results)?;
    for s in &a.manual {
        let m = kr::parse_manual(s).map_err(|e| InputError::new(format!("--kr-manual: {e}")))?;
        key_results.push(NewKeyResult::Manual {
            text: m.text,
            start: m.start,
            target: m.target,
            unit: m.unit,
        });
    }
    let folder = folder(ctx);
    let goals = load(ctx)?;
    let parent = match &a.parent {
        Some(p) => Some(techlead_goals::resolve(&goals, p)?.id.clone()),
        None => None,
    };
    let new = NewGoal {
        title: &a.title,
        status,
        owner: a.owner.as_deref().filter(|o| !o.trim().is_empty()),
        horizon: a.horizon.as_deref(),
        parent: parent.as_deref(),
        created: &ctx.today,
        key_results,
    };
    techlead_goals::new::validate(&new)?;
    std::fs::create_dir_all(&folder).map_err(|e| InputError::io_write(ctx.rel(&folder), &e))?;
    let _lock = lock(ctx, &folder)?;
    let taken: Vec<u32> = load(ctx)?.iter().filter_map(|g| g.number).collect();
    let path = techlead_goals::new::create(&folder, &taken, &new)?;
    let goal = techlead_goals::goal::read(&ctx.root, &path)?;
    print(
        ctx,
        &goal.path,
        serde_json::json!({"id": goal.id, "path": goal.path}),
    )
}

pub fn status(ctx: &Context, key: &str, to: &str, reason: &str) -> Result<ExitCode> {
    let to = parse_status(to)?;
    let _lock = lock(ctx, &folder(ctx))?;
    let goals = load(ctx)?;
    let goal = techlead_goals::resolve(&goals, key)?;
    let json = serde_json::json!({"id": goal.id, "path": goal.path, "status": to});
    if goal.status == to {
        ctx.note(format!("goal {} is already {to}", goal.id));
        return print(ctx, &goal.path, json);
    }
    let old = read(&goal.abs_path, &goal.path)?;
    let text = techlead_goals::edit::set_status(&old, goal, to, &ctx.today, reason);
    techlead_goals::goal::parse(&goal.path, &goal.abs_path, &text)?;
    replace(ctx, &goal.abs_path, &old, text)?;
    ctx.note(format!("updated {}: {} → {to}", goal.path, goal.status));
    print(ctx, &goal.path, json)
}

/// Writes the link into the record's `goals:` (or, with `in_goal`, the
/// goal's `links:`); a link already there on that side is left alone.
/// The folder's lock (see `techlead_core::lock`); a folder not made yet
/// needs none.
pub(super) fn lock(ctx: &Context, folder: &Path) -> Result<Option<Lock>> {
    if !folder.is_dir() {
        return Ok(None);
    }
    Ok(Some(
        Lock::exclusive(folder).map_err(|e| InputError::io(ctx.rel(folder), &e))?,
    ))
}

pub(super) fn read(path: &Path, rel: &str) -> Result<String> {
    Ok(
        techlead_core::read::regular_text(path, techlead_core::read::RECORD_LIMIT)
            .map_err(|e| InputError::io(rel, &e))?,
    )
}

/// Writes `text` over `path` if it still holds `old`.
pub(super) fn replace(ctx: &Context, path: &Path, old: &str, text: String) -> Result<()> {
    let mut tx = Transaction::new(&ctx.root);
    tx.replace(path, old.as_bytes(), text);
    tx.commit()?;
    Ok(())
}

/// The written file's path in text, `json` with `--format json`.
pub(super) fn print(ctx: &Context, path: &str, json: serde_json::Value) -> Result<ExitCode> {
    let mut out = match ctx.output_format() {
        Format::Json => serde_json::to_vec_pretty(&json)?,
        _ => path.as_bytes().to_vec(),
    };
    out.push(b'\n');
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}
