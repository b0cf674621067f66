//! `techlead history` on repositories the tests build with git, with fixed
//! authors and dates, compared with what `git log` itself counts.

use super::fixture::Project;
use std::collections::BTreeMap;

/// A history with co-changes, a rename, a merge, a lock file and a
/// 31-file commit.
fn repo() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "Alice",
        "2026-01-01T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    let commit = |who: &str, day: u32, files: &[(&str, &str)]| {
        for (f, text) in files {
            p.write(f, text);
        }
        let date = format!("2026-02-{day:02}T10:00:00Z");
        p.git(who, &date, &["add", "-A"]);
        p.git(who, &date, &["commit", "-q", "-m", &format!("day {day}")]);
    };
    for day in 1..=6 {
        commit(
            "Alice",
            day,
            &[
                ("src/a.rs", &format!("a {day}")),
                ("src/b.rs", &format!("b {day}")),
            ],
        );
    }
    commit("Bob", 7, &[("src/a.rs", "a 7"), ("Cargo.lock", "lock")]);
    commit("Bob", 8, &[("src/c.rs", "c")]);
    p.git(
        "Bob",
        "2026-02-09T10:00:00Z",
        &["mv", "src/c.rs", "src/d.rs"],
    );
    p.git(
        "Bob",
        "2026-02-09T10:00:00Z",
        &["commit", "-q", "-m", "rename"],
    );
    let many: Vec<(String, String)> = (0..31)
        .map(|i| (format!("gen/f{i}.rs"), "x".to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut with_ab = refs.clone();
    with_ab.push(("src/a.rs", "a 10"));
    with_ab.push(("src/b.rs", "b 10"));
    commit("Carol", 10, &with_ab);
    // A merge: its changes are left out, as `git log` does.
    p.git(
        "Alice",
        "2026-02-11T10:00:00Z",
        &["checkout", "-q", "-b", "side"],
    );
    commit("Alice", 11, &[("src/e.rs", "e")]);
    p.git("Alice", "2026-02-12T10:00:00Z", &["checkout", "-q", "main"]);
    commit("Alice", 12, &[("src/b.rs", "b 12")]);
    p.git(
        "Alice",
        "2026-02-13T10:00:00Z",
        &["merge", "-q", "--no-ff", "side", "-m", "merge"],
    );
    p
}

fn counts(csv: &str) -> BTreeMap<String, usize> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let (e, n) = l.rsplit_once(',').unwrap();
            (e.to_string(), n.parse().unwrap())
        })
        .collect()
}

#[test]
fn revisions_equal_git_log_without_renames() {
    let p = repo();
    let ours = counts(&p.ok(&[
        "history",
        "revisions",
        "--no-renames",
        "--all-files",
        "--format",
        "csv",
    ]));
    let mut theirs: BTreeMap<String, usize> = BTreeMap::new();
    for f in p
        .git(
            "x",
            "2026-03-01T00:00:00Z",
            &[
                "log",
                "--no-renames",
                "--no-merges",
                "--format=",
                "--name-only",
            ],
        )
        .lines()
    {
        if !f.is_empty() {
            *theirs.entry(f.to_string()).or_default() += 1;
        }
    }
    assert_eq!(ours, theirs);
    assert_eq!(ours["src/c.rs"], 2, "created, then deleted by the rename");
    // --all walks every ref, as `git log --all`: a branch that main never
    // merged counts too.
    p.git(
        "Dora",
        "2026-02-20T10:00:00Z",
        &["checkout", "-q", "-b", "spike"],
    );
    p.write("src/spike.rs", "s");
    p.git("Dora", "2026-02-20T10:00:00Z", &["add", "-A"]);
    p.git(
        "Dora",
        "2026-02-20T10:00:00Z",
        &["commit", "-q", "-m", "spike"],
    );
    p.git("Dora", "2026-02-20T10:00:00Z", &["checkout", "-q", "main"]);
    let on_main = counts(&p.ok(&["history", "revisions", "--format", "csv"]));
    assert!(!on_main.contains_key("src/spike.rs"));
    let all = counts(&p.ok(&["history", "revisions", "--all", "--format", "csv"]));
    assert_eq!(all["src/spike.rs"], 1);
    let spike = counts(&p.ok(&["history", "revisions", "--rev", "spike", "--format", "csv"]));
    assert_eq!(spike["src/spike.rs"], 1);
    assert_eq!(ours["src/d.rs"], 1);
    // Following renames (the default) counts the rename under the new name
    // only, and the lock file is left out by default.
    let followed = counts(&p.ok(&["history", "revisions", "--format", "csv"]));
    assert_eq!(followed["src/c.rs"], 1);
    assert_eq!(followed["src/d.rs"], 1);
    assert!(!followed.contains_key("Cargo.lock"));
    assert!(!followed.contains_key("src/e.rs") || followed["src/e.rs"] == 1);
}

