//! `techlead snapshot`, `techlead trend` and `techlead report`: metrics
//! over time and the assessment.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// The commit to record (default HEAD); another commit is read from
    /// git objects, without checking it out
    #[arg(long)]
    pub rev: Option<String>,
    /// List every metric (name, unit, which way is better, meaning) instead
    /// of recording
    #[arg(long, conflicts_with_all = ["rev", "backfill"])]
    pub list: bool,
    /// Record past commits of HEAD's first-parent line, one per period,
    /// read from git objects without checking anything out
    #[arg(long, conflicts_with_all = ["rev", "online"])]
    pub backfill: bool,
    /// With --backfill: the period, as 7d, 2w, 1mo, 3mo, 1y
    #[arg(
        long,
        requires = "backfill",
        value_name = "PERIOD",
        default_value = "1mo"
    )]
    pub every: String,
    /// With --backfill: how far back, as 2y, 6mo, 90d, or a date YYYY-MM-DD
    #[arg(long, requires = "backfill", value_name = "WHEN", default_value = "1y")]
    pub since: String,
    /// With --backfill: record again the commits that have a snapshot
    #[arg(long, requires = "backfill")]
    pub force: bool,
    /// Compute and print the metrics without recording them
    #[arg(long)]
    pub dry_run: bool,
    /// Also ask the registries and OSV (network) for the dependency risk
    /// metrics: deps.vulnerable, deps.yanked, deps.outdated_major
    #[arg(long, conflicts_with = "list")]
    pub online: bool,
    /// Also push the snapshot to the organisation store:
    /// postgres://user@host/db (password from PGPASSWORD or ~/.pgpass) or
    /// a SQLite file [default: TECHLEAD_STORE, else [store] url]
    #[arg(
        long,
        env = "TECHLEAD_STORE",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub store: Option<String>,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The metric to draw (`techlead snapshot --list` shows every name)
    pub metric: String,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the report to this file (default: report.html, report.md or
    /// report.json by --format); `-` is stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the report to stdout instead of a file
    #[arg(long, conflicts_with = "out")]
    pub stdout: bool,
    /// Do not record this commit's metrics in the snapshot database (the
    /// report records them by default, so the next one shows trends)
    #[arg(long)]
    pub no_snapshot: bool,
    /// Also ask the registries and OSV (network) for the dependency risk:
    /// vulnerable packages (those on Hold first), outdated and yanked versions
    #[arg(long)]
    pub online: bool,
}
