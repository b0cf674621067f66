//! `techlead goals` on a git repository the tests build: a company goal
//! and a team goal, a Nygard decision, a MADR decision, debt items and a
//! technology linked both ways, a key result bound to `debt.open_items`
//! that moves after a commit repays the debt, the matrix in every format,
//! and the goals rules in `check`.

use super::fixture::Project;
use crate::{snap, snap_text};

const NYGARD: &str = "# 1. Split payments into a service\n\nDate: 2026-01-05\n\n## Status\n\nAccepted\n\n## Context\n\nPayments ship with the monolith.\n";
const MADR: &str = "---\nstatus: accepted\ndate: 2026-01-06\n---\n\n# Use a queue between orders and payments\n\n## Context and Problem Statement\n\nOrders wait on payments.\n";

/// Decisions, a debt register of two items, a technology, no goals yet,
/// committed on 2026-01-06.
fn project() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "alice",
        "2026-01-05T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p.write("techlead.toml", "[goals]\noff_track_tolerance = 0.1\n\n[debt]\n")
        .write("docs/decisions/0001-split-payments.md", NYGARD)
        .write("docs/decisions/0002-use-a-queue.md", MADR)
        .write(
            "docs/debt/0001-retries.md",
            "---\ntitle: Retries in three places\nstatus: open\nowner: payments team\nprincipal: 2-4d\n---\n\n# Retries in three places\n",
        )
        .write(
            "docs/debt/0002-rounding.md",
            "---\ntitle: Rounding patched twice\nstatus: open\nowner: payments team\nprincipal: 1d\n---\n\n# Rounding patched twice\n",
        )
        .write(
            "docs/radar/kafka.md",
            "---\nname: Kafka\nquadrant: platforms\nring: trial\n---\n\nThe queue.\n",
        )
        .write("src/pay.py", "def charge(n):\n    return n * 2\n");
    p.git("alice", "2026-01-06T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2026-01-06T10:00:00Z",
        &["commit", "-q", "-m", "start"],
    );
    p
}

/// The two goals, linked: what the guide's example does.
fn with_goals() -> Project {
    let p = project();
    p.ok(&[
        "goals",
        "add",
        "Grow revenue in Europe",
        "--owner",
        "CEO",
        "--horizon",
        "2026",
    ]);
    p.ok(&[
        "goals",
        "add",
        "Payments ship on their own",
        "--owner",
        "payments team",
        "--horizon",
        "2026-Q1",
        "--parent",
        "1",
        "--kr",
        "debt.open_items <= 0",
        "--kr-manual",
        "Payment methods live: 3 -> 8 methods",
    ]);
    p.ok(&["goals", "link", "2", "adr:1"]);
    p.ok(&["goals", "link", "2", "adr:0002-use-a-queue", "--in-goal"]);
    p.ok(&["goals", "link", "2", "debt:1"]);
    p.ok(&["goals", "link", "2", "debt:2"]);
    p.ok(&["goals", "link", "1", "radar:kafka"]);
    p
}

#[test]
fn add_writes_goals_with_computed_starts_and_link_writes_either_side() {
    let p = project();
    snap!(
        p,
        "add",
        p.cmd(&[
            "goals",
            "add",
            "Payments ship on their own",
            "--horizon",
            "2026-Q1",
            "--kr",
            "debt.open_items <= 0",
            "--kr",
            "practices.level >= silver",
            "--kr-manual",
            "Payment methods live: 3 -> 8 methods",
        ])
    );
    // The start is the metric's value now; a metric that cannot be
    // computed gets none, and says why on stderr.
    snap_text!(
        "add_file",
        p.read("docs/goals/0001-payments-ship-on-their-own.md")
    );

    let p = with_goals();
    // Nygard's record gains a `Goals:` line after `Date:`; MADR's front
    // matter a `goals:` field; the goal its own `links:`.
    snap_text!(
        "linked_nygard",
        p.read("docs/decisions/0001-split-payments.md")
    );
    assert!(
        p.read("docs/radar/kafka.md")
            .contains("goals: [\"0001\"]\n")
    );
    assert!(
        p.read("docs/goals/0002-payments-ship-on-their-own.md")
            .contains("links: [\"adr:0002\"]\n")
    );
    // Linking again changes nothing.
    let before = p.read("docs/debt/0001-retries.md");
    snap!(
        p,
        "link_again",
        p.cmd(&["goals", "link", "0002", "debt:0001"])
    );
    assert_eq!(p.read("docs/debt/0001-retries.md"), before);
    snap!(
        p,
        "link_unknown",
        p.cmd(&["goals", "link", "2", "radar:pulsar"])
    );
}

