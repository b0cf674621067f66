//! `techlead boundaries`: module boundaries on real imports.

use clap::Subcommand;
use std::path::PathBuf;

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
    Graph(GraphView),
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
    /// List the findings that inline `techlead: ignore[...]` comments suppress, with their reasons
    Suppressions,
}

/// How much of the module graph to draw.
#[derive(Debug, Default, clap::Args)]
pub struct GraphView {
    /// Merge modules into their first N name parts (split on `.`, `/` or `::`)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: Option<u32>,
    /// Draw only this module (after --depth) and its neighbours
    #[arg(long, value_name = "MODULE")]
    pub focus: Option<String>,
    /// With --focus: how many steps of dependencies, either way, to include
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    pub radius: u32,
}
