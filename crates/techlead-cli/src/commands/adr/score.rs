//! `adr score ID`: weighted totals, ranking and sensitivity of the decision
//! matrix in an evaluation record.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::{ExitCode, InputError};
use techlead_records::score;

pub fn run(ctx: &Context, dir: Option<&Path>, id: &str) -> Result<ExitCode> {
    let format = ctx.output_format();
    let decisions = super::load_for_reading(ctx, dir)?;
    let record = decisions.resolve(id)?;
    let text = techlead_records::folder::read_text(record)?;
    let matrix = score::parse_matrix(&text)
        .map_err(|e| InputError::in_file(&record.rel_path, e.to_string()))?;
    let report = score::score(&matrix);
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&report)?)?,
        _ => out!(
            "{}",
            techlead_core::terminal::visible_controls(&score::render_text(&report))
        )?,
    }
    Ok(ExitCode::Clean)
}
