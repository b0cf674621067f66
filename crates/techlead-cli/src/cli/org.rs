//! `techlead org`: the organisation store, read for scripts.

use clap::{Args, Subcommand};

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
}
