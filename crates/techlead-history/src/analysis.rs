//! One entry point for every analysis: the CLI builds a [`Request`] from
//! its arguments, calls [`analyse`], and writes the [`Report`] it gets back
//! in the format asked for ([`Report::write`]).

use crate::kinds::{Classifier, HistoryConfig, Kind};
use crate::numbered::{Numbered, Row as NRow};
use crate::report::Report;
use crate::snapshot::{Snapshot, snapshot};
use crate::{ChangeSet, CouplingOptions, Options, Skipped, summary};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
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
    /// Everything the report and the snapshot need, from one walk: the
    /// summary, main developers, knowledge loss, people who left, module
    /// truck factors and module coupling.
    Assessment {
        /// Authors with a commit at or after this time are active.
        active_since: i64,
    },
}

impl Analysis {
    /// Analyses of people: bots are left out of them unless asked for.
    fn about_people(&self) -> bool {
        matches!(
            self,
            Analysis::Authors
                | Analysis::MainDevByRevs
                | Analysis::AuthorChurn
                | Analysis::EntityOwnership
                | Analysis::MainDev
                | Analysis::RefactoringMainDev
                | Analysis::TruckFactor
                | Analysis::Fragmentation
                | Analysis::KnowledgeLoss { .. }
        )
    }

    /// Analyses of the code as it is: files deleted before the analysed
    /// revision are left out of them unless asked for.
    fn about_present(&self) -> bool {
        !matches!(
            self,
            Analysis::Revisions
                | Analysis::AbsChurn
                | Analysis::AuthorChurn
                | Analysis::EntityChurn
                | Analysis::Age
                | Analysis::Delivery { .. }
        )
    }

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
    /// Keep bots in the analyses of people.
    pub include_bots: bool,
    /// Keep files deleted before the analysed revision in the analyses of
    /// the code as it is.
    pub include_deleted: bool,
    /// The kinds of file hotspots and coupling rank; empty for source.
    pub kinds: Vec<Kind>,
    /// `[history]` from techlead.toml.
    pub config: &'a HistoryConfig,
    /// An error at a byte offset of techlead.toml.
    pub config_error: &'a dyn Fn(usize, String) -> InputError,
    /// Called once per commit diffed.
    pub progress: &'a (dyn Fn() + Sync),
    /// Scores the health of the files hotspots measure; None leaves the
    /// column empty.
    pub health: Option<crate::hotspots::HealthScorer<'a>>,
}

/// A report, how many commits it read (none for `delivery`, which reads
/// tags), and the blobs it could not read.
pub struct Outcome {
    pub commits: Option<usize>,
    pub report: Report,
    pub skipped: Vec<Skipped>,
    /// The history cache to write once the command succeeds, and why one
    /// on disk was not used.
    pub cache: crate::CacheUse,
}

pub fn analyse(req: Request) -> Result<Outcome, InputError> {
    analyse_with(req, None)
}

/// Walks kept for a long-running process (the MCP server): a walk is
/// reused while the repository, the walked revision's commit and the walk
/// options are the same, so a second question about the same history does
/// not read it again. A new commit makes the next walk fresh.
#[derive(Default)]
pub struct WalkCache {
    /// (repository and options, walked commit, walk).
    walks: Mutex<Vec<(String, String, Arc<crate::Walk>)>>,
}

impl WalkCache {
    /// The walk for `opts`, from the cache when the history is unchanged.
    fn walk(
        &self,
        repo: &Path,
        opts: &Options,
        progress: &(dyn Fn() + Sync),
    ) -> Result<Arc<crate::Walk>, InputError> {
        let tip = crate::revision::resolve(repo, opts.rev.as_deref().unwrap_or("HEAD"))
            .map(|r| r.id)
            .unwrap_or_default();
        let key = format!("{}\0{opts:?}", repo.display());
        let mut walks = self.walks.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, w)) = walks.iter().find(|(k, t, _)| *k == key && *t == tip) {
            return Ok(w.clone());
        }
        let walk = Arc::new(crate::walk(repo, opts, progress)?);
        // A new commit replaces the walk of the same options.
        walks.retain(|(k, _, _)| *k != key);
        walks.push((key, tip, walk.clone()));
        Ok(walk)
    }
}

