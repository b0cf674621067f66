//! The history cache (`.techlead/cache/history.bin`): every answer with
//! the cache is the answer without it, after new commits, after a rebase
//! or a force-push rewrote the history, after a `.mailmap` change, and
//! with a damaged cache file; and a warm walk really reads only new
//! commits.

use super::fixture::Project;
use super::history_people::{commit_as, fresh};

const CACHE: &str = ".techlead/cache/history.bin";

fn commit(p: &Project, who: &str, day: u32, msg: &str) {
    commit_as(
        p,
        who,
        &format!("{}@example.com", who.to_lowercase()),
        &format!("2026-02-{day:02}T10:00:00Z"),
        msg,
    );
}

fn git(p: &Project, args: &[&str]) -> String {
    p.git("x", "2026-03-01T00:00:00Z", args).trim().to_string()
}

/// A history with edits, a rename, a deletion, two authors and a docs
/// file (excluded by `--exclude`, counted otherwise).
fn repo() -> Project {
    let p = fresh();
    p.write("src/a.py", "def a():\n    return 1\n");
    p.write("src/b.py", "def b():\n    if b:\n        return 2\n");
    p.write("docs/guide.md", "# Guide\n");
    commit(&p, "Ann", 1, "start");
    p.write("src/a.py", "def a():\n    return 10\n");
    p.write("src/b.py", "def b():\n    if b:\n        return 3\n");
    commit(&p, "Bob", 2, "both");
    let long: String = (0..40).map(|i| format!("x{i} = {i}\n")).collect();
    p.write("src/c.py", &long);
    p.write("docs/guide.md", "# Guide\n\nMore.\n");
    commit(&p, "Ann", 3, "c");
    std::fs::remove_file(p.path("src/c.py")).unwrap();
    p.write("src/moved.py", format!("{long}y = 1\n"));
    commit(&p, "Bob", 4, "move c");
    p
}

/// The analyses compared: file and line analyses, people, the summary.
const ANALYSES: &[&[&str]] = &[
    &["history", "revisions"],
    &[
        "history",
        "coupling",
        "--min-revs",
        "1",
        "--min-shared-revs",
        "1",
    ],
    &["history", "authors"],
    &["history", "entity-churn"],
    &["history", "entity-churn", "--exclude", "docs/**"],
    &["history", "main-dev"],
    &["history", "main-dev-by-revs"],
    &["history", "truck-factor"],
    &["history", "summary"],
    &["history", "revisions", "--no-renames"],
];

/// Every analysis gives the same JSON with the cache (read and written)
/// as without it, twice over so the second run reads what the first
/// wrote.
fn assert_same(p: &Project, when: &str) {
    for args in ANALYSES {
        let mut plain = args.to_vec();
        plain.extend(["--format", "json", "--no-cache"]);
        let mut cached = args.to_vec();
        cached.extend(["--format", "json"]);
        let want = p.ok(&plain);
        assert_eq!(p.ok(&cached), want, "{when}: {args:?} (cold)");
        assert_eq!(p.ok(&cached), want, "{when}: {args:?} (warm)");
    }
    assert!(p.path(CACHE).is_file(), "{when}");
}

