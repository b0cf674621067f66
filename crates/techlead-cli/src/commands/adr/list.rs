//! `adr list` and `adr show`.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::ExitCode;
use techlead_core::table::{self, Cell, Column, Row, TableFormat};
use techlead_records::Record;

pub fn list(
    ctx: &Context,
    dir: Option<&Path>,
    status: Option<&str>,
    tag: Option<&str>,
) -> Result<ExitCode> {
    let format = ctx.output_format();
    let decisions = super::load_for_reading(ctx, dir)?;
    let status = status.map(str::to_lowercase);
    let tag = tag.map(str::to_lowercase);
    let records: Vec<&Record> = decisions
        .records
        .iter()
        .filter(|r| {
            status
                .as_ref()
                .is_none_or(|s| r.status.as_deref() == Some(s.as_str()))
        })
        .filter(|r| {
            tag.as_ref()
                .is_none_or(|t| r.tags.iter().any(|x| x.to_lowercase() == *t))
        })
        .collect();
    let mut out = Vec::new();
    match format {
        Format::Json => {
            let summaries: Vec<_> = records.iter().map(|r| r.summary()).collect();
            serde_json::to_writer_pretty(&mut out, &summaries)?;
            out.push(b'\n');
        }
        Format::Csv => {
            let rows: Vec<CsvRow> = records.iter().map(|r| CsvRow(r)).collect();
            table::write(&mut out, TableFormat::Csv, &rows)?;
        }
        _ => {
            text_table(&mut out, &records)?;
        }
    }
    crate::stdout::write_bytes(&out)?;
    // The process ends next and the system takes back its memory at once;
    // freeing 10,000 records one allocation at a time took 1.6 ms. (Were
    // `list` ever called in a loop in one process, this would leak.)
    drop(records);
    std::mem::forget(decisions);
    Ok(ExitCode::Clean)
}

/// The CSV columns of `adr list`.
struct CsvRow<'a>(&'a Record);

impl Row for CsvRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("number"),
        Column::left("id"),
        Column::left("title"),
        Column::left("status"),
        Column::left("date"),
        Column::left("path"),
        Column::left("package"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let r = self.0;
        vec![
            r.number.map(|n| Cell::Int(n.into())).unwrap_or(Cell::Null),
            (&r.id).into(),
            r.title.as_ref().into(),
            r.status.as_ref().into(),
            r.date.as_ref().into(),
            (&r.rel_path).into(),
            r.package.as_ref().into(),
        ]
    }
}

/// One line a record, without a header: the number (at least 4 digits) or
/// the id, the date, the status, the package of a log4brains monorepo
/// (when any record has one) and the title. The cells are made as the
/// table asks for them, held inline, never all at once (10,000 records).
fn text_table(out: &mut Vec<u8>, records: &[&Record]) -> std::io::Result<()> {
    let package = records.iter().any(|r| r.package.is_some());
    let mut columns = vec![
        Column::left("id"),
        Column::left("date").min(10),
        Column::left("status"),
        Column::left("title"),
    ];
    if package {
        columns.insert(3, Column::left("package"));
    }
    let n = columns.len();
    table::stream_text(out, &columns, false, || {
        records.iter().map(|r| line(r, package, n))
    })
}

fn line(r: &Record, package: bool, n: usize) -> Inline<'_> {
    let mut cells = [
        match r.number {
            Some(n) => four_digits(n).into(),
            None => (&r.id).into(),
        },
        r.date.as_deref().unwrap_or("-").into(),
        r.status.as_deref().unwrap_or("-").into(),
        r.title.as_deref().unwrap_or("(untitled)").into(),
        Cell::Null,
    ];
    if package {
        cells[3..].rotate_right(1);
        cells[3] = r.package.as_deref().unwrap_or("-").into();
    }
    Inline(cells, n)
}

/// The first `.1` cells of a row.
struct Inline<'a>([Cell<'a>; 5], usize);

impl<'a> AsRef<[Cell<'a>]> for Inline<'a> {
    fn as_ref(&self) -> &[Cell<'a>] {
        &self.0[..self.1]
    }
}

/// `{n:04}` without the formatting machinery (10,000 rows).
fn four_digits(n: u32) -> String {
    let mut s = n.to_string();
    if s.len() < 4 {
        s.insert_str(0, &"0000"[s.len()..]);
    }
    s
}

pub fn show(ctx: &Context, dir: Option<&Path>, id: &str) -> Result<ExitCode> {
    let format = ctx.output_format();
    let decisions = super::load_for_reading(ctx, dir)?;
    let record = decisions.resolve(id)?;
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&record.summary())?)?,
        _ => {
            let text = techlead_records::folder::read_text(record)?;
            ctx.note(format!("{}:", record.rel_path));
            // The record as written, control characters shown escaped.
            out!("{}", techlead_core::terminal::visible_controls(&text))?;
            if !text.ends_with('\n') {
                outln!()?;
            }
        }
    }
    Ok(ExitCode::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write;
    use techlead_records::parse::parse_text;

    /// The table as `writeln!` with padding wrote it before: the oracle.
    fn with_writeln(records: &[&Record]) -> String {
        let label = |r: &Record| match r.number {
            Some(n) => format!("{n:04}"),
            None => r.id.clone(),
        };
        let labels: Vec<String> = records.iter().map(|r| label(r)).collect();
        let idw = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let stw = records
            .iter()
            .map(|r| r.status.as_deref().unwrap_or("-").chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (r, l) in records.iter().zip(&labels) {
            let _ = writeln!(
                out,
                "{l:idw$}  {:10}  {:stw$}  {}",
                r.date.as_deref().unwrap_or("-"),
                r.status.as_deref().unwrap_or("-"),
                r.title.as_deref().unwrap_or("(untitled)"),
            );
        }
        out
    }

    fn record(name: &str, text: &str) -> Record {
        let path = Path::new("/r/docs/adr").join(name);
        parse_text(&format!("docs/adr/{name}"), &path, text).unwrap()
    }

    #[test]
    fn the_table_equals_the_padded_writeln_one() {
        let all = [
            record(
                "0007-a.md",
                "# A\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n",
            ),
            record("12345-big.md", "# Big\n\n## Status\n\nÜberholt und mehr\n"),
            record("a.md", "# ä title\n"),
            record("xy.md", "- Status: on hold\n"),
            record("20210105-slug.md", "# Slug\n\n- Status: draft\n"),
            record("0001-ünï.md", "no title\n"),
        ];
        // Every subset a filter could leave, including unnumbered records
        // only, whose ids are shorter than the four digits of a number.
        for mask in 0u32..(1 << all.len()) {
            let subset: Vec<&Record> = (0..all.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| &all[i])
                .collect();
            let mut out = Vec::new();
            text_table(&mut out, &subset).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                with_writeln(&subset),
                "subset {mask:b}"
            );
        }
    }
}