/// [`analyse`], taking the walk from `cache` when it has it.
pub fn analyse_with(req: Request, cache: Option<&WalkCache>) -> Result<Outcome, InputError> {
    if let Analysis::Delivery { tags } = &req.analysis {
        // The commit records a walk left in the history cache: delivery
        // then reads only the commits they lack (git.git's 82,000 commit
        // objects read one by one took seconds).
        let cached = {
            let _t = techlead_core::timing::span("history: load cache");
            req.options.cache.as_deref().map(crate::diffcache::load)
        };
        let known = cached
            .as_ref()
            .map(|c| &c.commits)
            .filter(|k| !k.is_empty());
        let _t = techlead_core::timing::span("history: delivery");
        let report = crate::delivery::delivery_with(
            req.repo,
            if tags.is_empty() {
                &req.config.release_tags
            } else {
                tags
            },
            req.options.rev.as_deref(),
            known,
        )?;
        // Freed on another thread (a thread that cannot start frees it
        // here): nothing waits for 80,000 entries to be dropped.
        let _ = std::thread::Builder::new().spawn(move || drop(cached));
        return Ok(Outcome {
            commits: None,
            report: Report::Delivery(report),
            skipped: Vec::new(),
            cache: Default::default(),
        });
    }
    let opts = Options {
        lines: req.analysis.needs_lines(),
        ..req.options.clone()
    };
    // code-maat's coupling and sum of coupling, with --all-files and no
    // --kind, count every file ever changed, as code-maat does.
    let code_maat = !opts.default_excludes
        && req.kinds.is_empty()
        && matches!(
            req.analysis,
            Analysis::Coupling { .. } | Analysis::Soc { .. }
        );
    let wants_view = req.analysis.about_present() && !code_maat;
    let (repo, rev) = (req.repo, opts.rev.as_deref());
    let (walked, snap) = std::thread::scope(|scope| {
        // The files at the analysed revision are read beside the walk,
        // whose cache load and listing keep one core busy.
        let snap = wants_view.then(|| {
            scope.spawn(move || {
                let _t = techlead_core::timing::span("history: snapshot");
                snapshot(repo, rev)
            })
        });
        // The walk, kept whole for its commit records; its change sets
        // move out (or are copied from a walk the cache keeps).
        let walked = match cache {
            Some(c) => c
                .walk(req.repo, &opts, req.progress)
                .map(|w| (w.sets.clone(), w.skipped.clone(), Default::default(), w)),
            None => {
                let _t = techlead_core::timing::span("history: walk");
                crate::walk(req.repo, &opts, req.progress).map(|mut w| {
                    let sets = std::mem::take(&mut w.sets);
                    let skipped = std::mem::take(&mut w.skipped);
                    let disk = std::mem::take(&mut w.cache);
                    (sets, skipped, disk, Arc::new(w))
                })
            }
        };
        let snap = snap.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (walked, snap)
    });
    let (mut sets, skipped, disk, walk) = walked?;
    let commits = sets.len();
    let view = match snap {
        Some(snap) => {
            let _t = techlead_core::timing::span("history: kinds");
            let snap = snap?;
            let classifier = Classifier::new(req.config, &snap, req.config_error)?;
            Some(View {
                present: (!req.include_deleted).then_some(snap),
                classifier,
            })
        }
        None => None,
    };
    if req.analysis.about_people() && !req.include_bots {
        sets.retain(|s| !s.bot);
    }
    let t = techlead_core::timing::span("history: analysis");
    let report = run(&req, sets, view.as_ref(), Some(&*walk.records))?;
    drop(t);
    Ok(Outcome {
        commits: Some(commits),
        report,
        skipped,
        cache: disk,
    })
}

/// The code as it is at the analysed revision: which files exist (None
/// when deleted ones are kept), and what kind each is.
struct View {
    present: Option<Snapshot>,
    classifier: Classifier,
}

