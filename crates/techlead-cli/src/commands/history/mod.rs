//! `techlead history`: code-maat's analyses and more on the history gix
//! reads, in code-maat's CSV columns, or JSON, or a table.

mod delivery;
mod summary;
mod table;

use table::emit;

use crate::cli::{Format, HistoryAnalysis, HistoryArgs};
use crate::commands::csv::field as csv;
use crate::context::Context;
use anyhow::Result;
use techlead_core::{ExitCode, InputError};
use techlead_history::{CouplingOptions, Options};

pub fn run(ctx: &Context, args: HistoryArgs) -> Result<ExitCode> {
    let format = ctx.output_format();
    let opts = Options {
        rev: args.rev.clone(),
        all: args.all,
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
        lines: matches!(
            args.analysis,
            HistoryAnalysis::AbsChurn
                | HistoryAnalysis::AuthorChurn
                | HistoryAnalysis::EntityChurn
                | HistoryAnalysis::EntityOwnership
                | HistoryAnalysis::MainDev
                | HistoryAnalysis::RefactoringMainDev
        ),
    };
    if let HistoryAnalysis::Delivery { tags } = &args.analysis {
        return delivery::delivery(ctx, format, tags);
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
                let map = module_map(
                    ctx,
                    sets.iter().flat_map(|s| s.files.iter().map(String::as_str)),
                )?;
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
        HistoryAnalysis::AbsChurn => {
            let rows = techlead_history::abs_churn(&sets);
            emit(
                format,
                &rows,
                &["date", "added", "deleted", "commits"],
                |r| churn_cells(&r.date, &r.churn),
            )
        }
        HistoryAnalysis::AuthorChurn => {
            let rows = techlead_history::author_churn(&sets);
            emit(
                format,
                &rows,
                &["author", "added", "deleted", "commits"],
                |r| churn_cells(&r.author, &r.churn),
            )
        }
        HistoryAnalysis::EntityChurn => {
            let rows = techlead_history::entity_churn(&sets);
            emit(
                format,
                &rows,
                &["entity", "added", "deleted", "commits"],
                |r| churn_cells(&r.entity, &r.churn),
            )
        }
        HistoryAnalysis::EntityOwnership => {
            let rows = techlead_history::entity_ownership(&sets);
            emit(
                format,
                &rows,
                &["entity", "author", "added", "deleted"],
                |r| {
                    vec![
                        r.entity.clone(),
                        r.author.clone(),
                        r.added.to_string(),
                        r.deleted.to_string(),
                    ]
                },
            )
        }
        HistoryAnalysis::MainDev | HistoryAnalysis::RefactoringMainDev => {
            let removed = matches!(args.analysis, HistoryAnalysis::RefactoringMainDev);
            let rows = techlead_history::main_dev(&sets, removed);
            let header: &[&str] = if removed {
                &[
                    "entity",
                    "main-dev",
                    "removed",
                    "total-removed",
                    "ownership",
                ]
            } else {
                &["entity", "main-dev", "added", "total-added", "ownership"]
            };
            if format == Format::Json {
                // The JSON names the columns as the CSV does.
                let rows: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "entity": r.entity,
                            "main-dev": r.main_dev,
                            header[2]: r.lines,
                            header[3]: r.total,
                            "ownership": r.ownership,
                        })
                    })
                    .collect();
                return emit(format, &rows, header, |_| Vec::new());
            }
            emit(format, &rows, header, |r| {
                vec![
                    r.entity.clone(),
                    r.main_dev.clone(),
                    r.lines.to_string(),
                    r.total.to_string(),
                    format!("{:.2}", r.ownership),
                ]
            })
        }
        HistoryAnalysis::Age => {
            let now = techlead_history::revision::day_start(&ctx.today).unwrap_or_default();
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
        HistoryAnalysis::Summary => summary::summary(ctx, format, &sets),
        HistoryAnalysis::KnowledgeLoss { window } => {
            let since = parse_time(&window, "--window")?;
            let rows = techlead_history::knowledge_loss(&sets, since);
            emit(format, &rows, &["entity", "authors", "revisions"], |r| {
                vec![
                    r.entity.clone(),
                    r.authors.join(";"),
                    r.revisions.to_string(),
                ]
            })
        }
        HistoryAnalysis::Hotspots {
            top,
            by_folder,
            by_module,
        } => {
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
            if by_module {
                let map = module_map(ctx, rows.iter().map(|h| h.entity.as_str()))?;
                rows = techlead_history::by_group(&rows, |f| map.get(f).cloned().flatten());
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

/// The `[boundaries]` module of each history path (relative to the
/// repository's top, while module globs are relative to the project).
fn module_map<'p>(
    ctx: &Context,
    paths: impl Iterator<Item = &'p str>,
) -> Result<std::collections::HashMap<String, Option<String>>> {
    if ctx.boundaries.modules.is_empty() {
        return Err(
            InputError::new("--by-module needs [[boundaries.modules]] in techlead.toml").into(),
        );
    }
    let prefix = techlead_history::revision::prefix(&ctx.root).unwrap_or_default();
    let mut paths: Vec<&str> = paths.collect();
    paths.sort();
    paths.dedup();
    let relative: Vec<&str> = paths
        .iter()
        .map(|p| p.strip_prefix(prefix.as_str()).unwrap_or(p))
        .collect();
    let names = techlead_boundaries::modules_of(&ctx.config, &ctx.boundaries, &relative)?;
    Ok(paths.iter().map(|p| p.to_string()).zip(names).collect())
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
        let today: jiff::civil::Date = crate::today()?.parse().map_err(|_| bad())?;
        today.checked_sub(span).map_err(|_| bad())?
    };
    techlead_history::revision::day_start(&date.to_string()).ok_or_else(|| bad().into())
}

fn churn_cells(key: &str, c: &techlead_history::Churn) -> Vec<String> {
    vec![
        key.to_string(),
        c.added.to_string(),
        c.deleted.to_string(),
        c.commits.to_string(),
    ]
}
