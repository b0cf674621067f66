//! `techlead practices` on repositories the tests build with git (fixed
//! authors, committers and dates): each check passing, failing and not
//! applying, a bare clone read like its checkout, the rules in `techlead
//! check`, and every output format.

use super::fixture::Project;
use serde_json::Value;
use std::process::Command;

/// `git ARGS` with a fixed author and committer (name <email>) and date,
/// and no user or system config.
fn git(p: &Project, author: &str, committer: &str, date: &str, args: &[&str]) -> String {
    let (an, ae) = identity(author);
    let (cn, ce) = identity(committer);
    let out = Command::new("git")
        .current_dir(p.dir.path())
        .args(args)
        .env("GIT_AUTHOR_NAME", an)
        .env("GIT_AUTHOR_EMAIL", ae)
        .env("GIT_COMMITTER_NAME", cn)
        .env("GIT_COMMITTER_EMAIL", ce)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `Name <email>`, or a plain name with an example.com address.
fn identity(who: &str) -> (String, String) {
    match who.split_once(" <") {
        Some((n, e)) => (n.to_string(), e.trim_end_matches('>').to_string()),
        None => (
            who.to_string(),
            format!("{}@example.com", who.to_lowercase()),
        ),
    }
}

/// A git repository in a fresh project folder, on branch main.
fn repo() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    git(
        &p,
        "Alice",
        "Alice",
        "2025-01-01T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p
}

/// Writes `files` and commits them all as `author` (committed by
/// `committer`) on `date` (YYYY-MM-DD, 10:00 UTC).
fn commit(
    p: &Project,
    author: &str,
    committer: &str,
    date: &str,
    msg: &str,
    files: &[(&str, &str)],
) {
    for (f, text) in files {
        p.write(f, text);
    }
    let when = format!("{date}T10:00:00Z");
    git(p, author, committer, &when, &["add", "-A"]);
    git(
        p,
        author,
        committer,
        &when,
        &["commit", "-q", "--allow-empty", "-m", msg],
    );
}

/// A branch with one commit by `author`, merged into main with a merge
/// commit of `msg` made by `merger` (committed by GitHub).
fn merge(p: &Project, author: &str, merger: &str, date: &str, msg: &str, files: &[(&str, &str)]) {
    let when = format!("{date}T10:00:00Z");
    git(p, author, author, &when, &["checkout", "-q", "-b", "topic"]);
    commit(p, author, author, date, &format!("work for: {msg}"), files);
    git(p, author, author, &when, &["checkout", "-q", "main"]);
    let github = "GitHub <noreply@github.com>";
    git(
        p,
        merger,
        github,
        &when,
        &["merge", "-q", "--no-ff", "topic", "-m", msg],
    );
    git(p, author, author, &when, &["branch", "-q", "-D", "topic"]);
}

/// Each check's (status, score) from `techlead practices --format json`.
fn checks(v: &Value) -> Vec<(String, String, Option<f64>)> {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
                c["score"].as_f64(),
            )
        })
        .collect()
}

fn status_of(v: &Value, id: &str) -> String {
    checks(v)
        .into_iter()
        .find(|c| c.0 == id)
        .unwrap_or_else(|| panic!("no check {id}"))
        .1
}

/// Asserts the status of each named check, showing the check on failure.
fn assert_statuses(v: &Value, want: &[(&str, &str)]) {
    for (id, status) in want {
        let got = status_of(v, id);
        let check = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == *id)
            .unwrap();
        assert_eq!(
            &got,
            status,
            "{id}: {}",
            serde_json::to_string_pretty(check).unwrap()
        );
    }
}

#[path = "practices_fixtures.rs"]
mod fixtures;

#[path = "practices_people.rs"]
mod people;

#[path = "practices_cache.rs"]
mod cache;

use fixtures::{docs_only, healthy, library, neglected};

#[test]
fn a_healthy_service_passes_every_check() {
    let p = healthy();
    let v = p.json(&["practices", "--format", "json"]);
    let all: Vec<(&str, &str)> = fixtures::CHECKS.iter().map(|c| (*c, "pass")).collect();
    assert_statuses(&v, &all);
    assert_eq!(v["level"], "gold");
    // Seven releases in a year score 8.1; everything else 10.
    assert_eq!(v["score"], 9.9);
    // The licence's evidence carries the SPDX expression.
    let license = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "license")
        .unwrap();
    assert_eq!(license["evidence"][0]["kind"], "spdx");
    assert_eq!(license["evidence"][0]["expression"], "MIT");
    crate::snap!(p, "healthy_text", p.cmd(&["practices"]));
}

