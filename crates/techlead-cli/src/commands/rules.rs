//! `techlead rules`: every rule the registry knows, with its default
//! severity, summary and documentation page.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_core::RuleInfo;
use techlead_core::table::{self, Cell, Column, Row, TableFormat};

struct RuleRow(&'static RuleInfo);

impl Row for RuleRow {
    const COLUMNS: &'static [Column] = &[
        Column::left("id"),
        Column::left("default_severity"),
        Column::left("summary"),
        Column::left("doc"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            self.0.id.into(),
            self.0.default_severity.as_str().into(),
            self.0.summary.into(),
            self.0.doc_path().into(),
        ]
    }
}

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let format = ctx.output_format();
    let rules = super::registry::rules(ctx);
    match format {
        Format::Json => {
            let rows: Vec<RuleRow> = rules.into_iter().map(RuleRow).collect();
            let mut out = Vec::new();
            table::write(&mut out, TableFormat::Json, &rows)?;
            crate::stdout::write_bytes(&out)?;
        }
        _ => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &rules {
                outln!(
                    "{:width$}  {:7}  {}",
                    r.id,
                    r.default_severity.as_str(),
                    r.summary
                )?;
            }
        }
    }
    Ok(ExitCode::Clean)
}
