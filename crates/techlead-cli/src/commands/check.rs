//! `techlead check`: every configured check from the registry, one list of
//! findings, one exit code.

use crate::context::Context;
use anyhow::Result;
use std::path::PathBuf;
use techlead_core::ExitCode;
use techlead_core::paths::inside_root;

/// `paths`, as given on the command line, restrict the findings reported
/// (pre-commit passes the staged files); the checks still read the whole
/// project, since a boundary or a duplicate number is about more than one
/// file. A path that does not exist or lies outside the project is an input
/// error, before any check runs.
pub fn run(ctx: &Context, paths: &[PathBuf]) -> Result<ExitCode> {
    let cwd = std::env::current_dir()?;
    let within = paths
        .iter()
        .map(|p| Ok(ctx.rel(&inside_root(&ctx.root, &cwd.join(p))?)))
        .collect::<Result<Vec<String>>>()?;
    let run = techlead_core::check::run_all(&super::registry::checks(ctx), ctx)?;
    if run.ran.is_empty() {
        ctx.note(
            "nothing to check: no decisions folder, no [boundaries] modules, no radar records and no debt register (run `techlead init`)",
        );
    }
    let families: Vec<&str> = run.ran.iter().map(String::as_str).collect();
    super::findings_out::emit_in(ctx, "check", run.findings, &families, &run.skipped, &within)
}
