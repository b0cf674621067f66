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
    techlead_practices::config::SECTION,
    techlead_history::config::SECTION,
    techlead_debt::config::SECTION,
    techlead_inventory::config::SECTION,
    techlead_store::config::SECTION,
    techlead_store::config::STORE_SECTION,
    techlead_health::config::SECTION,
    techlead_goals::config::SECTION,
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

/// The technologies the radar has on Hold, with their packages, for the
/// deps check: the radar context answers, composed here.
pub(crate) fn radar_hold(ctx: &Context) -> Vec<techlead_inventory::check::Hold> {
    let dir = ctx.root.join(ctx.radar.dir());
    let Ok(techs) = techlead_radar::load(&ctx.root, &dir) else {
        return Vec::new();
    };
    let Some(hold) = ctx.radar.rings().last().cloned() else {
        return Vec::new();
    };
    techs
        .iter()
        .filter(|t| t.ring.as_ref() == Some(&hold))
        .flat_map(|t| {
            t.packages
                .iter()
                .map(move |p| techlead_inventory::check::Hold {
                    ecosystem: p.ecosystem.clone(),
                    name: p.name.clone(),
                    technology: t.name.clone(),
                    record: t.path.clone(),
                })
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
        Box::new(techlead_health::check::HealthCheck {
            config: ctx.health.as_ref(),
        }),
        Box::new(techlead_debt::check::DebtCheck {
            config: &ctx.debt,
            configured: ctx.debt_configured,
            evidence: &super::debt::evidence_for_check,
        }),
        Box::new(techlead_inventory::check::DepsCheck {
            config: &ctx.deps,
            online: ctx.online,
            cargo_home: ctx.cargo_home(),
            hold: Box::new(|_| radar_hold(ctx)),
        }),
        Box::new(techlead_practices::check::PracticesCheck {
            config: ctx.practices.as_ref(),
            // Called only with `[practices]` in techlead.toml.
            assess: Box::new(move |env: &dyn Env| match &ctx.practices {
                Some(p) => {
                    super::practices::assess(env, &super::practices::Settings::of(ctx, p), None)
                }
                None => Err(techlead_core::InputError::new("no [practices] section")),
            }),
        }),
        Box::new(techlead_goals::check::GoalsCheck {
            config: &ctx.goals,
            inputs: Box::new(|_, goals| super::goals::inputs_for_check(ctx, goals)),
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
