//! The log from the last run and a short walk is the whole walk's, on
//! repositories built here with git (fixed authors and dates): new commits
//! on a line, commits of equal time on merged branches, a later cutoff and
//! diff window; and where the short walk cannot know (an old branch merged
//! in), the log is walked whole.

use super::super::memo::SavedLog;
use std::path::Path;
use std::process::Command;
use techlead_history::log::{Log, LogOptions};

fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Ann")
        .env("GIT_AUTHOR_EMAIL", "ann@example.com")
        .env("GIT_COMMITTER_NAME", "Ann")
        .env("GIT_COMMITTER_EMAIL", "ann@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A commit on `date` (a day of 2025) changing `file`.
fn commit(dir: &Path, date: &str, file: &str) {
    std::fs::write(dir.join(file), date).unwrap();
    let when = format!("{date}T10:00:00Z");
    git(dir, &when, &["add", "-A"]);
    git(
        dir,
        &when,
        &["commit", "-q", "-m", &format!("{file} on {date}")],
    );
}

fn merge(dir: &Path, date: &str, branch: &str) {
    let when = format!("{date}T10:00:00Z");
    git(
        dir,
        &when,
        &["merge", "-q", "--no-ff", "-m", "merge", branch],
    );
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(
        dir.path(),
        "2025-01-01T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    for (i, day) in ["2025-01-05", "2025-02-01", "2025-03-01"]
        .iter()
        .enumerate()
    {
        commit(dir.path(), day, &format!("f{i}.rs"));
    }
    dir
}

fn opts(since: &str, diff_since: &str) -> LogOptions {
    let day = |d: &str| techlead_history::revision::day_start(d);
    LogOptions {
        since: day(since),
        diff_since: day(diff_since),
        max_diffs: 10_000,
        cache: None,
        rev: None,
    }
}

fn whole(dir: &Path, o: &LogOptions) -> Log {
    techlead_history::log::log(dir, o).unwrap()
}

fn saved(dir: &Path, o: &LogOptions) -> SavedLog {
    SavedLog::new(1, o, &whole(dir, o)).unwrap()
}

/// The log from `old` and a short walk: None, or the whole walk's.
fn agrees(dir: &Path, o: &LogOptions, old: &SavedLog) -> bool {
    let Some(short) = super::log(dir, o, old).unwrap() else {
        return false;
    };
    assert_eq!(format!("{short:?}"), format!("{:?}", whole(dir, o)));
    true
}

#[test]
fn new_commits_on_the_line_come_from_a_short_walk() {
    let dir = repo();
    let o = opts("2025-01-10", "2025-02-15");
    let old = saved(dir.path(), &o);
    commit(dir.path(), "2025-04-01", "f1.rs");
    commit(dir.path(), "2025-04-02", "new.rs");
    assert!(agrees(dir.path(), &o, &old));
    // The same HEAD again, and a later cutoff and diff window.
    let now = saved(dir.path(), &o);
    assert!(agrees(dir.path(), &o, &now));
    assert!(agrees(dir.path(), &opts("2025-02-10", "2025-03-15"), &now));
    // An earlier cutoff or diff window than the last run's: walked whole.
    assert!(!agrees(dir.path(), &opts("2025-01-01", "2025-03-15"), &now));
    assert!(!agrees(dir.path(), &opts("2025-01-10", "2025-01-15"), &now));
}

#[test]
fn commits_of_equal_time_keep_the_order_of_the_whole_walk() {
    let dir = repo();
    let o = opts("2025-01-01", "2025-01-01");
    let at = |d: &str| format!("{d}T10:00:00Z");
    let branch = |name: &str, day: &str, files: &[&str]| {
        git(dir.path(), &at(day), &["checkout", "-q", "-b", name]);
        for f in files {
            commit(dir.path(), day, f);
        }
        git(dir.path(), &at(day), &["checkout", "-q", "main"]);
    };
    // Merged branches whose commits share one second, before and after
    // the last run.
    branch("side", "2025-05-01", &["s1.rs", "s2.rs"]);
    commit(dir.path(), "2025-05-01", "m1.rs");
    merge(dir.path(), "2025-05-01", "side");
    let old = saved(dir.path(), &o);
    branch("next", "2025-05-02", &["t1.rs", "t2.rs", "t3.rs"]);
    for f in ["m2.rs", "m3.rs"] {
        commit(dir.path(), "2025-05-02", f);
    }
    merge(dir.path(), "2025-05-02", "next");
    commit(dir.path(), "2025-05-02", "m4.rs");
    assert!(agrees(dir.path(), &o, &old));
}

#[test]
fn an_old_branch_merged_in_is_walked_whole() {
    let dir = repo();
    let o = opts("2025-01-01", "2025-01-01");
    git(
        dir.path(),
        "2025-03-01T10:00:00Z",
        &["checkout", "-q", "-b", "old", "HEAD~1"],
    );
    commit(dir.path(), "2025-02-10", "o.rs");
    git(
        dir.path(),
        "2025-03-01T10:00:00Z",
        &["checkout", "-q", "main"],
    );
    commit(dir.path(), "2025-04-01", "m.rs");
    let old = saved(dir.path(), &o);
    merge(dir.path(), "2025-05-01", "old");
    // The short walk stops before the branch's commit: no log from it...
    assert!(!agrees(dir.path(), &o, &old));
    // ...and once walked whole, the next commit is a short walk again.
    let now = saved(dir.path(), &o);
    commit(dir.path(), "2025-06-01", "n.rs");
    assert!(agrees(dir.path(), &o, &now));
}
