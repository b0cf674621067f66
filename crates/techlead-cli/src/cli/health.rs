//! `techlead health`: its options.

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::path::PathBuf;
use techlead_health::SortKey;

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Files or folders to measure (default: the whole project)
    pub paths: Vec<PathBuf>,
    /// Order of files and functions; health: the least healthy file and the costliest function first
    #[arg(long, default_value = "health", value_parser = sort_key())]
    pub sort: SortKey,
    /// Only the first N files and N functions (or groups); 0 lists all [default: 20 in text, all otherwise]
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Health per [boundaries] module instead of per file
    #[arg(long, conflicts_with = "by_folder")]
    pub by_module: bool,
    /// Health per folder of this many path components instead of per file
    #[arg(long, value_name = "DEPTH")]
    pub by_folder: Option<usize>,
    /// Record today's health/* findings in .techlead/baseline.toml; check then reports only new ones
    #[arg(long, conflicts_with_all = ["paths", "by_module", "by_folder", "top"])]
    pub write_baseline: bool,
}

/// `--sort`'s values are the health context's sort keys, by name.
fn sort_key() -> impl TypedValueParser<Value = SortKey> {
    PossibleValuesParser::new(SortKey::ALL.map(SortKey::name))
        .map(|name| SortKey::parse(&name).unwrap_or_default())
}