impl View {
    /// Each file under its name at the analysed revision (following the
    /// renames recorded in the history, newest first), and only the files
    /// that exist there. The change sets' form of [`View::present_rows`],
    /// kept as the tests' reference.
    #[cfg(test)]
    fn present(&self, sets: &mut [ChangeSet]) {
        let Some(snap) = &self.present else {
            return;
        };
        let mut order: Vec<usize> = (0..sets.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(sets[i].time));
        // A path in older commits to the name it has now.
        let mut now: HashMap<String, String> = HashMap::new();
        for i in order {
            let s = &mut sets[i];
            let lines = std::mem::take(&mut s.lines);
            let mut kept: Vec<(String, Option<crate::FileLines>)> = Vec::new();
            for (j, f) in std::mem::take(&mut s.files).into_iter().enumerate() {
                let f = now.get(&f).cloned().unwrap_or(f);
                if snap.paths.contains(&f) {
                    kept.push((f, lines.get(j).copied()));
                }
            }
            for (old, new) in &s.renames {
                let current = now.get(new).cloned().unwrap_or_else(|| new.clone());
                now.insert(old.clone(), current);
            }
            kept.sort_by(|a, b| a.0.cmp(&b.0));
            kept.dedup_by(|a, b| a.0 == b.0);
            s.files = kept.iter().map(|(f, _)| f.clone()).collect();
            s.lines = kept.into_iter().filter_map(|(_, l)| l).collect();
        }
    }

    /// [`View::present`] of numbered rows.
    fn present_rows(&self, n: &Numbered, rows: &mut [NRow]) {
        if let Some(snap) = &self.present {
            let exists: Vec<bool> = n.paths.iter().map(|p| snap.paths.contains(p)).collect();
            n.present(rows, &exists);
        }
    }

    /// [`View::of_kinds`] of numbered rows.
    fn of_kinds_rows(&self, n: &Numbered, rows: &mut [NRow], kinds: &[Kind]) {
        let kinds = source_unless(kinds);
        n.retain(rows, &|f| kinds.contains(&self.classifier.kind(f)));
    }

    /// Only the files of these kinds (source when none are named). The
    /// change sets' form of [`View::of_kinds_rows`], kept as the tests'
    /// reference.
    #[cfg(test)]
    fn of_kinds(&self, sets: &mut [ChangeSet], kinds: &[Kind]) {
        let kinds = source_unless(kinds);
        let mut memo: HashMap<String, bool> = HashMap::new();
        for s in sets {
            s.files.retain(|f| {
                *memo
                    .entry(f.clone())
                    .or_insert_with(|| kinds.contains(&self.classifier.kind(f)))
            });
        }
    }
}

/// The kinds asked for, source when none are named.
fn source_unless(kinds: &[Kind]) -> &[Kind] {
    if kinds.is_empty() {
        &[Kind::Source]
    } else {
        kinds
    }
}