#[test]
fn a_bare_clone_reads_like_its_checkout() {
    let p = healthy();
    let bare = p.path("../bare-clone.git");
    let _ = std::fs::remove_dir_all(&bare);
    let out = Command::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(p.dir.path())
        .arg(&bare)
        .output()
        .unwrap();
    assert!(out.status.success());
    let from_tree = p.json(&["practices", "--format", "json"]);
    let from_bare = p.json(&[
        "--repo",
        bare.to_str().unwrap(),
        "practices",
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&bare).unwrap();
    // The checkout's techlead.toml declares modules; the bare repository
    // has no config file beside it, and reads techlead.toml from HEAD.
    assert_eq!(checks(&from_tree), checks(&from_bare));
    assert_eq!(from_tree["team"], from_bare["team"]);
    assert_eq!(from_tree["team_summary"], from_bare["team_summary"]);
    assert_eq!(from_tree["fit"], from_bare["fit"]);
}

#[test]
fn a_neglected_service_fails_every_check_it_can() {
    let p = neglected();
    let v = p.json(&["practices", "--format", "json"]);
    let fails = [
        "ci",
        "ci-tests",
        "tests",
        "code-review",
        "codeowners",
        "dependency-updates",
        "pinned-dependencies",
        "security-policy",
        "license",
        "sast",
        "deployment",
        "contributing",
        "decisions",
        "architecture-checks",
        "bus-factor",
    ];
    let want: Vec<(&str, &str)> = fails.iter().map(|c| (*c, "fail")).collect();
    assert_statuses(&v, &want);
    assert_eq!(v["level"], "none");
    // Once it deploys (a Procfile), monitoring applies, and there is none.
    p.write("Procfile", "web: python app.py\n");
    let v = p.json(&["practices", "--format", "json"]);
    assert_statuses(&v, &[("monitoring", "fail"), ("deployment", "partial")]);
    crate::snap!(
        p,
        "neglected_markdown",
        p.cmd(&["practices", "--format", "markdown"])
    );
}

#[test]
fn a_dormant_repository_says_its_fit_cannot_be_judged_not_zero_for_zero() {
    let p = healthy();
    // A year after the last commit: nobody active in the window.
    let out = p
        .cmd(&["practices", "--format", "json"])
        .env("TECHLEAD_TODAY", "2027-06-01")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fit"]["active_contributors"], 0);
    let verdict = v["fit"]["verdict"].as_str().unwrap();
    assert!(
        verdict.contains("no commit in the last 90 days (the last on 2025-12-10)")
            && verdict.ends_with("the team's fit cannot be judged from activity"),
        "{verdict}"
    );
    assert!(!verdict.contains("for 0 active"), "{verdict}");
}

#[test]
fn a_small_library_by_one_person_is_not_judged_as_a_team_service() {
    let p = library();
    let v = p.json(&["practices", "--format", "json"]);
    assert_statuses(
        &v,
        &[
            ("code-review", "n/a"),
            ("codeowners", "n/a"),
            ("bus-factor", "n/a"),
            ("deployment", "n/a"),
            ("monitoring", "n/a"),
            ("architecture-checks", "n/a"),
            // An old unsigned tag: releases apply, and fail.
            ("signed-releases", "fail"),
            ("release-cadence", "fail"),
        ],
    );
}

/// sqlalchemy tags `rel_2_0_0`: `[history] release_tags` makes them the
/// releases for the scorecard too, as for delivery.
#[test]
fn the_history_release_tags_are_the_scorecards_when_it_names_none() {
    let p = neglected();
    assert_eq!(
        status_of(
            &p.json(&["practices", "--format", "json"]),
            "signed-releases"
        ),
        "n/a"
    );
    git(
        &p,
        "Alice",
        "Alice",
        "2025-12-01T10:00:00Z",
        &["tag", "rel_1_0"],
    );
    p.write("techlead.toml", "[history]\nrelease_tags = [\"rel_*\"]\n");
    let v = p.json(&["practices", "--format", "json"]);
    assert_eq!(
        status_of(&v, "signed-releases"),
        "fail",
        "an unsigned release: {v}"
    );
}

#[test]
fn documentation_alone_has_nothing_to_build_pin_or_release() {
    let p = docs_only();
    let v = p.json(&["practices", "--format", "json"]);
    assert_statuses(
        &v,
        &[
            ("ci", "n/a"),
            ("ci-tests", "n/a"),
            ("tests", "n/a"),
            ("sast", "n/a"),
            ("pinned-dependencies", "n/a"),
            ("dependency-updates", "n/a"),
            ("signed-releases", "n/a"),
            ("release-cadence", "n/a"),
            ("deployment", "n/a"),
        ],
    );
    // Checks that always apply can be skipped, with that reason.
    p.write(
        "techlead.toml",
        "[practices]\nskip = [\"security-policy\", \"contributing\", \"decisions\"]\n",
    );
    let v = p.json(&["practices", "--format", "json"]);
    assert_statuses(
        &v,
        &[
            ("security-policy", "n/a"),
            ("contributing", "n/a"),
            ("decisions", "n/a"),
        ],
    );
}

#[test]
fn without_history_the_history_checks_say_so() {
    // Project::new's `.git` is an empty folder: not a repository.
    let p = Project::new();
    p.write("package.json", "{\"name\": \"site\", \"private\": true}\n");
    p.write("index.js", "console.log('hi');\n");
    let v = p.json(&["practices", "--format", "json"]);
    for id in [
        "code-review",
        "signed-releases",
        "release-cadence",
        "bus-factor",
    ] {
        let c = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        assert_eq!(c["status"], "n/a", "{id}");
        assert_eq!(c["unmeasured"], true, "{id}");
        assert!(
            c["reason"]
                .as_str()
                .unwrap()
                .starts_with("history not read"),
            "{id}"
        );
    }
    // A private package expects no licence.
    assert_statuses(&v, &[("license", "n/a")]);
    assert!(v["history_missing"].is_string());
}

#[test]
fn check_reports_the_level_and_the_minimums_from_techlead_toml() {
    let p = neglected();
    p.write(
        "techlead.toml",
        "[checks]\nrun = [\"practices\"]\n\n[practices]\nmin_level = \"silver\"\n\n[practices.minimums]\ncode-review = 5\nlicense = 0\n",
    );
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules,
        ["practices/below-level", "practices/check-below-minimum"]
    );
    crate::snap!(p, "check_neglected", p.cmd(&["check"]));
    // Without [practices], check does not run it.
    p.write("techlead.toml", "[checks]\nrun = [\"practices\"]\n");
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!((code, rules.len()), (Some(0), 0));
}

