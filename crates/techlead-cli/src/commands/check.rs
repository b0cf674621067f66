//! `techlead check`: every configured check from the registry, one list of
//! findings, one exit code.

use crate::context::Context;
use anyhow::Result;
use techlead_core::{ExitCode, Finding};

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let mut findings: Vec<Finding> = Vec::new();
    let mut ran = Vec::new();
    for check in super::registry::checks(ctx) {
        if !ctx.config.runs(check.name()) {
            continue;
        }
        if let Some(found) = check.run(ctx)? {
            findings.extend(found);
            ran.push(format!("{}/", check.name()));
        }
    }
    if ran.is_empty() {
        ctx.note(
            "nothing to check: no decisions folder, no [boundaries] modules, no radar records and no debt register (run `techlead init`)",
        );
    }
    let families: Vec<&str> = ran.iter().map(String::as_str).collect();
    super::findings_out::emit(ctx, "check", findings, &families)
}
