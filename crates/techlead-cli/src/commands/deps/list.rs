//! The inventory as a table, JSON or CSV, with each package's license.
//! Text and CSV are rows of the kernel's table renderer; the JSON is the
//! `Package` shape itself (its keys in the contract's order, which the
//! renderer's objects, keyed alphabetically, would not keep).

use crate::cli::Format;
use anyhow::Result;
use std::fmt::Write as _;
use techlead_core::table::{self, Cell, Column, Row, TableFormat};
use techlead_inventory::Package;

pub fn show(format: Format, shown: &[&Package]) -> Result<()> {
    match format {
        Format::Json => crate::stdout::write_json(&shown),
        Format::Csv => crate::stdout::stream(|out| {
            let rows: Vec<CsvRow> = shown.iter().map(|p| CsvRow(p)).collect();
            table::write(out, TableFormat::Csv, &rows)
        }),
        _ => crate::stdout::stream(|out| text(out, shown)),
    }
}

fn license(p: &Package) -> &str {
    p.license.as_ref().map_or("", |l| l.shown())
}

/// The CSV columns of `deps`: every declaring folder, space-separated.
struct CsvRow<'a>(&'a Package);

impl Row for CsvRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("ecosystem"),
        Column::left("name"),
        Column::left("version"),
        Column::left("direct"),
        Column::left("dev"),
        Column::left("source"),
        Column::left("declared_by"),
        Column::left("license"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let p = self.0;
        vec![
            p.ecosystem.as_str().into(),
            (&p.name).into(),
            (&p.version).into(),
            p.direct.into(),
            p.dev.into(),
            (&p.source).into(),
            p.declared_by.join(" ").into(),
            license(p).into(),
        ]
    }
}

/// The table: a license column where any is known, a declared-by column
/// where another project than the lockfile's own declares a package
/// (workspace members); the source with the line of the entry.
fn text(out: &mut dyn std::io::Write, shown: &[&Package]) -> std::io::Result<()> {
    let licenses = shown.iter().any(|p| p.license.is_some());
    let members = shown.iter().any(|p| !declared_by_lock_folder(p));
    let mut columns = vec![
        Column::left("ecosystem"),
        Column::left("name"),
        Column::left("version"),
        Column::left("direct"),
        // As wide as `false` even when no package says false.
        Column::left("dev").min(5),
    ];
    if licenses {
        columns.push(Column::left("license"));
    }
    columns.push(Column::left("source"));
    if members {
        columns.push(Column::left("declared by"));
    }
    // Rows are made as they are written (twice: widths, then lines).
    let rows = || {
        shown.iter().map(|p| {
            let mut row: Vec<Cell> = Vec::with_capacity(columns.len());
            row.extend([
                p.ecosystem.as_str().into(),
                (&p.name).into(),
                (&p.version).into(),
                p.direct.into(),
                p.dev.into(),
            ]);
            if licenses {
                row.push(license(p).into());
            }
            let mut at = String::with_capacity(p.source.len() + 8);
            at.push_str(&p.source);
            let _ = write!(at, ":{}", p.line);
            row.push(at.into());
            if members {
                row.push(first_few(&p.declared_by).into());
            }
            row
        })
    };
    table::stream_text(out, &columns, true, rows)
}

/// Up to three folders for the table; the JSON and CSV have them all.
fn first_few(folders: &[String]) -> String {
    match folders.len() {
        0..=3 => folders.join(", "),
        n => format!("{} and {} more", folders[..3].join(", "), n - 3),
    }
}

/// Declared by the project whose folder holds the lockfile, or by no one.
fn declared_by_lock_folder(p: &Package) -> bool {
    let dir = p.source.rsplit_once('/').map_or(".", |(d, _)| d);
    p.declared_by.is_empty() || p.declared_by == [dir]
}
