//! `techlead boundaries imports`: the resolved file-level edges.

use super::analyze;
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_core::table::csv_field as csv;
use techlead_core::terminal::escape_control as shown;
use techlead_core::words::count;

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
            let mut s = String::from("from,to,line,kind,language");
            s.push_str(if tests { ",test\n" } else { "\n" });
            for e in &edges {
                s.push_str(&format!(
                    "{},{},{},{},{}",
                    csv(&e.from),
                    csv(&e.to),
                    e.line,
                    e.kind.as_str(),
                    e.language.name()
                ));
                if tests {
                    s.push_str(if e.test { ",true" } else { ",false" });
                }
                s.push('\n');
            }
            out!("{s}")?;
        }
        _ => {
            // File names come from the repository: escaped, so that they
            // cannot restyle the terminal.
            let mut s = String::new();
            for e in &edges {
                s.push_str(&format!(
                    "{}:{} -> {} ({}{})\n",
                    shown(&e.from),
                    e.line,
                    shown(&e.to),
                    e.kind.as_str(),
                    if e.test { ", test" } else { "" }
                ));
            }
            for e in &externals {
                s.push_str(&format!(
                    "{}:{} -> external {} ({})\n",
                    shown(&e.from),
                    e.line,
                    shown(&e.name),
                    e.language.name()
                ));
            }
            out!("{s}")?;
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
