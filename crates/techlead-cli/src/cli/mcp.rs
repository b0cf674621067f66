//! `techlead mcp`: the Model Context Protocol server.

use clap::Args;

#[derive(Debug, Args)]
pub struct McpArgs {
    /// Serve streamable HTTP at PORT or HOST:PORT (loopback only unless --bind) instead of stdio
    #[arg(long, value_name = "ADDR")]
    pub http: Option<String>,
    /// The address --http listens on when it is not a loopback one, named on purpose (no authentication)
    #[arg(long, value_name = "HOST", requires = "http")]
    pub bind: Option<String>,
    /// Offer the tools that write: propose a decision (always `proposed`), link records
    #[arg(long)]
    pub allow_write: bool,
    /// Let the `deps` tool ask the registries and OSV when a call says `online` (as `deps --online`)
    #[arg(long)]
    pub online: bool,
}
