//! `techlead health --write-baseline`: today's `health/*` findings into
//! `.techlead/baseline.toml`, so that `techlead check` reports only
//! functions that newly go over a limit. Other checks' entries are kept.

use crate::context::Context;
use anyhow::Result;
use techlead_core::baseline::{self, Baseline};
use techlead_core::check::Check;
use techlead_core::{ExitCode, InputError};

pub fn write(ctx: &Context) -> Result<ExitCode> {
    let check = techlead_health::check::HealthCheck {
        config: ctx.health.as_ref(),
    };
    let Some(found) = check.run(ctx)? else {
        return Err(InputError::new(
            "--write-baseline records the health rules' findings: add a [health] section to techlead.toml first",
        )
        .into());
    };
    // A rule switched off in [checks.severity] reports nothing to record.
    let found = ctx.config.apply_severities(found);
    Baseline::record(&ctx.root, "health/", &found)?;
    ctx.note(format!(
        "wrote {} with {} health finding{}",
        baseline::PATH,
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    ));
    Ok(ExitCode::Clean)
}
