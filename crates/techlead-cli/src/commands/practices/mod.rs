//! `techlead practices`: the engineering-practices scorecard. This module
//! only composes the inputs (the tree, history, the inventory, decision
//! records, declared modules), calls the practices context and renders
//! its report; `techlead check` runs the same assessment through the
//! registry.

mod history;
mod identity;
mod incremental;
mod mailmap;
mod memo;
mod sources;
mod tree;

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::check::Env;
use techlead_core::{ExitCode, InputError};
use techlead_practices::config::PracticesConfig;
use techlead_practices::{Report, Tree};

/// The settings the assessment needs from techlead.toml.
pub struct Settings<'a> {
    pub practices: &'a PracticesConfig,
    pub decisions: &'a techlead_records::config::DecisionsConfig,
    pub boundaries: &'a techlead_boundaries::config::BoundariesConfig,
    /// `[history] release_tags`: the release tags when `[practices]`
    /// names none, as delivery counts them.
    pub history_tags: &'a [String],
}

impl<'a> Settings<'a> {
    pub fn of(ctx: &'a Context, practices: &'a PracticesConfig) -> Self {
        Settings {
            practices,
            decisions: &ctx.decisions,
            boundaries: &ctx.boundaries,
            history_tags: &ctx.history.release_tags,
        }
    }
}

/// The assessment of the project at `env.root()`: a working tree as it is
/// on disk, a bare repository through its HEAD.
pub fn assess(
    env: &dyn Env,
    settings: &Settings,
    since: Option<&str>,
) -> Result<Report, InputError> {
    assess_in(env, settings, since, None)
}

/// As [`assess`]; with `past` (the repository and a full commit id), the
/// scorecard as it stood at that commit: its tree read from git objects,
/// the log walked back from it, `env` the commit's context (its
/// configuration, its day as today).
pub fn assess_in(
    env: &dyn Env,
    settings: &Settings,
    since: Option<&str>,
    past: Option<(&std::path::Path, &str)>,
) -> Result<Report, InputError> {
    let (root, rev) = match past {
        Some((repo, id)) => (repo, Some(id)),
        None => (env.root(), None),
    };
    let trees = techlead_history::tree::Trees::open(root).ok();
    let bare =
        trees.is_some() && (rev.is_some() || techlead_history::revision::top(root).is_none());
    let head: Box<dyn Tree> = match (&trees, rev) {
        (Some(t), Some(id)) => Box::new(tree::Commit(t.at(id)?)),
        (Some(t), None) if bare => match t.head()? {
            Some(h) => Box::new(tree::Commit(h)),
            None => Box::new(tree::WorkTree::read(root)),
        },
        _ => Box::new(tree::WorkTree::read(root)),
    };
    // What the last run read from git objects, for the project's HEAD
    // (not kept for a past commit, nor with --no-cache).
    let memo = match (&trees, rev) {
        (Some(_), None) if env.use_cache() => memo::Memo::load(
            root,
            &techlead_history::revision::prefix(root).unwrap_or_default(),
        ),
        _ => memo::Memo::in_memory(),
    };
    let code_memo = match rev {
        None if env.use_cache() => techlead_practices::CodeMemo::load(root),
        _ => techlead_practices::CodeMemo::in_memory(),
    };
    let t = techlead_core::timing::span("practices: tree and history");
    let (history, people) = match &trees {
        Some(_) => history::read(
            root,
            head.as_ref(),
            env.today(),
            since,
            settings,
            &history::LogFrom {
                cache: env.use_cache().then_some(root),
                rev,
                memo: &memo,
            },
        )?,
        None => (
            techlead_practices::History::Missing("not a git repository".into()),
            identity::People::default(),
        ),
    };
    let decisions = if bare {
        sources::decisions_in_tree(head.as_ref(), root, settings.decisions.dir())
    } else {
        sources::decisions_on_disk(env, settings.decisions)
    };
    let packages = sources::packages(head.as_ref(), env);
    let boundaries = sources::boundaries(env, settings.boundaries);
    // A commit's tree never changes: its measure is kept by commit id.
    let tree_at = |id: &str| {
        memo.quarter(id, || {
            let t = trees.as_ref()?.at(id).ok()?;
            Some(techlead_practices::measure_tree(&tree::Commit(t)))
        })
    };
    let input = techlead_practices::Input {
        tree: head.as_ref(),
        history: &history,
        packages: &packages,
        decisions: &decisions,
        boundaries: &boundaries,
        config: settings.practices,
        today: env.today(),
        since,
        tree_at: &tree_at,
        identities: &people,
        code_memo: &code_memo,
    };
    drop(t);
    let _t = techlead_core::timing::span("practices: assess");
    let report = techlead_practices::assess(&input)?;
    env.defer_cache(memo.pending(root));
    env.defer_cache(code_memo.pending(root));
    Ok(report)
}

pub fn run(ctx: &Context, since: Option<&str>) -> Result<ExitCode> {
    let default = PracticesConfig::default();
    let settings = Settings::of(ctx, ctx.practices.as_ref().unwrap_or(&default));
    let report = assess(ctx, &settings, since)?;
    let mut out: Vec<u8> = Vec::new();
    match ctx.output_format() {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            out.push(b'\n');
        }
        Format::Markdown => techlead_practices::render::markdown(&report, &mut out)?,
        Format::Sarif => {
            let config = ctx.practices.as_ref().unwrap_or(&default);
            out.extend_from_slice(sarif(ctx, &report, config).as_bytes());
        }
        _ => techlead_practices::render::text(&report, &mut out)?,
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}

/// The checks that do not pass, and the rules' findings (a level or a
/// minimum from techlead.toml, an architecture that outpaces the team),
/// as SARIF.
fn sarif(ctx: &Context, report: &Report, config: &PracticesConfig) -> String {
    use techlead_practices::rules::{PracticesCx, RULES, not_passing};
    let cx = PracticesCx {
        report,
        config,
        file: &ctx.config,
    };
    let mut findings = not_passing(report);
    for f in techlead_core::check::run_rules(RULES, &cx) {
        if !findings.iter().any(|x| x.fingerprint == f.fingerprint) {
            findings.push(f);
        }
    }
    techlead_core::findings::sort(&mut findings);
    let rules: Vec<_> = super::registry::rules(ctx).into_iter().copied().collect();
    let opts = techlead_core::output::RenderOptions {
        color: false,
        version: env!("CARGO_PKG_VERSION"),
        run_name: "practices",
        skipped: &[],
    };
    techlead_core::output::render(
        techlead_core::output::FindingsFormat::Sarif,
        &findings,
        &rules,
        &opts,
    )
}
