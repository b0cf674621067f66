//! `techlead deps`: the dependency inventory, its SBOMs, and with
//! `--online` its risk.

use clap::Args;

#[derive(Debug, Args)]
pub struct DepsArgs {
    /// Only direct runtime dependencies that no source file imports
    #[arg(long, conflicts_with = "online")]
    pub unused: bool,
    /// Ask the registries and OSV (network): newest versions, how far behind, yanked and
    /// deprecated releases, known vulnerabilities; cached in .techlead/cache
    #[arg(long)]
    pub online: bool,
    /// The SBOM's creation time (RFC 3339, or `now`); SOURCE_DATE_EPOCH sets it too.
    /// Without either, SBOMs carry no time
    #[arg(long, value_name = "TIME")]
    pub timestamp: Option<String>,
}
