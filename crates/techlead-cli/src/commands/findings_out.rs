//! Shared tail of every command that reports findings: apply the baseline
//! and configured severities, sort, render in the requested format, print
//! the summary, and turn the result into an exit code.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::baseline::settle;
use techlead_core::findings::summary_line;
use techlead_core::output::{FindingsFormat, RenderOptions, render};
use techlead_core::{ExitCode, Finding};

/// `ran` names the rule families that ran (`decisions/`, `boundaries/`):
/// baseline entries of other families are never called stale, and only
/// their rules are listed as checked (SARIF's rules, JUnit's test cases);
/// `skipped` are rules of those families that were not evaluated.
pub fn emit(
    ctx: &Context,
    run_name: &str,
    findings: Vec<Finding>,
    ran: &[&str],
    skipped: &[(&str, String)],
) -> Result<ExitCode> {
    emit_in(ctx, run_name, findings, ran, skipped, &[])
}

/// As [`emit`], reporting only the findings in `paths` (root-relative files
/// or folders; none: all). The baseline is settled on every finding first,
/// so entries of files not named are not called stale.
pub fn emit_in(
    ctx: &Context,
    run_name: &str,
    findings: Vec<Finding>,
    ran: &[&str],
    skipped: &[(&str, String)],
    paths: &[String],
) -> Result<ExitCode> {
    let format = ctx.output_format();
    let (mut findings, applied) = settle(&ctx.root, &ctx.config, findings, ran)?;
    if !paths.is_empty() {
        findings = techlead_core::findings::restrict(findings, paths);
    }
    let backend = format.findings().unwrap_or(FindingsFormat::Text);
    let opts = RenderOptions {
        color: ctx.color,
        version: env!("CARGO_PKG_VERSION"),
        run_name,
        skipped,
    };
    let rules: Vec<_> = super::registry::rules(ctx)
        .into_iter()
        .filter(|r| ran.iter().any(|family| r.id.starts_with(family)))
        .copied()
        .collect();
    let out = render(backend, &findings, &rules, &opts);
    out!("{out}")?;
    // Text output ends with the summary line itself; for machine formats the
    // summary goes to stderr so stdout stays pure data.
    if format != Format::Text {
        ctx.note(summary_line(&findings));
    }
    if applied.known > 0 || applied.stale > 0 {
        ctx.note(format!(
            "baseline: {} known violation{} not reported, {} fixed since it was recorded",
            applied.known,
            if applied.known == 1 { "" } else { "s" },
            applied.stale
        ));
    }
    Ok(ExitCode::from_findings(&findings))
}
