//! `techlead history revisions|coupling|soc`: code-maat's analyses on the
//! history gix reads, in code-maat's CSV columns, or JSON, or a table.

use super::csv::field as csv;
use crate::cli::{Format, HistoryAnalysis, HistoryArgs};
use crate::context::Context;
use anyhow::Result;
use serde::Serialize;
use techlead_core::{ExitCode, InputError};
use techlead_history::{CouplingOptions, Options};

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<ExitCode> {
    let format = ctx.format_among("history", &[Format::Text, Format::Json, Format::Csv])?;
    let opts = Options {
        rev: args.rev.clone(),
        since: args
            .since
            .as_deref()
            .map(|s| parse_time(s, "--since"))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| parse_time(s, "--until"))
            .transpose()?,
        follow_renames: !args.no_renames,
        exclude: args.exclude.clone(),
        default_excludes: !args.all_files,
    };
    if let HistoryAnalysis::Delivery { tags } = &args.analysis {
        return delivery(ctx, format, tags);
    }
    let progress = crate::progress::Files::new(ctx, "reading commits:");
    let sets = techlead_history::change_sets_with_progress(&ctx.root, &opts, &|| progress.tick())?;
    progress.finish();
    ctx.note(format!("{} commits read", sets.len()));
    match args.analysis {
        HistoryAnalysis::Revisions => {
            let rows = techlead_history::revisions(&sets);
            emit(format, &rows, &["entity", "n-revs"], |r| {
                vec![r.entity.clone(), r.n_revs.to_string()]
            })
        }
        HistoryAnalysis::Coupling {
            min_revs,
            min_shared_revs,
            min_coupling,
            max_coupling,
            max_changeset_size,
            by_module,
            by_folder,
        } => {
            // Commits bigger than the limit go before grouping, as they
            // would for files.
            let sets: Vec<techlead_history::ChangeSet> = sets
                .into_iter()
                .filter(|s| s.files.len() <= max_changeset_size)
                .collect();
            let sets = if by_module {
                if ctx.config.config.boundaries.modules.is_empty() {
                    return Err(InputError::new(
                        "--by-module needs [[boundaries.modules]] in techlead.toml",
                    )
                    .into());
                }
                let prefix = techlead_history::revision::prefix(&ctx.root).unwrap_or_default();
                let mut paths: Vec<&str> = sets
                    .iter()
                    .flat_map(|s| s.files.iter().map(String::as_str))
                    .collect();
                paths.sort();
                paths.dedup();
                // History paths are relative to the repository's top; the
                // modules' globs to the project.
                let relative: Vec<&str> = paths
                    .iter()
                    .map(|p| p.strip_prefix(prefix.as_str()).unwrap_or(p))
                    .collect();
                let names = techlead_boundaries::modules_of(&ctx.config, &relative)?;
                let map: std::collections::HashMap<&str, Option<String>> =
                    paths.iter().copied().zip(names).collect();
                techlead_history::grouped(&sets, |f| map.get(f).cloned().flatten())
            } else if let Some(depth) = by_folder {
                techlead_history::grouped(&sets, |f| Some(techlead_history::folder_of(f, depth)))
            } else {
                sets
            };
            let rows = techlead_history::coupling(
                &sets,
                &CouplingOptions {
                    max_changeset_size,
                    min_revs,
                    min_shared_revs,
                    min_coupling,
                    max_coupling,
                },
            );
            emit(
                format,
                &rows,
                &["entity", "coupled", "degree", "average-revs"],
                |r| {
                    vec![
                        r.entity.clone(),
                        r.coupled.clone(),
                        r.degree.to_string(),
                        r.average_revs.to_string(),
                    ]
                },
            )
        }
        HistoryAnalysis::Authors => {
            let rows = techlead_history::authors(&sets);
            emit(format, &rows, &["entity", "n-authors", "n-revs"], |r| {
                vec![
                    r.entity.clone(),
                    r.n_authors.to_string(),
                    r.n_revs.to_string(),
                ]
            })
        }
        HistoryAnalysis::MainDevByRevs => {
            let rows = techlead_history::main_dev_by_revs(&sets);
            emit(
                format,
                &rows,
                &[
                    "entity",
                    "main-dev",
                    "changed",
                    "total-changed",
                    "ownership",
                ],
                |r| {
                    vec![
                        r.entity.clone(),
                        r.main_dev.clone(),
                        r.changed.to_string(),
                        r.total_changed.to_string(),
                        format!("{:.2}", r.ownership),
                    ]
                },
            )
        }
        HistoryAnalysis::Age => {
            let now = techlead_history::revision::day_start(&crate::today()).unwrap_or_default();
            let rows = techlead_history::age(&sets, now);
            emit(format, &rows, &["entity", "age-months"], |r| {
                vec![r.entity.clone(), r.age_months.to_string()]
            })
        }
        HistoryAnalysis::Delivery { .. } => unreachable!("handled above"),
        HistoryAnalysis::Fragmentation => {
            let rows = techlead_history::fragmentation(&sets);
            emit(
                format,
                &rows,
                &["entity", "authors", "main-dev", "fragmentation", "island"],
                |r| {
                    vec![
                        r.entity.clone(),
                        r.authors.to_string(),
                        r.main_dev.clone(),
                        format!("{:.2}", r.fragmentation),
                        r.island.to_string(),
                    ]
                },
            )
        }
        HistoryAnalysis::Summary => summary(ctx, format, &sets),
        HistoryAnalysis::Hotspots { top, by_folder } => {
            let Some(tree) = techlead_history::revision::top(&ctx.root) else {
                return Err(InputError::new(
                    "hotspots read the files as they are now: run in a working tree, not a bare repository",
                )
                .into());
            };
            let mut rows = techlead_history::hotspots(&tree, &sets);
            if let Some(depth) = by_folder {
                rows = techlead_history::by_folder(&rows, depth);
            }
            if let Some(n) = top {
                rows.truncate(n);
            }
            emit(
                format,
                &rows,
                &["entity", "revisions", "complexity", "loc", "score"],
                |r| {
                    vec![
                        r.entity.clone(),
                        r.revisions.to_string(),
                        r.complexity.to_string(),
                        r.loc.to_string(),
                        format!("{:.3}", r.score),
                    ]
                },
            )
        }
        HistoryAnalysis::TruckFactor => {
            let tf = techlead_history::truck_factor(&sets);
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&tf)?)?,
                Format::Csv => {
                    let mut s = String::from("truck-factor,people,files\n");
                    s.push_str(&format!(
                        "{},{},{}\n",
                        tf.truck_factor,
                        csv(&tf.people.join(";")),
                        tf.files
                    ));
                    out!("{s}")?;
                }
                _ => outln!(
                    "truck factor {} ({}) over {} files",
                    tf.truck_factor,
                    if tf.people.is_empty() {
                        "nobody".to_string()
                    } else {
                        tf.people.join(", ")
                    },
                    tf.files
                )?,
            }
            Ok(ExitCode::Clean)
        }
        HistoryAnalysis::Soc { max_changeset_size } => {
            let rows = techlead_history::soc(&sets, max_changeset_size);
            emit(format, &rows, &["entity", "soc"], |r| {
                vec![r.entity.clone(), r.soc.to_string()]
            })
        }
    }
}

