//! The findings `techlead check` would report, for the snapshot's counts
//! per rule: the evidence holds those of decisions, boundaries and radar;
//! this adds every other check of the registry that `[checks] run`
//! selects and that is set up here. Health, practices and goals are judged
//! on the evidence already gathered (the same measurement, assessment and
//! metric values their checks would compute again); the others (debt,
//! deps, and any check added later) run as `techlead check` runs them.

use crate::context::Context;
use techlead_core::Finding;
use techlead_core::baseline::Baseline;
use techlead_core::check::Check;
use techlead_metrics::Evidence;

/// The checks whose findings the evidence carries already.
const IN_EVIDENCE: &[&str] = &["decisions", "boundaries", "radar"];

/// The other checks' findings after the baseline and `[checks.severity]`.
/// A check that fails is left out with a warning: its rules are then not
/// counted in the snapshot, which the warning says.
pub fn other_findings(ctx: &Context, e: &Evidence) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut ran = Vec::new();
    for check in crate::commands::registry::checks(ctx) {
        let name = check.name();
        if IN_EVIDENCE.contains(&name) || !ctx.config.runs(name) {
            continue;
        }
        let result = match name {
            "health" => Ok(ctx
                .health
                .as_ref()
                .and(e.health.as_ref().ok())
                .map(techlead_health::rules::check)),
            "practices" => techlead_practices::check::PracticesCheck {
                config: ctx.practices.as_ref(),
                assess: Box::new(|_| match &e.practices {
                    Ok(report) => Ok((**report).clone()),
                    Err(absent) => Err(techlead_core::InputError::new(absent.reason.clone())),
                }),
            }
            .run(ctx),
            "goals" => techlead_goals::check::GoalsCheck {
                config: &ctx.goals,
                inputs: Box::new(|_, goals| {
                    crate::commands::goals::inputs_for_evidence(ctx, e, goals)
                }),
            }
            .run(ctx),
            _ => check.run(ctx),
        };
        match result {
            Ok(Some(f)) => {
                found.extend(f);
                ran.push(format!("{name}/"));
            }
            Ok(None) => {}
            Err(err) => ctx.note(format!(
                "warning: the {name} check failed ({err}); its findings are not counted in this snapshot"
            )),
        }
    }
    let ran: Vec<&str> = ran.iter().map(String::as_str).collect();
    match Baseline::load(&ctx.root) {
        Ok(b) => b.apply_configured(&ctx.config, found, &ran).0,
        // The evidence loaded the same baseline a moment ago.
        Err(_) => ctx.config.apply_severities(found),
    }
}
