//! A goal record: `docs/goals/NNNN-slug.md`, markdown with front matter.
//!
//! ```yaml
//! ---
//! title: Payments ship on their own      # the business outcome
//! status: active        # proposed, active, achieved, missed, dropped
//! owner: payments team
//! horizon: 2026-Q1      # a quarter, a half, a year, a month or a date range
//! parent: "0001"        # the goal this one serves (a company goal)
//! created: 2026-01-15
//! key_results:          # see `kr`
//!   - metric: boundaries.violations == 0
//!     start: 3
//!     added: 2026-01-15
//! links: ["adr:0007"]   # records serving the goal, besides their own `goals:`
//! ---
//! ```
//!
//! The body is free markdown (why the goal matters), with a `## History`
//! that `techlead goals status` appends to.

use crate::horizon::Horizon;
use crate::kr::{self, Op};
use crate::status::Status;
use crate::work::RecordRef;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::paths::display_rel;
use techlead_markdown::front_matter::{self, FmField};

/// A key result as the record writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Spec {
    /// Bound to a metric; the values are computed, never typed in.
    Metric {
        metric: String,
        op: Op,
        /// As written: `0`, `silver`, `80%`; read by the metric's unit.
        target: String,
        /// The metric's value when the key result was added, as written.
        start: Option<String>,
        /// YYYY-MM-DD.
        added: Option<String>,
    },
    /// Numbers people keep up to date.
    Manual {
        text: String,
        start: f64,
        target: f64,
        current: Option<f64>,
        unit: Option<String>,
        /// YYYY-MM-DD: when `current` was last set.
        updated: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyResult {
    pub spec: Spec,
    /// The line of the item in the record.
    pub line: u32,
}

impl KeyResult {
    /// The metric name, or the manual key result's text.
    pub fn label(&self) -> &str {
        match &self.spec {
            Spec::Metric { metric, .. } => metric,
            Spec::Manual { text, .. } => text,
        }
    }
}

/// A record a goal links to in its own `links:`, with that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalLink {
    pub to: RecordRef,
    pub line: u32,
}

/// One goal, as read.
#[derive(Debug, Clone)]
pub struct Goal {
    /// The number as the file name writes it (`0001`), else the stem.
    pub id: String,
    pub number: Option<u32>,
    pub stem: String,
    /// Relative to the project root, `/` separators.
    pub path: String,
    pub abs_path: PathBuf,
    pub title: String,
    pub status: Status,
    pub owner: Option<String>,
    pub horizon: Option<Horizon>,
    /// The goal this one serves, as written.
    pub parent: Option<String>,
    /// YYYY-MM-DD.
    pub created: Option<String>,
    pub key_results: Vec<KeyResult>,
    pub links: Vec<GoalLink>,
    pub lines: Lines,
}

/// Where fields are written, for findings and edits.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub title: u32,
    pub status: Option<u32>,
    pub horizon: Option<u32>,
    pub parent: Option<u32>,
    pub links: Option<u32>,
}

impl Goal {
    /// Whether `key` names this goal: its number (`1`, `0001`, `goal:1`),
    /// id or file stem.
    pub fn matches(&self, key: &str) -> bool {
        let key = key.trim();
        let key = key
            .strip_prefix("goal:")
            .or_else(|| key.strip_prefix("goals:"))
            .unwrap_or(key)
            .trim();
        if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
            return self.number.is_some() && key.parse::<u32>().ok() == self.number;
        }
        !key.is_empty()
            && (key.eq_ignore_ascii_case(&self.id) || key.eq_ignore_ascii_case(&self.stem))
    }
}

/// Reads every `*.md` goal in `dir` (README.md, index.md and templates
/// excepted), sorted by file name. A folder that does not exist holds no
/// goals.
pub fn load(root: &Path, dir: &Path) -> Result<Vec<Goal>, InputError> {
    let paths = techlead_markdown::records::files(root, dir)?;
    let goals = paths
        .iter()
        .map(|p| read(root, p))
        .collect::<Result<Vec<_>, _>>()?;
    check_tree(&goals)?;
    Ok(goals)
}

