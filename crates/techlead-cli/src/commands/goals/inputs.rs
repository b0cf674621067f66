//! What goals gets from the other contexts: the records that may serve
//! goals and the values of the metrics key results are bound to, computed
//! by the metrics registry from the evidence every context gave, with
//! each metric's series when a snapshot database exists.

use crate::context::Context;
use anyhow::Result;
use std::collections::BTreeMap;
use techlead_core::InputError;
use techlead_core::error::InputErrors;
use techlead_goals::check::{Analysis, Inputs, analyse, metrics_used};
use techlead_goals::{Goal, Point, Readings};
use techlead_metrics::Evidence;

/// Every goal evaluated against the metrics computed now.
pub fn analysis(ctx: &Context) -> Result<Analysis> {
    let mut evidence = super::super::assess::gather(ctx)?;
    let goals = match std::mem::replace(
        &mut evidence.goals,
        Err(techlead_metrics::Absent::new("read")),
    ) {
        Ok(g) => g.goals,
        Err(absent) => {
            ctx.note(format!(
                "{}: `techlead goals add TITLE` writes the first goal",
                absent.reason
            ));
            Vec::new()
        }
    };
    let inputs = inputs(ctx, &evidence, &goals)?;
    Ok(analyse(goals, inputs, &ctx.goals, &ctx.today).map_err(InputErrors)?)
}

/// The inputs for `goals` read from `evidence`.
fn inputs(ctx: &Context, evidence: &Evidence, goals: &[Goal]) -> Result<Inputs> {
    let unknown = techlead_metrics::goals::unknown_metrics(goals);
    if !unknown.is_empty() {
        return Err(InputErrors(unknown).into());
    }
    let names = metrics_used(goals);
    Ok(Inputs {
        works: super::super::assess::works(&evidence.decisions, &evidence.radar, &evidence.debt),
        catalog: techlead_metrics::goals::catalog(),
        readings: Readings {
            values: techlead_metrics::goals::values(evidence, &names),
            history: series(ctx, &names)?,
        },
    })
}

/// The goals check's inputs: the same composition, its errors as one
/// input error.
pub fn for_check(ctx: &Context, goals: &[Goal]) -> Result<Inputs, InputError> {
    let evidence = super::super::assess::gather(ctx).map_err(as_input)?;
    for_evidence(ctx, &evidence, goals)
}

/// As [`for_check`], from evidence already gathered (the snapshot's).
pub fn for_evidence(
    ctx: &Context,
    evidence: &Evidence,
    goals: &[Goal],
) -> Result<Inputs, InputError> {
    inputs(ctx, evidence, goals).map_err(as_input)
}

fn as_input(e: anyhow::Error) -> InputError {
    match e.downcast::<InputError>() {
        Ok(e) => e,
        Err(e) => match e.downcast::<InputErrors>() {
            Ok(mut all) => all.0.remove(0),
            Err(e) => InputError::new(e.to_string()),
        },
    }
}

/// Each metric's recorded values, oldest first, when the project keeps a
/// snapshot database; None when it keeps none.
fn series(ctx: &Context, names: &[String]) -> Result<Option<BTreeMap<String, Vec<Point>>>> {
    let path = super::super::snapshot::db_path(ctx);
    if !path.is_file() {
        return Ok(None);
    }
    let store = techlead_store::Store::open_read(&path, &ctx.rel(&path))?;
    let repo = super::super::assess::repo_name(ctx);
    let mut out = BTreeMap::new();
    for name in names {
        let points = store.series(&repo, name)?;
        let points = points
            .into_iter()
            .map(|p| Point {
                date: p
                    .committed_at
                    .get(..10)
                    .unwrap_or(&p.committed_at)
                    .to_string(),
                commit: p.commit,
                value: p.value,
            })
            .collect();
        out.insert(name.clone(), points);
    }
    Ok(Some(out))
}
