//! `techlead snapshot`: the metrics of HEAD into the snapshot database;
//! `--list` prints the metric registry.

use crate::cli::{Format, SnapshotArgs};
use crate::context::Context;
use anyhow::Result;
use techlead_core::table::{self, Cell, Column, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_metrics::{METRICS, Measurement};
use techlead_store::{Recorded, Snapshot, Store};

pub fn run(ctx: &Context, args: SnapshotArgs) -> Result<ExitCode> {
    if args.list {
        return list(ctx);
    }
    let head = super::assess::commit_of(ctx, None).map_err(|a| {
        InputError::new(format!("cannot take a snapshot: {}", a.reason))
            .with_help("snapshots describe commits: run inside a git repository with commits")
    })?;
    if args.backfill {
        return super::backfill::run(ctx, &args);
    }
    let past = match &args.rev {
        Some(rev) => {
            let wanted = super::assess::commit_of(ctx, Some(rev))
                .map_err(|a| InputError::new(format!("--rev {rev}: {}", a.reason)))?;
            (wanted.id != head.id).then_some((rev, wanted))
        }
        None => None,
    };
    let (snapshot, measurements, commit) = match past {
        // Another commit than HEAD: read from git objects, as a backfill.
        Some((rev, commit)) => {
            if args.online {
                return Err(InputError::new(format!(
                    "--online with --rev {rev}: the registries answer for today, not for a past commit"
                ))
                .into());
            }
            let (snapshot, measurements, notes) = super::backfill::snapshot_past(ctx, &commit)
                .map_err(|e| InputError::new(format!("--rev {rev}: {e}")))?;
            for n in notes {
                ctx.note(format!("note: {n}"));
            }
            (snapshot, measurements, commit)
        }
        None => {
            let evidence = super::assess::gather(ctx)?;
            let measurements = techlead_metrics::measure(&evidence);
            let commit = techlead_metrics::evidence::Commit {
                id: head.id.clone(),
                time: head.time,
            };
            let snapshot = super::assess::snapshot_of(ctx, &evidence, &measurements, &commit);
            (snapshot, measurements, commit)
        }
    };
    let recorded = if args.dry_run {
        None
    } else {
        let path = db_path(ctx);
        let mut store = Store::open(&path, &ctx.rel(&path))?;
        Some(store.record(&snapshot)?)
    };
    let pushed = match (&args.dry_run, store_location(ctx, args.store.as_deref())) {
        (false, Some(at)) => Some(super::push::push(ctx, &at, &snapshot)?),
        _ => None,
    };
    write(ctx, &snapshot, &measurements, recorded)?;
    let known = measurements.iter().filter(|m| m.value.is_some()).count();
    let short = &commit.id[..commit.id.len().min(12)];
    ctx.note(match recorded {
        None => format!(
            "{known} of {} metrics computed for {short}; not recorded (--dry-run)",
            measurements.len()
        ),
        Some(r) => format!(
            "{known} of {} metrics of {short} recorded in {}{}",
            measurements.len(),
            ctx.rel(&db_path(ctx)),
            if r == Recorded::Replaced {
                " (replacing the earlier snapshot of that commit)"
            } else {
                ""
            }
        ),
    });
    if let Some((shown, r)) = pushed {
        ctx.note(format!(
            "pushed to {shown}{}",
            if r == Recorded::Replaced {
                " (replacing the snapshot of that commit there)"
            } else {
                ""
            }
        ));
    }
    Ok(ExitCode::Clean)
}

/// Where to push: `--store` (or `TECHLEAD_STORE`), else `[store] url`.
pub fn store_location(ctx: &Context, flag: Option<&str>) -> Option<techlead_store::Location> {
    flag.or(ctx.store.url.as_deref())
        .filter(|u| !u.trim().is_empty())
        .map(techlead_store::Location::parse)
}

/// `[snapshot] db`, relative to the project root.
pub fn db_path(ctx: &Context) -> std::path::PathBuf {
    techlead_store::path(&ctx.root, ctx.snapshot.db.as_deref())
}

/// When the snapshot was taken: now, or the start of `TECHLEAD_TODAY`
/// when that fixes the date (tests, reproducible runs).
pub fn taken_at(ctx: &Context) -> String {
    if std::env::var_os("TECHLEAD_TODAY").is_some() {
        format!("{}T00:00:00Z", ctx.today)
    } else {
        techlead_store::now_iso()
    }
}

fn table_format(ctx: &Context) -> TableFormat {
    match ctx.output_format() {
        Format::Json => TableFormat::Json,
        Format::Csv => TableFormat::Csv,
        _ => TableFormat::Text,
    }
}

const COLUMNS: &[Column] = &[
    Column::left("metric"),
    Column::right("value"),
    Column::left("unit"),
    Column::left("absent"),
];

fn write(
    ctx: &Context,
    s: &Snapshot,
    measurements: &[Measurement],
    recorded: Option<Recorded>,
) -> Result<()> {
    let rows: Vec<Vec<Cell>> = measurements
        .iter()
        .zip(METRICS)
        .map(|(m, info)| {
            vec![
                Cell::from(m.metric.as_str()),
                match m.value {
                    Some(v) if ctx.output_format() == Format::Text => info.format(v).into(),
                    Some(v) => Cell::Float(v, 2),
                    None => Cell::Null,
                },
                info.unit.as_str().into(),
                m.absent.as_deref().map_or(Cell::Null, Cell::from),
            ]
        })
        .collect();
    let mut buf = Vec::new();
    if ctx.output_format() == Format::Json {
        let value = serde_json::json!({
            "repo": s.repo,
            "commit": s.commit,
            "committed_at": s.committed_at,
            "taken_at": s.taken_at,
            "backfilled": s.backfilled,
            "recorded": match recorded {
                None => "no",
                Some(Recorded::New) => "new",
                Some(Recorded::Replaced) => "replaced",
            },
            "measurements": measurements,
        });
        serde_json::to_writer_pretty(&mut buf, &value)?;
        buf.push(b'\n');
    } else {
        table::write_cells(&mut buf, table_format(ctx), COLUMNS, &rows)?;
    }
    crate::stdout::write_bytes(&buf)?;
    Ok(())
}

const LIST_COLUMNS: &[Column] = &[
    Column::left("metric"),
    Column::left("unit"),
    Column::left("better"),
    Column::left("description"),
];

/// The registry: every metric name goals and trends accept.
fn list(ctx: &Context) -> Result<ExitCode> {
    let rows: Vec<Vec<Cell>> = METRICS
        .iter()
        .map(|m| {
            vec![
                m.name.into(),
                m.unit.as_str().into(),
                match m.better {
                    techlead_metrics::Better::Higher => "higher",
                    techlead_metrics::Better::Lower => "lower",
                    techlead_metrics::Better::Neither => "neither",
                }
                .into(),
                m.description.into(),
            ]
        })
        .collect();
    let mut buf = Vec::new();
    table::write_cells(&mut buf, table_format(ctx), LIST_COLUMNS, &rows)?;
    crate::stdout::write_bytes(&buf)?;
    Ok(ExitCode::Clean)
}
