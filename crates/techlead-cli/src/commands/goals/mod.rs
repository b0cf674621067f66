//! `techlead goals`: add, list, show, status, link and the traceability
//! matrix, and what the goals check needs from other contexts. Key results
//! bound to a metric are computed by the metrics registry from the same
//! evidence `techlead snapshot` records.

mod edit;
pub(crate) mod inputs;
mod link;

pub use inputs::for_check as inputs_for_check;
pub use inputs::for_evidence as inputs_for_evidence;

use crate::cli::{Format, GoalsCommand};
use crate::context::Context;
use anyhow::Result;
use techlead_core::table::{self, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_goals::check::Analysis;
use techlead_goals::render::{self, ListRow};

pub fn run(ctx: &Context, cmd: GoalsCommand) -> Result<ExitCode> {
    match cmd {
        GoalsCommand::Add {
            title,
            owner,
            horizon,
            parent,
            status,
            key_results,
            manual,
        } => edit::add(
            ctx,
            edit::Add {
                title,
                owner,
                horizon,
                parent,
                status,
                key_results,
                manual,
            },
        ),
        GoalsCommand::List => list(ctx),
        GoalsCommand::Show { goal } => show(ctx, &goal),
        GoalsCommand::Status {
            goal: None,
            status: None,
            ..
        } => status(ctx),
        GoalsCommand::Status {
            goal: Some(goal),
            status: Some(to),
            reason,
        } => edit::status(ctx, &goal, &to, &reason),
        GoalsCommand::Status { .. } => Err(InputError::new(
            "give both GOAL and STATUS to change a goal's status",
        )
        .with_help("`techlead goals status` alone shows the goals in flight")
        .into()),
        GoalsCommand::Link {
            goal,
            record,
            in_goal,
            remove: false,
        } => link::link(ctx, &goal, &record, in_goal),
        GoalsCommand::Link {
            goal,
            record,
            remove: true,
            ..
        } => link::unlink(ctx, &goal, &record),
        GoalsCommand::Matrix { all } => matrix(ctx, all),
    }
}

fn json(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(value)?;
    out.push(b'\n');
    Ok(out)
}

/// `goals list`: every goal in tree order.
fn list(ctx: &Context) -> Result<ExitCode> {
    let a = inputs::analysis(ctx)?;
    let out = match ctx.output_format() {
        Format::Json => json(&a.statuses)?,
        f => {
            let rows: Vec<ListRow> = a.statuses.iter().map(ListRow).collect();
            let mut out = Vec::new();
            let t = if f == Format::Csv {
                TableFormat::Csv
            } else {
                TableFormat::Text
            };
            table::write(&mut out, t, &rows)?;
            out
        }
    };
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}

fn show(ctx: &Context, key: &str) -> Result<ExitCode> {
    let a = inputs::analysis(ctx)?;
    let goal = techlead_goals::resolve(&a.goals, key)?;
    let Some(s) = a.statuses.iter().find(|s| s.id == goal.id) else {
        unreachable!("every goal is evaluated");
    };
    let out = match ctx.output_format() {
        Format::Json => json(s)?,
        _ => {
            let mut out = Vec::new();
            render::show(&mut out, s, &a.statuses)?;
            out
        }
    };
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}

/// `goals status`: the goals in flight, children under their parents.
fn status(ctx: &Context) -> Result<ExitCode> {
    let a = inputs::analysis(ctx)?;
    let out = match ctx.output_format() {
        Format::Json => {
            let open: Vec<_> = a
                .statuses
                .iter()
                .filter(|s| !s.status.is_closed())
                .collect();
            json(&open)?
        }
        _ => {
            let mut out = Vec::new();
            render::status(&mut out, &a.statuses)?;
            out
        }
    };
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}

fn matrix(ctx: &Context, all: bool) -> Result<ExitCode> {
    let a: Analysis = inputs::analysis(ctx)?;
    let m = techlead_goals::matrix::build(&a, all);
    let mut out = Vec::new();
    match ctx.output_format() {
        Format::Json => out = json(&m)?,
        Format::Csv => m.write_csv(&mut out)?,
        Format::Markdown => m.write_markdown(&mut out)?,
        _ => m.write_text(&mut out)?,
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}
