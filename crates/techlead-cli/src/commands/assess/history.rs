//! The history part of the evidence: one walk for every analysis, and the
//! commit the snapshot describes.

use crate::context::Context;
use techlead_health::Memo;
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
pub fn gather(ctx: &Context, memo: &Memo) -> (Source<Commit>, Source<Box<Assessment>>) {
    let commit = match commit_of(ctx, None) {
        Ok(c) => c,
        Err(a) => return (Err(a.clone()), Err(a)),
    };
    let history = assess_at(ctx, ctx, &commit, None, memo);
    (Ok(commit), history)
}

/// The history assessment up to `commit`: the repository (and its history
/// cache) is `repo`'s, the configuration and the day the activity windows
/// end on are `conf`'s. For HEAD both are the project; for a past commit
/// (`rev`) `conf` is that commit's configuration, dated that day. The
/// hotspots take each file's scan from `memo` when it has that content.
pub fn assess_at(
    repo: &Context,
    conf: &Context,
    commit: &Commit,
    rev: Option<&str>,
    memo: &Memo,
) -> Source<Box<Assessment>> {
    let today = techlead_history::revision::day_start(&conf.today).unwrap_or_default();
    // People with no commit in the 12 months up to the commit count as
    // gone: the same window for a snapshot taken today or later.
    let active_since = commit.time - 365 * 86_400;
    let prefix = techlead_history::revision::prefix(&repo.root).unwrap_or_default();
    let modules = |paths: &[&str]| super::super::history::module_names_below(conf, &prefix, paths);
    let config_error = |at: usize, message: String| conf.config.error_at(at, message);
    let progress = crate::progress::Files::new(repo, "reading commits:");
    let health = techlead_health::scorer(super::super::health::thresholds(conf), memo);
    let outcome = techlead_history::analyse(techlead_history::Request {
        repo: &repo.root,
        options: Options {
            rev: rev.map(str::to_string),
            cache: super::super::history::cache_root(repo),
            ..Options::default()
        },
        analysis: Analysis::Assessment { active_since },
        today,
        modules: Some(&modules),
        include_bots: false,
        include_deleted: false,
        kinds: Vec::new(),
        config: &conf.history,
        config_error: &config_error,
        progress: &|| progress.tick(),
        health: Some(&health),
    });
    progress.finish();
    outcome.map_err(|e| super::absent_from(&e)).and_then(|o| {
        super::super::history::keep_cache(repo, o.cache);
        match o.report {
            Report::Assessment(a) => Ok(a),
            _ => Err(Absent::new("the history analysis gave no assessment")),
        }
    })
}
