//! Health's part of `techlead check`: off unless `techlead.toml` has a
//! `[health]` section, so a project that never asked sees nothing new.

use crate::config::HealthConfig;
use crate::rules::RULES;
use crate::{Options, measure_in};
use techlead_core::check::{Check, Env, infos};
use techlead_core::{Finding, InputError, RuleInfo};

/// `health/*`: every function over a `[health]` limit, in the whole tree
/// (less `[health] exclude`).
pub struct HealthCheck<'a> {
    /// The `[health]` section; None when the file has none.
    pub config: Option<&'a HealthConfig>,
}

impl Check for HealthCheck<'_> {
    fn name(&self) -> &'static str {
        "health"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        let Some(config) = self.config else {
            return Ok(None);
        };
        let report = measure_in(
            env,
            &[],
            &Options::from_config(config),
            &crate::Memo::in_memory(),
        )?;
        Ok(Some(crate::rules::check(&report)))
    }
}
