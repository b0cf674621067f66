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
