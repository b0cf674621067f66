//! `techlead deps`: the dependency inventory, and with `--unused` the
//! direct dependencies no source file imports. The CLI composes the two
//! contexts: boundaries records external imports, inventory matches them.

use super::csv::field as csv;
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_inventory::{ImportedName, Package};

pub fn run(ctx: &Context, unused: bool) -> Result<ExitCode> {
    let format = ctx.output_format();
    let inventory = techlead_inventory::inventory(&ctx.root);
    let packages = inventory.packages;
    let shown: Vec<&Package> = if unused {
        let analysis = super::boundaries::analyze(ctx)?;
        let imported: Vec<ImportedName> = analysis
            .externals
            .iter()
            .map(|x| ImportedName {
                language: x.language.name().to_string(),
                name: x.name.clone(),
            })
            .collect();
        techlead_inventory::unused_direct(&packages, &imported, &analysis.languages)
    } else {
        packages.iter().collect()
    };
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&shown)?)?,
        Format::Csv => {
            let mut s = String::from("ecosystem,name,version,direct,dev,source\n");
            for p in &shown {
                s.push_str(&format!(
                    "{},{},{},{},{},{}\n",
                    p.ecosystem.as_str(),
                    csv(&p.name),
                    csv(&p.version),
                    tri(p.direct),
                    tri(p.dev),
                    csv(&p.source)
                ));
            }
            out!("{s}")?;
        }
        _ => {
            let w = |f: fn(&Package) -> usize| shown.iter().map(|p| f(p)).max().unwrap_or(0);
            let (wn, wv) = (w(|p| p.name.len()).max(4), w(|p| p.version.len()).max(7));
            let mut s = format!(
                "{:9}  {:wn$}  {:wv$}  {:6}  {:5}  source\n",
                "ecosystem", "name", "version", "direct", "dev"
            );
            for p in &shown {
                s.push_str(&format!(
                    "{:9}  {:wn$}  {:wv$}  {:6}  {:5}  {}:{}\n",
                    p.ecosystem.as_str(),
                    p.name,
                    p.version,
                    tri(p.direct),
                    tri(p.dev),
                    p.source,
                    p.line
                ));
            }
            out!("{s}")?;
        }
    }
    let mut sources: Vec<&str> = packages.iter().map(|p| p.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    let direct = packages.iter().filter(|p| p.direct == Some(true)).count();
    if unused {
        ctx.note(format!(
            "{} direct runtime dependencies that no source file imports (of {direct} direct)",
            shown.len()
        ));
    } else {
        ctx.note(format!(
            "{} packages ({direct} direct) from {} files",
            packages.len(),
            sources.len()
        ));
    }
    // Unreadable lockfiles: named with their line, after the data from
    // every other file; the run is an input error.
    for e in &inventory.errors {
        eprintln!("error: {e}");
    }
    Ok(if inventory.errors.is_empty() {
        ExitCode::Clean
    } else {
        ExitCode::Input
    })
}

fn tri(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "true",
        Some(false) => "false",
        None => "null",
    }
}
