//! The report with `.techlead/cache` (the history walk's diffs and commit
//! records, the practices log reading the walk's diffs, the boundaries
//! scan, the health scans shared with the hotspots) is the report without
//! it: after new commits, a merge, a rebase, an amend, a `.mailmap` change
//! and an edited file; and the practices log really takes its diffs from
//! the walk's cache.

use super::fixture::Project;
use super::history_people::{commit_as, fresh};
use super::snapshot::{assessed, second_commit};

fn report(p: &Project, cached: bool) -> String {
    let mut args = vec!["report", "--format", "json", "--stdout", "--no-snapshot"];
    if !cached {
        args.push("--no-cache");
    }
    p.ok(&args)
}

/// The cached report equals the uncached one, with the cache the last
/// step left (the incremental run) and with the one this run wrote.
fn assert_same(p: &Project, when: &str) {
    let want = report(p, false);
    assert_eq!(report(p, true), want, "{when} (cache of the step before)");
    assert_eq!(report(p, true), want, "{when} (cache of this step)");
}

fn commit(p: &Project, who: &str, date: &str, msg: &str) {
    commit_as(
        p,
        who,
        &format!("{}@example.com", who.to_lowercase()),
        date,
        msg,
    );
}

#[test]
fn the_cached_report_is_the_uncached_one_as_history_moves() {
    let p = assessed();
    assert_same(&p, "first run");
    second_commit(&p);
    assert_same(&p, "a new commit");
    // A branch merged back: the listing walks both parents.
    p.git(
        "Ann",
        "2026-02-02T10:00:00Z",
        &["checkout", "-q", "-b", "side"],
    );
    p.write("lib/side.py", "def side():\n    return 1\n");
    commit(&p, "Cat", "2026-02-02T10:00:00Z", "side");
    p.git("Ann", "2026-02-03T10:00:00Z", &["checkout", "-q", "main"]);
    p.write(
        "app/main.py",
        "from lib import util\n\nprint(util.helper(2))\n",
    );
    commit(&p, "Ann", "2026-02-03T10:00:00Z", "main moves");
    p.git_as(
        "Ann",
        "ann@example.com",
        "2026-02-04T10:00:00Z",
        &["merge", "-q", "--no-edit", "side"],
    );
    assert_same(&p, "a merge");
    // A rebase: the merge and what it brought rewritten away.
    p.git(
        "Ann",
        "2026-02-05T10:00:00Z",
        &["reset", "-q", "--hard", "HEAD~2"],
    );
    p.write("lib/util.py", "def helper(x):\n    return 5\n");
    commit(&p, "Bob", "2026-02-05T10:00:00Z", "rewritten");
    assert_same(&p, "a rebase");
    // An amend of the tip.
    p.write("lib/util.py", "def helper(x):\n    return 6\n");
    p.git_as(
        "Bob",
        "bob@example.com",
        "2026-02-05T10:00:00Z",
        &["add", "-A"],
    );
    p.git_as(
        "Bob",
        "bob@example.com",
        "2026-02-05T10:00:00Z",
        &["commit", "-q", "--amend", "-m", "rewritten"],
    );
    assert_same(&p, "an amend");
    // Bob becomes Ann through .mailmap: the cached records keep authors as
    // written, so the report follows the new mailmap.
    p.write(".mailmap", "Ann <ann@example.com> Bob <bob@example.com>\n");
    assert_same(&p, "a .mailmap change");
    // A file edited in the working tree, not committed.
    p.write(
        "lib/util.py",
        "def helper(x):\n    if x:\n        if x > 1:\n            return 7\n    return 6\n",
    );
    assert_same(&p, "an edited file");
    // `[history.kinds]` moves files between the hotspots (source) and the
    // most changed tests: no result from before the change may stand.
    let before = report(&p, true);
    let config = p.read("techlead.toml");
    p.write(
        "techlead.toml",
        format!("{config}\n[history.kinds]\ntest = [\"lib/**\"]\n"),
    );
    assert_same(&p, "new [history.kinds]");
    assert_ne!(report(&p, true), before, "the kinds change the report");
}

/// A tree object written by hand, for modes git no longer writes.
fn tree(p: &Project, mode: &str, blob: &str) -> String {
    let mut raw = format!("{mode} run.sh\0").into_bytes();
    raw.extend((0..20).map(|i| u8::from_str_radix(&blob[2 * i..2 * i + 2], 16).unwrap()));
    p.write("tree.bin", &raw);
    let id = p.git(
        "A",
        "2026-02-01T10:00:00Z",
        &["hash-object", "-t", "tree", "-w", "--literally", "tree.bin"],
    );
    std::fs::remove_file(p.path("tree.bin")).unwrap();
    id.trim().to_string()
}

