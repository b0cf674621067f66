//! `deps --online`: every package with what its registry and OSV say;
//! vulnerable packages the radar has on Hold first, called out above the
//! table; a summary per ecosystem on stderr.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use std::borrow::Cow;
use techlead_core::table::{Cell, Column, TableFormat};
use techlead_inventory::online::Assessment;
use techlead_inventory::online::entry::Entry;
use techlead_inventory::risk::DependencyRisk;

pub fn show(
    ctx: &Context,
    format: Format,
    risk: &DependencyRisk,
    assessment: &Assessment,
) -> Result<()> {
    let hold = crate::commands::registry::radar_hold(ctx);
    let packages = &risk.inventory.packages;
    // What to fix first: vulnerable and on Hold, then vulnerable.
    let entries = techlead_inventory::online::entry::entries(packages, assessment, &hold);
    match format {
        Format::Json => crate::stdout::write_json(&entries)?,
        Format::Csv => table(&entries, TableFormat::Csv)?,
        _ => {
            let urgent: Vec<&Entry> = entries.iter().filter(|e| e.rank() == 0).collect();
            if !urgent.is_empty() {
                let mut s =
                    String::from("On the radar's Hold ring and vulnerable: fix these first\n");
                for e in &urgent {
                    let p = e.package;
                    let advisories = e.vulnerabilities.unwrap_or_default();
                    let ids: Vec<&str> = advisories.iter().map(|a| a.id.as_str()).collect();
                    s.push_str(&format!(
                        "  {} {} {} ({}:{}), {}: {}; {}\n",
                        p.ecosystem.as_str(),
                        p.name,
                        p.version,
                        p.source,
                        p.line,
                        e.on_hold.unwrap_or_default(),
                        ids.join(", "),
                        techlead_inventory::check::fixed_in(advisories)
                    ));
                }
                s.push('\n');
                out!("{}", escape_lines(&s))?;
            }
            table(&entries, TableFormat::Text)?;
        }
    }
    for n in &assessment.notes {
        ctx.note(n);
    }
    for e in &risk.summary {
        ctx.note(summary_line(e));
    }
    let cache = if ctx.no_cache {
        "the cache not used (--no-cache)".to_string()
    } else {
        format!(
            "{} from .techlead/cache (kept {} hours)",
            assessment.from_cache,
            ctx.deps.cache_hours()
        )
    };
    ctx.note(format!(
        "online answers: {} fetched, {cache}, {} not read",
        assessment.fetched, assessment.failed
    ));
    Ok(())
}

/// Escapes control characters line by line, keeping the newlines.
fn escape_lines(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|l| {
            let (body, nl) = l.strip_suffix('\n').map_or((l, ""), |b| (b, "\n"));
            format!("{}{nl}", techlead_core::terminal::escape_control(body))
        })
        .collect()
}

/// "npm: 120 packages, 3 vulnerable, 5 a major version or more behind, ..."
fn summary_line(e: &techlead_inventory::summary::EcosystemRisk) -> String {
    use techlead_core::words::count;
    let mut parts = vec![count(e.packages as u64, "package")];
    // Counts of nothing assessed would read as "none found".
    let none_assessed = e.not_assessed == Some(e.packages);
    let mut online = |n: Option<usize>, what: &str| {
        if none_assessed && what != "not assessed (answers missing)" {
            return;
        }
        if let Some(n) = n {
            parts.push(format!("{n} {what}"));
        }
    };
    online(e.vulnerable, "vulnerable");
    online(e.outdated_major, "behind a major version or more");
    online(e.yanked, "yanked");
    online(
        e.not_assessed.filter(|n| *n > 0),
        "not assessed (answers missing)",
    );
    parts.push(format!("{} with an unknown license", e.unknown_license));
    if let Some(d) = e.denied_license {
        parts.push(format!("{d} with a refused license"));
    }
    format!("{}: {}", e.ecosystem, parts.join(", "))
}

const COLUMNS: &[Column] = &[
    Column::left("ecosystem"),
    Column::left("name"),
    Column::left("version"),
    Column::left("latest"),
    Column::right("behind"),
    Column::right("majors"),
    Column::right("days"),
    Column::left("vulnerabilities"),
    Column::left("fixed_in"),
    Column::left("flags"),
    Column::left("license"),
    Column::left("source"),
];

/// The text and CSV table: unknowns are `?` in text, empty in CSV;
/// `-` where nothing applies (no registry client for the ecosystem).
fn table(entries: &[Entry], format: TableFormat) -> Result<()> {
    let text = format == TableFormat::Text;
    let unknown = || {
        if text { Cell::from("?") } else { Cell::Null }
    };
    let number = |n: Option<i64>, e: &Entry| match n {
        Some(n) => Cell::Int(n),
        None if !e.registry => Cell::from("-"),
        None => unknown(),
    };
    let rows: Vec<Vec<Cell>> = entries
        .iter()
        .map(|e| {
            let p = e.package;
            let mut flags: Vec<String> = Vec::new();
            if e.yanked == Some(true) {
                flags.push("yanked".into());
            }
            if e.deprecated.is_some() {
                flags.push("deprecated".into());
            }
            if let Some(t) = e.on_hold {
                flags.push(format!("on Hold ({t})"));
            }
            let (vulns, fixed) = match e.vulnerabilities {
                Some(list) => (
                    Cell::List(list.iter().map(|a| a.id.clone()).collect()),
                    Cell::List({
                        let mut f: Vec<String> =
                            list.iter().flat_map(|a| a.fixed.clone()).collect();
                        f.sort();
                        f.dedup();
                        f
                    }),
                ),
                None => (unknown(), unknown()),
            };
            vec![
                Cell::from(p.ecosystem.as_str()),
                Cell::from(p.name.as_str()),
                Cell::from(p.version.as_str()),
                match e.latest {
                    Some(l) => Cell::from(l),
                    None if !e.registry => Cell::from("-"),
                    None => unknown(),
                },
                number(e.behind.map(|n| n as i64), e),
                number(e.majors_behind.map(|n| n as i64), e),
                match e.days_behind {
                    Some(d) => Cell::Int(d),
                    None if !e.registry => Cell::from("-"),
                    None => unknown(),
                },
                vulns,
                fixed,
                Cell::List(flags),
                Cell::Text(Cow::Borrowed(p.license.as_ref().map_or("", |l| l.shown()))),
                Cell::from(format!("{}:{}", p.source, p.line)),
            ]
        })
        .collect();
    let mut out = Vec::new();
    techlead_core::table::write_cells(&mut out, format, COLUMNS, &rows)?;
    crate::stdout::write_bytes(&out)?;
    Ok(())
}