/// One screen a tech lead can read in a minute.
fn summary(
    ctx: &Context,
    format: Format,
    sets: &[techlead_history::ChangeSet],
) -> Result<ExitCode> {
    let mut people: Vec<&str> = sets.iter().map(|s| s.author.as_str()).collect();
    people.sort();
    people.dedup();
    let (first, last) = (
        sets.iter().map(|s| s.time).min().unwrap_or_default(),
        sets.iter().map(|s| s.time).max().unwrap_or_default(),
    );
    let hot = techlead_history::revision::top(&ctx.root)
        .map(|t| techlead_history::hotspots(&t, sets))
        .unwrap_or_default();
    let coupled = techlead_history::coupling(sets, &CouplingOptions::default());
    let tf = techlead_history::truck_factor(sets);
    let frag = techlead_history::fragmentation(sets);
    let islands = frag.iter().filter(|f| f.island).count();
    let delivery = techlead_history::delivery(&ctx.root, &[]).ok();
    if format == Format::Json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "commits": sets.len(),
                "people": people.len(),
                "first": techlead_history::revision::date_of(first),
                "last": techlead_history::revision::date_of(last),
                "hotspots": hot.iter().take(10).collect::<Vec<_>>(),
                "coupling": coupled.iter().take(10).collect::<Vec<_>>(),
                "truck_factor": tf,
                "files": frag.len(),
                "knowledge_islands": islands,
                "delivery": delivery,
            }))?
        )?;
        return Ok(ExitCode::Clean);
    }
    let mut s = format!(
        "{} commits by {} people, {} to {}\n\n",
        sets.len(),
        people.len(),
        techlead_history::revision::date_of(first),
        techlead_history::revision::date_of(last)
    );
    s.push_str("Hotspots (change x complexity)\n");
    let hot: Vec<_> = hot.into_iter().filter(|h| h.score > 0.0).collect();
    if hot.is_empty() {
        s.push_str("  none: no changed file with measured complexity\n");
    }
    for h in hot.iter().take(5) {
        s.push_str(&format!(
            "  {:.2}  {} ({} change{}, complexity {})\n",
            h.score,
            h.entity,
            h.revisions,
            if h.revisions == 1 { "" } else { "s" },
            h.complexity
        ));
    }
    s.push_str("\nChange coupling\n");
    if coupled.is_empty() {
        s.push_str("  none above code-maat's thresholds\n");
    }
    for c in coupled.iter().take(5) {
        s.push_str(&format!(
            "  {:3}%  {} <-> {}\n",
            c.degree, c.entity, c.coupled
        ));
    }
    s.push_str(&format!(
        "\nKnowledge\n  truck factor {} ({})\n  {} of {} files changed by one person only\n",
        tf.truck_factor,
        if tf.people.is_empty() {
            "nobody".into()
        } else {
            tf.people.join(", ")
        },
        islands,
        frag.len()
    ));
    if let Some(d) = delivery.filter(|d| !d.releases.is_empty()) {
        s.push_str(&format!(
            "\nDelivery (from tags)\n  {} releases, lead time median {} days (p90 {}), {} reverts\n",
            d.releases.len(),
            d.median_lead_days,
            d.p90_lead_days,
            d.reverts
        ));
    }
    out!("{s}")?;
    Ok(ExitCode::Clean)
}

