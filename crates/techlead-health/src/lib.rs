//! Code health: every function's measures (cyclomatic complexity counted
//! as lizard 1.17 counts it, NLOC, parameters, nesting depth) from the
//! `techlead-lang` scanners, and a health score from 1 to 10 per file
//! built from them (the formula: [`score`], docs/guide/health.md).
//!
//! [`measure`] walks a tree and scores every source file in it; the
//! `health/*` rules ([`check::HealthCheck`]) report the functions over the
//! `[health]` limits. Other contexts get the same numbers without a walk:
//! [`file_health`] scores a file already scanned (history's hotspots),
//! [`of_text`] scans and scores one file's text (the debt register).

pub mod check;
pub mod config;
mod listing;
pub mod memo;
mod output;
mod rollup;
pub mod rules;
pub mod score;
mod walk;

pub use config::{HealthConfig, SECTION};
pub use listing::{SortKey, sorted_files, sorted_functions};
pub use memo::{Measured, Memo};
pub use output::{FileRow, FunctionRow, GroupRow, write_csv, write_json, write_rollup_json};
pub use rollup::{Group, folder_of, rollup};
pub use score::{Penalty, Thresholds, file_health, file_health_with};

use serde::Serialize;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::check::{Env, Progress};
use techlead_lang::{Function, Language};

/// One function with what it costs its file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunctionHealth {
    /// Name, lines and measures, as the scanner reports them.
    #[serde(flatten)]
    pub function: Function,
    pub penalty: Penalty,
}

/// One source file's measures and health.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileHealth {
    /// Relative to the project root, `/` separators.
    pub path: String,
    pub language: Language,
    /// Lines of code: lines holding code, not blank, not only comment.
    pub loc: u32,
    /// Total cyclomatic complexity: every function's plus the branches
    /// outside functions (what history's hotspots multiply by change).
    pub complexity: u32,
    /// In the order they start in the file.
    pub functions: Vec<FunctionHealth>,
    /// The sum of the functions' and the size's penalties.
    pub penalty: f64,
    /// 1 to 10, two decimals.
    pub health: f64,
}

/// A file that was not measured, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Relative to the root; empty when the walk could not say (the
    /// reason names the path then).
    pub path: String,
    pub reason: String,
}

/// What to measure with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub thresholds: Thresholds,
    /// Globs of files to leave out (`[health] exclude`).
    pub exclude: Vec<String>,
}

impl Options {
    /// The limits and excludes of a `[health]` section.
    pub fn from_config(config: &HealthConfig) -> Options {
        Options {
            thresholds: config.thresholds(),
            exclude: config.exclude_patterns(),
        }
    }
}

/// The health of a tree.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Sorted by path.
    pub files: Vec<FileHealth>,
    /// Files in a scanned language that could not be read, and folders
    /// that could not be walked.
    pub skipped: Vec<Skipped>,
    pub thresholds: Thresholds,
}

impl Report {
    /// Every function with its file, in file and line order.
    pub fn functions(&self) -> impl Iterator<Item = (&FileHealth, &FunctionHealth)> {
        self.files
            .iter()
            .flat_map(|f| f.functions.iter().map(move |x| (f, x)))
    }

    /// The files' health averaged with each file weighted by its lines of
    /// code; None without a line of code.
    pub fn average_health(&self) -> Option<f64> {
        rollup::weighted_health(self.files.iter())
    }
}

/// The measures another context needs of a source file (history's
/// hotspots): (total complexity, lines of code, health under these
/// limits), from `memo`'s scan of that content when it has one. Lent to
/// that context as a plain function.
pub fn scorer(
    t: Thresholds,
    memo: &Memo,
) -> impl Fn(&str, Language, &str) -> (u32, u32, f64) + Sync {
    move |path, language, text| {
        let m = memo.measure(path, language, text);
        (m.complexity, m.loc, m.health(&t))
    }
}

/// Measures every source file under `paths` (files or folders, absolute
/// or relative to `root`; empty means the whole root). A path that does
/// not exist or lies outside `root` is an input error; unreadable files
/// are listed in [`Report::skipped`].
pub fn measure(root: &Path, paths: &[PathBuf], options: &Options) -> Result<Report, InputError> {
    measure_with(root, paths, options, &())
}

/// [`measure`] with a progress display ticked once per file.
pub fn measure_with(
    root: &Path,
    paths: &[PathBuf],
    options: &Options,
    progress: &dyn Progress,
) -> Result<Report, InputError> {
    measure_memo(root, paths, options, progress, &Memo::in_memory())
}

/// [`measure_with`], taking the scan of each file `memo` holds for its
/// content (`.techlead/cache/health.bin`, or another reader's scans in
/// the same run) and leaving the new ones there.
pub fn measure_memo(
    root: &Path,
    paths: &[PathBuf],
    options: &Options,
    progress: &dyn Progress,
    memo: &Memo,
) -> Result<Report, InputError> {
    let patterns: Vec<String> = config::default_excludes()
        .map(|g| g.to_string())
        .chain(options.exclude.iter().cloned())
        .collect();
    let exclude = config::exclude_globs(&patterns)
        .map_err(|e| InputError::new(format!("[health] exclude: invalid glob: {e}")))?;
    let starts = starts(root, paths)?;
    let (files, trouble) = walk::find(root, &starts, &exclude);
    let mut report = Report {
        files: Vec::with_capacity(files.len()),
        skipped: trouble,
        thresholds: options.thresholds,
    };
    for r in walk::measure(files, &options.thresholds, progress, memo) {
        match r {
            Ok(f) => report.files.push(f),
            Err(s) => report.skipped.push(s),
        }
    }
    report
        .skipped
        .sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    Ok(report)
}

/// [`measure`] for a command: with the environment's progress display,
/// and each skipped file noted as a warning.
pub fn measure_in(
    env: &dyn Env,
    paths: &[PathBuf],
    options: &Options,
    memo: &Memo,
) -> Result<Report, InputError> {
    let progress = env.progress("measuring files:");
    let report = measure_memo(env.root(), paths, options, &*progress, memo)?;
    drop(progress);
    for s in &report.skipped {
        match s.path.as_str() {
            "" => env.note(&format!("warning: {}", s.reason)),
            path => env.note(&format!("warning: {path}: skipped: {}", s.reason)),
        }
    }
    Ok(report)
}

/// Scans and scores one file's text; `path` is only carried along.
pub fn of_text(path: &str, language: Language, text: &str, thresholds: &Thresholds) -> FileHealth {
    Measured::scan(language, text).file_health(path.to_string(), language, thresholds)
}

/// The walk's starting points: each path made absolute against the root
/// and checked to exist inside it.
fn starts(root: &Path, paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    if paths.is_empty() {
        return Ok(vec![root.to_path_buf()]);
    }
    paths
        .iter()
        .map(|p| techlead_core::paths::inside_root(root, p))
        .collect()
}

#[cfg(test)]
mod tests;
