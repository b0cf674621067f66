//! Practices' part of `techlead check`: off unless `[practices]` is in
//! techlead.toml; then the assessment runs and its rules report a level
//! or a check below what the section requires, and an architecture that
//! outpaces the team.

use crate::config::PracticesConfig;
use crate::model::Report;
use crate::rules::{PracticesCx, RULES};
use techlead_core::check::{Check, Env, infos, run_rules};
use techlead_core::{Finding, InputError, RuleInfo};

/// The assessment, composed by the CLI from the other contexts' answers.
pub type Assess<'a> = dyn Fn(&dyn Env) -> Result<Report, InputError> + Sync + 'a;

pub struct PracticesCheck<'a> {
    /// None when techlead.toml has no `[practices]`.
    pub config: Option<&'a PracticesConfig>,
    pub assess: Box<Assess<'a>>,
}

impl Check for PracticesCheck<'_> {
    fn name(&self) -> &'static str {
        "practices"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        let Some(config) = self.config else {
            return Ok(None);
        };
        let report = (self.assess)(env)?;
        let cx = PracticesCx {
            report: &report,
            config,
            file: env.file(),
        };
        Ok(Some(run_rules(RULES, &cx)))
    }
}
