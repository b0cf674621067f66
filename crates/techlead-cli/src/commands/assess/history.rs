//! The history part of the evidence: one walk for every analysis, and the
//! commit the snapshot describes.

use crate::context::Context;
use techlead_history::{Analysis, Assessment, Options, Report};
use techlead_metrics::evidence::Commit;
use techlead_metrics::{Absent, Source};

/// The commit `rev` (HEAD when None) names, or why there is none.
pub fn commit_of(ctx: &Context, rev: Option<&str>) -> Source<Commit> {
    if techlead_history::revision::top(&ctx.root).is_none()
        && techlead_history::revision::prefix(&ctx.root).is_none()
    {
        return Err(Absent::new("not a git repository").setup("git init"));
    }
    let rev = rev.unwrap_or("HEAD");
    techlead_history::revision::resolve(&ctx.root, rev)
        .map(|r| Commit {
            id: r.id,
            time: r.time,
        })
        .ok_or_else(|| {
            Absent::new(format!("no commit `{rev}` (a repository without commits?)"))
                .setup("git commit")
        })
}

/// HEAD's commit and the history assessment, each absent with its reason
/// (not a git repository, a shallow clone, no commits).
pub fn gather(ctx: &Context) -> (Source<Commit>, Source<Box<Assessment>>) {
    let commit = match commit_of(ctx, None) {
        Ok(c) => c,
        Err(a) => return (Err(a.clone()), Err(a)),
    };
    let today = techlead_history::revision::day_start(&ctx.today).unwrap_or_default();
    // People with no commit in the 12 months up to the commit count as
    // gone: the same window for a snapshot taken today or later.
    let active_since = commit.time - 365 * 86_400;
    let modules = |paths: &[&str]| super::super::history::module_names(ctx, paths);
    let config_error = |at: usize, message: String| ctx.config.error_at(at, message);
    let progress = crate::progress::Files::new(ctx, "reading commits:");
    let health = techlead_health::scorer(super::super::health::thresholds(ctx));
    let outcome = techlead_history::analyse(techlead_history::Request {
        repo: &ctx.root,
        options: Options {
            cache: super::super::history::cache_root(ctx),
            ..Options::default()
        },
        analysis: Analysis::Assessment { active_since },
        today,
        modules: Some(&modules),
        include_bots: false,
        include_deleted: false,
        kinds: Vec::new(),
        config: &ctx.history,
        config_error: &config_error,
        progress: &|| progress.tick(),
        health: Some(&health),
    });
    progress.finish();
    let history = outcome.map_err(|e| super::absent_from(&e)).and_then(|o| {
        super::super::history::keep_cache(ctx, o.cache);
        match o.report {
            Report::Assessment(a) => Ok(a),
            _ => Err(Absent::new("the history analysis gave no assessment")),
        }
    });
    (Ok(commit), history)
}