fn run(
    req: &Request,
    sets: Vec<ChangeSet>,
    view: Option<&View>,
    known: crate::delivery::Known,
) -> Result<Report, InputError> {
    match &req.analysis {
        Analysis::Summary => {
            return Ok(Report::Summary(Box::new(
                summary_of(req, sets, view, known)?.summary,
            )));
        }
        Analysis::Assessment { active_since } => {
            return assessment(req, sets, view, known, *active_since);
        }
        _ => {}
    }
    // Every analysis counts over numbers, not strings: each path is
    // hashed once here, and the views of the present (renames, deleted
    // files) and the kinds run per number.
    let n = Numbered::new(&sets);
    // Tens of thousands of change sets are freed meanwhile (here when a
    // thread cannot start).
    let _ = std::thread::Builder::new().spawn(move || drop(sets));
    let mut rows = n.rows();
    let present = |rows: &mut Vec<NRow>| {
        if let Some(v) = view {
            v.present_rows(&n, rows);
        }
    };
    Ok(match &req.analysis {
        Analysis::Revisions => Report::Revisions(n.revisions(&rows)),
        Analysis::Coupling { options, group } => {
            // Commits bigger than the limit go before anything else, as
            // code-maat drops them.
            rows.retain(|r| r.files.len() <= options.max_changeset_size);
            if let Some(v) = view {
                v.present_rows(&n, &mut rows);
                v.of_kinds_rows(&n, &mut rows, &req.kinds);
            }
            Report::Coupling(match group {
                Group::Files => {
                    let slices: Vec<&[u32]> = rows.iter().map(|r| r.files.as_slice()).collect();
                    crate::coupling::coupling_of(&slices, &n.paths, options)?
                }
                Group::Folder(depth) => crate::coupling::coupling_of_groups(
                    &n,
                    &rows,
                    |f| Some(crate::folder_of(f, *depth)),
                    options,
                )?,
                Group::Module => {
                    let map = module_map(req, n.files(&rows).into_iter().map(|f| n.path(f)))?;
                    crate::coupling::coupling_of_groups(
                        &n,
                        &rows,
                        |f| map.get(f).cloned().flatten(),
                        options,
                    )?
                }
            })
        }
        Analysis::Soc { max_changeset_size } => {
            let mut out = crate::coupling::soc_of(&n, &rows, *max_changeset_size);
            if let Some(snap) = view.and_then(|v| v.present.as_ref()) {
                out.retain(|r| snap.paths.contains(&r.entity));
            }
            Report::Soc(out)
        }
        Analysis::Authors => {
            present(&mut rows);
            Report::Authors(crate::people::authors_of(&n, &rows))
        }
        Analysis::MainDevByRevs => {
            present(&mut rows);
            Report::MainDevByRevs(crate::people::main_devs(&n, &rows))
        }
        Analysis::AbsChurn => Report::AbsChurn(crate::churn::abs_churn_of(&n, &rows)),
        Analysis::AuthorChurn => Report::AuthorChurn(crate::churn::author_churn_of(&n, &rows)),
        Analysis::EntityChurn => Report::EntityChurn(crate::churn::entity_churn_of(&n, &rows)),
        Analysis::EntityOwnership => {
            present(&mut rows);
            Report::EntityOwnership(crate::churn::entity_ownership_of(&n, &rows))
        }
        Analysis::MainDev => {
            present(&mut rows);
            Report::MainDev(
                crate::churn::main_dev_of(&n, &rows, false)
                    .into_iter()
                    .map(crate::AddedOwner)
                    .collect(),
            )
        }
        Analysis::RefactoringMainDev => {
            present(&mut rows);
            Report::RefactoringMainDev(
                crate::churn::main_dev_of(&n, &rows, true)
                    .into_iter()
                    .map(crate::RemovedOwner)
                    .collect(),
            )
        }
        Analysis::Age => Report::Age(crate::people::age_of(&n, &rows, req.today)),
        Analysis::TruckFactor => {
            present(&mut rows);
            Report::TruckFactor(crate::people::truck_factor_of(&n, &rows))
        }
        Analysis::Fragmentation => {
            present(&mut rows);
            Report::Fragmentation(crate::people::fragmentation_of(&n, &rows))
        }
        Analysis::KnowledgeLoss { active_since } => {
            present(&mut rows);
            Report::KnowledgeLoss(crate::people::knowledge_loss_of(&n, &rows, *active_since))
        }
        Analysis::Hotspots { top, group } => {
            let Some(tree) = crate::revision::top(req.repo) else {
                return Err(InputError::new(
                    "hotspots read the files as they are now: run in a working tree, not a bare repository",
                ));
            };
            if let Some(v) = view {
                v.present_rows(&n, &mut rows);
                v.of_kinds_rows(&n, &mut rows, &req.kinds);
            }
            let mut spots = crate::hotspots::hotspots_at(
                &tree,
                req.options.rev.as_deref(),
                n.revisions(&rows),
                req.health,
            )?;
            match group {
                Group::Files => {}
                Group::Folder(depth) => {
                    spots = crate::hotspots::by_group_of(&spots, &n, &rows, |f| {
                        Some(crate::folder_of(f, *depth))
                    })
                }
                Group::Module => {
                    let map = module_map(req, spots.iter().map(|h| h.entity.as_str()))?;
                    spots = crate::hotspots::by_group_of(&spots, &n, &rows, |f| {
                        map.get(f).cloned().flatten()
                    });
                }
            }
            if let Some(n) = top {
                spots.truncate(*n);
            }
            Report::Hotspots(spots)
        }
        Analysis::Summary | Analysis::Assessment { .. } => unreachable!("answered above"),
        Analysis::Delivery { .. } => unreachable!("answered before the walk"),
    })
}

