//! `techlead history`: its options and its analyses.

use clap::{Args, Subcommand};
use techlead_core::table::Row;
use techlead_history as h;

/// A per-file analysis's help: its columns, from the row type that
/// defines them, then what it tells.
fn about<R: Row>(what: &str) -> String {
    let columns: Vec<&str> = R::COLUMNS.iter().map(|c| c.name).collect();
    format!("{}: {what}", columns.join(","))
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub analysis: HistoryAnalysis,
    /// Walk back from this revision (default HEAD)
    #[arg(long, global = true, conflicts_with = "all")]
    pub rev: Option<String>,
    /// Walk back from every branch, tag and remote ref, as `git log --all`
    #[arg(long, global = true)]
    pub all: bool,
    /// Only commits since a date (YYYY-MM-DD) or a duration ("18 months", "90 days")
    #[arg(long, global = true)]
    pub since: Option<String>,
    /// Only commits until a date (YYYY-MM-DD)
    #[arg(long, global = true)]
    pub until: Option<String>,
    /// Count a renamed file under each name, as `git log --no-renames` does
    #[arg(long, global = true)]
    pub no_renames: bool,
    /// Leave out files matching this glob (repeatable)
    #[arg(long = "exclude", value_name = "GLOB", global = true)]
    pub exclude: Vec<String>,
    /// Keep lock, vendored and generated files, which are left out by default
    /// (with coupling and soc: every file ever changed, as code-maat counts)
    #[arg(long, global = true)]
    pub all_files: bool,
    /// Keep files deleted before the analysed revision in the analyses of the
    /// code as it is (knowledge, ownership, coupling, hotspots, summary)
    #[arg(long, global = true)]
    pub include_deleted: bool,
    /// Keep bots (dependabot[bot], renovate, *-bot, ...) in the analyses of
    /// people (authors, ownership, knowledge, truck factor, people counts)
    #[arg(long, global = true)]
    pub include_bots: bool,
    /// Show each commit identity as it is (after .mailmap), without joining
    /// one person's names and emails
    #[arg(long, global = true)]
    pub no_identity_merge: bool,
    /// The kinds of file hotspots, coupling and the summary rank (repeatable;
    /// default source: CI workflows and settings files are `config`)
    #[arg(long = "kind", value_name = "KIND", global = true,
          value_parser = ["source", "test", "docs", "config", "generated", "vendored", "binary"])]
    pub kinds: Vec<String>,
    /// Exit 2 when a blob could not be read (a partial clone), instead of a
    /// warning
    #[arg(long, global = true)]
    pub strict: bool,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAnalysis {
    #[command(about = about::<h::Revisions>("how many commits changed each file"))]
    Revisions,
    #[command(about = about::<h::Coupling>("files that change together (code-maat's algorithm)"))]
    Coupling {
        #[arg(long, default_value_t = 5)]
        min_revs: usize,
        #[arg(long, default_value_t = 5)]
        min_shared_revs: usize,
        #[arg(long, default_value_t = 30)]
        min_coupling: u32,
        #[arg(long, default_value_t = 100)]
        max_coupling: u32,
        /// Commits that change more files are left out before counting
        #[arg(long, default_value_t = 30)]
        max_changeset_size: usize,
        /// Couple the [boundaries] modules instead of files
        #[arg(long, conflicts_with = "by_folder")]
        by_module: bool,
        /// Couple folders of this many path components instead of files
        #[arg(long, value_name = "DEPTH")]
        by_folder: Option<usize>,
    },
    #[command(about = about::<h::Soc>("the sum of coupling per file"))]
    Soc {
        #[arg(long, default_value_t = 30)]
        max_changeset_size: usize,
    },
    #[command(about = about::<h::Authors>("how many people changed each file"))]
    Authors,
    #[command(about = about::<h::MainDev>("the main developer by revisions"))]
    MainDevByRevs,
    #[command(about = about::<h::AbsChurn>("lines added and deleted per day (commits counts file changes, as code-maat)"))]
    AbsChurn,
    #[command(about = about::<h::AuthorChurn>("lines added and deleted per author"))]
    AuthorChurn,
    #[command(about = about::<h::EntityChurn>("lines added and deleted per file, most added first"))]
    EntityChurn,
    #[command(about = about::<h::Ownership>("lines each author added and deleted in each file"))]
    EntityOwnership,
    #[command(about = about::<h::AddedOwner>("the main developer by lines added"))]
    MainDev,
    #[command(about = about::<h::RemovedOwner>("the main developer by lines deleted"))]
    RefactoringMainDev,
    #[command(about = about::<h::Age>("months since each file last changed"))]
    Age,
    /// The truck factor (Avelino et al.) and the people who make it up
    TruckFactor,
    #[command(about = about::<h::Fragmentation>("knowledge spread per file, by revisions"))]
    Fragmentation,
    /// One screen: hotspots, coupling, tests, knowledge risk and delivery
    Summary,
    #[command(about = about::<h::Loss>("files whose every author has made no commit lately"))]
    KnowledgeLoss {
        /// Authors with a commit in this window count as active
        #[arg(long, default_value = "12 months")]
        window: String,
    },
    /// Releases from tags, release frequency, lead time and revert rate (DORA approximations)
    Delivery {
        /// Release tags (glob; repeatable). Default: [history] release_tags, else v1.2.3, 1.2.3, v1.2 and 1.2
        #[arg(long = "tags", value_name = "GLOB")]
        tags: Vec<String>,
    },
    #[command(about = about::<h::Hotspot>("change times complexity, from the language scanners"))]
    Hotspots {
        /// Only the first N rows
        #[arg(long)]
        top: Option<usize>,
        /// Roll up per folder of this many path components
        #[arg(long, value_name = "DEPTH", conflicts_with = "by_module")]
        by_folder: Option<usize>,
        /// Roll up per [boundaries] module
        #[arg(long)]
        by_module: bool,
    },
}