/// Releases, frequency, lead time and reverts; not a per-file table.
fn delivery(ctx: &Context, format: Format, tags: &[String]) -> Result<ExitCode> {
    let d = techlead_history::delivery(&ctx.root, tags)?;
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&d)?)?,
        Format::Csv => {
            let mut s = String::from("release,date,commits,reverts,median-lead-days\n");
            for r in &d.releases {
                s.push_str(&format!(
                    "{},{},{},{},{}\n",
                    csv(&r.tag),
                    r.date,
                    r.commits,
                    r.reverts,
                    r.median_lead_days
                ));
            }
            out!("{s}")?;
        }
        _ => {
            let mut s = String::new();
            if d.releases.is_empty() {
                s.push_str("no release tags (use --tags GLOB if yours are not v1.2.3 or 1.2.3)\n");
            } else {
                let months = d.per_month.len().max(1);
                s.push_str(&format!(
                    "releases      {} from {} to {} ({:.1} per month)\n",
                    d.releases.len(),
                    d.releases[0].date,
                    d.releases[d.releases.len() - 1].date,
                    d.releases.len() as f64 / months as f64
                ));
                s.push_str(&format!(
                    "lead time     median {} days, p90 {} days ({} commits released)\n",
                    d.median_lead_days, d.p90_lead_days, d.commits_released
                ));
                s.push_str(&format!(
                    "reverts       {} ({:.1}% of released commits)\n\n",
                    d.reverts,
                    d.revert_rate * 100.0
                ));
                s.push_str("release      date        commits  reverts  median lead (days)\n");
                for r in &d.releases {
                    s.push_str(&format!(
                        "{:11}  {}  {:>7}  {:>7}  {:>18}\n",
                        r.tag, r.date, r.commits, r.reverts, r.median_lead_days
                    ));
                }
                s.push_str("\nApproximations from git alone: a tag stands for a deployment.\n");
            }
            out!("{s}")?;
        }
    }
    Ok(ExitCode::Clean)
}

fn emit<T: Serialize>(
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

/// A date (YYYY-MM-DD, as UTC midnight) or a duration back from today
/// ("18 months", "2 years", "90 days", "6 weeks"), as epoch seconds.
fn parse_time(s: &str, flag: &str) -> Result<i64> {
    let bad = || {
        InputError::new(format!(
            "{flag} {s}: expected YYYY-MM-DD or a duration like \"18 months\""
        ))
    };
    let date = if let Ok(d) = s.parse::<jiff::civil::Date>() {
        d
    } else {
        let mut parts = s.split_whitespace();
        let n: i64 = parts.next().and_then(|n| n.parse().ok()).ok_or_else(bad)?;
        let unit = parts.next().ok_or_else(bad)?.trim_end_matches('s');
        let span = match unit {
            "day" => jiff::Span::new().days(n),
            "week" => jiff::Span::new().weeks(n),
            "month" => jiff::Span::new().months(n),
            "year" => jiff::Span::new().years(n),
            _ => return Err(bad().into()),
        };
        let today: jiff::civil::Date = crate::today().parse().map_err(|_| bad())?;
        today.checked_sub(span).map_err(|_| bad())?
    };
    Ok(days_from_civil(
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    ) * 86_400)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm), so UTC midnight needs no time-zone database.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_days() {
        assert_eq!(super::days_from_civil(1970, 1, 1), 0);
        assert_eq!(super::days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(super::days_from_civil(2026, 11, 24), 20_781);
    }
}
