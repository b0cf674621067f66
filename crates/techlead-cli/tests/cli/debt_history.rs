//! `techlead debt scan`, `suggest`, `plan` and the debt part of `check`
//! on the repository of `debt.rs`, and what they say without git.

use super::debt::{CONFIG, register, repo};
use super::fixture::Project;
use crate::snap;

#[test]
fn scan_finds_markers_in_comments_only() {
    let p = repo();
    snap!(p, "scan", p.cmd(&["debt", "scan"]));
    snap!(p, "scan_csv", p.cmd(&["debt", "scan", "--format", "csv"]));
    // The JSON contract: these keys, in this order, nothing else.
    let text = p.ok(&["debt", "scan", "--format", "json"]);
    let first: Vec<&str> = text
        .lines()
        .skip(2)
        .take(7)
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        first,
        ["file", "line", "tag", "text", "owner", "due", "issue"]
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|m| m.as_object().unwrap().len() == 7)
    );
    let charge = v
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["file"] == "src/payments/charge.py" && m["line"] == 2)
        .unwrap();
    assert_eq!(
        charge,
        &serde_json::json!({"file": "src/payments/charge.py", "line": 2, "tag": "TODO",
            "text": "round half to even", "owner": "alice", "due": "2026-01-01", "issue": "#42"})
    );
    // A folder or a file limits the scan.
    let v = p.json(&["debt", "scan", "web", "--format", "json"]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    snap!(p, "scan_missing_path", p.cmd(&["debt", "scan", "nowhere"]));
}

#[test]
fn suggest_ranks_hot_files_no_item_covers() {
    let p = repo();
    snap!(p, "suggest", p.cmd(&["debt", "suggest", "--top", "3"]));
    let v = p.json(&["debt", "suggest", "--format", "json"]);
    let files: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    // charge.py is item 0001's, web/app.ts is module web's (item 0002);
    // notes.md is docs, not source. refund.py changes more, but its health
    // is 10 (factor 1/5.5), while deploy.sh has no health score (factor 1).
    assert_eq!(files, ["scripts/deploy.sh", "src/payments/refund.py"]);
    assert_eq!(v[1]["health"], 10.0);
    // The command it prints runs as it is.
    let command = v[0]["command"].as_str().unwrap().to_string();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .current_dir(p.path(""))
        .env(
            "PATH",
            format!(
                "{}:{}",
                insta_cmd::get_cargo_bin("techlead")
                    .parent()
                    .unwrap()
                    .display(),
                std::env::var("PATH").unwrap()
            ),
        )
        .env("TECHLEAD_TODAY", "2026-01-15")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = p.json(&["debt", "suggest", "--format", "json"]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["file"], "src/payments/refund.py");
    let q = Project::new();
    q.write("src/a.py", "x = 1\n");
    snap!(q, "suggest_without_git", q.cmd(&["debt", "suggest"]));
}

#[test]
fn plan_fits_the_capacity() {
    let p = repo();
    snap!(
        p,
        "plan",
        p.cmd(&[
            "debt",
            "plan",
            "--capacity",
            "20%",
            "--team",
            "2",
            "--period",
            "1w"
        ])
    );
    let v = p.json(&["debt", "plan", "--team", "2", "--format", "json"]);
    assert_eq!(v["hours_per_period"], 32.0);
    let ids: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    // The scheduled item goes first; the repaid one is not planned.
    assert_eq!(ids, ["0002", "0001"]);
    assert_eq!(v["items"][1]["outlook"], "misses");
    assert_eq!(v["total"]["text"], "7-9d");
    for (name, args) in [
        ("plan_bad_capacity", vec!["--capacity", "0%", "--team", "2"]),
        ("plan_bad_period", vec!["--period", "10d", "--team", "2"]),
        ("plan_no_team", vec![]),
    ] {
        let mut full = vec!["debt", "plan"];
        full.extend(args);
        snap!(p, name, p.cmd(&full));
    }
    let q = Project::new();
    q.write("techlead.toml", CONFIG);
    register(&q);
    snap!(
        q,
        "plan_without_git",
        q.cmd(&["debt", "plan", "--team", "1"])
    );
}

#[test]
fn check_runs_the_debt_rules() {
    let p = repo();
    snap!(p, "check", p.cmd(&["check"]));
    p.write(
        "techlead.toml",
        CONFIG.replace(
            "[debt]\n",
            "[debt]\nunregistered_hotspots = true\nhotspot_min_interest = 1\n",
        ),
    );
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!(code, Some(0));
    assert!(
        rules.contains(&"debt/unregistered-hotspot".to_string()),
        "{rules:?}"
    );
    // Without history the hotspot rule says so once, as a note.
    let q = Project::new();
    q.write("techlead.toml", "[debt]\nunregistered_hotspots = true\n")
        .write("src/a.py", "# TODO(ann, 2025-12-31): expired\n");
    snap!(q, "check_without_git", q.cmd(&["check"]));
    // Switched off, the scan and the history are not read at all.
    q.write(
        "techlead.toml",
        "[debt]\nunregistered_hotspots = true\n\n[checks.severity]\n\"debt/expired-todo\" = \"off\"\n\"debt/unregistered-hotspot\" = \"off\"\n",
    );
    snap!(q, "check_rules_off", q.cmd(&["check"]));
    // No [debt] and no register: the check does not run.
    let r = Project::new();
    r.write("src/a.py", "# TODO(ann, 2025-12-31): expired\n");
    let (_, rules) = r.rules_found(&["check"]);
    assert!(rules.is_empty(), "{rules:?}");
}