#[test]
fn coupling_and_soc_follow_code_maat() {
    let p = repo();
    // a and b: 6 shared commits (the 33-file commit is dropped before
    // counting); revs a = 7 (+ day 7), b = 7 (+ day 12): average 7,
    // degree trunc(600 / 7) = 85.
    let out = p.ok(&["history", "coupling", "--format", "csv"]);
    assert_eq!(
        out,
        "entity,coupled,degree,average-revs\nsrc/a.rs,src/b.rs,85,7\n"
    );
    let json = p.json(&[
        "history",
        "coupling",
        "--format",
        "json",
        "--min-coupling",
        "90",
    ]);
    assert_eq!(json, serde_json::json!([]));
    let soc = p.ok(&["history", "soc", "--format", "csv"]);
    assert!(
        soc.starts_with("entity,soc\nsrc/a.rs,6\nsrc/b.rs,6\n"),
        "{soc}"
    );
    // --since cuts the history by author date.
    let late = counts(&p.ok(&[
        "history",
        "revisions",
        "--since",
        "2026-02-08",
        "--format",
        "csv",
    ]));
    // Revisions keep large commits (only coupling drops them): day 10 and 12.
    assert_eq!(late["src/a.rs"], 1);
    assert_eq!(late["src/b.rs"], 2);
    assert_eq!(late["src/c.rs"], 1, "created on day 8, renamed on day 9");
}