#[test]
fn the_practices_log_takes_the_walks_diffs_and_they_are_its_own() {
    let p = fresh();
    // A mode only respelled (100664 to 100644): no change for the walk,
    // one for the log's raw tree diff; the cache keeps it for the log.
    p.write("run.sh", "echo hi\n");
    let blob = p.git(
        "A",
        "2026-02-01T10:00:00Z",
        &["hash-object", "-w", "run.sh"],
    );
    let blob = blob.trim();
    let first = p.git(
        "A",
        "2026-02-01T10:00:00Z",
        &["commit-tree", &tree(&p, "100664", blob), "-m", "old mode"],
    );
    let second = p.git(
        "A",
        "2026-02-02T10:00:00Z",
        &[
            "commit-tree",
            &tree(&p, "100644", blob),
            "-p",
            first.trim(),
            "-m",
            "respelled",
        ],
    );
    p.git(
        "A",
        "2026-02-02T10:00:00Z",
        &["update-ref", "HEAD", second.trim()],
    );
    p.git("A", "2026-02-02T10:00:00Z", &["reset", "-q", "--hard"]);
    // Edits by two people, a rename, tests changing with the source.
    p.write("src/a.py", "def a():\n    return 1\n");
    p.write("tests/test_a.py", "def test_a():\n    assert True\n");
    commit(&p, "Ann", "2026-02-03T10:00:00Z", "a");
    let long: String = (0..30).map(|i| format!("x{i} = {i}\n")).collect();
    p.write("src/b.py", &long);
    commit(&p, "Bob", "2026-02-04T10:00:00Z", "b");
    std::fs::remove_file(p.path("src/b.py")).unwrap();
    p.write("src/c.py", format!("{long}y = 1\n"));
    p.write("tests/test_a.py", "def test_a():\n    assert 1\n");
    commit(&p, "Ann", "2026-02-05T10:00:00Z", "rename b to c");
    let practices = |cached: bool| {
        let mut args = vec!["practices", "--format", "json"];
        if !cached {
            args.push("--no-cache");
        }
        p.ok(&args)
    };
    let want = practices(false);
    assert!(want.contains("\"bus-factor\""), "{want}");
    // The walk writes the cache; the log reads it and answers the same.
    p.ok(&["history", "revisions"]);
    assert_eq!(practices(true), want);
    // Without the tree only the first diff needed, the log still answers
    // from the cache; without the cache it cannot diff that commit.
    let src = p.git("x", "2026-03-01T00:00:00Z", &["rev-parse", "HEAD~2:src"]);
    let src = src.trim();
    std::fs::remove_file(p.path(&format!(".git/objects/{}/{}", &src[..2], &src[2..]))).unwrap();
    assert_eq!(practices(true), want);
    assert_ne!(practices(false), want);
}

#[test]
fn the_health_cache_follows_each_files_content_and_the_limits() {
    let p = assessed();
    let kept = || std::fs::read(p.path(".techlead/cache/health.bin")).ok();
    assert_same(&p, "first run");
    let first = kept().expect("the report keeps the health scans");
    // Nothing changed: nothing rewritten.
    let file = p.path(".techlead/cache/health.bin");
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    super::fixture::set_mtime(&file, old);
    report(&p, true);
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), old);
    // An edited file is scanned again, in health and in the hotspots.
    p.write(
        "lib/util.py",
        "def helper(x):\n    for i in x:\n        if i:\n            return i\n    return 2\n",
    );
    second_commit(&p);
    assert_same(&p, "an edited and committed file");
    assert_ne!(kept().unwrap(), first);
    // A new file, and one deleted: the cache holds the files measured.
    p.write(
        "lib/extra.py",
        "def extra(a, b, c, d, e, f):\n    return a\n",
    );
    std::fs::remove_file(p.path("app/main.py")).unwrap();
    assert_same(&p, "a file added, one deleted");
    // The scans are kept, the scores are the run's: new limits apply.
    let config = p.read("techlead.toml");
    p.write(
        "techlead.toml",
        format!("{config}\n[health]\nmax_complexity = 1\nmax_params = 2\n"),
    );
    assert_same(&p, "new [health] limits");
    // A damaged cache is no cache, and is written again whole.
    let mut bad = kept().unwrap();
    let middle = bad.len() / 2;
    bad[middle] ^= 0x55;
    std::fs::write(p.path(".techlead/cache/health.bin"), &bad).unwrap();
    assert_same(&p, "a damaged health cache");
    assert_ne!(kept().unwrap(), bad);
}
