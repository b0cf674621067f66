//! `techlead health --write-baseline`: today's `health/*` findings into
//! `.techlead/baseline.toml`, so that `techlead check` reports only
//! functions that get worse than the limits from now on. Other checks'
//! entries are kept byte for byte in meaning (the file is re-rendered
//! sorted, as `boundaries baseline` writes it).

use crate::context::Context;
use anyhow::Result;
use techlead_core::atomic::write_atomic;
use techlead_core::baseline::{self, Baseline, Entry};
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
    let old = Baseline::load(&ctx.root)?;
    let mut entries: Vec<Entry> = old
        .entries
        .into_iter()
        .filter(|e| !e.rule.starts_with("health/"))
        .collect();
    entries.extend(found.iter().map(Entry::of));
    let path = ctx.root.join(baseline::PATH);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| InputError::io(dir, &e))?;
    }
    write_atomic(&path, Baseline::render_entries(entries).as_bytes())
        .map_err(|e| InputError::io(baseline::PATH, &e))?;
    ctx.note(format!(
        "wrote {} with {} health finding{}",
        baseline::PATH,
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    ));
    Ok(ExitCode::Clean)
}
