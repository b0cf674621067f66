//! `techlead goals`: business goals with key results, linked to the
//! decisions, debt items and technologies that serve them.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum GoalsCommand {
    /// Record a goal (docs/goals/NNNN-slug.md) and print its path
    Add {
        /// The business outcome, in one line
        title: String,
        /// Who answers for it: a person or a team
        #[arg(long)]
        owner: Option<String>,
        /// A quarter (2027-Q1), a half (2027-H1), a year, a month, or a date range (2027-01-15..2027-04-30)
        #[arg(long)]
        horizon: Option<String>,
        /// The goal this one serves (its number or file name)
        #[arg(long, value_name = "GOAL")]
        parent: Option<String>,
        /// proposed or active (default active)
        #[arg(long, default_value = "active")]
        status: String,
        /// A key result bound to a techlead metric: "METRIC OP VALUE" (repeatable)
        #[arg(long = "kr", value_name = "METRIC OP VALUE")]
        key_results: Vec<String>,
        /// A key result kept by hand: "TEXT: START -> TARGET UNIT" (repeatable)
        #[arg(long = "kr-manual", value_name = "TEXT: START -> TARGET")]
        manual: Vec<String>,
    },
    /// Every goal with its progress and track (text, json, csv)
    List,
    /// One goal: its key results, children and the records serving it
    Show {
        /// The goal's number or file name
        goal: String,
    },
    /// The goals in flight as a tree; with GOAL and STATUS, change a goal's status
    Status {
        /// The goal to change
        goal: Option<String>,
        /// proposed, active, achieved, missed or dropped
        status: Option<String>,
        /// Why, for the dated line under `## History`
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Link a goal and a record that serves it (writes the record's `goals:`), or unlink them
    Link {
        /// The goal's number or file name
        goal: String,
        /// adr:N, debt:N or radar:NAME
        record: String,
        /// Write the link into the goal's `links:` instead of the record
        #[arg(long, conflicts_with = "remove")]
        in_goal: bool,
        /// Remove the link, from the record's `goals:` and the goal's `links:`, wherever it is written
        #[arg(long)]
        remove: bool,
    },
    /// The traceability matrix: records against the goals they serve (text, json, csv, markdown)
    Matrix {
        /// Every decision, debt item and technology, also those serving no goal
        #[arg(long)]
        all: bool,
    },
}
