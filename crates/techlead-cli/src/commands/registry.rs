//! The registry: every context's check, and so every rule, in one list.
//! `techlead check` runs it, `techlead rules` prints it, and configuration
//! validation knows rule ids and check names from it. A new context adds
//! one line to [`checks`] and its section name to [`SECTIONS`].

use crate::context::Context;
use techlead_core::RuleInfo;
use techlead_core::check::{Check, Env};

/// The top-level sections of `techlead.toml`, each owned by one crate.
pub const SECTIONS: &[&str] = &[
    techlead_records::config::SECTION,
    techlead_core::config::KERNEL_SECTIONS[0],
    techlead_boundaries::config::SECTION,
    techlead_radar::config::SECTION,
    techlead_history::config::SECTION,
    techlead_store::config::SECTION,
];

/// The radar reads the packages in use through this: the inventory
/// context answers, composed here rather than by the radar itself.
fn packages_in_use(env: &dyn Env) -> Vec<techlead_radar::policy::InUse> {
    let found = techlead_inventory::inventory(env.root());
    for e in &found.errors {
        env.note(&format!(
            "warning: {e} (its packages are not checked against the radar)"
        ));
    }
    found
        .packages
        .into_iter()
        .map(|p| techlead_radar::policy::InUse {
            ecosystem: p.ecosystem.as_str().to_string(),
            name: p.name,
            direct: p.direct,
            source: p.source,
            line: p.line,
        })
        .collect()
}

/// Every check, in the order `techlead check` runs them.
pub fn checks(ctx: &Context) -> Vec<Box<dyn Check + '_>> {
    vec![
        Box::new(techlead_records::check::DecisionsCheck {
            config: &ctx.decisions,
        }),
        Box::new(techlead_boundaries::BoundariesCheck {
            config: &ctx.boundaries,
        }),
        Box::new(techlead_radar::check::RadarCheck {
            config: &ctx.radar,
            inventory: &packages_in_use,
        }),
    ]
}

/// Every rule this build knows: each check's, then the kernel's own.
pub fn rules(ctx: &Context) -> Vec<&'static RuleInfo> {
    let mut all: Vec<&'static RuleInfo> = checks(ctx).iter().flat_map(|c| c.rules()).collect();
    all.push(&techlead_core::baseline::STALE);
    all
}

/// Check names accepted by `[checks] run`.
pub fn check_names(ctx: &Context) -> Vec<&'static str> {
    checks(ctx).iter().map(|c| c.name()).collect()
}
