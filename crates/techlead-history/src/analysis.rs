//! One entry point for every analysis: the CLI builds a [`Request`] from
//! its arguments, calls [`analyse`], and writes the [`Report`] it gets back
//! in the format asked for ([`Report::write`]).

use crate::report::Report;
use crate::{ChangeSet, CouplingOptions, Options, summary};
use std::collections::HashMap;
use std::path::Path;
use techlead_core::InputError;

/// What a per-file analysis counts: files, or the groups they roll up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Files,
    /// Folders of at most this many path components.
    Folder(usize),
    /// The modules a [`Modules`] resolver names.
    Module,
}

/// Every analysis `techlead history` runs.
#[derive(Debug, Clone)]
pub enum Analysis {
    Revisions,
    Coupling {
        options: CouplingOptions,
        group: Group,
    },
    Soc {
        max_changeset_size: usize,
    },
    Authors,
    MainDevByRevs,
    AbsChurn,
    AuthorChurn,
    EntityChurn,
    EntityOwnership,
    MainDev,
    RefactoringMainDev,
    Age,
    TruckFactor,
    Fragmentation,
    Summary,
    KnowledgeLoss {
        /// Authors with a commit at or after this time are active.
        active_since: i64,
    },
    Delivery {
        /// Release tag globs; empty for [`crate::DEFAULT_TAGS`].
        tags: Vec<String>,
    },
    Hotspots {
        top: Option<usize>,
        group: Group,
    },
}

impl Analysis {
    /// Whether the analysis needs line counts (a line diff of every
    /// changed blob, much more work than the tree diffs alone).
    pub fn needs_lines(&self) -> bool {
        matches!(
            self,
            Analysis::AbsChurn
                | Analysis::AuthorChurn
                | Analysis::EntityChurn
                | Analysis::EntityOwnership
                | Analysis::MainDev
                | Analysis::RefactoringMainDev
        )
    }
}

/// The module of each path (relative to the repository's top), in order.
/// The CLI builds it from the `[boundaries]` modules: a context does not
/// depend on another.
pub type Modules<'a> = &'a dyn Fn(&[&str]) -> Result<Vec<Option<String>>, InputError>;

pub struct Request<'a> {
    /// A working tree or a git dir.
    pub repo: &'a Path,
    /// The walk: which commits, which files. `lines` is set from the
    /// analysis.
    pub options: Options,
    pub analysis: Analysis,
    /// Unix time of today's start, for file ages.
    pub today: i64,
    /// Needed by [`Group::Module`].
    pub modules: Option<Modules<'a>>,
    /// Called once per commit diffed.
    pub progress: &'a (dyn Fn() + Sync),
}

/// A report, and how many commits it read (none for `delivery`, which
/// reads tags).
pub struct Outcome {
    pub commits: Option<usize>,
    pub report: Report,
}

pub fn analyse(req: Request) -> Result<Outcome, InputError> {
    if let Analysis::Delivery { tags } = &req.analysis {
        return Ok(Outcome {
            commits: None,
            report: Report::Delivery(crate::delivery(req.repo, tags)?),
        });
    }
    let opts = Options {
        lines: req.analysis.needs_lines(),
        ..req.options.clone()
    };
    let sets = crate::change_sets_with_progress(req.repo, &opts, req.progress)?;
    let report = run(&req, &sets)?;
    Ok(Outcome {
        commits: Some(sets.len()),
        report,
    })
}

fn run(req: &Request, sets: &[ChangeSet]) -> Result<Report, InputError> {
    Ok(match &req.analysis {
        Analysis::Revisions => Report::Revisions(crate::revisions(sets)),
        Analysis::Coupling { options, group } => {
            // Commits bigger than the limit go before grouping, as they
            // would for files.
            let kept: Vec<ChangeSet> = sets
                .iter()
                .filter(|s| s.files.len() <= options.max_changeset_size)
                .cloned()
                .collect();
            let grouped = match group {
                Group::Files => kept,
                Group::Folder(depth) => {
                    crate::grouped(&kept, |f| Some(crate::folder_of(f, *depth)))
                }
                Group::Module => {
                    let map = module_map(req, kept.iter().flat_map(|s| &s.files))?;
                    crate::grouped(&kept, |f| map.get(f).cloned().flatten())
                }
            };
            Report::Coupling(crate::coupling(&grouped, options))
        }
        Analysis::Soc { max_changeset_size } => Report::Soc(crate::soc(sets, *max_changeset_size)),
        Analysis::Authors => Report::Authors(crate::authors(sets)),
        Analysis::MainDevByRevs => Report::MainDevByRevs(crate::main_dev_by_revs(sets)),
        Analysis::AbsChurn => Report::AbsChurn(crate::abs_churn(sets)),
        Analysis::AuthorChurn => Report::AuthorChurn(crate::author_churn(sets)),
        Analysis::EntityChurn => Report::EntityChurn(crate::entity_churn(sets)),
        Analysis::EntityOwnership => Report::EntityOwnership(crate::entity_ownership(sets)),
        Analysis::MainDev => Report::MainDev(
            crate::main_dev(sets, false)
                .into_iter()
                .map(crate::AddedOwner)
                .collect(),
        ),
        Analysis::RefactoringMainDev => Report::RefactoringMainDev(
            crate::main_dev(sets, true)
                .into_iter()
                .map(crate::RemovedOwner)
                .collect(),
        ),
        Analysis::Age => Report::Age(crate::age(sets, req.today)),
        Analysis::TruckFactor => Report::TruckFactor(crate::truck_factor(sets)),
        Analysis::Fragmentation => Report::Fragmentation(crate::fragmentation(sets)),
        Analysis::Summary => Report::Summary(Box::new(summary::summary(req.repo, sets))),
        Analysis::KnowledgeLoss { active_since } => {
            Report::KnowledgeLoss(crate::knowledge_loss(sets, *active_since))
        }
        Analysis::Hotspots { top, group } => {
            let Some(tree) = crate::revision::top(req.repo) else {
                return Err(InputError::new(
                    "hotspots read the files as they are now: run in a working tree, not a bare repository",
                ));
            };
            let mut rows = crate::hotspots(&tree, sets);
            match group {
                Group::Files => {}
                Group::Folder(depth) => rows = crate::by_folder(&rows, *depth),
                Group::Module => {
                    let map = module_map(req, rows.iter().map(|h| &h.entity))?;
                    rows = crate::by_group(&rows, |f| map.get(f).cloned().flatten());
                }
            }
            if let Some(n) = top {
                rows.truncate(*n);
            }
            Report::Hotspots(rows)
        }
        Analysis::Delivery { .. } => unreachable!("answered before the walk"),
    })
}

/// Each distinct path's module, through the request's resolver.
fn module_map<'s>(
    req: &Request,
    paths: impl Iterator<Item = &'s String>,
) -> Result<HashMap<String, Option<String>>, InputError> {
    let resolve = req
        .modules
        .ok_or_else(|| InputError::new("--by-module needs the [boundaries] modules"))?;
    let mut paths: Vec<&str> = paths.map(String::as_str).collect();
    paths.sort_unstable();
    paths.dedup();
    let names = resolve(&paths)?;
    Ok(paths.iter().map(|p| p.to_string()).zip(names).collect())
}