#[test]
fn link_remove_takes_the_link_from_both_sides_and_keeps_the_rest() {
    let p = project();
    let nygard = p.read("docs/decisions/0001-split-payments.md");
    let p = with_goals();
    // Written on both sides: the record's `goals:` and the goal's `links:`.
    p.ok(&["goals", "link", "2", "adr:1", "--in-goal"]);
    let out = p.json(&[
        "goals", "link", "2", "adr:1", "--remove", "--format", "json",
    ]);
    assert_eq!(
        out["changed"],
        serde_json::json!([
            "docs/decisions/0001-split-payments.md",
            "docs/goals/0002-payments-ship-on-their-own.md"
        ])
    );
    // The record is byte for byte what it was before `link`.
    assert_eq!(p.read("docs/decisions/0001-split-payments.md"), nygard);
    let goal = p.read("docs/goals/0002-payments-ship-on-their-own.md");
    assert!(goal.contains("links: [\"adr:0002\"]\n"), "{goal}");
    // A front-matter record keeps its other goals.
    p.ok(&["goals", "link", "1", "debt:1"]);
    p.ok(&["goals", "link", "2", "debt:1", "--remove"]);
    assert!(
        p.read("docs/debt/0001-retries.md")
            .contains("goals: [\"0001\"]\n")
    );
    // Not linked: a note, nothing written, exit 0.
    let before = p.read("docs/debt/0001-retries.md");
    let again = p
        .cmd(&["goals", "link", "2", "debt:1", "--remove"])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("are not linked"));
    assert_eq!(p.read("docs/debt/0001-retries.md"), before);
    // The goal is no longer served by the decision, and still by the rest.
    let list = p.json(&["goals", "list", "--format", "json"]);
    let links: Vec<&str> = list[1]["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(links, ["adr:0002", "debt:0002"], "{list:#}");
}

#[test]
fn list_show_and_status_evaluate_key_results_against_the_horizon() {
    let p = with_goals();
    snap!(p, "list", p.cmd(&["goals", "list"]));
    snap!(
        p,
        "list_json",
        p.cmd(&["goals", "list", "--format", "json"])
    );
    snap!(p, "show", p.cmd(&["goals", "show", "2"]));
    snap!(p, "status", p.cmd(&["goals", "status"]));
    let list = p.json(&["goals", "list", "--format", "json"]);
    let team = &list[1];
    assert_eq!(team["id"], "0002");
    assert_eq!(team["key_results"][0]["metric"], "debt.open_items");
    assert_eq!(team["key_results"][0]["start"], 2.0);
    assert_eq!(team["key_results"][0]["current"], 2.0);
    assert_eq!(team["key_results"][1]["metric"], serde_json::Value::Null);
    assert_eq!(team["links"].as_array().unwrap().len(), 4);
}

#[test]
fn a_metric_bound_key_result_moves_after_a_commit_with_its_trend() {
    let p = with_goals();
    p.git("alice", "2026-01-07T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2026-01-07T10:00:00Z",
        &["commit", "-q", "-m", "goals"],
    );
    p.ok(&["snapshot"]);
    p.ok(&[
        "debt",
        "status",
        "1",
        "repaid",
        "--reason",
        "one retry policy",
    ]);
    p.git(
        "alice",
        "2026-01-12T10:00:00Z",
        &["commit", "-q", "-am", "one retry policy"],
    );
    p.ok(&["snapshot"]);
    let show = p.json(&["goals", "show", "2", "--format", "json"]);
    let kr = &show["key_results"][0];
    assert_eq!(
        (kr["start"].as_f64(), kr["current"].as_f64()),
        (Some(2.0), Some(1.0))
    );
    assert_eq!(kr["progress"], 0.5);
    let trend: Vec<f64> = kr["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    assert_eq!(trend, [2.0, 1.0]);
    snap!(p, "status_after_commit", p.cmd(&["goals", "status"]));
    // Snapshots record the goals metrics from the same evaluation: one
    // active goal with key results, one of its two key results on track.
    let taken = p.json(&["snapshot", "--dry-run", "--format", "json"]);
    let value = |name: &str| {
        taken["measurements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == name)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("goals.total"), 1.0);
    assert_eq!(value("goals.on_track"), 0.5);
    // Without snapshots there is no trend, not an empty one.
    std::fs::remove_file(p.path(".techlead/snapshots.db")).unwrap();
    let show = p.json(&["goals", "show", "2", "--format", "json"]);
    assert_eq!(show["key_results"][0]["trend"], serde_json::Value::Null);
}

#[test]
fn the_matrix_in_every_format() {
    let p = with_goals();
    snap!(p, "matrix", p.cmd(&["goals", "matrix"]));
    snap!(
        p,
        "matrix_json",
        p.cmd(&["goals", "matrix", "--format", "json"])
    );
    snap!(
        p,
        "matrix_csv",
        p.cmd(&["goals", "matrix", "--format", "csv"])
    );
    snap!(
        p,
        "matrix_markdown",
        p.cmd(&["goals", "matrix", "--format", "markdown", "--all"])
    );
}

#[test]
fn unknown_metrics_are_input_errors_with_a_suggestion_and_touch_nothing() {
    let p = project();
    snap!(
        p,
        "add_unknown_metric",
        p.cmd(&["goals", "add", "X", "--kr", "debt.open_item <= 0"])
    );
    assert!(!p.path("docs/goals").exists());
    p.write(
        "docs/goals/0001-x.md",
        "---\ntitle: X\nkey_results:\n  - metric: history.truck_factr >= 3\n---\n",
    );
    snap!(p, "list_unknown_metric", p.cmd(&["goals", "list"]));
    snap!(p, "check_unknown_metric", p.cmd(&["check"]));
}

#[test]
fn status_changes_keep_history_and_check_runs_the_goal_rules() {
    let p = with_goals();
    p.write(
        "docs/goals/0003-launch-spain.md",
        "---\ntitle: Launch in Spain\nstatus: active\nhorizon: 2025-Q4\nparent: \"0009\"\nlinks: [\"debt:7\"]\n---\n",
    )
    .write("techlead.toml", "[goals]\norphan_decision_months = 3\n\n[debt]\n");
    snap!(p, "check", p.cmd(&["check"]));
    snap!(
        p,
        "status_change",
        p.cmd(&[
            "goals",
            "status",
            "3",
            "missed",
            "--reason",
            "the partner left"
        ])
    );
    snap_text!("status_file", p.read("docs/goals/0003-launch-spain.md"));
    snap!(p, "status_bad", p.cmd(&["goals", "status", "3", "achived"]));
}
