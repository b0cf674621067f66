//! `techlead debt`: the technical-debt register, the marker scan, interest
//! and the repayment plan.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DebtCommand {
    /// Record a debt item (docs/debt/NNNN-slug.md) and print its path
    Add {
        /// What the debt is, in one line
        title: String,
        /// Who answers for it: a person or a team
        #[arg(long)]
        owner: Option<String>,
        /// What repaying it costs: a range of working time (2-4d, 4h-1d, 1-2w; 1d = 8h, 1w = 5d)
        #[arg(long, value_name = "RANGE")]
        principal: Option<String>,
        /// What it costs each month meanwhile, your estimate (2-4h, 1d)
        #[arg(long, value_name = "RANGE")]
        interest: Option<String>,
        /// The date it should be repaid by (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        target: Option<String>,
        /// A file, folder or glob the debt lives in (repeatable)
        #[arg(long = "path", value_name = "GLOB")]
        paths: Vec<String>,
        /// A [boundaries] module it lives in (repeatable)
        #[arg(long = "module", value_name = "NAME")]
        modules: Vec<String>,
        /// A decision record behind it (repeatable)
        #[arg(long = "decision", value_name = "ADR")]
        decisions: Vec<String>,
        /// A goal it serves (repeatable)
        #[arg(long = "goal", value_name = "GOAL")]
        goals: Vec<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[command(flatten)]
        dir: DebtDir,
    },
    /// List the register (text, json or csv)
    List {
        /// Only items with this status (repeatable; `owed` for open, scheduled and in-progress)
        #[arg(long = "status", value_name = "STATUS")]
        statuses: Vec<String>,
        #[command(flatten)]
        dir: DebtDir,
    },
    /// Print one item with its interest signals next to the manual estimate
    Show {
        /// The item's number, file name, or a unique piece of its title
        id: String,
        #[command(flatten)]
        dir: DebtDir,
    },
    /// Change an item's status (open, scheduled, in-progress, repaid, accepted, wont-fix)
    Status {
        id: String,
        status: String,
        /// Why, for the dated line under `## History`
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        dir: DebtDir,
    },
    /// Add paths, modules, decisions, goals or tags to an item (or remove them)
    Link {
        id: String,
        #[arg(long = "path", value_name = "GLOB")]
        paths: Vec<String>,
        #[arg(long = "module", value_name = "NAME")]
        modules: Vec<String>,
        #[arg(long = "decision", value_name = "ADR")]
        decisions: Vec<String>,
        #[arg(long = "goal", value_name = "GOAL")]
        goals: Vec<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Remove the values instead of adding them
        #[arg(long)]
        remove: bool,
        #[command(flatten)]
        dir: DebtDir,
    },
    /// A repayment schedule within a capacity: dates, targets at risk, burn-down
    Plan {
        /// The share of the team's time for debt (20%, or 0.2)
        #[arg(long, default_value = "20%")]
        capacity: String,
        /// People in the team
        #[arg(long)]
        team: u32,
        /// Length of a period, in weeks (1w, 2w)
        #[arg(long, default_value = "2w")]
        period: String,
        /// First day of the plan (default today)
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[command(flatten)]
        dir: DebtDir,
    },
    /// Markers in comments (TODO, FIXME, HACK, XXX, BUG) with their owner, due date and issue
    Scan {
        /// Files or folders to scan (default: the whole project)
        paths: Vec<PathBuf>,
    },
    /// The hottest files no item covers, with a ready `debt add` command for each
    Suggest {
        /// How many files
        #[arg(long, default_value_t = 10)]
        top: usize,
        #[command(flatten)]
        dir: DebtDir,
    },
}

#[derive(Debug, Args)]
pub struct DebtDir {
    /// The register folder (default: [debt] dir, else docs/debt)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}