#[test]
fn not_a_repository_or_shallow_is_exit_2() {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.write("techlead.toml", "");
    let out = p.cmd(&["history", "revisions"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a git repository"));

    let full = repo();
    let url = format!("file://{}", full.dir.path().display());
    p.git(
        "x",
        "2026-03-01T00:00:00Z",
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let out = p
        .cmd(&["--repo", "shallow", "history", "revisions"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("shallow clone") && stderr.contains("git fetch --unshallow"),
        "{stderr}"
    );
}

#[test]
fn people_and_age() {
    let p = repo();
    let authors = p.ok(&["history", "authors", "--format", "csv"]);
    assert!(
        authors.starts_with("entity,n-authors,n-revs\nsrc/a.rs,3,8\nsrc/b.rs,2,8\n"),
        "{authors}"
    );
    let main = p.ok(&["history", "main-dev-by-revs", "--format", "csv"]);
    assert!(main.contains("src/a.rs,Alice,6,8,0.75\n"), "{main}");
    let age = p.ok(&["history", "age", "--format", "csv"]);
    // TECHLEAD_TODAY is 2026-01-15 in tests: every change is "in the
    // future", so ages are 0.
    assert!(age.contains("src/a.rs,0\n"), "{age}");
    // Carol wrote the 31 generated files in one commit: without her, 4 of
    // the 35 files there now keep an author (the lock file is left out,
    // and src/c.rs, renamed to src/d.rs, is no longer there).
    let tf = p.ok(&["history", "truck-factor"]);
    assert_eq!(tf, "truck factor 1 (Carol) over 35 files\n");
    let tf = p.ok(&["history", "truck-factor", "--include-deleted"]);
    assert_eq!(tf, "truck factor 1 (Carol) over 36 files\n");
}

#[test]
fn hotspots_weigh_change_by_complexity() {
    let p = repo();
    p.write(
        "src/a.rs",
        "fn f(x: u8) -> u8 {\n    if x > 1 && x < 9 { 1 } else { 2 }\n}\n",
    );
    let out = p.ok(&["history", "hotspots", "--format", "csv", "--top", "3"]);
    // a.rs: 8 revisions x complexity 3 (1 + if + &&) = 24, the top;
    // b.rs "b 12" has no function: complexity 0.
    assert!(
        out.starts_with(
            "entity,revisions,complexity,loc,score,health\nsrc/a.rs,8,3,3,1.000,10.00\n"
        ),
        "{out}"
    );
    // The health column is `techlead health`'s score of the same file.
    let deep = "fn g(x: u8) -> u8 {\n    if x > 0 {\n        if x > 1 {\n            if x > 2 {\n                if x > 3 {\n                    if x > 4 { return 5; }\n                }\n            }\n        }\n    }\n    0\n}\n";
    p.write("src/a.rs", deep);
    let hot = p.json(&["history", "hotspots", "--format", "json", "--top", "1"]);
    let health = p.json(&["health", "src/a.rs", "--format", "json"]);
    assert_eq!(hot[0]["entity"], "src/a.rs");
    assert!(hot[0]["health"].as_f64().unwrap() < 10.0, "{hot}");
    assert_eq!(hot[0]["health"], health["files"][0]["health"]);
    let folders = p.ok(&["history", "hotspots", "--by-folder", "1", "--format", "csv"]);
    assert!(folders.contains("\nsrc,"), "{folders}");
}

#[test]
fn coupling_between_modules_and_folders() {
    let p = repo();
    p.write(
        "techlead.toml",
        "[[boundaries.modules]]\nname = \"alpha\"\npaths = [\"src/a.rs\"]\n\n[[boundaries.modules]]\nname = \"beta\"\npaths = [\"src/b.rs\"]\n",
    );
    let out = p.ok(&["history", "coupling", "--by-module", "--format", "csv"]);
    assert_eq!(out, "entity,coupled,degree,average-revs\nalpha,beta,85,7\n");
    // By folder: only `src` is left after the 33-file commit is dropped,
    // and a folder never couples with itself.
    let out = p.ok(&["history", "coupling", "--by-folder", "1", "--format", "csv"]);
    assert_eq!(out, "entity,coupled,degree,average-revs\n");
}

#[test]
fn delivery_from_tags() {
    let p = repo();
    // The merge lands on 2026-02-13; tag it, then revert a change and tag
    // again a month later.
    p.git("Alice", "2026-02-13T12:00:00Z", &["tag", "v1.0.0"]);
    let head = p.git("x", "2026-02-13T12:00:00Z", &["rev-parse", "HEAD"]);
    p.write("src/b.rs", "b 14");
    p.git(
        "Bob",
        "2026-03-01T10:00:00Z",
        &["commit", "-q", "-am", "break b"],
    );
    p.write("src/b.rs", "b 12");
    let msg = format!("Revert \"break b\"\n\nThis reverts commit {}.", head.trim());
    p.git(
        "Bob",
        "2026-03-02T10:00:00Z",
        &["commit", "-q", "-am", &msg],
    );
    p.git("Bob", "2026-03-15T10:00:00Z", &["tag", "v1.1.0"]);
    p.git("Bob", "2026-03-15T10:00:00Z", &["tag", "nightly-1"]);
    let out = p.ok(&["history", "delivery", "--format", "csv"]);
    // v1.0.0 ships the 12 non-merge commits before it (one a day, the
    // median 6 days before the release), v1.1.0 the 2 after it (1 day and
    // 0 days: the median by nearest rank is 0). A release's date is its
    // tagged commit's; `nightly-1` is not a release tag.
    assert_eq!(
        out,
        "release,date,commits,reverts,median-lead-days\nv1.0.0,2026-02-13,12,0,6\nv1.1.0,2026-03-02,2,1,0\n"
    );
    let d = p.json(&["history", "delivery", "--format", "json"]);
    assert_eq!(
        d["per_month"],
        serde_json::json!([["2026-02", 1], ["2026-03", 1]])
    );
    assert_eq!(d["reverts"], 1);
}

#[test]
fn fragmentation_and_summary() {
    let p = repo();
    let frag = p.ok(&["history", "fragmentation", "--format", "csv"]);
    // a.rs: Alice 6, Bob 1, Carol 1 of 8: 1 - (36 + 1 + 1) / 64 = 0.41.
    assert!(frag.contains("src/a.rs,3,Alice,0.41,false\n"), "{frag}");
    assert!(frag.contains("src/d.rs,1,Bob,0.00,true\n"), "{frag}");
    assert!(!frag.contains("src/c.rs"), "{frag}");
    p.write(
        "src/a.rs",
        "fn f(x: u8) -> u8 { if x > 1 { 1 } else { 2 } }\n",
    );
    crate::snap_text!("history_summary", p.ok(&["history", "summary"]));
}

#[test]
fn knowledge_loss_and_hotspots_per_module() {
    let p = repo();
    // Active since 2026-02-10: Carol (day 10) and Alice (days 11, 12).
    // Bob alone made src/c.rs and src/d.rs and has been quiet since day 9.
    let out = p.ok(&[
        "history",
        "knowledge-loss",
        "--window",
        "2026-02-10",
        "--format",
        "csv",
    ]);
    // c.rs was renamed to d.rs: its history is d.rs's, and c.rs, gone,
    // is not listed.
    assert_eq!(out, "entity,authors,revisions\nsrc/d.rs,Bob,2\n");
    let with_deleted = p.ok(&[
        "history",
        "knowledge-loss",
        "--window",
        "2026-02-10",
        "--include-deleted",
        "--format",
        "csv",
    ]);
    assert_eq!(
        with_deleted,
        "entity,authors,revisions\nsrc/c.rs,Bob,1\nsrc/d.rs,Bob,1\n"
    );
    p.write(
        "techlead.toml",
        "[[boundaries.modules]]\nname = \"core\"\npaths = [\"src\"]\n",
    );
    p.write(
        "src/a.rs",
        "fn f(x: u8) -> u8 { if x > 1 { 1 } else { 2 } }\n",
    );
    let out = p.ok(&["history", "hotspots", "--by-module", "--format", "csv"]);
    assert!(
        out.starts_with("entity,revisions,complexity,loc,score,health\ncore,"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2, "gen/ is in no module: {out}");
}
