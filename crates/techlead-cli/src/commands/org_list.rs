//! `techlead org list`: every repository in the organisation store, who it
//! is (name, team, tags, remote) and its latest snapshot, with the key
//! figures the org report's table shows, named by their metric (shorter
//! in text). A figure the latest snapshot has no value for is shown as
//! absent (`—` in text, empty in CSV, `null` in JSON), never as 0.

use super::org::{format, opt, print};
use crate::context::Context;
use anyhow::Result;
use std::collections::HashMap;
use techlead_core::ExitCode;
use techlead_core::table::{Cell, Column, TableFormat};
use techlead_metrics::Unit;
use techlead_store::Store;

/// The identity columns, then one per figure.
const IDENTITY: &[Column] = &[
    Column::left("repository"),
    Column::left("team"),
    Column::left("tags"),
    Column::right("snapshots"),
    Column::left("committed_at"),
    Column::left("commit"),
    Column::left("taken_at"),
    Column::left("key"),
];

/// The org report's key figures, then the practices level by name.
fn figures() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = techlead_org::model::KEY.iter().map(|(m, _)| *m).collect();
    all.push("practices.level");
    all
}

/// A figure's header in text, short enough for a terminal; CSV and JSON
/// name the metric.
fn short(metric: &'static str) -> &'static str {
    match metric {
        "decisions.total" => "decisions",
        "boundaries.violations" => "violations",
        "radar.hold_in_use" => "hold",
        "deps.vulnerable" => "vulnerable",
        "hotspots.top_complexity" => "top_complexity",
        "health.average" => "health",
        "history.truck_factor" => "truck_factor",
        "history.knowledge_island_share" => "islands",
        "debt.open_items" => "open_debt",
        "delivery.lead_time_median_days" => "lead_time_days",
        "practices.score" => "practices",
        "practices.level" => "level",
        other => other,
    }
}

pub fn list(ctx: &Context, store: &Store) -> Result<ExitCode> {
    let repos = store.repositories()?;
    if repos.is_empty() {
        ctx.note(format!(
            "no repository in {} yet: push one with `techlead snapshot --store URL`",
            store.shown()
        ));
    }
    let figures = figures();
    let latest: HashMap<(String, String), f64> = store
        .latest_values(None)?
        .into_iter()
        .filter(|v| figures.contains(&v.metric.as_str()))
        .map(|v| ((v.repo, v.metric), v.value))
        .collect();
    let text = format(ctx) == TableFormat::Text;
    let mut columns = IDENTITY.to_vec();
    columns.extend(
        figures
            .iter()
            .map(|m| Column::right(if text { short(m) } else { m })),
    );
    let rows: Vec<Vec<Cell>> = repos
        .iter()
        .map(|r| {
            let latest_snapshot = r.latest.as_ref();
            let mut row = vec![
                r.name.as_str().into(),
                opt(&r.team),
                Cell::List(r.tags.clone()),
                Cell::Int(r.snapshots as i64),
                latest_snapshot.map_or(Cell::Null, |t| {
                    let at = t.committed_at.as_str();
                    if text {
                        at[..10.min(at.len())].into()
                    } else {
                        at.into()
                    }
                }),
                latest_snapshot.map_or(Cell::Null, |t| {
                    let c = t.commit.as_str();
                    if text {
                        c[..12.min(c.len())].into()
                    } else {
                        c.into()
                    }
                }),
                latest_snapshot.map_or(Cell::Null, |t| t.taken_at.as_str().into()),
                r.key.as_str().into(),
            ];
            for m in &figures {
                let value = latest.get(&(r.name.clone(), m.to_string())).copied();
                row.push(figure(m, value, text));
            }
            row
        })
        .collect();
    print(ctx, &columns, &rows)
}

/// A figure's cell: as people read it in text, a number (a level by its
/// name) for scripts; absent as such.
fn figure(metric: &str, value: Option<f64>, text: bool) -> Cell<'static> {
    let Ok(info) = techlead_metrics::lookup(metric) else {
        return Cell::Null;
    };
    match value {
        None if text => "—".into(),
        None => Cell::Null,
        Some(v) if text || info.unit == Unit::Level => info.format(v).into(),
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => Cell::Int(v as i64),
        Some(v) => Cell::Float(v, 4),
    }
}
