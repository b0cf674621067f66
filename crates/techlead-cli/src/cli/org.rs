//! `techlead org`: the organisation store, read for scripts.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The organisation store: postgres://user@host/db (password from
    /// PGPASSWORD or ~/.pgpass) or a SQLite file [default: TECHLEAD_STORE,
    /// else [store] url]
    #[arg(
        long,
        env = "TECHLEAD_STORE",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub store: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Every repository in the store: team, tags, snapshots, the latest commit
    List(StoreArg),
    /// One metric over time in every repository (or one)
    Trend {
        /// The metric (`techlead snapshot --list` shows every name)
        metric: String,
        /// Only this repository (its name in `org list`)
        #[arg(long, value_name = "NAME")]
        repository: Option<String>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// The organisation's radar: each technology with its rings and the
    /// repositories that place it there; --hold: packages on Hold in use
    Radar {
        /// List the packages on a Hold ring that repositories use instead
        #[arg(long)]
        hold: bool,
        #[command(flatten)]
        store: StoreArg,
    },
    /// One self-contained HTML dashboard of every repository: figures and trends,
    /// practices, radar, dependency risk, decisions per team, hotspots, knowledge risks
    Report(OrgReportArgs),
}

#[derive(Debug, Args)]
pub struct OrgReportArgs {
    /// Write the dashboard to this file (default: org.html, or org.json with --format json); `-` is stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the dashboard to stdout instead of a file
    #[arg(long, conflicts_with = "out")]
    pub stdout: bool,
    #[command(flatten)]
    pub store: StoreArg,
}
