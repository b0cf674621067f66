//! `techlead org report`: the organisation dashboard from the store, as
//! one self-contained HTML file or its JSON model. The store is opened to
//! read only, so a read-only role is enough.

use crate::cli::{Format, OrgReportArgs};
use crate::context::Context;
use anyhow::Result;
use std::path::PathBuf;
use techlead_core::atomic::write_atomic;
use techlead_core::{ExitCode, InputError};

pub fn run(ctx: &Context, args: &OrgReportArgs) -> Result<ExitCode> {
    let json = ctx.output_format() == Format::Json;
    let store = super::org::open(ctx, &args.store)?;
    let dashboard = techlead_org::load(&store, &ctx.today)?;
    let text = if json {
        serde_json::to_string_pretty(&dashboard)? + "\n"
    } else {
        techlead_org::html::render(&dashboard)
    };
    if args.stdout || args.out.as_deref() == Some(std::path::Path::new("-")) {
        crate::stdout::write_bytes(text.as_bytes())?;
        return Ok(ExitCode::Clean);
    }
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(if json { "org.json" } else { "org.html" }));
    write_atomic(&techlead_core::paths::absolute(&path), text.as_bytes())
        .map_err(|e| InputError::io_write(&path, &e))?;
    let n = dashboard.repositories.len();
    ctx.note(format!(
        "wrote {} ({n} {} from {})",
        path.display(),
        if n == 1 { "repository" } else { "repositories" },
        store.shown()
    ));
    Ok(ExitCode::Clean)
}