#[test]
fn the_cached_answer_is_the_uncached_one_as_history_moves() {
    let p = repo();
    assert_same(&p, "first run");
    // New commits on top.
    p.write("src/a.py", "def a():\n    return 11\n");
    commit(&p, "Cat", 5, "more");
    p.write("src/b.py", "def b():\n    return 4\n");
    commit(&p, "Ann", 6, "more again");
    assert_same(&p, "after new commits");
    // A rebase: the last three commits rewritten, same messages and dates,
    // other contents; the old ones are unreachable.
    git(&p, &["reset", "-q", "--hard", "HEAD~3"]);
    p.write("src/a.py", "def a():\n    return 99\n");
    commit(&p, "Bob", 4, "move c");
    p.write("src/d.py", "d = 1\n");
    commit(&p, "Cat", 5, "more");
    assert_same(&p, "after a rebase");
    // A force-push that amends the tip.
    p.write("src/d.py", "d = 2\n");
    p.git_as(
        "Cat",
        "cat@example.com",
        "2026-02-05T10:00:00Z",
        &["add", "-A"],
    );
    p.git_as(
        "Cat",
        "cat@example.com",
        "2026-02-05T10:00:00Z",
        &["commit", "-q", "--amend", "-m", "more"],
    );
    assert_same(&p, "after an amend");
    // A .mailmap joins Cat into Ann: authors are not cached, so the
    // cached answer follows it.
    let before = p.ok(&["history", "main-dev-by-revs", "--format", "csv"]);
    assert!(before.contains("src/d.py,Cat,"), "{before}");
    p.write(".mailmap", "Ann <ann@example.com> Cat <cat@example.com>\n");
    assert_same(&p, "after a .mailmap change");
    let after = p.ok(&["history", "main-dev-by-revs", "--format", "csv"]);
    assert!(
        after.contains("src/d.py,Ann,") && !after.contains("Cat"),
        "{after}"
    );
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note_and_rebuilt() {
    let p = repo();
    let want = p.ok(&["history", "summary", "--format", "json", "--no-cache"]);
    p.ok(&["history", "summary"]);
    let good = std::fs::read(p.path(CACHE)).unwrap();
    for (what, bytes) in super::fixture::damaged(&good, b"TLHIST01") {
        std::fs::write(p.path(CACHE), &bytes).unwrap();
        let out = p
            .cmd(&["history", "summary", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{what}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{what}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("history.bin is damaged or from another techlead build"),
            "{what}: {err}"
        );
        // Rebuilt: the next run reads it without a note.
        let out = p
            .cmd(&["history", "summary", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{what}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("damaged"),
            "{what}"
        );
    }
    // --quiet keeps the note off stderr; the answer is the same.
    std::fs::write(p.path(CACHE), b"junk").unwrap();
    let out = p
        .cmd(&["history", "summary", "--format", "json", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    assert!(out.stderr.is_empty());
}

#[test]
fn a_warm_walk_diffs_only_new_commits() {
    let p = repo();
    // The first commit's `src` tree is read only to diff the second
    // commit; once that diff is cached, the tree is not needed.
    let tree = git(&p, &["rev-parse", "HEAD~3:src"]);
    p.ok(&["history", "revisions"]);
    let kept = std::fs::read(p.path(CACHE)).unwrap();
    std::fs::remove_file(p.path(&format!(".git/objects/{}/{}", &tree[..2], &tree[2..]))).unwrap();
    // Without the cache the walk must read it, and stops.
    let out = p
        .cmd(&["history", "revisions", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&tree));
    // With it, the same answer as before, and a new commit is diffed.
    p.write("src/e.py", "e = 1\n");
    commit(&p, "Ann", 7, "e");
    let out = p.ok(&["history", "revisions", "--format", "csv"]);
    assert!(out.contains("src/e.py,1"), "{out}");
    assert!(
        out.contains("src/a.py,2") && out.contains("src/b.py,2"),
        "{out}"
    );
    assert_ne!(std::fs::read(p.path(CACHE)).unwrap(), kept);
    // Nothing in the cache folder is for git.
    assert_eq!(git(&p, &["status", "--porcelain", "--ignored=no"]), "");
}

#[test]
fn no_cache_neither_reads_nor_writes_it_and_bad_input_writes_nothing() {
    let p = repo();
    p.ok(&["history", "revisions", "--no-cache"]);
    assert!(!p.path(".techlead").exists());
    let out = p
        .cmd(&["history", "revisions", "--since", "20000 years"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!p.path(".techlead").exists());
}

#[test]
fn a_warm_walk_with_nothing_new_leaves_the_file_alone_after_a_branch_switch() {
    use std::os::unix::fs::MetadataExt;
    let p = repo();
    git(&p, &["checkout", "-q", "-b", "side"]);
    p.write("src/side.py", "s = 1\n");
    commit(&p, "Ann", 8, "side");
    p.ok(&["history", "revisions"]);
    git(&p, &["checkout", "-q", "main"]);
    // Back on main: the side commit's entries stay for a switch back.
    p.ok(&["history", "revisions"]);
    let written = std::fs::metadata(p.path(CACHE)).unwrap().ino();
    // Nothing new since: the file is not written again (a rewrite is a
    // new file renamed into place).
    let want = p.ok(&["history", "summary", "--format", "json", "--no-cache"]);
    assert_eq!(p.ok(&["history", "summary", "--format", "json"]), want);
    assert_eq!(std::fs::metadata(p.path(CACHE)).unwrap().ino(), written);
    // Back on the branch, its commit is still a hit.
    git(&p, &["checkout", "-q", "side"]);
    let want = p.ok(&["history", "summary", "--format", "json", "--no-cache"]);
    assert_eq!(p.ok(&["history", "summary", "--format", "json"]), want);
    assert_eq!(std::fs::metadata(p.path(CACHE)).unwrap().ino(), written);
}

#[test]
fn new_commits_are_appended_to_the_file_and_a_changed_diff_rewrites_it() {
    let p = repo();
    let want = |p: &Project| p.ok(&["history", "summary", "--format", "json", "--no-cache"]);
    p.ok(&["history", "summary"]);
    let before = std::fs::read(p.path(CACHE)).unwrap();
    p.write("src/a.py", "def a():\n    return 12\n");
    commit(&p, "Cat", 5, "more");
    assert_eq!(p.ok(&["history", "summary", "--format", "json"]), want(&p));
    let after = std::fs::read(p.path(CACHE)).unwrap();
    // The bytes read are kept as they were (but for the count of segments
    // after the format's name, and the checksum at the end); the new
    // commit's diff and record follow them.
    let body = before.len() - 16;
    assert_eq!(after[..8], before[..8]);
    assert_eq!(after[8..12], 2u32.to_le_bytes());
    assert_eq!(after[12..body], before[12..body]);
    assert!(after.len() > before.len());
    // Read back: the same answer, and nothing new to write.
    assert_eq!(p.ok(&["history", "summary", "--format", "json"]), want(&p));
    assert_eq!(std::fs::read(p.path(CACHE)).unwrap(), after);
    // Diffs made again under other options (renames not followed) replace
    // the kept ones: the file is written whole, one segment.
    p.ok(&["history", "revisions", "--no-renames"]);
    let whole = std::fs::read(p.path(CACHE)).unwrap();
    assert_eq!(whole[8..12], 1u32.to_le_bytes());
    assert_eq!(p.ok(&["history", "summary", "--format", "json"]), want(&p));
}
