//! Everything known about the dependencies' risk, read in one call: the
//! inventory with licenses filled in (lockfile, installed copies,
//! `[deps.clarify]`, and the registries when online), the online answers
//! when asked, and the per-ecosystem counts. `techlead deps`, the deps
//! check and the report all start here.

use crate::config::DepsConfig;
use crate::online::{Assessment, Options};
use crate::summary::EcosystemRisk;
use crate::{Inventory, Package};
use std::path::Path;

#[derive(Debug)]
pub struct DependencyRisk {
    /// The inventory, each package's license filled in where known.
    pub inventory: Inventory,
    /// The online answers, when asked.
    pub online: Option<Assessment>,
    /// Counts per ecosystem.
    pub summary: Vec<EcosystemRisk>,
    /// The Python environments whose metadata gave licenses.
    pub environments: Vec<String>,
}

/// Reads the tree at `root`; asks the network only with `online`.
pub fn dependency_risk(
    root: &Path,
    config: &DepsConfig,
    cargo_home: Option<&Path>,
    online: Option<&Options>,
) -> DependencyRisk {
    let mut inventory = crate::inventory(root);
    let installed = crate::license::fill_installed(root, cargo_home, &mut inventory.packages);
    let assessment = online.map(|opts| {
        let refs: Vec<&Package> = inventory.packages.iter().collect();
        crate::online::assess(root, &refs, opts)
    });
    crate::check::fill_licenses(&mut inventory.packages, config, assessment.as_ref());
    let summary = crate::summary::summarize(
        &inventory.packages,
        &config.policy(),
        assessment.as_ref(),
        config.outdated_majors(),
    );
    DependencyRisk {
        inventory,
        online: assessment,
        summary,
        environments: installed.environments,
    }
}
