//! The dependency risk the report calls out: vulnerable packages, those
//! the radar has on Hold first.

use crate::context::Context;

/// The vulnerable packages, those on the radar's Hold ring first, as
/// `deps --online` orders them.
pub fn vulnerable(
    ctx: &Context,
    packages: &[techlead_inventory::Package],
    assessment: &techlead_inventory::online::Assessment,
) -> Vec<techlead_metrics::evidence::Vulnerable> {
    let hold = super::super::registry::radar_hold(ctx);
    techlead_inventory::online::entry::entries(packages, assessment, &hold)
        .into_iter()
        .filter(|e| e.rank() < 2)
        .map(|e| {
            let advisories = e.vulnerabilities.unwrap_or_default();
            let mut fixed: Vec<String> = advisories.iter().flat_map(|a| a.fixed.clone()).collect();
            fixed.sort();
            fixed.dedup();
            techlead_metrics::evidence::Vulnerable {
                ecosystem: e.package.ecosystem.as_str().to_string(),
                name: e.package.name.clone(),
                version: e.package.version.clone(),
                source: e.package.source.clone(),
                line: e.line,
                advisories: advisories.iter().map(|a| a.id.clone()).collect(),
                fixed,
                on_hold: e.on_hold.map(str::to_string),
            }
        })
        .collect()
}
