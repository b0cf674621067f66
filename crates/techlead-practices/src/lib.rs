//! The engineering-practices scorecard: checks scored 0-10 (or n/a with
//! why) with their evidence, a weighted overall score, maturity levels
//! with the next level's to-do list, the team per quarter over two years,
//! and whether the architecture fits the team. It reads a tree through a
//! small trait (a working tree or a bare repository's HEAD) and the other
//! contexts' answers as plain data (history, the dependency inventory,
//! decision records, declared modules): see [`input`].

pub mod check;
mod checks;
mod ci;
pub mod config;
pub mod duration;
mod facts;
mod files;
mod fit;
pub mod input;
pub mod levels;
mod memo;
pub mod model;
pub mod people;
pub mod render;
mod review;
pub mod rules;
mod shell;
mod spdx;
mod team;

pub use checks::{CHECKS, CheckInfo};
pub use input::{
    Boundaries, Commit, Decision, Decisions, GitHistory, History, Identities, Input, Package,
    Person, Tag, Tree, TruckFactor,
};
pub use memo::CodeMemo;
pub use model::{CheckResult, Evidence, Level, Report, Status};
pub use team::{TreeAt, TreeMeasure, measure_tree};

use jiff::civil::Date;
use techlead_core::InputError;

/// How far back history is read: the first day of the team table (eight
/// quarters back), and at least a year and the activity window.
pub fn history_since(
    today: &str,
    since: Option<&str>,
    config: &config::PracticesConfig,
) -> Result<i64, InputError> {
    let today = parse_today(today)?;
    let window = window_start(today, since, config)?;
    let mut first = team::first_quarter(today);
    let year = today
        .checked_sub(jiff::Span::new().years(1))
        .unwrap_or(today);
    first = first.min(year).min(window);
    Ok(duration::day_start(first))
}

/// Commits diffed for the truck factor and tests changing with source:
/// those of the last 12 months, at most this many (the newest).
pub const DIFFED_COMMITS: usize = 10_000;

/// The first day whose commits get their files: a year back.
pub fn diff_since(today: &str) -> Result<i64, InputError> {
    let today = parse_today(today)?;
    Ok(duration::day_start(
        today
            .checked_sub(jiff::Span::new().years(1))
            .unwrap_or(today),
    ))
}

fn parse_today(today: &str) -> Result<Date, InputError> {
    today
        .parse()
        .map_err(|_| InputError::new(format!("today `{today}` is not a date")))
}

fn window_start(
    today: Date,
    since: Option<&str>,
    config: &config::PracticesConfig,
) -> Result<Date, InputError> {
    let spec = since.unwrap_or(config.since());
    duration::window_start(spec, today).map_err(|why| {
        InputError::new(format!("--since {why}"))
            .with_help("for example --since 90d, --since \"6 months\" or --since 2025-01-01")
    })
}

/// The commits the truck factor counts: human, non-merge, in the last 12
/// months, with their code files that still exist; each as (person, time,
/// files). The composition root hands these to history's truck factor.
pub fn truck_factor_commits(
    history: &GitHistory,
    tree: &dyn Tree,
    today: &str,
) -> Vec<(String, i64, Vec<String>)> {
    let Ok(since) = diff_since(today) else {
        return Vec::new();
    };
    let files = tree.files();
    let present = |p: &str| files.binary_search_by(|f| f.as_str().cmp(p)).is_ok();
    history
        .commits
        .iter()
        .filter(|c| c.parents.len() <= 1 && c.author.time >= since && !c.author.bot)
        .filter_map(|c| {
            let changed = c.files.as_ref()?;
            let code: Vec<String> = changed
                .iter()
                .filter(|p| !matches!(files::kind(p), files::Kind::Other) && present(p))
                .cloned()
                .collect();
            // The key is the person's one name (history's identity merge).
            Some((c.author.key.clone(), c.author.time, code))
        })
        .collect()
}

/// The whole assessment.
pub fn assess<'a>(input: &'a Input<'a>) -> Result<Report, InputError> {
    let today = parse_today(input.today)?;
    let start = window_start(today, input.since, input.config)?;
    let facts = facts::Facts::new(input, today, start);
    let checks: Vec<CheckResult> = CHECKS
        .iter()
        .map(|c| {
            let mut r = if input.config.skipped(c.id) {
                CheckResult::not_applicable(c.id, "skipped in techlead.toml ([practices] skip)")
            } else {
                (c.run)(&facts)
            };
            r.weight = input.config.weight(c.id);
            r
        })
        .collect();
    let (level, next_level) = levels::evaluate(input.config, &checks);
    Ok(Report {
        score: levels::overall(&checks),
        level,
        next_level,
        team: team::team(&facts, input.tree_at),
        fit: fit::fit(&facts),
        since: start.to_string(),
        window_days: facts.window_days,
        history_missing: checks::no_history(&facts),
        checks,
    })
}
