//! The command line, declared with clap's derive API. Only argument shapes
//! live here; each command's behaviour lives in `commands/`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

pub use crate::history_args::{HistoryAnalysis, HistoryArgs};

#[derive(Debug, Parser)]
#[command(
    name = "techlead",
    version,
    about = "Technical leadership as code: decision records, boundaries, history and more, checked in CI",
    long_about = None,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Project to work on: a working tree (default: found from the current directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// Config file to use instead of the discovered techlead.toml
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Output format; each command accepts the formats that make sense for it
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Print only the requested data: no summaries or notes on stderr
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Neither read nor write the incremental cache in .techlead/cache
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// When to colour text output (NO_COLOR is honoured in auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
    Sarif,
    Junit,
    Github,
    Dot,
    Mermaid,
    /// ThoughtWorks Build Your Own Radar CSV (radar export/import)
    ByorCsv,
    /// ThoughtWorks Build Your Own Radar JSON (radar export/import)
    ByorJson,
    /// Zalando tech radar config.json (radar export/import)
    Zalando,
    /// Backstage tech-radar JSON (radar export/import)
    Backstage,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::ByorCsv => "byor-csv",
            Format::ByorJson => "byor-json",
            Format::Zalando => "zalando",
            Format::Backstage => "backstage",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold techlead.toml and the decisions folder with ADR 0001
    Init,
    /// Run every configured check; exit 1 on error-level findings
    Check,
    /// Architecture decision records: create, list, edit, lint, index, graph, score
    #[command(subcommand)]
    Adr(AdrCommand),
    /// Module boundaries: check imports against the modules in techlead.toml
    #[command(subcommand)]
    Boundaries(BoundariesCommand),
    /// Git history: hotspots, coupling, churn, ownership, knowledge loss, truck factor, delivery
    History(HistoryArgs),
    /// Technology radar: records tied to the real dependencies
    #[command(subcommand)]
    Radar(RadarCommand),
    /// Dependency inventory from every lockfile and manifest in the tree (text, json, csv)
    Deps {
        /// Only direct runtime dependencies that no source file imports
        #[arg(long)]
        unused: bool,
    },
    /// List every rule id with its default severity
    Rules,
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write man pages (techlead.1 and one per subcommand) into a folder
    Man {
        #[arg(long, default_value = "man")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RadarCommand {
    /// Create a technology record (docs/radar/<id>.md) and print its path
    Add {
        /// The technology's name
        name: String,
        #[arg(long)]
        quadrant: String,
        #[arg(long)]
        ring: String,
        /// A package it covers, as ecosystem:name (cargo, npm, pypi, go, rubygems, maven, packagist)
        #[arg(long = "package", value_name = "ECO:NAME")]
        packages: Vec<String>,
        /// What it is for; two technologies in use for one purpose are reported
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// The ADR that records the choice
        #[arg(long)]
        decision: Option<String>,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Move a technology to another ring, with a dated history line
    Move {
        name: String,
        ring: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// List the technologies (text, json or csv)
    List {
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Score technologies with evidence from this repository (git history, lockfiles); several compare
    Evaluate {
        /// One or more technologies
        #[arg(required = true)]
        names: Vec<String>,
        /// The window for team capability, in months
        #[arg(long, default_value_t = 12)]
        months: u32,
        /// Also ask crates.io, npm and PyPI when each version in use was
        /// published, the newest release, and the license (network)
        #[arg(long)]
        online: bool,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Draw the radar as a self-contained SVG or HTML page (by --out's extension)
    Render {
        /// radar.svg or radar.html
        #[arg(long)]
        out: PathBuf,
        /// Measure movement against a date (YYYY-MM-DD; default: 90 days ago) or a git tag/revision
        #[arg(long)]
        since: Option<String>,
        #[arg(long, default_value = "Technology Radar")]
        title: String,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Print the radar for other tools (--format byor-csv, byor-json, zalando or backstage)
    Export {
        /// Measure isNew and movement against a date (default: 90 days ago) or a git tag/revision
        #[arg(long)]
        since: Option<String>,
        #[arg(long, default_value = "Technology Radar")]
        title: String,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Create records from another tool's export (--format byor-csv, byor-json, zalando or backstage)
    Import {
        file: PathBuf,
        #[command(flatten)]
        dir: RadarDir,
    },
    /// Print one technology record
    Show {
        name: String,
        #[command(flatten)]
        dir: RadarDir,
    },
}

#[derive(Debug, Args)]
pub struct RadarDir {
    /// The technology records folder (default: [radar] dir, else docs/radar)
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BoundariesCommand {
    /// Check every import against the declared modules and layers
    Check,
    /// Print the resolved file-level import edges (text, json or csv)
    Imports {
        /// Only edges from files under these paths (default: all)
        paths: Vec<PathBuf>,
        /// Also print imports of external packages (text and json)
        #[arg(long)]
        external: bool,
    },
    /// Print the module graph, violating edges marked (dot, mermaid or json)
    Graph,
    /// Write the dependencies the code has into each module's depends_on (keeps comments)
    Sync {
        /// Print what would change and exit 1 if anything would, writing nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Discover modules (crates, packages, folders) and add them to techlead.toml
    Init,
    /// Record today's violations in .techlead/baseline.toml; check then fails only on new ones
    Baseline,
}

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
