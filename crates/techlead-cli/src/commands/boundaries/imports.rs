//! `techlead boundaries imports`: the resolved file-level edges.

use super::analyze;
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_core::table::{self, Cell, Column, TableFormat};
use techlead_core::words::count;

/// The CSV columns of the edges; `test` only where some edge is a test's.
const CSV: &[Column] = &[
    Column::left("from"),
    Column::left("to"),
    Column::left("line"),
    Column::left("kind"),
    Column::left("language"),
    Column::left("test"),
];

pub fn run(ctx: &Context, paths: &[std::path::PathBuf], external: bool) -> Result<ExitCode> {
    let format = ctx.output_format();
    let analysis = analyze(ctx)?;
    let cwd = std::env::current_dir()?;
    let prefixes: Vec<String> = paths
        .iter()
        .map(|p| {
            let abs = if p.is_absolute() {
                p.clone()
            } else {
                cwd.join(p)
            };
            ctx.rel(&abs).trim_end_matches('/').to_string()
        })
        .collect();
    let selected = |from: &str| {
        prefixes.is_empty()
            || prefixes.iter().any(|p| {
                p.is_empty() || p == "." || from == p || from.starts_with(&format!("{p}/"))
            })
    };
    let edges: Vec<_> = analysis
        .edges
        .iter()
        .filter(|e| selected(&e.from))
        .collect();
    let externals: Vec<_> = analysis
        .externals
        .iter()
        .filter(|e| external && selected(&e.from))
        .collect();
    match format {
        Format::Json if external => outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "edges": edges,
                "external": externals,
            }))?
        )?,
        Format::Json => outln!("{}", serde_json::to_string_pretty(&edges)?)?,
        Format::Csv => {
            // The `test` column is there only when some edge comes from
            // test code, so a tree without tests prints what it always did.
            let tests = edges.iter().any(|e| e.test);
            let columns = if tests { CSV } else { &CSV[..5] };
            let rows: Vec<Vec<Cell>> = edges
                .iter()
                .map(|e| {
                    let mut row: Vec<Cell> = vec![
                        (&*e.from).into(),
                        (&*e.to).into(),
                        e.line.into(),
                        e.kind.as_str().into(),
                        e.language.name().into(),
                    ];
                    if tests {
                        row.push(e.test.into());
                    }
                    row
                })
                .collect();
            let mut out = Vec::new();
            table::write_cells(&mut out, TableFormat::Csv, columns, &rows)?;
            crate::stdout::write_bytes(&out)?;
        }
        _ => {
            // Lines, not columns: `from:line -> to (kind)`, then the
            // external imports. File names come from the repository: the
            // renderer escapes them, so that they cannot restyle the
            // terminal.
            let mut rows: Vec<Vec<Cell>> = edges
                .iter()
                .map(|e| {
                    let test = if e.test { ", test" } else { "" };
                    vec![
                        format!("{}:{}", e.from, e.line).into(),
                        "->".into(),
                        (&*e.to).into(),
                        format!("({}{test})", e.kind.as_str()).into(),
                    ]
                })
                .collect();
            rows.extend(externals.iter().map(|e| {
                vec![
                    format!("{}:{}", e.from, e.line).into(),
                    "->".into(),
                    "external".into(),
                    (&e.name).into(),
                    format!("({})", e.language.name()).into(),
                ]
            }));
            let mut out = Vec::new();
            table::write_lines(&mut out, &rows, " ")?;
            crate::stdout::write_bytes(&out)?;
            ctx.note(format!(
                "{} scanned, {}{}",
                count(analysis.files as u64, "file"),
                count(edges.len() as u64, "internal import"),
                if external {
                    format!(", {} external", externals.len())
                } else {
                    String::new()
                }
            ));
        }
    }
    Ok(ExitCode::Clean)
}
