//! `techlead check`: every configured check, one list of findings, one exit
//! code: decision lint, then module boundaries; later contexts add theirs here.

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
    if ctx.config.runs("boundaries")
        && let Some(found) = super::boundaries::findings(ctx)?
    {
        findings.extend(found);
        ran.push("boundaries");
    }
    if ctx.config.runs("radar")
        && let Some(found) = super::radar::findings(ctx)?
    {
        findings.extend(found);
        ran.push("radar");
    }
    if ran.is_empty() {
        ctx.note(
            "nothing to check: no decisions folder, no [boundaries] modules and no radar records (run `techlead init`)",
        );
    }
    let families: Vec<String> = ran.iter().map(|r| format!("{r}/")).collect();
    let families: Vec<&str> = families.iter().map(String::as_str).collect();
    super::findings_out::emit(ctx, "check", findings, &families)
}
