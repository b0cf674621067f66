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

/// Why there is no dependency figure: no manifest at all, or manifests
/// techlead found but could not read (a package.json with no lockfile:
/// its ranges name no version), which the report must not call "none".
pub fn nothing_read(unread: &[techlead_inventory::Unread]) -> techlead_metrics::Absent {
    let Some(first) = unread.first() else {
        return techlead_metrics::Absent::new("no lockfile or manifest found in the tree");
    };
    let more = match unread.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    let why = if unread
        .iter()
        .all(|u| u.reason == techlead_inventory::UnreadReason::NoLockfile)
    {
        "no lockfile beside or above pins their versions (commit the one your package manager writes)"
    } else {
        "techlead does not read their format yet, or no lockfile pins their versions"
    };
    techlead_metrics::Absent::new(format!(
        "manifests found but not read: {} ({}){more}; {why}",
        first.path, first.ecosystem
    ))
}
