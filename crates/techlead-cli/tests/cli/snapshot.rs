//! `techlead snapshot` and `techlead trend`: metrics of HEAD into SQLite,
//! one metric over time with decision dates, and every way the database
//! can be wrong.

use super::fixture::Project;
use super::history_people::{commit_as, fresh};
use crate::snap;

/// A small project with every context set up: two modules (one import
/// breaks the declared graph), decisions, a radar with a Hold technology
/// the lockfile uses, and history by two people with release tags.
pub fn assessed() -> Project {
    let p = fresh();
    p.write(".gitignore", ".techlead/\n");
    p.write(
        "techlead.toml",
        "[decisions]\ndir = \"docs/decisions\"\n\n[boundaries]\n\n[[boundaries.modules]]\nname = \"app\"\npaths = [\"app\"]\ndepends_on = []\n\n[[boundaries.modules]]\nname = \"lib\"\npaths = [\"lib\"]\ndepends_on = []\n\n[snapshot]\nrepository = \"shop\"\n",
    );
    p.write(
        "docs/decisions/0001-use-python.md",
        "---\nstatus: accepted\ndate: 2026-01-02\n---\n# 1. Use Python\n\nWe use `requests` for HTTP.\n",
    );
    p.write(
        "docs/radar/requests.md",
        "---\nname: requests\nquadrant: tools\nring: hold\npackages: [\"pypi:requests\"]\n---\nMove to httpx.\n",
    );
    p.write("requirements.txt", "requests==2.31.0\n");
    p.write(
        "lib/util.py",
        "def helper(x):\n    if x:\n        return 1\n    return 2\n",
    );
    p.write(
        "app/main.py",
        "from lib import util\n\nprint(util.helper(1))\n",
    );
    commit_as(
        &p,
        "Ann",
        "ann@example.com",
        "2026-01-01T10:00:00Z",
        "start",
    );
    p.git("Ann", "2026-01-01T10:00:00Z", &["tag", "v1.0"]);
    p
}

/// Bob changes the library a month later and Ann records a decision.
pub fn second_commit(p: &Project) {
    p.write("lib/util.py", "def helper(x):\n    if x:\n        return 1\n    if not x:\n        return 3\n    return 2\n");
    p.write(
        "docs/decisions/0002-split-lib.md",
        "---\nstatus: proposed\ndate: 2026-01-20\n---\n# 2. Split the library\n",
    );
    commit_as(p, "Bob", "bob@example.com", "2026-02-01T10:00:00Z", "grow");
    p.git("Bob", "2026-02-01T10:00:00Z", &["tag", "v1.1"]);
}

#[test]
fn snapshots_record_head_once_and_trend_draws_them_with_decisions() {
    let p = assessed();
    let first = p.json(&["snapshot", "--format", "json"]);
    assert_eq!(first["recorded"], "new");
    let value = super::fixture::measurement;
    assert_eq!(value(&first, "decisions.total")["value"], 1.0);
    assert_eq!(value(&first, "radar.hold_in_use")["value"], 1.0);
    assert_eq!(value(&first, "boundaries.violations")["value"], 1.0);
    assert_eq!(value(&first, "history.commits")["value"], 1.0);
    let health = value(&first, "health.worst_file")["value"]
        .as_f64()
        .unwrap();
    assert!((1.0..=10.0).contains(&health), "{health}");
    // A metric without evidence is absent with its reason, never 0.
    for m in first["measurements"].as_array().unwrap() {
        if let Some(reason) = m.get("absent") {
            assert!(m.get("value").is_none(), "{m}");
            assert!(!reason.as_str().unwrap().is_empty(), "{m}");
        }
    }
    // The same commit again is one snapshot, replaced.
    assert_eq!(
        p.json(&["snapshot", "--format", "json"])["recorded"],
        "replaced"
    );
    second_commit(&p);
    p.ok(&["snapshot"]);
    snap!(p, "trend_text", p.cmd(&["trend", "decisions.total"]));
    snap!(
        p,
        "trend_csv",
        p.cmd(&["trend", "history.commits", "--format", "csv"])
    );
    let t = p.json(&["trend", "history.authors", "--format", "json"]);
    let values: Vec<f64> = t["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [1.0, 2.0], "one point per commit: {t}");
    assert_eq!(t["decisions"][0]["id"], "0001-use-python");
    assert_eq!(t["decisions"].as_array().unwrap().len(), 2, "{t}");
    // The read contract is the `metrics` view.
    let db = rusqlite::Connection::open(p.path(".techlead/snapshots.db")).unwrap();
    let commits: i64 = db
        .query_row(
            "SELECT count(DISTINCT \"commit\") FROM metrics WHERE repo IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(commits, 2);
}

#[test]
fn unknown_metrics_suggest_and_bad_databases_exit_2_untouched() {
    let p = assessed();
    snap!(p, "trend_unknown", p.cmd(&["trend", "history.truckfactor"]));
    snap!(p, "trend_no_db", p.cmd(&["trend", "history.truck_factor"]));
    p.write(
        ".techlead/snapshots.db",
        "not a database at all, only some text here, and more text to fill a page\n".repeat(20),
    );
    let before = std::fs::read(p.path(".techlead/snapshots.db")).unwrap();
    snap!(
        p,
        "snapshot_damaged_db",
        p.cmd(&["snapshot", "--format", "csv"])
    );
    assert_eq!(
        std::fs::read(p.path(".techlead/snapshots.db")).unwrap(),
        before
    );
}

#[test]
fn a_locked_database_is_exit_2() {
    let p = assessed();
    p.ok(&["snapshot"]);
    // Another writer holds the lock for longer than techlead waits.
    let holder = rusqlite::Connection::open(p.path(".techlead/snapshots.db")).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = p.cmd(&["snapshot"]).output().unwrap();
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("locked by another process"));
}

#[test]
fn outside_git_there_is_nothing_to_snapshot_and_the_registry_lists_every_name() {
    let p = Project::new();
    snap!(p, "snapshot_no_git", p.cmd(&["snapshot"]));
    let list = p.json(&["snapshot", "--list", "--format", "json"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["metric"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"history.truck_factor") && names.contains(&"practices.level"));
    snap!(p, "snapshot_list", p.cmd(&["snapshot", "--list"]));
}

#[test]
fn snapshot_section_keys_are_checked() {
    let p = assessed();
    p.write(
        "techlead.toml",
        "[snapshot]\ndb = \"metrics/history.db\"\nrepo = \"x\"\n",
    );
    let out = p.cmd(&["snapshot"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    p.write(
        "techlead.toml",
        "[snapshot]\ndb = \"metrics/history.db\"\nrepository = \"shop\"\n",
    );
    assert_eq!(p.json(&["snapshot", "--format", "json"])["repo"], "shop");
    assert!(p.path("metrics/history.db").is_file());
}
