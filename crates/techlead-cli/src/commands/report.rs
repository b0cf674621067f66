//! `techlead report`: every context once, the metrics, this commit's
//! snapshot recorded (so the next report has trends), the snapshots read
//! back, and the report written as HTML, markdown or JSON.

use crate::cli::{Format, ReportArgs};
use crate::context::Context;
use anyhow::Result;
use techlead_core::atomic::write_atomic;
use techlead_core::terminal::escape_control;
use techlead_core::{ExitCode, InputError};
use techlead_metrics::{Absent, Evidence, Measurement, Source};
use techlead_report::model::{CommitRef, Point};
use techlead_store::Store;

pub fn run(ctx: &Context, args: ReportArgs) -> Result<ExitCode> {
    let format = ctx.output_format();
    let evidence = super::assess::gather(ctx)?;
    let t = techlead_core::timing::span("report: metrics and render");
    let measurements = techlead_metrics::measure(&evidence);
    if !args.no_snapshot
        && let Err(e) = record(ctx, &evidence, &measurements)
    {
        // The report stands without its snapshot: say so, go on.
        eprintln!(
            "warning: this commit's snapshot was not recorded: {}",
            escape_control(&e.to_string())
        );
    }
    let history = history(ctx, &evidence);
    let model = techlead_report::build(&evidence, &measurements, &history);
    let text = match format {
        Format::Markdown => techlead_report::summary::render(&model),
        Format::Json => serde_json::to_string_pretty(&model)? + "\n",
        _ => techlead_report::html::render(&model),
    };
    drop(t);
    // `--out -` is stdout, as for most tools (it once wrote a file named `-`).
    if args.stdout || args.out.as_deref() == Some(std::path::Path::new("-")) {
        crate::stdout::write_bytes(text.as_bytes())?;
    } else {
        let path = args.out.clone().unwrap_or_else(|| {
            std::path::PathBuf::from(match format {
                Format::Markdown => "report.md",
                Format::Json => "report.json",
                _ => "report.html",
            })
        });
        let abs = techlead_core::paths::absolute(&path);
        write_atomic(&abs, text.as_bytes())
            .map_err(|e| InputError::in_file(&path, format!("cannot write: {e}")))?;
        let missing = model.overview.sections.iter().filter(|s| !s.ready).count();
        ctx.note(format!(
            "wrote {} ({} sections, {missing} not available: see its overview)",
            path.display(),
            model.overview.sections.len() + 1
        ));
    }
    Ok(ExitCode::Clean)
}

/// This commit's snapshot, when there is a commit.
fn record(ctx: &Context, e: &Evidence, measurements: &[Measurement]) -> Result<(), InputError> {
    let Ok(commit) = &e.commit else {
        return Ok(());
    };
    let path = super::snapshot::db_path(ctx);
    let mut store = Store::open(&path, &ctx.rel(&path))?;
    store.record(&super::assess::snapshot_of(ctx, e, measurements, commit))?;
    Ok(())
}

/// Every metric's series and the previous snapshot, from the database.
fn history(ctx: &Context, e: &Evidence) -> Source<techlead_report::History> {
    let path = super::snapshot::db_path(ctx);
    let store = Store::open_read(&path, &ctx.rel(&path)).map_err(|err| {
        let a = Absent::new(err.message.clone());
        if path.exists() {
            a
        } else {
            a.setup("techlead snapshot")
        }
    })?;
    let fail = |err: InputError| Absent::new(err.to_string());
    let taken = store.snapshots(&e.repo).map_err(fail)?;
    let mut series = Vec::new();
    for name in techlead_metrics::names() {
        let points = store
            .series(&e.repo, name)
            .map_err(fail)?
            .into_iter()
            .map(|p| Point {
                date: p.committed_at.get(..10).unwrap_or_default().to_string(),
                commit: p.commit,
                value: p.value,
            })
            .collect();
        series.push((name.to_string(), points));
    }
    let current = e.commit.as_ref().ok().map(|c| c.id.as_str());
    let previous = match taken
        .iter()
        .rev()
        .find(|t| Some(t.commit.as_str()) != current)
    {
        Some(t) => Some((
            CommitRef {
                id: t.commit.clone(),
                date: t.committed_at.get(..10).unwrap_or_default().to_string(),
            },
            store.values(&e.repo, &t.commit).map_err(fail)?,
        )),
        None => None,
    };
    Ok(techlead_report::History {
        series,
        snapshots: taken.len(),
        previous,
    })
}
