//! A file's code health for `file_context`: what `techlead health PATH
//! --format json` prints for it, written by the health context's own JSON
//! writer and read back into typed rows, so the answer cannot differ from
//! the CLI's and its schema is declared.

use crate::project::Session;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use techlead_core::InputError;
use techlead_health::{Options, SortKey};

/// `techlead health PATH --format json` for one file.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthOut {
    /// The file's row (one).
    pub files: Vec<HealthFile>,
    /// Its functions, the costliest first (the CLI's default order).
    pub functions: Vec<HealthFunction>,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthFile {
    pub file: String,
    pub language: String,
    /// Lines of code.
    pub loc: u32,
    /// How many functions it has.
    pub functions: u32,
    /// 1 (worst) to 10 (healthy), two decimals.
    pub health: f64,
}

#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthFunction {
    pub file: String,
    pub name: String,
    pub line: u32,
    pub end_line: u32,
    /// Cyclomatic complexity, counted as lizard counts it.
    pub complexity: u32,
    pub nloc: u32,
    pub params: u32,
    /// Deepest nesting of control structures.
    pub nesting: u32,
}

/// The health of `path` (root-relative, a file) with the project's
/// `[health]` limits; Err with the reason when it has none (not in a
/// language the scanners read, excluded, unreadable).
pub fn of_file(session: &Session, path: &str) -> Result<HealthOut, String> {
    let p = session.project;
    let options = p.health().map(Options::from_config).unwrap_or_default();
    let report = techlead_health::measure(p.root(), &[PathBuf::from(path)], &options)
        .map_err(|e: InputError| e.to_string())?;
    if report.files.is_empty() {
        return Err(match report.skipped.first() {
            Some(s) => format!("not measured: {}", s.reason),
            None => format!(
                "`{path}` is not measured by techlead health: not in a language its scanners \
                 read, or left out by [health] exclude"
            ),
        });
    }
    let files = techlead_health::sorted_files(&report.files, SortKey::Health);
    let functions = techlead_health::sorted_functions(&report.files, SortKey::Health);
    let mut json = Vec::new();
    techlead_health::write_json(&mut json, &files, &functions).map_err(|e| e.to_string())?;
    serde_json::from_slice(&json).map_err(|e| format!("the health JSON did not read back: {e}"))
}
