//! `techlead mcp`: hands the project, as this CLI opens it, to the MCP
//! server. The CLI stays the composition root: the server gets the same
//! typed configuration and the same check registry as every command.

use crate::cli::{GlobalArgs, McpArgs};
use crate::context::Context;
use anyhow::Result;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use techlead_boundaries::config::BoundariesConfig;
use techlead_core::check::Check;
use techlead_core::{ExitCode, RuleInfo};
use techlead_health::HealthConfig;
use techlead_history::config::HistoryConfig;
use techlead_inventory::check::Hold;
use techlead_inventory::config::DepsConfig;
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

    fn goals(&self) -> Result<Vec<techlead_goals::GoalStatus>> {
        // Gathering every context's evidence costs a history walk: only
        // when there are goals to evaluate.
        let dir = self.root.join(self.goals.dir());
        if techlead_goals::load(&self.root, &dir)?.is_empty() {
            return Ok(Vec::new());
        }
        Ok(super::goals::inputs::analysis(self)?.statuses)
    }

    fn deps(&self) -> &DepsConfig {
        &self.deps
    }

    fn cargo_home(&self) -> Option<PathBuf> {
        Context::cargo_home(self)
    }

    fn radar_hold(&self) -> Vec<Hold> {
        super::registry::radar_hold(self)
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
    techlead_mcp::serve(
        open,
        transport,
        techlead_mcp::Allowed {
            write: args.allow_write,
            online: args.online,
        },
    )?;
    Ok(ExitCode::Clean)
}
