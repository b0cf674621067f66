//! The radar's part of `techlead check`.

use crate::config::RadarConfig;
use crate::policy::{self, InUse, RULES};
use techlead_core::check::{Check, Env, infos};
use techlead_core::{Finding, InputError, RuleInfo};

/// `radar/*`: the policy rules over the technology records and the
/// packages in use, when the project has records.
pub struct RadarCheck<'a> {
    pub config: &'a RadarConfig,
    /// The packages in use. The radar does not read lockfiles itself: the
    /// composition root passes the inventory context's answer, read only
    /// when there are records to check against.
    pub inventory: &'a (dyn Fn(&dyn Env) -> Vec<InUse> + Sync),
}

impl Check for RadarCheck<'_> {
    fn name(&self) -> &'static str {
        "radar"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        let techs = crate::load(env.root(), &env.root().join(self.config.dir()))?;
        if techs.is_empty() {
            return Ok(None);
        }
        let inventory = (self.inventory)(env);
        Ok(Some(policy::check(
            &techs,
            self.config,
            &inventory,
            env.today(),
        )))
    }
}
