//! The check registry's kernel: how a rule and a context's check look, so
//! that `techlead check`, `techlead rules` and config validation loop over
//! one list instead of naming each context.
//!
//! A rule is one file in its context crate: a [`RuleInfo`] (id, default
//! severity, summary) and a [`Rule`] impl whose `check` looks at the
//! context's own input type. A context bundles its rules behind one
//! [`Check`], which finds its input (records, an import analysis, ...)
//! through an [`Env`] that the CLI provides.

use crate::cache::Pending;
use crate::config::LoadedConfig;
use crate::error::InputError;
use crate::findings::{Finding, RuleInfo};
use std::path::Path;

/// One rule over a context's input `Cx`.
pub trait Rule<Cx: ?Sized>: Sync {
    fn info(&self) -> &'static RuleInfo;
    /// Appends the rule's findings, at the rule's default severity;
    /// `[checks.severity]` is applied afterwards by the caller.
    fn check(&self, cx: &Cx, out: &mut Vec<Finding>);
}

/// Runs every rule of a list over `cx`.
pub fn run_rules<Cx: ?Sized>(rules: &[&dyn Rule<Cx>], cx: &Cx) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules {
        rule.check(cx, &mut out);
    }
    out
}

/// A count shown while long work runs (a spinner on a terminal).
pub trait Progress: Sync {
    /// One more item (file, commit) done.
    fn tick(&self);
}

/// No progress display.
impl Progress for () {
    fn tick(&self) {}
}

/// What a check gets from the composition root: the project, its
/// configuration file, and the run's conventions.
pub trait Env: Sync {
    /// The project root; every path in findings is relative to it.
    fn root(&self) -> &Path;
    /// The configuration file (for lines of spanned values).
    fn file(&self) -> &LoadedConfig;
    /// Today, YYYY-MM-DD (fixed by `TECHLEAD_TODAY` in tests).
    fn today(&self) -> &str;
    /// Whether `.techlead/cache` may be read and written.
    fn use_cache(&self) -> bool;
    /// Keeps a cache write for after the command succeeded.
    fn defer_cache(&self, pending: Option<Pending>);
    /// A note for people on stderr (not with `--quiet`).
    fn note(&self, message: &str);
    /// A progress display for long work, labelled `label`.
    fn progress(&self, label: &str) -> Box<dyn Progress + '_>;
}

/// One context's part of `techlead check`.
pub trait Check: Sync {
    /// The name in `[checks] run`, also the prefix of its rule ids.
    fn name(&self) -> &'static str;
    /// Every rule this check can report.
    fn rules(&self) -> Vec<&'static RuleInfo>;
    /// The findings, or `None` when the context is not set up in this
    /// project (no decisions folder, no modules declared, ...): the check
    /// did not run, and its baseline entries are not called stale.
    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError>;
    /// The rules a run of this check does not evaluate, each with why
    /// (rules that need the network, when it was not allowed): reports
    /// show them as skipped, never as passed.
    fn skipped(&self, _env: &dyn Env) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// The rule infos of a rule list, for [`Check::rules`].
pub fn infos<Cx: ?Sized>(rules: &[&dyn Rule<Cx>]) -> Vec<&'static RuleInfo> {
    rules.iter().map(|r| r.info()).collect()
}

/// What `techlead check` found before the baseline and severities.
#[derive(Debug, Default)]
pub struct Run {
    pub findings: Vec<Finding>,
    /// The rule families that ran (`decisions/`, `boundaries/`): baseline
    /// entries of other families are never called stale.
    pub ran: Vec<String>,
    /// Rules of checks that ran which were not evaluated, with why.
    pub skipped: Vec<(&'static str, String)>,
}

/// Runs every check that `[checks] run` selects; a check whose context is
/// not set up in this project does not count as run.
pub fn run_all(checks: &[Box<dyn Check + '_>], env: &dyn Env) -> Result<Run, InputError> {
    let mut run = Run::default();
    for check in checks {
        if !env.file().runs(check.name()) {
            continue;
        }
        if let Some(found) = check.run(env)? {
            run.findings.extend(found);
            run.ran.push(format!("{}/", check.name()));
            run.skipped.extend(check.skipped(env));
        }
    }
    Ok(run)
}
