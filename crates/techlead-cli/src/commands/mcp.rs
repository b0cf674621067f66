//! `techlead mcp`: hands the project, as this CLI opens it, to the MCP
//! server. The CLI stays the composition root: the server gets the same
//! typed configuration and the same check registry as every command.

use crate::cli::{GlobalArgs, McpArgs};
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use std::sync::Arc;
use techlead_boundaries::config::BoundariesConfig;
use techlead_core::check::Check;
use techlead_core::{ExitCode, RuleInfo};
use techlead_health::HealthConfig;
use techlead_history::config::HistoryConfig;
use techlead_mcp::{Open, Project, Transport};
use techlead_radar::config::RadarConfig;
use techlead_records::config::DecisionsConfig;

impl Project for Context {
    fn decisions(&self) -> &DecisionsConfig {
        &self.decisions
    }

    fn boundaries(&self) -> &BoundariesConfig {
        &self.boundaries
    }

    fn radar(&self) -> &RadarConfig {
        &self.radar
    }

    fn history(&self) -> &HistoryConfig {
        &self.history
    }

    fn health(&self) -> Option<&HealthConfig> {
        self.health.as_ref()
    }

    fn config_file(&self) -> Option<&Path> {
        self.config_file.as_deref()
    }

    fn checks(&self) -> Vec<Box<dyn Check + '_>> {
        super::registry::checks(self)
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        super::registry::rules(self)
    }
}

pub fn run(global: &GlobalArgs, args: McpArgs) -> Result<ExitCode> {
    let transport = match &args.http {
        Some(http) => Transport::Http(techlead_mcp::http_address(
            http,
            args.bind.as_deref(),
            args.allow_write,
        )?),
        None => Transport::Stdio,
    };
    let global = global.clone();
    // Each request opens the project as any command does, so an edited
    // techlead.toml counts at once.
    let open: Arc<Open> = Arc::new(move || {
        let ctx = Context::new(&global, None, &[])?;
        super::validate(&ctx)?;
        Ok(Box::new(ctx) as Box<dyn Project>)
    });
    techlead_mcp::serve(open, transport, args.allow_write)?;
    Ok(ExitCode::Clean)
}
