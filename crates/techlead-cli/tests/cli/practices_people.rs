//! People, weights, levels, fit and metrics of `techlead practices`: one
//! person under two names counts once (history's identity merge), bots'
//! changes are counted apart, a self-review under another name is no
//! review, weights move the score, the next level lists what it lacks,
//! a compose file of services outpaces a team of one, and the snapshot
//! records the score and the level.

use super::{assert_statuses, commit, merge, repo};
use crate::fixture::Project;
use serde_json::Value;

fn check<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}

/// A count evidence of a check, by name.
fn counted(c: &Value, name: &str) -> f64 {
    c["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "count" && e["name"] == name)
        .unwrap_or_else(|| panic!("no count `{name}` in {c}"))["value"]
        .as_f64()
        .unwrap()
}

/// Alice under two names on one address, Bob and Carol, and Dependabot
/// pushing to main, all in the last 90 days before 2026-01-15.
fn team_with_a_bot() -> Project {
    let p = repo();
    let alice = "Alice Smith <alice@example.com>";
    let alice2 = "alice <alice@example.com>";
    let bot = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>";
    commit(
        &p,
        alice,
        alice,
        "2025-12-01",
        "start",
        &[("app.py", "print(1)\n")],
    );
    commit(
        &p,
        alice2,
        alice2,
        "2025-12-02",
        "direct push",
        &[("app.py", "print(2)\n")],
    );
    commit(
        &p,
        alice,
        alice,
        "2025-12-02",
        "direct push 2",
        &[("app.py", "print(3)\n")],
    );
    for (i, d) in ["2025-12-05", "2025-12-06", "2025-12-07"]
        .iter()
        .enumerate()
    {
        let lock = format!("flask==3.{i}\n");
        commit(
            &p,
            bot,
            bot,
            d,
            &format!("Bump flask to 3.{i}"),
            &[("requirements.txt", &lock)],
        );
    }
    merge(
        &p,
        "Bob",
        alice,
        "2025-12-10",
        "Merge pull request #5 from bob/feature",
        &[("feature.py", "x = 1\n")],
    );
    commit(
        &p,
        "Carol",
        "Carol",
        "2025-12-12",
        "carol's fix\n\nReviewed-by: Alice Smith <alice@example.com>",
        &[("fix.py", "y = 1\n")],
    );
    // Alice reviewing herself under her other name is no review.
    commit(
        &p,
        alice,
        alice,
        "2025-12-14",
        "alice's fix\n\nReviewed-by: alice <alice@example.com>",
        &[("fix2.py", "z = 1\n")],
    );
    p
}

#[test]
fn bots_count_apart_and_one_person_under_two_names_counts_once() {
    let p = team_with_a_bot();
    let v = p.json(&["practices", "--format", "json"]);
    let review = check(&v, "code-review");
    // start, two direct pushes, the merge, Carol's and Alice's fixes.
    assert_eq!(counted(review, "human changes"), 6.0, "{review}");
    // The merge of #5 and Carol's reviewed fix; not Alice's self-review.
    assert_eq!(counted(review, "with review evidence"), 2.0, "{review}");
    assert_eq!(
        counted(review, "bot changes (counted apart)"),
        3.0,
        "{review}"
    );
    assert_eq!(review["score"], 3.3);
    assert_statuses(&v, &[("code-review", "fail")]);
    // Alice (two names), Bob and Carol; the bot is no contributor.
    assert_eq!(v["fit"]["active_contributors"], 3);
    let last = v["team"].as_array().unwrap().last().unwrap().clone();
    let previous = &v["team"][6];
    assert_eq!(previous["quarter"], "2025-Q4");
    assert_eq!(previous["active_contributors"], 3);
    assert_eq!(previous["changes"], 6);
    assert_eq!(previous["reviewed_share"], 0.33);
    assert_eq!(last["partial"], true);
}

#[test]
fn weights_move_the_score_and_the_next_level_lists_what_it_lacks() {
    let p = team_with_a_bot();
    let before = p.json(&["practices", "--format", "json"]);
    // The overall score is the weighted mean of the applicable checks.
    let mean = |v: &Value| {
        let (mut sum, mut weights) = (0.0, 0.0);
        for c in v["checks"].as_array().unwrap() {
            if let Some(s) = c["score"].as_f64() {
                let w = c["weight"].as_f64().unwrap();
                sum += s * w;
                weights += w;
            }
        }
        (sum / weights * 10.0).round() / 10.0
    };
    assert_eq!(before["score"].as_f64().unwrap(), mean(&before));
    p.write(
        "techlead.toml",
        "[practices.weights]\ncode-review = 10\nci = 0\n",
    );
    let after = p.json(&["practices", "--format", "json"]);
    assert_eq!(check(&after, "code-review")["weight"], 10.0);
    assert_eq!(check(&after, "ci")["weight"], 0.0);
    assert_eq!(after["score"].as_f64().unwrap(), mean(&after));
    assert_ne!(before["score"], after["score"]);
    // Nothing reaches bronze; its to-do list names each check below its
    // minimum with the score it has.
    assert_eq!(after["level"], "none");
    let next = &after["next_level"];
    assert_eq!(next["level"], "bronze");
    let missing = next["missing"].as_array().unwrap();
    assert!(!missing.is_empty());
    for m in missing {
        let score = check(&after, m["check"].as_str().unwrap())["score"].as_f64();
        assert_eq!(m["score"].as_f64(), score, "{m}");
        assert!(score.unwrap_or(0.0) < m["minimum"].as_f64().unwrap(), "{m}");
    }
    // A minimum of 0 takes a check out of the level.
    let first = missing[0]["check"].as_str().unwrap().to_string();
    p.write(
        "techlead.toml",
        format!("[practices.levels.bronze]\n{first} = 0\n"),
    );
    let relaxed = p.json(&["practices", "--format", "json"]);
    let still: Vec<&str> = relaxed["next_level"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["check"].as_str().unwrap())
        .collect();
    assert!(!still.contains(&first.as_str()), "{still:?}");
}

#[test]
fn services_in_a_compose_file_outpace_a_team_of_one() {
    let p = repo();
    let compose = "services:\n  orders:\n    build: ./orders\n  billing:\n    build: ./billing\n  users:\n    build: ./users\n  db:\n    image: postgres:16\n";
    commit(
        &p,
        "Solo",
        "Solo",
        "2025-12-01",
        "three services",
        &[
            ("compose.yaml", compose),
            ("orders/Dockerfile", "FROM python:3.12\n"),
            ("orders/app.py", "print('orders')\n"),
            ("billing/Dockerfile", "FROM python:3.12\n"),
            ("billing/app.py", "print('billing')\n"),
            ("users/Dockerfile", "FROM python:3.12\n"),
            ("users/app.py", "print('users')\n"),
        ],
    );
    let v = p.json(&["practices", "--format", "json"]);
    let fit = &v["fit"];
    assert_eq!(fit["active_contributors"], 1, "{fit}");
    assert_eq!(fit["outpaces_team"], true, "{fit}");
    let names: Vec<&str> = fit["deployables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    // The database is an image someone else builds, not a deployable.
    assert_eq!(names, ["billing", "orders", "users"], "{fit}");
    p.write(
        "techlead.toml",
        "[checks]\nrun = [\"practices\"]\n\n[practices]\n",
    );
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!(code, Some(0), "a warning does not fail the build");
    assert!(
        rules.contains(&"practices/architecture-outpaces-team".to_string()),
        "{rules:?}"
    );
}

#[test]
fn the_snapshot_records_the_practices_score_and_level() {
    let p = team_with_a_bot();
    let v = p.json(&["practices", "--format", "json"]);
    let snap = p.json(&["snapshot", "--dry-run", "--format", "json"]);
    let value = |name: &str| {
        snap["measurements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == name)
            .unwrap_or_else(|| panic!("no {name} in {snap}"))["value"]
            .clone()
    };
    assert_eq!(value("practices.score"), v["score"]);
    // Levels are stored by position: none, bronze, silver, gold.
    assert_eq!(v["level"], "none");
    assert_eq!(value("practices.level"), 0.0);
}

/// What a trial on git.git found: its COPYING (a note in front of the
/// GPL, whose preamble names the Library GPL) and its Coverity job (`if !
/// cov-build ...`) were missed.
#[test]
fn a_gpl_with_a_note_in_front_and_coverity_behind_if_are_found() {
    let p = repo();
    let copying = " Note that the only valid version of the GPL as far as this project\n is concerned is _this_ particular version of the license.\n\n----------------------------------------\n\n\t\t    GNU GENERAL PUBLIC LICENSE\n\t\t       Version 2, June 1991\n\n Copyright (C) 1989, 1991 Free Software Foundation, Inc.\n\n\t\t\t    Preamble\n\n (Some other Free Software Foundation software is covered by\nthe GNU Library General Public License instead.)\n";
    let coverity = "name: Coverity\non:\n  push:\njobs:\n  coverity:\n    runs-on: ubuntu-latest\n    steps:\n      - name: build with cov-build\n        run: |\n          cov-configure --gcc &&\n          if ! cov-build --dir cov-int make\n          then\n            exit 1\n          fi\n";
    commit(
        &p,
        "Junio",
        "Junio",
        "2025-12-01",
        "git",
        &[
            ("COPYING", copying),
            (".github/workflows/coverity.yml", coverity),
            ("git.c", "int main(void) { return 0; }\n"),
        ],
    );
    let v = p.json(&["practices", "--format", "json"]);
    let license = check(&v, "license");
    assert_eq!(license["evidence"][0]["expression"], "GPL-2.0", "{license}");
    assert_statuses(&v, &[("license", "pass"), ("sast", "pass")]);
    let sast = check(&v, "sast");
    assert!(sast.to_string().contains("Coverity"), "{sast}");
}

/// Workspace packages deployed by their own CI step are units too.
#[test]
fn workspace_packages_with_their_own_deploy_step_are_deployables() {
    let p = repo();
    let workflow = "name: deploy\non:\n  push:\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd apps/api && flyctl deploy --remote-only\n      - run: npx vercel deploy apps/web --prod\n      - run: flyctl deploy --config apps/worker/fly.deploy.toml\n";
    commit(
        &p,
        "Solo",
        "Solo",
        "2025-12-01",
        "a monorepo",
        &[
            (".github/workflows/deploy.yml", workflow),
            (
                "package.json",
                "{\"private\": true, \"workspaces\": [\"apps/*\"]}\n",
            ),
            ("apps/api/package.json", "{\"name\": \"api\"}\n"),
            ("apps/api/index.js", "console.log('api')\n"),
            ("apps/web/package.json", "{\"name\": \"web\"}\n"),
            ("apps/web/index.js", "console.log('web')\n"),
            ("apps/worker/package.json", "{\"name\": \"worker\"}\n"),
            ("apps/worker/index.js", "console.log('worker')\n"),
            ("apps/shared/package.json", "{\"name\": \"shared\"}\n"),
        ],
    );
    let v = p.json(&["practices", "--format", "json"]);
    let units: Vec<(String, String)> = v["fit"]["deployables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        units,
        [
            (
                "api".to_string(),
                ".github/workflows/deploy.yml:8".to_string()
            ),
            (
                "web".to_string(),
                ".github/workflows/deploy.yml:9".to_string()
            ),
            (
                "worker".to_string(),
                ".github/workflows/deploy.yml:10".to_string()
            ),
        ],
        "{}",
        v["fit"]
    );
    assert_eq!(v["fit"]["outpaces_team"], true);
}
