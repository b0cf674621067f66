//! History for the scorecard, composed from the history context: the
//! commit log back to the team table's first quarter (messages,
//! committers, merges; files for the newest commits), the release tags
//! with their signatures, and the truck factor over the last year's
//! human commits.

use super::identity::People;
use techlead_core::InputError;
use techlead_practices::{Commit, GitHistory, History, Identities, Person, Tag, Tree, TruckFactor};

/// Where the log comes from: the walk's cache of diffs (the project root
/// whose `history.bin` is read, unless `--no-cache`), the commit to walk
/// back from (None: HEAD), and what the last run kept.
pub struct LogFrom<'a> {
    pub cache: Option<&'a std::path::Path>,
    pub rev: Option<&'a str>,
    pub memo: &'a super::memo::Memo,
}

/// History as the scorecard reads it, or why it could not be read, and
/// who is who in it.
pub fn read(
    root: &std::path::Path,
    tree: &dyn Tree,
    today: &str,
    since: Option<&str>,
    settings: &super::Settings,
    walk_from: &LogFrom,
) -> Result<(History, People), InputError> {
    let LogFrom { cache, rev, memo } = *walk_from;
    let opts = techlead_history::log::LogOptions {
        since: Some(techlead_practices::history_since(
            today,
            since,
            settings.practices,
        )?),
        diff_since: Some(techlead_practices::diff_since(today)?),
        max_diffs: techlead_practices::DIFFED_COMMITS,
        cache: cache.map(std::path::Path::to_path_buf),
        rev: rev.map(str::to_string),
    };
    let t = techlead_core::timing::span("practices: log");
    let log = match walk(root, tree, &opts, memo) {
        Ok(log) => log,
        Err(e) => return Ok((History::Missing(e.to_string()), People::default())),
    };
    drop(t);
    // History paths are relative to the repository's top; ours to the
    // project root, which may sit below it.
    let prefix = techlead_history::revision::prefix(root).unwrap_or_default();
    let people = People::new(log.commits.iter().flat_map(|c| [&c.author, &c.committer]));
    let person = |s: techlead_history::log::Signature| {
        let (key, bot) = people.who(&s.name, &s.email);
        Person {
            name: s.name,
            email: s.email,
            time: s.time,
            key,
            bot,
        }
    };
    let commits: Vec<Commit> = log
        .commits
        .into_iter()
        .map(|c| Commit {
            id: c.id,
            parents: c.parents,
            author: person(c.author),
            committer: person(c.committer),
            message: c.message,
            files: c.files.map(|files| {
                files
                    .into_iter()
                    .filter_map(|f| f.strip_prefix(prefix.as_str()).map(str::to_string))
                    .collect()
            }),
        })
        .collect();
    let patterns = match settings.practices.release_tags.is_empty() {
        true => settings.history_tags,
        false => &settings.practices.release_tags,
    };
    let mut tags: Vec<Tag> = match techlead_history::releases::release_tags(root, patterns) {
        Ok(tags) => tags
            .into_iter()
            .map(|t| Tag {
                name: t.name,
                commit: t.commit,
                time: t.time,
                annotated: t.annotated,
                signature: t.signature.map(str::to_string),
            })
            .collect(),
        Err(e) => return Err(e),
    };
    // At a past commit, the releases made after it had not happened yet
    // (as history's delivery counts them).
    if let Some(at) = rev.and_then(|r| techlead_history::revision::resolve(root, r)) {
        tags.retain(|t| t.time <= at.time);
    }
    let mut history = GitHistory {
        head: log.head,
        commits,
        tags,
        truck_factor: None,
    };
    let _t = techlead_core::timing::span("practices: truck factor");
    let counted = techlead_practices::truck_factor_commits(&history, tree, today);
    let sets: Vec<techlead_history::ChangeSet> = counted
        .into_iter()
        .map(|(author, time, files)| techlead_history::ChangeSet {
            author,
            time,
            files,
            ..Default::default()
        })
        .collect();
    let tf = techlead_history::truck_factor(&sets);
    history.truck_factor = Some(TruckFactor {
        value: tf.truck_factor,
        people: tf.people,
        files: tf.files,
        commits: sets.len(),
    });
    Ok((History::Read(history), people))
}

/// The log of `opts`: from the last run's and the commits new since,
/// when the memo holds a log of this mailmap and the walk is from HEAD;
/// else walked whole. The memo keeps it for the next run.
fn walk(
    root: &std::path::Path,
    tree: &dyn Tree,
    opts: &techlead_history::log::LogOptions,
    memo: &super::memo::Memo,
) -> Result<techlead_history::log::Log, InputError> {
    let mailmap = match opts.rev {
        None if memo.keeps() => super::mailmap::key(root, tree),
        _ => None,
    };
    let old = mailmap.and_then(|m| memo.old_log(m));
    let log = match old {
        Some(old) => super::incremental::log(root, opts, old)?,
        None => None,
    };
    let log = match log {
        Some(log) => log,
        None => techlead_history::log::log(root, opts)?,
    };
    if let Some(saved) = mailmap.and_then(|m| super::memo::SavedLog::new(m, opts, &log)) {
        memo.keep_log(saved);
    }
    Ok(log)
}
