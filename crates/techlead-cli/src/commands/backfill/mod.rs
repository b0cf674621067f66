//! `techlead snapshot --backfill`: snapshots of past commits, one per
//! period, computed from git objects (see [`period`] for which commits and
//! `assess::past` for how), so that a repository has trends on its first
//! run. Also `snapshot --rev REV` for one past commit.

pub mod period;

use crate::cli::{Format, SnapshotArgs};
use crate::context::Context;
use anyhow::Result;
use techlead_core::table::{self, Cell, Column, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_metrics::Measurement;
use techlead_metrics::evidence::Commit;
use techlead_store::{Recorded, Snapshot, Store};

/// The snapshot of a past commit, its measurements, and notes about it.
pub fn snapshot_past(
    ctx: &Context,
    commit: &Commit,
) -> Result<(Snapshot, Vec<Measurement>, Vec<String>), String> {
    let (evidence, notes) = super::assess::past::gather(ctx, commit)?;
    let measurements = techlead_metrics::measure(&evidence);
    let mut snapshot = super::assess::snapshot_of(ctx, &evidence, &measurements, commit);
    snapshot.backfilled = true;
    Ok((snapshot, measurements, notes))
}

/// What became of one picked commit.
struct Row {
    commit: Commit,
    status: String,
    known: Option<(usize, usize)>,
}

pub fn run(ctx: &Context, args: &SnapshotArgs) -> Result<ExitCode> {
    let usage = |flag: &str, e: String| -> anyhow::Error {
        InputError::new(format!("--{flag} {e}")).into()
    };
    let every = period::parse_every(&args.every).map_err(|e| usage("every", e))?;
    let today: jiff::civil::Date = ctx
        .today
        .parse()
        .map_err(|e| InputError::new(format!("today's date `{}`: {e}", *ctx.today)))?;
    let since = period::parse_since(&args.since, today).map_err(|e| usage("since", e))?;
    let bounds = period::boundaries(since, every, today).map_err(|e| usage("every", e))?;
    let head = super::assess::commit_of(ctx, None).map_err(|a| {
        InputError::new(format!("cannot backfill snapshots: {}", a.reason))
            .with_help("snapshots describe commits: run inside a git repository with commits")
    })?;
    let (line, cut) = techlead_history::revision::first_parents(&ctx.root, &head.id)
        .ok_or_else(|| InputError::new("cannot read HEAD's first-parent line"))?;
    if let Some(id) = &cut {
        ctx.note(format!(
            "note: the history stops at {} (object {id} is missing: a shallow clone?); older periods have no commit",
            short(&line.last().map(|r| r.id.clone()).unwrap_or_default())
        ));
    }
    let times: Vec<i64> = line.iter().map(|r| r.time).collect();
    let secs: Vec<i64> = bounds.iter().map(|d| period::day_start(*d)).collect();
    let picked = period::pick(&times, &secs);
    let repo = super::assess::repo_name(ctx);
    let path = super::snapshot::db_path(ctx);
    let mut store = if args.dry_run {
        None
    } else {
        Some(Store::open(&path, &ctx.rel(&path))?)
    };
    let recorded: std::collections::HashSet<String> = match &store {
        Some(s) => s.snapshots(&repo)?.into_iter().map(|t| t.commit).collect(),
        None => Default::default(),
    };
    let push_to = super::snapshot::store_location(ctx, args.store.as_deref());
    let progress = crate::progress::Files::new(ctx, "backfilling snapshots:");
    let mut rows = Vec::new();
    // The same note for many commits (no techlead.toml before it was
    // added) is said once, with the commits it is about.
    let mut noted: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for &i in &picked.commits {
        let r = &line[i];
        let commit = Commit {
            id: r.id.clone(),
            time: r.time,
        };
        if commit.id == head.id {
            // HEAD's snapshot is taken from its checkout: `techlead snapshot`.
            continue;
        }
        let status = if recorded.contains(&commit.id) && !args.force {
            "recorded already".to_string()
        } else {
            match snapshot_past(ctx, &commit) {
                Err(reason) => {
                    ctx.note(format!("note: {} skipped: {reason}", short(&commit.id)));
                    format!("skipped: {reason}")
                }
                Ok((snapshot, measurements, notes)) => {
                    for n in notes {
                        noted
                            .entry(n)
                            .or_default()
                            .push(short(&commit.id).to_string());
                    }
                    let known = measurements.iter().filter(|m| m.value.is_some()).count();
                    let status = match store.as_mut() {
                        None => "not recorded (--dry-run)".to_string(),
                        Some(s) => match s.record(&snapshot)? {
                            Recorded::New => "new".into(),
                            Recorded::Replaced => "replaced".into(),
                        },
                    };
                    if let (Some(at), false) = (&push_to, args.dry_run) {
                        super::push::push(ctx, at, &snapshot)?;
                    }
                    rows.push(Row {
                        commit,
                        status,
                        known: Some((known, measurements.len())),
                    });
                    progress.tick();
                    continue;
                }
            }
        };
        progress.tick();
        rows.push(Row {
            commit,
            status,
            known: None,
        });
    }
    progress.finish();
    for (note, commits) in noted {
        ctx.note(format!("note: {note} ({})", commits.join(", ")));
    }
    write(ctx, &rows)?;
    ctx.note(summary(
        &rows,
        picked.empty_periods,
        !args.dry_run && !recorded.contains(&head.id),
        args.dry_run,
    ));
    Ok(ExitCode::Clean)
}

fn short(id: &str) -> &str {
    &id[..id.len().min(12)]
}

const COLUMNS: &[Column] = &[
    Column::left("commit"),
    Column::left("committed"),
    Column::right("metrics"),
    Column::left("status"),
];

fn write(ctx: &Context, rows: &[Row]) -> Result<()> {
    let format = match ctx.output_format() {
        Format::Json => TableFormat::Json,
        Format::Csv => TableFormat::Csv,
        _ => TableFormat::Text,
    };
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            vec![
                if format == TableFormat::Text {
                    Cell::from(short(&r.commit.id))
                } else {
                    Cell::from(r.commit.id.as_str())
                },
                Cell::from(techlead_store::iso(r.commit.time)),
                match r.known {
                    Some((k, n)) if format == TableFormat::Text => format!("{k} of {n}").into(),
                    Some((k, _)) => Cell::Int(k as i64),
                    None => Cell::Null,
                },
                Cell::from(r.status.as_str()),
            ]
        })
        .collect();
    let mut buf = Vec::new();
    table::write_cells(&mut buf, format, COLUMNS, &cells)?;
    crate::stdout::write_bytes(&buf)?;
    Ok(())
}

