//! The command line, declared with clap's derive API. Only argument shapes
//! live here; each command's behaviour lives in `commands/`.

mod adr;
mod boundaries;
mod ci;
mod debt;
mod deps;
mod formats;
mod goals;
mod health;
mod history;
#[cfg(feature = "mcp")]
mod mcp;
mod org;
mod radar;
mod snapshot;

pub use adr::{AdrCommand, TemplateArg};
pub use boundaries::{BoundariesCommand, GraphView};
pub use ci::{CiCommand, CiInit, CiProvider};
pub use debt::{DebtCommand, DebtDir};
pub use deps::DepsArgs;
pub use formats::{Parsed, command, parse};
pub use goals::GoalsCommand;
pub use health::HealthArgs;
pub use history::{HistoryAnalysis, HistoryArgs};
#[cfg(feature = "mcp")]
pub use mcp::McpArgs;
pub use org::{OrgCommand, OrgReportArgs, StoreArg};
pub use radar::{RadarCommand, RadarDir};
pub use snapshot::{ReportArgs, SnapshotArgs, TrendArgs};

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Project to work on: a working tree (default: found from the current directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub repo: Option<PathBuf>,
    /// Config file to use instead of the discovered techlead.toml
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
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
    /// GitLab Code Quality report (check, adr lint, boundaries check)
    Gitlab,
    Dot,
    Mermaid,
    Html,
    Markdown,
    /// ThoughtWorks Build Your Own Radar CSV (radar export/import)
    ByorCsv,
    /// ThoughtWorks Build Your Own Radar JSON (radar export/import)
    ByorJson,
    /// Zalando tech radar config.json (radar export/import)
    Zalando,
    /// Backstage tech-radar JSON (radar export/import)
    Backstage,
    /// CycloneDX 1.6 JSON SBOM (deps)
    Cyclonedx,
    /// SPDX 2.3 JSON SBOM (deps)
    Spdx,
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
            Format::Gitlab => "gitlab",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::ByorCsv => "byor-csv",
            Format::ByorJson => "byor-json",
            Format::Zalando => "zalando",
            Format::Backstage => "backstage",
            Format::Cyclonedx => "cyclonedx",
            Format::Spdx => "spdx",
        }
    }
}

impl Format {
    /// The findings renderer for this format (`check`, `adr lint`,
    /// `boundaries check` accept only these).
    pub fn findings(self) -> Option<techlead_core::output::FindingsFormat> {
        use techlead_core::output::FindingsFormat as F;
        Some(match self {
            Format::Text => F::Text,
            Format::Json => F::Json,
            Format::Sarif => F::Sarif,
            Format::Junit => F::Junit,
            Format::Github => F::Github,
            Format::Gitlab => F::Gitlab,
            _ => return None,
        })
    }

    /// The radar exchange format (`radar export` and `import`).
    pub fn exchange(self) -> Option<techlead_radar::exchange::Format> {
        use techlead_radar::exchange::Format as X;
        Some(match self {
            Format::ByorCsv => X::ByorCsv,
            Format::ByorJson => X::ByorJson,
            Format::Zalando => X::Zalando,
            Format::Backstage => X::Backstage,
            _ => return None,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the configuration guide (every section and key, with examples)
    Docs,
    /// Print the JSON Schema of techlead.toml, for editors (taplo, Even Better TOML)
    Schema,
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
    Check {
        /// Also run the rules that need the registries and OSV ([deps] online = true does
        /// it always)
        #[arg(long)]
        online: bool,
        /// Report only the findings in these files or folders (every check still reads the
        /// whole project; pre-commit passes the changed files here)
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
    },
    /// Architecture decision records: create, list, edit, lint, index, graph, score
    #[command(subcommand)]
    Adr(AdrCommand),
    /// Module boundaries: check imports against the modules in techlead.toml
    #[command(subcommand)]
    Boundaries(BoundariesCommand),
    /// Git history: hotspots, coupling, churn, ownership, knowledge loss, truck factor, delivery
    History(HistoryArgs),
    /// Code health: per-function complexity, length, nesting and parameters, and a 1-10 score per file
    Health(HealthArgs),
    /// Technology radar: records tied to the real dependencies
    #[command(subcommand)]
    Radar(RadarCommand),
    /// Technical-debt register: items, marker scan, interest and a repayment plan
    #[command(subcommand)]
    Debt(DebtCommand),
    /// Business goals with key results bound to techlead metrics, linked to decisions, debt and technologies
    #[command(subcommand)]
    Goals(GoalsCommand),
    /// Dependency inventory from every lockfile and manifest in the tree; SBOMs; with --online, risk
    Deps(DepsArgs),
    /// Engineering-practices scorecard: checks, maturity level, the team per quarter, architecture fit
    Practices {
        /// The activity window for review and active contributors: "90d", "6 months", or a date (default: [practices] since, else 90 days)
        #[arg(long, value_name = "WINDOW")]
        since: Option<String>,
    },
    /// The assessment: one self-contained HTML report (or markdown, json)
    Report(ReportArgs),
    /// Record the metrics of HEAD into the snapshot database (.techlead/snapshots.db)
    Snapshot(SnapshotArgs),
    /// One metric over time, from the snapshots, with decision dates marked
    Trend(TrendArgs),
    /// Many repositories in one store (PostgreSQL): list, trends, the organisation's radar
    #[command(subcommand)]
    Org(OrgCommand),
    /// List every rule id with its default severity
    Rules,
    /// Continuous integration: write a workflow that runs techlead
    #[command(subcommand)]
    Ci(CiCommand),
    /// Serve the decisions, boundaries, radar and history to coding assistants (Model Context Protocol)
    #[cfg(feature = "mcp")]
    Mcp(McpArgs),
    /// The techlead.toml reference: every section and key
    #[command(subcommand)]
    Config(ConfigCommand),
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
