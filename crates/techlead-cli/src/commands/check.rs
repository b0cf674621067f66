//! `techlead check`: every configured check, one list of findings, one exit
//! code. Decision lint is the first check; later contexts add theirs here.

use crate::commands::adr::lint_decisions;
use crate::context::Context;
use anyhow::Result;
use techlead_core::{ExitCode, Finding};

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let mut findings: Vec<Finding> = Vec::new();
    let mut ran = Vec::new();
    if ctx.config.runs("decisions")
        && let Some(found) = lint_decisions(ctx, None)?
    {
        findings.extend(found);
        ran.push("decisions");
    }
    if ran.is_empty() {
        ctx.note("nothing to check: no decisions folder found (run `techlead init`)");
    }
    super::findings_out::emit(ctx, "check", findings)
}
