//! The per-file analyses' output: code-maat's CSV, JSON, or an aligned
//! table.

use crate::cli::Format;
use crate::commands::csv::field as csv;
use anyhow::Result;
use serde::Serialize;
use techlead_core::ExitCode;

pub fn emit<T: Serialize>(
    format: Format,
    rows: &[T],
    header: &[&str],
    cells: impl Fn(&T) -> Vec<String>,
) -> Result<ExitCode> {
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(rows)?)?,
        Format::Csv => {
            let mut s = header.join(",");
            s.push('\n');
            for r in rows {
                let c: Vec<String> = cells(r).iter().map(|v| csv(v)).collect();
                s.push_str(&c.join(","));
                s.push('\n');
            }
            out!("{s}")?;
        }
        _ => {
            let table: Vec<Vec<String>> = rows.iter().map(&cells).collect();
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    table
                        .iter()
                        .map(|r| r[i].chars().count())
                        .chain([header[i].len()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let mut s = String::new();
            let line = |cells: Vec<&str>| {
                let mut l = String::new();
                for (i, c) in cells.iter().enumerate() {
                    // Numbers right-aligned, text left.
                    if i > 0 && c.chars().all(|ch| ch.is_ascii_digit()) {
                        l.push_str(&format!("{c:>w$}  ", w = widths[i]));
                    } else {
                        l.push_str(&format!("{c:w$}  ", w = widths[i]));
                    }
                }
                l.trim_end().to_string() + "\n"
            };
            s.push_str(&line(header.to_vec()));
            for r in &table {
                s.push_str(&line(r.iter().map(String::as_str).collect()));
            }
            out!("{s}")?;
        }
    }
    Ok(ExitCode::Clean)
}
