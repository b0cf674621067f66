//! `run_check`: the whole `techlead check`, through the CLI's registry.

use super::{Tool, ToolError, tool};
use crate::project::Session;
use crate::shapes::{self, FindingOut};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use techlead_core::check::Env;

pub fn tools() -> Vec<Tool> {
    vec![tool(
        "run_check",
        "Run techlead check",
        "Run every configured check (decision records, module boundaries, technology radar, \
         and every other check of this build) exactly as `techlead check` does, baseline and \
         [checks.severity] applied. The findings are the JSON of `techlead check --format json`.",
        false,
        run_check,
    )]
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckArgs {
    /// Only findings of these rule families or rules (`boundaries`,
    /// `decisions/missing-status`); all when absent.
    pub rules: Option<Vec<String>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckOutput {
    pub findings: Vec<FindingOut>,
    /// The checks that ran (`decisions/`, `boundaries/`, `radar/`); a check
    /// whose part of techlead is not set up in this project does not run.
    pub ran: Vec<String>,
    /// Findings per severity, as the summary line counts them.
    pub counts: Counts,
    /// What `techlead check` would exit with: 0 clean, 1 error findings.
    pub exit_code: u8,
    /// Findings the baseline (.techlead/baseline.toml) hid.
    pub baseline_known: usize,
    /// Baseline entries that matched nothing (fixed since recorded).
    pub baseline_stale: usize,
}

fn run_check(session: &Session, args: CheckArgs) -> Result<CheckOutput, ToolError> {
    let checks = session.project.checks();
    let run = techlead_core::check::run_all(&checks, session)?;
    let ran: Vec<&str> = run.ran.iter().map(String::as_str).collect();
    let (findings, applied) =
        techlead_core::baseline::settle(session.root(), session.file(), run.findings, &ran)?;
    let [errors, warnings, notes] = techlead_core::findings::counts(&findings);
    let exit_code = techlead_core::ExitCode::from_findings(&findings).code() as u8;
    let wanted = |rule: &str| {
        args.rules.as_ref().is_none_or(|list| {
            list.iter().any(|r| {
                let r = r.trim_end_matches('/');
                rule == r || rule.starts_with(&format!("{r}/"))
            })
        })
    };
    let findings = findings.into_iter().filter(|f| wanted(&f.rule)).collect();
    Ok(CheckOutput {
        findings: shapes::findings(findings),
        ran: run.ran,
        counts: Counts {
            errors,
            warnings,
            notes,
        },
        exit_code,
        baseline_known: applied.known,
        baseline_stale: applied.stale,
    })
}