#[test]
fn sarif_lists_the_checks_that_do_not_pass() {
    let p = library();
    let out = p.ok(&["practices", "--format", "sarif"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(
        results
            .iter()
            .all(|r| r["ruleId"] == "practices/check-below-minimum")
    );
    let messages: Vec<&str> = results
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("`signed-releases` scores 0.0")),
        "{messages:?}"
    );
}

#[test]
fn bad_windows_and_settings_are_input_errors() {
    let p = docs_only();
    crate::snap!(p, "bad_since", p.cmd(&["practices", "--since", "soon"]));
    p.write(
        "techlead.toml",
        "[practices]\nmin_level = \"platinum\"\n\n[practices.weights]\ncode-reviw = 2\n",
    );
    crate::snap!(p, "bad_config", p.cmd(&["practices"]));
}

/// prometheus tags each release twice (`v3.14.0` and `v0.314.0`, on one
/// commit): the scorecard counted 36 releases in 12 months, delivery 18.
#[test]
fn two_tags_on_one_commit_are_one_release() {
    let p = neglected();
    for tag in ["v0.310.0", "v3.10.0"] {
        git(&p, "Alice", "Alice", "2025-12-01T10:00:00Z", &["tag", tag]);
    }
    let v = p.json(&["practices", "--format", "json"]);
    let cadence = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "release-cadence")
        .unwrap();
    let reason = cadence["reason"].as_str().unwrap();
    assert!(reason.starts_with("1 release in 12 months"), "{reason}");
    assert!(reason.contains("the last: v3.10.0"), "{reason}");
}
