//! `.techlead/cache/practices.bin`: the scorecard with the cache is the
//! scorecard without it, as history moves (new commits, merges, an old
//! branch merged in, an edited `.mailmap`, a later today), and a damaged
//! cache is no cache: the answer is the same and the file is written anew.

use super::fixtures::healthy;
use super::{commit, git, merge};
use crate::fixture::Project;

const CACHE: &str = ".techlead/cache/practices.bin";

/// `practices --format json` with the cache (twice: the run that writes
/// it, then one that reads it) is the answer without it.
fn assert_same(p: &Project, today: &str, when: &str) {
    let run = |args: &[&str]| {
        let out = p.cmd(args).env("TECHLEAD_TODAY", today).output().unwrap();
        assert!(out.status.success(), "{when}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let want = run(&["practices", "--format", "json", "--no-cache"]);
    assert_eq!(run(&["practices", "--format", "json"]), want, "{when}");
    assert_eq!(run(&["practices", "--format", "json"]), want, "{when}");
}

#[test]
fn the_cached_scorecard_is_the_uncached_one_as_history_moves() {
    let p = healthy();
    assert_same(&p, "2026-01-15", "at first");
    assert!(p.path(CACHE).is_file());
    commit(
        &p,
        "Bob",
        "Bob",
        "2026-01-10",
        "one more",
        &[("src/more.rs", "pub fn more() {}\n")],
    );
    assert_same(&p, "2026-01-15", "after one commit");
    merge(
        &p,
        "Carol",
        "Alice",
        "2026-01-11",
        "Merge pull request #9 from carol/x",
        &[("src/x.rs", "pub fn x() {}\n")],
    );
    assert_same(&p, "2026-01-15", "after a merge");
    // A branch from long ago, merged now: its commit is older than HEAD.
    let when = "2026-01-12T10:00:00Z";
    git(
        &p,
        "Dan",
        "Dan",
        when,
        &["checkout", "-q", "-b", "old", "HEAD~3"],
    );
    commit(
        &p,
        "Dan",
        "Dan",
        "2025-06-01",
        "old work",
        &[("src/old.rs", "pub fn old() {}\n")],
    );
    git(&p, "Dan", "Dan", when, &["checkout", "-q", "main"]);
    git(
        &p,
        "Alice",
        "Alice",
        when,
        &["merge", "-q", "--no-ff", "old", "-m", "merge old work"],
    );
    assert_same(&p, "2026-01-15", "after an old branch");
    commit(
        &p,
        "Alice",
        "Alice",
        "2026-01-13",
        "people",
        &[(
            ".mailmap",
            "Robert <bob@example.com> Bob <bob@example.com>\n",
        )],
    );
    assert_same(&p, "2026-01-15", "with a .mailmap");
    p.write(
        ".mailmap",
        "Bobby <bob@example.com> Bob <bob@example.com>\n",
    );
    assert_same(&p, "2026-01-15", "with the .mailmap edited");
    assert_same(&p, "2026-07-20", "half a year later");
}

#[test]
fn a_damaged_cache_is_no_cache_and_is_written_anew() {
    let p = healthy();
    let want = p.ok(&["practices", "--format", "json", "--no-cache"]);
    assert!(!p.path(CACHE).exists(), "--no-cache wrote the cache");
    p.ok(&["practices", "--format", "json"]);
    let good = std::fs::read(p.path(CACHE)).unwrap();
    for (what, bytes) in crate::fixture::damaged(&good, b"TLPRACT2") {
        std::fs::write(p.path(CACHE), &bytes).unwrap();
        assert_eq!(p.ok(&["practices", "--format", "json"]), want, "{what}");
        let now = std::fs::read(p.path(CACHE)).unwrap();
        assert_eq!(now, good, "{what}: not written anew");
        assert_eq!(p.ok(&["practices", "--format", "json"]), want, "{what}");
    }
}
