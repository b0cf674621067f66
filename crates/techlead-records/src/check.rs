//! The decision records' part of `techlead check`, and the folder lookup
//! that every `adr` command shares.

use crate::config::DecisionsConfig;
use crate::folder::{self, Decisions};
use crate::lint::{self, LintOptions, RULES};
use std::path::{Path, PathBuf};
use techlead_core::check::{Check, Env, infos};
use techlead_core::config::LoadedConfig;
use techlead_core::{Finding, InputError, RuleInfo};

/// The decisions folder: `dir_arg` (`--dir`, relative to the current
/// directory), else `[decisions] dir` (relative to the project root), else
/// auto-detected; `None` when there is none.
pub fn find_dir(
    root: &Path,
    file: &LoadedConfig,
    config: &DecisionsConfig,
    dir_arg: Option<&Path>,
) -> Result<Option<PathBuf>, InputError> {
    if let Some(dir) = dir_arg {
        let abs = techlead_core::paths::absolute(dir);
        if !abs.is_dir() {
            return Err(InputError::in_file(dir, "--dir is not a directory"));
        }
        return Ok(Some(abs));
    }
    let configured = config.dir();
    if let Some(c) = configured
        && !techlead_core::source::is_dir(&root.join(c))
    {
        return Err(config
            .dir_error(file, format!("[decisions] dir `{c}` is not a directory"))
            .with_help("create the folder, fix the path, or run `techlead init`"));
    }
    let found = folder::find_dir(root, configured);
    if let Some(dir) = &found
        && folder::outside_root(root, dir)
    {
        let shown = techlead_core::paths::display_rel(root, dir);
        let err = match configured {
            Some(c) => config.dir_error(
                file,
                format!("[decisions] dir `{c}` is outside the project root"),
            ),
            None => InputError::in_file(
                if techlead_core::source::is_file(&root.join(".adr-dir")) {
                    ".adr-dir"
                } else {
                    ".log4brains.yml"
                },
                format!("the decisions folder `{shown}` is outside the project root"),
            ),
        };
        return Err(err.with_help(
            "techlead reads and writes records only inside the project; pass --dir to read another folder",
        ));
    }
    Ok(found)
}

/// The records of `dir` for commands that only read them: unchanged files
/// come from `.techlead/cache` when the environment allows a cache.
pub fn read_folder(env: &dyn Env, dir: &Path) -> Result<Decisions, InputError> {
    if !env.use_cache() {
        return folder::load(env.root(), dir);
    }
    let (decisions, pending) = folder::load_cached(env.root(), dir)?;
    env.defer_cache(pending);
    Ok(decisions)
}

/// The records of `dir` and, when it is the project's own folder of a
/// log4brains monorepo, of every package's ADR folder declared in
/// `.log4brains.yml`, each record marked with its package. Package folders
/// are read without the cache, which keys on one folder.
pub fn read_project(env: &dyn Env, dir: &Path) -> Result<Decisions, InputError> {
    let mut decisions = read_folder(env, dir)?;
    for (name, pdir) in folder::log4brains_packages(env.root()) {
        if pdir == decisions.dir {
            continue;
        }
        let package = folder::load(env.root(), &pdir)?;
        decisions
            .records
            .extend(package.records.into_iter().map(|mut r| {
                r.package = Some(name.clone());
                r
            }));
    }
    Ok(decisions)
}

/// Lints the records of `dir`.
pub fn lint_folder(
    env: &dyn Env,
    config: &DecisionsConfig,
    dir: &Path,
    with_packages: bool,
) -> Result<Vec<Finding>, InputError> {
    let decisions = if with_packages {
        read_project(env, dir)?
    } else {
        read_folder(env, dir)?
    };
    let opts = LintOptions {
        extra_statuses: config.statuses.clone(),
        today: env.today().to_string(),
    };
    Ok(lint::lint(&decisions.records, &decisions.dir, &opts))
}

/// `decisions/*`: the lint rules over the decisions folder, when there is one.
pub struct DecisionsCheck<'a> {
    pub config: &'a DecisionsConfig,
}

impl Check for DecisionsCheck<'_> {
    fn name(&self) -> &'static str {
        "decisions"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        let Some(dir) = find_dir(env.root(), env.file(), self.config, None)? else {
            return Ok(None);
        };
        lint_folder(env, self.config, &dir, true).map(Some)
    }
}
