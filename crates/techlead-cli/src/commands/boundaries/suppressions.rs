//! `techlead boundaries suppressions`: the findings that inline comments
//! suppress, each with the comment and its reason, for a review of what
//! the team agreed to live with. `check` leaves them out of its findings.

use super::{analyze, config_name};
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_boundaries::Suppressed;
use techlead_core::ExitCode;
use techlead_core::table::{self, Cell, Column, Row, TableFormat};

struct SuppressedRow<'a>(&'a Suppressed);

impl Row for SuppressedRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("path"),
        Column::right("line"),
        Column::left("rule"),
        Column::right("comment_line"),
        Column::left("directive"),
        Column::left("reason"),
        Column::left("message"),
        Column::left("fingerprint"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let f = &self.0.finding;
        let by = &self.0.suppressed_by;
        let loc = f.location.as_ref();
        vec![
            loc.map(|l| l.path.as_str()).into(),
            loc.and_then(|l| l.line).into(),
            f.rule.as_str().into(),
            by.line.into(),
            by.directive.as_str().into(),
            by.reason.as_deref().into(),
            f.message.as_str().into(),
            f.fingerprint.as_str().into(),
        ]
    }
}

pub fn run(ctx: &Context) -> Result<ExitCode> {
    if ctx.boundaries.modules.is_empty() {
        ctx.note("no modules declared: add [[boundaries.modules]] to techlead.toml");
        return Ok(ExitCode::Clean);
    }
    let analysis = analyze(ctx)?;
    let run =
        techlead_boundaries::checked(&ctx.config, &ctx.boundaries, &analysis, &config_name(ctx))?;
    let rows: Vec<SuppressedRow> = run.suppressed.iter().map(SuppressedRow).collect();
    let format = match ctx.output_format() {
        Format::Json => TableFormat::Json,
        Format::Csv => TableFormat::Csv,
        _ => TableFormat::Text,
    };
    let mut out = Vec::new();
    table::write(&mut out, format, &rows)?;
    crate::stdout::write_bytes(&out)?;
    let without = run
        .suppressed
        .iter()
        .filter(|s| s.suppressed_by.reason.is_none())
        .count();
    ctx.note(format!(
        "{} finding{} suppressed inline, {without} without a reason",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    Ok(ExitCode::Clean)
}
