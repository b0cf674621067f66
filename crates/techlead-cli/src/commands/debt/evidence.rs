//! What the debt register's interest needs from other contexts, composed
//! here: the history of the window (commits with their messages, bots
//! marked), which files history calls source code, the `[boundaries]`
//! module of each file, and file health. The debt context does the
//! counting; this module only hands it each context's answer.

use crate::context::Context;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use techlead_boundaries::config::BoundariesConfig;
use techlead_core::check::Env;
use techlead_core::config::LoadedConfig;
use techlead_debt::config::DebtConfig;
use techlead_debt::signals::{Commit, Evidence, Health, History};
use techlead_health::HealthConfig;
use techlead_history::config::HistoryConfig;

/// The sections of techlead.toml the evidence reads.
struct Sections<'a> {
    debt: &'a DebtConfig,
    boundaries: &'a BoundariesConfig,
    history: &'a HistoryConfig,
    /// `[health]`, None for the default limits.
    health: Option<&'a HealthConfig>,
}

/// The evidence for commands.
pub fn evidence(ctx: &Context) -> Evidence {
    let sections = Sections {
        debt: &ctx.debt,
        boundaries: &ctx.boundaries,
        history: &ctx.history,
        health: ctx.health.as_ref(),
    };
    gather(&ctx.root, &ctx.today, &ctx.config, &sections)
}

/// The evidence for `techlead check`, read through the check's `Env`
/// (the configuration was validated before any check ran).
pub fn for_check(env: &dyn Env) -> Evidence {
    let file = env.file();
    let debt: DebtConfig = file
        .section(techlead_debt::config::SECTION)
        .unwrap_or_default();
    let boundaries: BoundariesConfig = file
        .section(techlead_boundaries::config::SECTION)
        .unwrap_or_default();
    let history: HistoryConfig = file
        .section(techlead_history::config::SECTION)
        .unwrap_or_default();
    let health: Option<HealthConfig> = file.section(techlead_health::SECTION).ok().flatten();
    let sections = Sections {
        debt: &debt,
        boundaries: &boundaries,
        history: &history,
        health: health.as_ref(),
    };
    gather(env.root(), env.today(), file, &sections)
}

fn gather(root: &Path, today: &str, file: &LoadedConfig, s: &Sections) -> Evidence {
    let files = techlead_debt::scan::tree_files(root, &s.debt.excludes());
    let window = s.debt.window_days();
    let history = history(root, today, window);
    let module_of = modules(file, s.boundaries, &files, &history);
    let source = source_files(root, s.history, &files, &history);
    Evidence {
        history,
        health: health(root, s.health),
        files,
        module_of,
        source,
        window_days: window,
        max_changeset_size: s.debt.max_changeset_size(),
        bug_fix: s.debt.bug_fix(),
    }
}

/// The health of every source file, as `techlead health` measures it
/// with the same limits; without it interest is computed without its
/// factor, and says why.
fn health(root: &Path, config: Option<&HealthConfig>) -> Health {
    let options = config
        .map(techlead_health::Options::from_config)
        .unwrap_or_default();
    match techlead_health::measure(root, &[], &options) {
        Ok(report) => Health::Scored(
            report
                .files
                .into_iter()
                .map(|f| (f.path, f.health))
                .collect(),
        ),
        Err(e) => Health::Missing(format!("file health could not be measured: {e}")),
    }
}

/// The files of the tree that history classifies as source, when history
/// can be read.
fn source_files(
    root: &Path,
    config: &HistoryConfig,
    files: &[String],
    history: &History,
) -> Option<HashSet<String>> {
    let History::Read { prefix, .. } = history else {
        return None;
    };
    let full: Vec<String> = files.iter().map(|f| format!("{prefix}{f}")).collect();
    let paths: Vec<&str> = full.iter().map(String::as_str).collect();
    let kinds = techlead_history::kinds::classify(root, config, &paths).ok()?;
    Some(
        files
            .iter()
            .zip(kinds)
            .filter(|(_, k)| *k == techlead_history::Kind::Source)
            .map(|(f, _)| f.clone())
            .collect(),
    )
}

/// The commits of the last `days` days with their messages, or why they
/// could not be read.
fn history(root: &Path, today: &str, days: u32) -> History {
    let since = today
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.checked_sub(jiff::Span::new().days(i64::from(days))).ok())
        .and_then(|d| techlead_history::revision::day_start(&d.to_string()));
    let opts = techlead_history::Options {
        since,
        ..techlead_history::Options::default()
    };
    let sets = match techlead_history::change_sets(root, &opts) {
        Ok(s) => s,
        Err(e) => return History::Missing(without_path(root, &e.to_string())),
    };
    let ids: Vec<&str> = sets.iter().map(|s| s.id.as_str()).collect();
    let Some(mut messages) = techlead_history::revision::messages(root, &ids) else {
        return History::Missing("the commits' messages could not be read".into());
    };
    let prefix = techlead_history::revision::prefix(root).unwrap_or_default();
    let commits = sets
        .into_iter()
        .map(|s| Commit {
            message: messages.remove(&s.id).unwrap_or_default(),
            author: s.author,
            time: s.time,
            files: s.files,
            bot: s.bot,
        })
        .collect();
    History::Read { commits, prefix }
}

/// A history error, without the folder it names (the project root, which
/// the reader knows) and without gix's own wording of "not a git
/// repository".
fn without_path(root: &Path, message: &str) -> String {
    let shown = root.display().to_string();
    let message = message
        .strip_prefix(&format!("{shown}: "))
        .unwrap_or(message);
    if message.starts_with("not a git repository") {
        return "not a git repository".into();
    }
    message.to_string()
}

/// The module of every file of the tree and of the window's history, when
/// `[boundaries]` declares modules.
fn modules(
    file: &LoadedConfig,
    boundaries: &BoundariesConfig,
    files: &[String],
    history: &History,
) -> HashMap<String, String> {
    if boundaries.modules.is_empty() {
        return HashMap::new();
    }
    let mut all: Vec<&str> = files.iter().map(String::as_str).collect();
    if let History::Read { commits, prefix } = history {
        all.extend(commits.iter().flat_map(|c| {
            c.files
                .iter()
                .filter_map(|f| f.strip_prefix(prefix.as_str()))
        }));
    }
    all.sort_unstable();
    all.dedup();
    match techlead_boundaries::modules_of(file, boundaries, &all) {
        Ok(names) => all
            .iter()
            .zip(names)
            .filter_map(|(f, m)| m.map(|m| (f.to_string(), m)))
            .collect(),
        Err(_) => HashMap::new(),
    }
}