pub fn read(root: &Path, path: &Path) -> Result<Goal, InputError> {
    let rel = display_rel(root, path);
    let text = read_text(&rel, path)?;
    parse(&rel, path, &text)
}

/// A goal file's text: a regular file within the record size limit, UTF-8.
pub fn read_text(rel: &str, path: &Path) -> Result<String, InputError> {
    techlead_markdown::records::read_text(rel, path)
}

/// The number of a `NNNN-slug` stem (or a stem that is only digits).
pub fn number_of(stem: &str) -> Option<(String, u32)> {
    let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    let numbered = !digits.is_empty()
        && digits.len() <= 6
        && (stem.len() == digits.len() || stem[digits.len()..].starts_with(['-', '_']));
    numbered
        .then(|| digits.parse().ok().map(|n| (digits, n)))
        .flatten()
}

/// Reads a goal's text. Values that are there but wrong (a status, a
/// horizon, a key result that does not read) are input errors at their
/// line: a goal we cannot read is not guessed at.
pub fn parse(rel: &str, path: &Path, text: &str) -> Result<Goal, InputError> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (id, number) = match number_of(&stem) {
        Some((digits, n)) => (digits, Some(n)),
        None => (stem.clone(), None),
    };
    let fm = front_matter::read(rel, text)?;
    let fields = fm.as_ref().map(|f| &f.fields);
    let get = |k: &str| fields.and_then(|f| f.get(k));
    let value = |k: &str| {
        get(k)
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let bad = |f: &FmField, message: String, help: String| {
        InputError::in_file(rel, message)
            .at(f.line as usize, None)
            .with_help(help)
    };

    let body_start = fm.as_ref().map_or(0, |f| f.end).min(text.len());
    let (title, title_line) = match get("title").filter(|f| !f.value.trim().is_empty()) {
        Some(f) => (f.value.trim().to_string(), f.line),
        None => match first_heading(text, body_start) {
            Some(h) => h,
            None => {
                return Err(InputError::in_file(rel, "the goal has no title")
                    .at(1, None)
                    .with_help("write the business outcome as `title:` in the front matter"));
            }
        },
    };
    let status = match get("status").filter(|f| !f.value.trim().is_empty()) {
        None => Status::Active,
        Some(f) => Status::parse(&f.value).ok_or_else(|| {
            bad(
                f,
                format!("unknown goal status `{}`", f.value.trim()),
                format!("use one of: {}", Status::list()),
            )
        })?,
    };
    let horizon = match get("horizon").filter(|f| !f.value.trim().is_empty()) {
        None => None,
        Some(f) => Some(
            Horizon::parse(&f.value)
                .map_err(|e| bad(f, e, format!("use {}", crate::horizon::FORMS)))?,
        ),
    };
    let created = match get("created").filter(|f| !f.value.trim().is_empty()) {
        None => None,
        Some(f) => Some(
            techlead_markdown::dates::first_date(&f.value)
                .filter(|d| d == f.value.trim())
                .ok_or_else(|| {
                    bad(
                        f,
                        format!("`created: {}` is not a date", f.value.trim()),
                        "write YYYY-MM-DD".into(),
                    )
                })?,
        ),
    };
    let mut links = Vec::new();
    if let Some(f) = get("links") {
        for item in &f.list {
            let to = RecordRef::parse(item).map_err(|e| {
                bad(
                    f,
                    format!("links: {e}"),
                    "a goal's `links:` lists records such as [\"adr:0007\", \"debt:3\", \"radar:postgresql\"]".into(),
                )
            })?;
            links.push(GoalLink { to, line: f.line });
        }
    }
    let key_results = match get("key_results").or_else(|| get("key-results")) {
        None => Vec::new(),
        Some(f) => key_results(rel, text, f)?,
    };
    Ok(Goal {
        id,
        number,
        stem,
        path: rel.to_string(),
        abs_path: path.to_path_buf(),
        title,
        status,
        owner: value("owner"),
        horizon,
        parent: value("parent"),
        created,
        key_results,
        links,
        lines: Lines {
            title: title_line,
            status: get("status").map(|f| f.line),
            horizon: get("horizon").map(|f| f.line),
            parent: get("parent").map(|f| f.line),
            links: get("links").map(|f| f.line),
        },
    })
}

