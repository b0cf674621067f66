//! The dependency risk the report calls out: vulnerable packages, those
//! the radar has on Hold first.

use crate::context::Context;
use techlead_metrics::evidence::{VulnerabilityScan, Vulnerable};

/// The vulnerable packages, those on the radar's Hold ring first, as
/// `deps --online` orders them, and how many OSV gave no answer for.
pub fn vulnerabilities(
    ctx: &Context,
    packages: &[techlead_inventory::Package],
    assessment: &techlead_inventory::online::Assessment,
) -> VulnerabilityScan {
    let hold = super::super::registry::radar_hold(ctx);
    let entries = techlead_inventory::online::entry::entries(packages, assessment, &hold);
    let unknown = entries
        .iter()
        .filter(|e| e.vulnerabilities.is_none())
        .count();
    let vulnerable = entries
        .into_iter()
        .filter(|e| e.rank() < 2)
        .map(|e| {
            let advisories = e.vulnerabilities.unwrap_or_default();
            let mut fixed: Vec<String> = advisories.iter().flat_map(|a| a.fixed.clone()).collect();
            fixed.sort();
            fixed.dedup();
            Vulnerable {
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
        .collect();
    VulnerabilityScan {
        vulnerable,
        unknown,
    }
}
