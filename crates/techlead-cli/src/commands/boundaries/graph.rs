//! `techlead boundaries graph`: the module graph in DOT, Mermaid or JSON,
//! collapsed to a depth and cut to a module's neighbourhood on request.

use super::{analyze, config_name};
use crate::cli::{Format, GraphView};
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;

pub fn run(ctx: &Context, view: &GraphView) -> Result<ExitCode> {
    let format = ctx.output_format();
    let analysis = analyze(ctx)?;
    let mut g =
        techlead_boundaries::graph(&ctx.config, &ctx.boundaries, &analysis, &config_name(ctx))?;
    if let Some(depth) = view.depth {
        g = g.collapse(depth as usize);
    }
    if let Some(focus) = &view.focus {
        g = g.focus(focus, view.radius as usize)?;
    }
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&g)?)?,
        Format::Mermaid => out!("{}", g.to_mermaid())?,
        _ => out!("{}", g.to_dot())?,
    }
    Ok(ExitCode::Clean)
}