/// The first H1 of the body and its line.
fn first_heading(text: &str, start: usize) -> Option<(String, u32)> {
    techlead_markdown::lines::lines_from(text, start).find_map(|(_, no, line)| {
        match techlead_markdown::lines::heading(line) {
            Some((1, h)) if !h.is_empty() => Some((h.to_string(), no)),
            _ => None,
        }
    })
}

/// Each item of `key_results:` read, at its own line.
fn key_results(rel: &str, text: &str, f: &FmField) -> Result<Vec<KeyResult>, InputError> {
    let lines = item_lines(text, f.line, f.list.len());
    f.list
        .iter()
        .zip(lines)
        .map(|(item, line)| {
            let value: Value =
                serde_json::from_str(item).unwrap_or_else(|_| Value::String(item.clone()));
            let spec = spec(&value).map_err(|e| {
                InputError::in_file(rel, format!("key result: {e}"))
                    .at(line as usize, None)
                    .with_help(
                        "a key result is `metric: NAME OP VALUE` (computed by techlead) or `text:` with `start:`, `target:` and `current:` numbers",
                    )
            })?;
            Ok(KeyResult { spec, line })
        })
        .collect()
}

/// The line of each of the `n` items of the list whose key is on line
/// `key_line`: the `- ` lines at the list's indentation, else (a flow
/// list) the key's own line.
fn item_lines(text: &str, key_line: u32, n: usize) -> Vec<u32> {
    let mut found = Vec::new();
    let mut indent: Option<usize> = None;
    for (_, no, line) in techlead_markdown::lines::lines_from(text, 0).skip(key_line as usize) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let here = line.len() - trimmed.len();
        let is_item = trimmed == "-" || trimmed.starts_with("- ");
        if here == 0 && !is_item {
            break; // the next key, or the closing fence
        }
        if is_item && indent.is_none_or(|i| i == here) {
            indent = Some(here);
            found.push(no);
        }
    }
    if found.len() == n {
        found
    } else {
        vec![key_line; n]
    }
}

const METRIC_KEYS: &[&str] = &["metric", "op", "target", "start", "added"];
const MANUAL_KEYS: &[&str] = &["text", "start", "target", "current", "unit", "updated"];

/// A key result from its YAML value: a mapping, or a string shorthand
/// (`boundaries.violations == 0`, `Methods live: 3 -> 8`).
fn spec(value: &Value) -> Result<Spec, String> {
    match value {
        Value::String(s) if s.contains("->") || s.contains('→') => {
            let m = kr::parse_manual(s)?;
            Ok(Spec::Manual {
                text: m.text,
                start: m.start,
                target: m.target,
                current: None,
                unit: m.unit,
                updated: None,
            })
        }
        Value::String(s) => {
            let (metric, op, target) = kr::parse_expression(s)?;
            Ok(Spec::Metric {
                metric,
                op,
                target,
                start: None,
                added: None,
            })
        }
        Value::Object(map) if map.contains_key("metric") => metric_spec(map),
        Value::Object(map) if map.contains_key("text") => manual_spec(map),
        Value::Object(_) => Err("it has neither `metric:` nor `text:`".into()),
        other => Err(format!("`{other}` is not a key result")),
    }
}

