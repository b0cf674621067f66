//! `techlead org list|trend|radar`: the organisation store read for
//! scripts, as tables (text, JSON, CSV). The store is `--store`, else
//! `TECHLEAD_STORE`, else `[store] url`; it is opened to read only, so a
//! read-only role is enough.

use crate::cli::{Format, OrgCommand, StoreArg};
use crate::context::Context;
use anyhow::Result;
use std::collections::BTreeMap;
use techlead_core::table::{self, Cell, Column, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_store::Store;

pub fn run(ctx: &Context, cmd: OrgCommand) -> Result<ExitCode> {
    match cmd {
        OrgCommand::List(s) => super::org_list::list(ctx, &open(ctx, &s)?),
        OrgCommand::Trend {
            metric,
            repository,
            store,
        } => trend(ctx, &open(ctx, &store)?, &metric, repository.as_deref()),
        OrgCommand::Report(args) => super::org_report::run(ctx, &args),
        OrgCommand::Radar { hold, store } => {
            let store = open(ctx, &store)?;
            if hold {
                hold_in_use(ctx, &store)
            } else {
                radar(ctx, &store)
            }
        }
    }
}

pub(super) fn open(ctx: &Context, arg: &StoreArg) -> Result<Store, InputError> {
    let at = super::snapshot::store_location(ctx, arg.store.as_deref()).ok_or_else(|| {
        InputError::new("no organisation store given")
            .with_help("pass --store postgres://user@host/db, set TECHLEAD_STORE, or [store] url in techlead.toml")
    })?;
    Store::connect(&at, &ctx.root, false)
}

pub(super) fn format(ctx: &Context) -> TableFormat {
    match ctx.output_format() {
        Format::Json => TableFormat::Json,
        Format::Csv => TableFormat::Csv,
        _ => TableFormat::Text,
    }
}

pub(super) fn print(ctx: &Context, columns: &[Column], rows: &[Vec<Cell>]) -> Result<ExitCode> {
    let mut buf = Vec::new();
    table::write_cells(&mut buf, format(ctx), columns, rows)?;
    crate::stdout::write_bytes(&buf)?;
    Ok(ExitCode::Clean)
}

pub(super) fn opt(s: &Option<String>) -> Cell<'_> {
    s.as_deref().map_or(Cell::Null, Cell::from)
}

const TREND: &[Column] = &[
    Column::left("repository"),
    Column::left("committed_at"),
    Column::left("commit"),
    Column::right("value"),
    Column::right("change"),
];

fn trend(ctx: &Context, store: &Store, metric: &str, repo: Option<&str>) -> Result<ExitCode> {
    let info = techlead_metrics::lookup(metric)?;
    let points = store.org_series(info.name, repo)?;
    if points.is_empty() {
        ctx.note(format!(
            "{}: no value in any snapshot{}",
            info.name,
            repo.map(|r| format!(" of {r}")).unwrap_or_default()
        ));
    }
    let text = format(ctx) == TableFormat::Text;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut prev: Option<(&str, f64)> = None;
    for p in &points {
        let change = match prev {
            Some((r, v)) if r == p.repo => Some(p.point.value - v),
            _ => None,
        };
        prev = Some((p.repo.as_str(), p.point.value));
        let (at, commit) = (&p.point.committed_at, &p.point.commit);
        rows.push(vec![
            p.repo.as_str().into(),
            if text {
                at[..10.min(at.len())].into()
            } else {
                at.as_str().into()
            },
            if text {
                commit[..7.min(commit.len())].into()
            } else {
                commit.as_str().into()
            },
            if text {
                info.format(p.point.value).into()
            } else {
                Cell::Float(p.point.value, 2)
            },
            match change {
                Some(d) if text && d != 0.0 => format!(
                    "{}{}",
                    if d > 0.0 { "+" } else { "-" },
                    info.format(d.abs())
                )
                .into(),
                Some(d) if !text => Cell::Float(d, 2),
                _ => Cell::Null,
            },
        ]);
    }
    print(ctx, TREND, &rows)
}

const RADAR: &[Column] = &[
    Column::left("technology"),
    Column::left("quadrant"),
    Column::left("ring"),
    Column::right("count"),
    Column::left("repositories"),
];

/// One row per technology and ring: a technology placed in two rings by
/// two repositories shows twice, which is the disagreement to look at.
fn radar(ctx: &Context, store: &Store) -> Result<ExitCode> {
    let uses = store.technologies()?;
    let mut rows: BTreeMap<(String, String, String), (String, Vec<String>)> = BTreeMap::new();
    for u in &uses {
        let key = (
            u.technology.to_lowercase(),
            u.ring.clone().unwrap_or_default(),
            u.quadrant.clone().unwrap_or_default(),
        );
        let e = rows
            .entry(key)
            .or_insert_with(|| (u.technology.clone(), Vec::new()));
        e.1.push(u.repo.clone());
    }
    if rows.is_empty() {
        ctx.note(
            "no technology records in the store's latest snapshots (techlead radar add, then push)",
        );
    }
    let cells: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|((_, ring, quadrant), (name, repos))| {
            vec![
                name.into(),
                if quadrant.is_empty() {
                    Cell::Null
                } else {
                    quadrant.into()
                },
                if ring.is_empty() {
                    Cell::Null
                } else {
                    ring.into()
                },
                Cell::Int(repos.len() as i64),
                Cell::List(repos),
            ]
        })
        .collect();
    print(ctx, RADAR, &cells)
}

const HOLD: &[Column] = &[
    Column::left("ecosystem"),
    Column::left("package"),
    Column::left("versions"),
    Column::right("count"),
    Column::left("repositories"),
];

fn hold_in_use(ctx: &Context, store: &Store) -> Result<ExitCode> {
    let mut rows: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for p in store.packages(true)? {
        let e = rows.entry((p.ecosystem, p.package)).or_default();
        if !p.version.is_empty() && !e.0.contains(&p.version) {
            e.0.push(p.version);
        }
        if !e.1.contains(&p.repo) {
            e.1.push(p.repo);
        }
    }
    if rows.is_empty() {
        ctx.note("no package on a Hold ring is in use in the latest snapshots");
    }
    let cells: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|((eco, name), (versions, repos))| {
            vec![
                eco.into(),
                name.into(),
                Cell::List(versions),
                Cell::Int(repos.len() as i64),
                Cell::List(repos),
            ]
        })
        .collect();
    print(ctx, HOLD, &cells)
}
