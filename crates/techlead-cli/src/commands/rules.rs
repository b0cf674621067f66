//! The registry of every rule and check this build knows, for config
//! validation, SARIF descriptors and `techlead rules`.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::{ExitCode, RuleInfo};

/// Check names accepted by `[checks] run`.
pub const CHECKS: &[&str] = &["decisions", "boundaries", "radar"];

pub fn all() -> Vec<RuleInfo> {
    let mut all = techlead_records::lint::RULES.to_vec();
    all.extend_from_slice(techlead_boundaries::RULES);
    all.extend_from_slice(techlead_records::radar::policy::RULES);
    all.push(techlead_core::baseline::STALE);
    all
}

pub fn run(ctx: &Context) -> Result<ExitCode> {
    let format = ctx.format_among("rules", &[Format::Text, Format::Json])?;
    let rules = all();
    match format {
        Format::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "default_severity": r.default_severity,
                        "summary": r.summary,
                        "doc": r.doc_path(),
                    })
                })
                .collect();
            outln!("{}", serde_json::to_string_pretty(&list)?)?;
        }
        _ => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &rules {
                outln!(
                    "{:width$}  {:7}  {}",
                    r.id,
                    r.default_severity.as_str(),
                    r.summary
                )?;
            }
        }
    }
    Ok(ExitCode::Clean)
}
