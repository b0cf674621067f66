//! `techlead health`: its options.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct HealthArgs {
    /// Files or folders to measure (default: the whole project)
    pub paths: Vec<PathBuf>,
    /// Order of files and functions (default health: the least healthy file and the costliest function first)
    #[arg(long, value_enum, default_value_t = SortArg::Health)]
    pub sort: SortArg,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Health,
    Complexity,
    Nloc,
    Params,
    Nesting,
    Loc,
    Path,
}

impl SortArg {
    pub fn key(self) -> techlead_health::SortKey {
        use techlead_health::SortKey as K;
        match self {
            SortArg::Health => K::Health,
            SortArg::Complexity => K::Complexity,
            SortArg::Nloc => K::Nloc,
            SortArg::Params => K::Params,
            SortArg::Nesting => K::Nesting,
            SortArg::Loc => K::Loc,
            SortArg::Path => K::Path,
        }
    }
}
