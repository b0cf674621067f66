//! `techlead check`: every configured check from the registry, one list of
//! findings, one exit code.

use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let run = techlead_core::check::run_all(&super::registry::checks(ctx), ctx)?;
    if run.ran.is_empty() {
        ctx.note(
            "nothing to check: no decisions folder, no [boundaries] modules, no radar records and no debt register (run `techlead init`)",
        );
    }
    let families: Vec<&str> = run.ran.iter().map(String::as_str).collect();
    super::findings_out::emit(ctx, "check", run.findings, &families, &run.skipped)
}