/// `history assessment`: the summary, then the people and modules it
/// needs from the same numbered history.
fn assessment(
    req: &Request,
    sets: Vec<ChangeSet>,
    view: Option<&View>,
    known: crate::delivery::Known,
    active_since: i64,
) -> Result<Report, InputError> {
    let SummaryOf {
        summary,
        n,
        people,
        coupled,
    } = summary_of(req, sets, view, known)?;
    let modules = match req.modules {
        Some(resolve) if view.is_some() => {
            // Each path once, in name order.
            let paths: Vec<&str> = n.files(&people).into_iter().map(|f| n.path(f)).collect();
            // No modules declared is no module map, not an error.
            let names = resolve(&paths).unwrap_or_default();
            paths
                .iter()
                .zip(names)
                .filter_map(|(p, m)| Some((p.to_string(), m?)))
                .collect()
        }
        _ => Default::default(),
    };
    let _t = techlead_core::timing::span("history: assessment");
    Ok(Report::Assessment(Box::new(crate::assessment::assess(
        summary,
        &n,
        &people,
        &coupled,
        modules,
        active_since,
    )?)))
}

/// `history summary`, and the numbered change sets the assessment
/// reads on from.
struct SummaryOf {
    summary: summary::Summary,
    n: Numbered,
    /// The present files' change sets of the people counted (bots out
    /// unless asked for).
    people: Vec<NRow>,
    /// The change sets file coupling counted (the kinds ranked, source
    /// by default), bots out unless asked for: module coupling groups
    /// the same files, so a CI workflow or a manifest bumped in every
    /// module couples no module.
    coupled: Vec<NRow>,
}

fn summary_of(
    req: &Request,
    sets: Vec<ChangeSet>,
    view: Option<&View>,
    known: crate::delivery::Known,
) -> Result<SummaryOf, InputError> {
    let n = Numbered::new(&sets);
    // Tens of thousands of change sets are freed meanwhile.
    std::thread::spawn(move || drop(sets));
    let mut all = n.rows();
    // Coupling as `history coupling` counts it: big commits dropped by
    // their size as committed, before any file is set aside.
    let max = CouplingOptions::default().max_changeset_size;
    let mut coupled: Vec<NRow> = all
        .iter()
        .filter(|r| r.files.len() <= max)
        .cloned()
        .collect();
    if let Some(v) = view {
        v.present_rows(&n, &mut all);
    }
    let (mut code, mut tests) = (all.clone(), all.clone());
    if let Some(v) = view {
        v.present_rows(&n, &mut coupled);
        v.of_kinds_rows(&n, &mut coupled, &req.kinds);
        v.of_kinds_rows(&n, &mut code, &req.kinds);
        v.of_kinds_rows(&n, &mut tests, &[Kind::Test]);
    }
    let of_people = |rows: &[NRow]| -> Vec<NRow> {
        rows.iter()
            .filter(|r| req.include_bots || !n.commit(r).bot)
            .cloned()
            .collect()
    };
    let people = of_people(&all);
    let summary = summary::summary(
        req.repo,
        req.options.rev.as_deref(),
        summary::Parts {
            numbered: &n,
            all: &all,
            people: &people,
            code: &code,
            coupled: &coupled,
            tests: &tests,
            health: req.health,
            known,
            tags: &req.config.release_tags,
        },
    )?;
    let coupled = of_people(&coupled);
    Ok(SummaryOf {
        summary,
        n,
        people,
        coupled,
    })
}

/// Each distinct path's module, through the request's resolver.
fn module_map<'s>(
    req: &Request,
    paths: impl Iterator<Item = &'s str>,
) -> Result<HashMap<String, Option<String>>, InputError> {
    let resolve = req
        .modules
        .ok_or_else(|| InputError::new("--by-module needs the [boundaries] modules"))?;
    let mut paths: Vec<&str> = paths.collect();
    paths.sort_unstable();
    paths.dedup();
    let names = resolve(&paths)?;
    Ok(paths.iter().map(|p| p.to_string()).zip(names).collect())
}

#[cfg(test)]
mod tests;