fn unknown_keys(map: &Map<String, Value>, known: &[&str]) -> Result<(), String> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => Err(format!(
            "unknown key `{k}` (a {} key result has {})",
            if known.contains(&"metric") {
                "metric"
            } else {
                "manual"
            },
            known.join(", ")
        )),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn number_of_value(map: &Map<String, Value>, key: &str) -> Result<Option<f64>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64().filter(|v| v.is_finite())),
        Some(Value::String(s)) => crate::readings::number(s)
            .map(Some)
            .ok_or_else(|| format!("`{key}: {s}` is not a number")),
        Some(other) => Err(format!("`{key}: {other}` is not a number")),
    }
}

fn date_of(map: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match map.get(key).and_then(text_of) {
        None => Ok(None),
        Some(d) if techlead_markdown::dates::valid_date(&d) && d.len() == 10 => Ok(Some(d)),
        Some(d) => Err(format!("`{key}: {d}` is not a date (YYYY-MM-DD)")),
    }
}

fn metric_spec(map: &Map<String, Value>) -> Result<Spec, String> {
    unknown_keys(map, METRIC_KEYS)?;
    let written = map
        .get("metric")
        .and_then(text_of)
        .ok_or("`metric:` is empty")?;
    let (metric, op, target) = match (map.get("op"), map.get("target")) {
        (None, None) => kr::parse_expression(&written)?,
        (op, target) => {
            let op = op
                .and_then(text_of)
                .and_then(|o| Op::parse(&o))
                .ok_or("`op:` must be one of >=, >, <=, <, ==")?;
            let target = target.and_then(text_of).ok_or("`target:` is missing")?;
            (written, op, target)
        }
    };
    Ok(Spec::Metric {
        metric,
        op,
        target,
        start: map.get("start").and_then(text_of),
        added: date_of(map, "added")?,
    })
}

fn manual_spec(map: &Map<String, Value>) -> Result<Spec, String> {
    unknown_keys(map, MANUAL_KEYS)?;
    let text = map
        .get("text")
        .and_then(text_of)
        .ok_or("`text:` is empty")?;
    let start = number_of_value(map, "start")?.ok_or("`start:` is missing")?;
    let target = number_of_value(map, "target")?.ok_or("`target:` is missing")?;
    if start == target {
        return Err("`start:` and `target:` are equal; a key result moves something".into());
    }
    Ok(Spec::Manual {
        text,
        start,
        target,
        current: number_of_value(map, "current")?,
        unit: map.get("unit").and_then(text_of),
        updated: date_of(map, "updated")?,
    })
}

/// Parents must name goals that exist (a finding otherwise, not an
/// error) and never loop: a loop is an input error, as no tree can be
/// drawn from it.
fn check_tree(goals: &[Goal]) -> Result<(), InputError> {
    for g in goals {
        let mut seen = vec![g.id.as_str()];
        let mut at = g;
        while let Some(p) = &at.parent {
            let Some(next) = goals.iter().find(|x| x.matches(p)) else {
                break;
            };
            if seen.contains(&next.id.as_str()) {
                seen.push(next.id.as_str());
                return Err(InputError::in_file(
                    &g.path,
                    format!("the goal's parents loop: {}", seen.join(" -> ")),
                )
                .at(g.lines.parent.unwrap_or(g.lines.title) as usize, None)
                .with_help("a goal serves one parent goal up to a goal with no parent"));
            }
            seen.push(next.id.as_str());
            at = next;
        }
    }
    Ok(())
}

/// The goal that `key` names, or an input error listing the goals.
pub fn resolve<'g>(goals: &'g [Goal], key: &str) -> Result<&'g Goal, InputError> {
    goals.iter().find(|g| g.matches(key)).ok_or_else(|| {
        let known: Vec<&str> = goals.iter().map(|g| g.id.as_str()).collect();
        let err = InputError::new(format!("no goal `{}`", key.trim()));
        if known.is_empty() {
            err.with_help("there are no goals yet: `techlead goals add TITLE`")
        } else {
            err.with_help(format!(
                "goals: {} (`techlead goals list` shows them)",
                known.join(", ")
            ))
        }
    })
}

#[cfg(test)]
mod tests;
