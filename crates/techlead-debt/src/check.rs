//! The debt register's part of `techlead check`.

use crate::config::DebtConfig;
use crate::rules::{self, DebtCtx, EXPIRED_TODO, Hotspots, RULES, UNREGISTERED_HOTSPOT};
use crate::signals::Evidence;
use techlead_core::check::{Check, Env, infos};
use techlead_core::{Finding, InputError, RuleInfo};

/// `debt/*`, when `[debt]` is in techlead.toml or the register holds
/// items.
pub struct DebtCheck<'a> {
    pub config: &'a DebtConfig,
    /// `[debt]` is written in techlead.toml.
    pub configured: bool,
    /// History, health and modules, as the composition root reads them
    /// from the other contexts; asked only when
    /// `debt/unregistered-hotspot` is switched on.
    pub evidence: &'a (dyn Fn(&dyn Env) -> Evidence + Sync),
}

impl Check for DebtCheck<'_> {
    fn name(&self) -> &'static str {
        "debt"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        let root = env.root();
        let items = crate::item::load(root, &root.join(self.config.dir()))?;
        if !self.configured && items.is_empty() {
            return Ok(None);
        }
        let off = |id: &str| env.file().severity_of(id) == Some(None);
        let markers = if off(EXPIRED_TODO) {
            Vec::new()
        } else {
            let progress = env.progress("scanning comments:");
            let scanned = crate::scan::scan_tree(root, &[], &self.config.excludes(), &*progress);
            for (file, why) in &scanned.skipped {
                env.note(&format!("warning: {file}: {why}"));
            }
            scanned.markers
        };
        let hotspots = if self.config.unregistered_hotspots && !off(UNREGISTERED_HOTSPOT) {
            hotspots(&items, self.config, &(self.evidence)(env))
        } else {
            Hotspots::NotLooked
        };
        Ok(Some(rules::check(&DebtCtx {
            items: &items,
            config: self.config,
            today: env.today(),
            markers: &markers,
            hotspots: &hotspots,
        })))
    }
}

/// The hotspots over the configured threshold, or why they are unknown.
pub fn hotspots(items: &[crate::item::DebtItem], config: &DebtConfig, ev: &Evidence) -> Hotspots {
    match crate::suggest::suggest(
        items,
        ev,
        config.hotspot_top(),
        config.hotspot_min_interest(),
    ) {
        Ok(found) => Hotspots::Found(found),
        Err(why) => Hotspots::Unreadable(why),
    }
}
