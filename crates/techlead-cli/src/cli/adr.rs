//! `techlead adr`: decision records.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DirArg {
    /// The decisions folder (default: [decisions] dir, else auto-detected)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateArg {
    Madr,
    MadrMinimal,
    Nygard,
    Evaluation,
    BuildVsBuy,
}

#[derive(Debug, Subcommand)]
pub enum AdrCommand {
    /// Create a new record with the next number (or date-slug) and print its path
    New {
        /// The decision's title
        title: String,
        #[arg(long, value_enum)]
        template: Option<TemplateArg>,
        /// Record that this decision supersedes ID (both files are updated)
        #[arg(long, value_name = "ID")]
        supersedes: Option<String>,
        /// Initial status
        #[arg(long, default_value = "proposed")]
        status: String,
        /// Tag (repeatable)
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
        /// Decision maker (repeatable)
        #[arg(long = "decider", value_name = "NAME")]
        deciders: Vec<String>,
        #[command(flatten)]
        dir: DirArg,
    },
    /// List records (text, json or csv)
    List {
        /// Only records with this status
        #[arg(long)]
        status: Option<String>,
        /// Only records with this tag
        #[arg(long)]
        tag: Option<String>,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Print one record: ID is a number, a file stem, or a piece of the title
    Show {
        id: String,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Set a record's status, written in the record's own style
    Status {
        id: String,
        /// proposed, accepted, rejected, deprecated, superseded, or a custom word
        status: String,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Mark OLD as superseded by NEW, updating both files
    Supersede {
        old: String,
        new: String,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Add a two-way link: SRC gets "KIND TGT", TGT gets "REVERSE SRC"
    Link {
        src: String,
        /// e.g. "Amends"
        kind: String,
        tgt: String,
        /// The reverse link's kind, e.g. "Amended by"
        #[arg(long, value_name = "KIND")]
        reverse: Option<String>,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Lint the records; exit 1 on error-level findings
    Lint {
        #[command(flatten)]
        dir: DirArg,
    },
    /// Give record ID the number NEW and rewrite every link to it
    Renumber {
        id: String,
        new: u32,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Update the index table in the folder's README.md (or print it)
    Index {
        /// Print the table instead of writing README.md
        #[arg(long)]
        print: bool,
        #[command(flatten)]
        dir: DirArg,
    },
    /// Draw the records and their links (dot or mermaid)
    Graph {
        #[command(flatten)]
        dir: DirArg,
    },
    /// Weighted totals, ranking and sensitivity of an evaluation record's matrix
    Score {
        id: String,
        #[command(flatten)]
        dir: DirArg,
    },
}
