//! `techlead trend METRIC`: one metric over time from the snapshot
//! database, with the dates of decisions marked between the points.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use serde::Serialize;
use techlead_core::ExitCode;
use techlead_core::table::{self, Cell, Column, TableFormat};
use techlead_core::terminal::escape_control;
use techlead_store::{Point, Store};

/// A decision's date on the time axis.
#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    pub id: String,
    pub title: String,
    pub status: Option<String>,
    /// YYYY-MM-DD.
    pub date: String,
}

/// The decision records that have a date, oldest first; none when there
/// is no decisions folder.
pub fn markers(ctx: &Context) -> Result<Vec<Marker>> {
    let Some(dir) = super::adr::find_dir(ctx, None)? else {
        return Ok(Vec::new());
    };
    let decisions = techlead_records::check::read_project(ctx, &dir)?;
    let mut out: Vec<Marker> = decisions
        .records
        .iter()
        .filter_map(|r| {
            Some(Marker {
                id: r.id.clone(),
                title: r.title.clone().unwrap_or_else(|| r.id.clone()),
                status: r.status.clone(),
                date: r.date.clone()?,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    Ok(out)
}

const COLUMNS: &[Column] = &[
    Column::left("committed_at"),
    Column::left("commit"),
    Column::right("value"),
    Column::left("taken_at"),
];

pub fn run(ctx: &Context, metric: &str) -> Result<ExitCode> {
    let info = techlead_metrics::lookup(metric)?;
    let path = super::snapshot::db_path(ctx);
    let store = Store::open_read(&path, &ctx.rel(&path))?;
    let repo = super::assess::repo_name(ctx);
    let points = store.series(&repo, info.name)?;
    let markers = markers(ctx)?;
    if points.is_empty() {
        let why = store.absent_reasons(&repo, info.name)?;
        ctx.note(match why.first() {
            Some(r) => format!("{}: no value in any snapshot of {repo}: {r}", info.name),
            None => format!(
                "{}: no snapshot of {repo} yet (run `techlead snapshot`)",
                info.name
            ),
        });
    }
    let mut buf = Vec::new();
    match ctx.output_format() {
        Format::Json => {
            let first = points.first().map(|p| &p.committed_at[..10]);
            let last = points.last().map(|p| &p.committed_at[..10]);
            let within: Vec<&Marker> = markers
                .iter()
                .filter(|m| first.is_some_and(|f| m.date.as_str() >= f))
                .filter(|m| last.is_some_and(|l| m.date.as_str() <= l))
                .collect();
            let value = serde_json::json!({
                "metric": info.name,
                "unit": info.unit,
                "better": info.better,
                "description": info.description,
                "repo": repo,
                "points": points,
                "decisions": within,
            });
            serde_json::to_writer_pretty(&mut buf, &value)?;
            buf.push(b'\n');
        }
        Format::Csv => {
            let rows: Vec<Vec<Cell>> = points.iter().map(cells).collect();
            table::write_cells(&mut buf, TableFormat::Csv, COLUMNS, &rows)?;
        }
        _ => buf = text(info, &points, &markers).into_bytes(),
    }
    crate::stdout::write_bytes(&buf)?;
    Ok(ExitCode::Clean)
}

fn cells(p: &Point) -> Vec<Cell<'_>> {
    vec![
        p.committed_at.as_str().into(),
        p.commit.as_str().into(),
        Cell::Float(p.value, 2),
        p.taken_at.as_str().into(),
    ]
}

/// One line per point: date, commit, value, change and a bar; each
/// decision dated between two points on its own line between them.
fn text(info: &techlead_metrics::Metric, points: &[Point], markers: &[Marker]) -> String {
    let mut s = format!(
        "{} ({}, {}): {}\n",
        info.name,
        info.unit.as_str(),
        match info.better {
            techlead_metrics::Better::Higher => "higher is better",
            techlead_metrics::Better::Lower => "lower is better",
            techlead_metrics::Better::Neither => "a size to watch",
        },
        info.description
    );
    let max = points.iter().map(|p| p.value.abs()).fold(0.0, f64::max);
    let mut prev: Option<&Point> = None;
    for p in points {
        let date = &p.committed_at[..10.min(p.committed_at.len())];
        if let Some(before) = prev {
            let from = &before.committed_at[..10.min(before.committed_at.len())];
            for m in markers
                .iter()
                .filter(|m| m.date.as_str() > from && m.date.as_str() <= date)
            {
                s.push_str(&format!(
                    "  {}  decision {}: {}{}\n",
                    m.date,
                    escape_control(&m.id),
                    escape_control(&m.title),
                    m.status
                        .as_deref()
                        .map(|st| format!(" ({})", escape_control(st)))
                        .unwrap_or_default()
                ));
            }
        }
        let change = prev.map(|b| p.value - b.value).filter(|d| *d != 0.0);
        let bar_len = if max > 0.0 {
            (p.value.abs() / max * 30.0).round() as usize
        } else {
            0
        };
        s.push_str(&format!(
            "{date}  {}  {:>8}  {:>8}  {}\n",
            &p.commit[..p.commit.len().min(7)],
            info.format(p.value),
            change.map_or(String::new(), |d| format!(
                "{}{}",
                if d > 0.0 { "+" } else { "-" },
                info.format(d.abs())
            )),
            "█".repeat(bar_len)
        ));
        prev = Some(p);
    }
    s
}
