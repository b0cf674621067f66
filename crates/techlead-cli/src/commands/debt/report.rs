//! `debt show`, `debt plan` and `debt suggest`: the commands that read
//! history for interest. Outside git, or in a shallow clone, they say
//! history is unavailable and print no interest figure.

use super::evidence::evidence;
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::{ExitCode, InputError};
use techlead_debt::DebtItem;
use techlead_debt::plan::Capacity;

pub fn show(ctx: &Context, items: &[DebtItem], id: &str) -> Result<ExitCode> {
    let item = techlead_debt::resolve(items, id)?;
    let ev = evidence(ctx);
    let ranked = techlead_debt::rank::assess(item, &ev);
    let text = techlead_core::read::regular_text(&item.abs_path, techlead_core::read::RECORD_LIMIT)
        .map_err(|e| InputError::io(&item.path, &e))?;
    let body = &text[techlead_debt::item::body_start(&text)..];
    let mut out = Vec::new();
    if ctx.output_format() == Format::Json {
        let mut v = serde_json::to_value(&ranked)?;
        v["body"] = serde_json::Value::String(body.to_string());
        v["window_days"] = ev.window_days.into();
        serde_json::to_writer_pretty(&mut out, &v)?;
        out.push(b'\n');
    } else {
        techlead_debt::render::write_show(&mut out, &ranked, body, ev.window_days)?;
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}

pub fn plan(
    ctx: &Context,
    items: &[DebtItem],
    capacity: &str,
    team: u32,
    period: &str,
    start: Option<String>,
) -> Result<ExitCode> {
    let share = Capacity::parse_share(capacity).map_err(InputError::new)?;
    let period_weeks = Capacity::parse_period(period).map_err(InputError::new)?;
    if team == 0 {
        return Err(InputError::new("--team must be at least 1").into());
    }
    let start = start.unwrap_or_else(|| ctx.today.clone());
    let ev = evidence(ctx);
    let ranked = techlead_debt::rank::rank(items, &ev);
    let cap = Capacity {
        share,
        team,
        period_weeks,
    };
    let plan = techlead_debt::plan::plan(ranked, cap, &start).map_err(InputError::new)?;
    let mut out = Vec::new();
    if ctx.output_format() == Format::Json {
        serde_json::to_writer_pretty(&mut out, &plan)?;
        out.push(b'\n');
    } else {
        techlead_debt::render::write_plan(&mut out, &plan)?;
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}

pub fn suggest(ctx: &Context, items: &[DebtItem], top: usize) -> Result<ExitCode> {
    let ev = evidence(ctx);
    let list =
        techlead_debt::suggest::suggest(items, &ev, top, f64::MIN_POSITIVE).map_err(|why| {
            InputError::new(format!("debt suggest needs git history: {why}"))
                .with_help("run it in a git working tree with its whole history")
        })?;
    let mut out = Vec::new();
    if ctx.output_format() == Format::Json {
        serde_json::to_writer_pretty(&mut out, &list)?;
        out.push(b'\n');
    } else {
        techlead_debt::render::write_suggestions(&mut out, &list, ev.window_days)?;
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}
