//! The goals' part of `techlead check`, and the one analysis every goals
//! command runs: goals read, key results checked against the metric
//! registry, links resolved both ways, progress evaluated.

use crate::config::GoalsConfig;
use crate::goal::Goal;
use crate::links::{self, Links};
use crate::progress::{self, GoalStatus};
use crate::readings::{Catalog, Readings};
use crate::rules::{self, GoalsCtx, RULES};
use crate::work::Works;
use techlead_core::check::{Check, Env, infos};
use techlead_core::{Finding, InputError, RuleInfo};

/// What the composition root hands over: the records that may serve
/// goals, the metric registry's names, and the metrics' values.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub works: Works,
    pub catalog: Catalog,
    pub readings: Readings,
}

/// The goals with everything known about them.
pub struct Analysis {
    pub goals: Vec<Goal>,
    pub works: Works,
    pub catalog: Catalog,
    pub readings: Readings,
    pub links: Links,
    /// Every goal evaluated, in tree order.
    pub statuses: Vec<GoalStatus>,
}

impl Analysis {
    /// The rules' view of the analysis.
    pub fn context<'a>(&'a self, config: &'a GoalsConfig, today: &'a str) -> GoalsCtx<'a> {
        GoalsCtx {
            goals: &self.goals,
            statuses: &self.statuses,
            works: &self.works,
            links: &self.links,
            config,
            today,
        }
    }
}

/// Checks the key results against the registry (every problem at its
/// line), then links and evaluates.
pub fn analyse(
    goals: Vec<Goal>,
    inputs: Inputs,
    config: &GoalsConfig,
    today: &str,
) -> Result<Analysis, Vec<InputError>> {
    let errors = progress::validate(&goals, &inputs.catalog);
    if !errors.is_empty() {
        return Err(errors);
    }
    let links = links::resolve(&goals, &inputs.works);
    let statuses = progress::evaluate(
        &goals,
        &inputs.works,
        &links,
        &progress::Inputs {
            catalog: &inputs.catalog,
            readings: &inputs.readings,
            today,
            tolerance: config.tolerance(),
        },
    );
    Ok(Analysis {
        goals,
        works: inputs.works,
        catalog: inputs.catalog,
        readings: inputs.readings,
        links,
        statuses,
    })
}

/// The metric names the goals' key results are bound to, each once: what
/// the composition root has to compute.
pub fn metrics_used(goals: &[Goal]) -> Vec<String> {
    let mut names: Vec<String> = goals
        .iter()
        .flat_map(|g| &g.key_results)
        .filter_map(|kr| match &kr.spec {
            crate::Spec::Metric { metric, .. } => Some(metric.clone()),
            crate::Spec::Manual { .. } => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A function that gathers the [`Inputs`] for the goals read.
pub type Gather<'a> = dyn Fn(&dyn Env, &[Goal]) -> Result<Inputs, InputError> + Sync + 'a;

/// `goals/*`, when the project has a goals folder.
pub struct GoalsCheck<'a> {
    pub config: &'a GoalsConfig,
    /// The records and metrics: goals does not read other contexts'
    /// records or compute metrics itself; the composition root does,
    /// only when there are goals to check.
    pub inputs: Box<Gather<'a>>,
}

impl Check for GoalsCheck<'_> {
    fn name(&self) -> &'static str {
        "goals"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        let dir = env.root().join(self.config.dir());
        if !techlead_core::source::is_dir(&dir) {
            return Ok(None);
        }
        let goals = crate::goal::load(env.root(), &dir)?;
        let inputs = (self.inputs)(env, &goals)?;
        let analysis = analyse(goals, inputs, self.config, env.today())
            .map_err(|mut errors| errors.remove(0))?;
        Ok(Some(rules::check(
            &analysis.context(self.config, env.today()),
        )))
    }
}