/// "12 snapshots backfilled from 2024-12 to 2026-11, 3 periods without
/// commits", and what else the reader should know; with `--dry-run`,
/// computed and not recorded.
fn summary(rows: &[Row], empty: usize, head_left: bool, dry_run: bool) -> String {
    let verb = if dry_run {
        "computed, not recorded (--dry-run),"
    } else {
        "backfilled"
    };
    let done: Vec<&Row> = rows.iter().filter(|r| r.known.is_some()).collect();
    let month = |r: &Row| techlead_history::revision::date_of(r.commit.time)[..7].to_string();
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![match (done.first(), done.last()) {
        (Some(a), Some(b)) if month(a) == month(b) => {
            format!("{} {verb} in {}", plural(done.len(), "snapshot"), month(a))
        }
        (Some(a), Some(b)) => format!(
            "{} {verb} from {} to {}",
            plural(done.len(), "snapshot"),
            month(a),
            month(b)
        ),
        _ if dry_run => "no snapshot computed".to_string(),
        _ => "no snapshot backfilled".to_string(),
    }];
    if empty > 0 {
        parts.push(format!("{} without commits", plural(empty, "period")));
    }
    let already = rows
        .iter()
        .filter(|r| r.status == "recorded already")
        .count();
    if already > 0 {
        parts.push(format!(
            "{} recorded already (--force records again)",
            plural(already, "commit")
        ));
    }
    let skipped = rows
        .iter()
        .filter(|r| r.status.starts_with("skipped"))
        .count();
    if skipped > 0 {
        parts.push(format!("{} skipped", plural(skipped, "commit")));
    }
    let mut s = parts.join(", ");
    if head_left {
        s.push_str("; HEAD itself: run `techlead snapshot`");
    }
    s
}
