//! `adr list` and `adr show`.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::ExitCode;
use techlead_records::Record;

pub fn list(
    ctx: &Context,
    dir: Option<&Path>,
    status: Option<&str>,
    tag: Option<&str>,
) -> Result<ExitCode> {
    let format = ctx.format_among("adr list", &[Format::Text, Format::Json, Format::Csv])?;
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
    let mut out = String::new();
    match format {
        Format::Json => {
            let summaries: Vec<_> = records.iter().map(|r| r.summary()).collect();
            out = serde_json::to_string_pretty(&summaries)?;
            out.push('\n');
        }
        Format::Csv => {
            out.push_str("number,id,title,status,date,path\n");
            for r in &records {
                let row = [
                    r.number.map(|n| n.to_string()).unwrap_or_default(),
                    r.id.clone(),
                    r.title.clone().unwrap_or_default(),
                    r.status.clone().unwrap_or_default(),
                    r.date.clone().unwrap_or_default(),
                    r.rel_path.clone(),
                ];
                let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                out.push_str(&cells.join(","));
                out.push('\n');
            }
        }
        _ => {
            use std::fmt::Write;
            let labels: Vec<String> = records.iter().map(|r| label(r)).collect();
            let idw = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            let stw = records
                .iter()
                .map(|r| r.status.as_deref().unwrap_or("-").chars().count())
                .max()
                .unwrap_or(0);
            out.reserve(records.len() * (idw + stw + 80));
            for (r, l) in records.iter().zip(&labels) {
                let _ = writeln!(
                    out,
                    "{l:idw$}  {:10}  {:stw$}  {}",
                    r.date.as_deref().unwrap_or("-"),
                    r.status.as_deref().unwrap_or("-"),
                    r.title.as_deref().unwrap_or("(untitled)"),
                );
            }
        }
    }
    out!("{out}")?;
    Ok(ExitCode::Clean)
}

/// The number when there is one, else the file stem.
fn label(r: &Record) -> String {
    match r.number {
        Some(n) => format!("{n:04}"),
        None => r.id.clone(),
    }
}

/// RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run
/// as a formula.
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn show(ctx: &Context, dir: Option<&Path>, id: &str) -> Result<ExitCode> {
    let format = ctx.format_among("adr show", &[Format::Text, Format::Json])?;
    let decisions = super::load_for_reading(ctx, dir)?;
    let record = decisions.resolve(id)?;
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&record.summary())?)?,
        _ => {
            let text = std::fs::read_to_string(&record.path)?;
            ctx.note(format!("{}:", record.rel_path));
            out!("{text}")?;
            if !text.ends_with('\n') {
                outln!()?;
            }
        }
    }
    Ok(ExitCode::Clean)
}
