//! `techlead debt` on a repository the tests build with git (fixed
//! authors and dates, inside the 90-day window before 2026-01-15): the
//! register commands, the marker scan, suggestions, the plan and the debt
//! part of `check`.

use super::fixture::Project;
use crate::snap;

pub const CONFIG: &str = "[checks]\nrun = [\"debt\"]\n\n[debt]\n\n[[boundaries.modules]]\nname = \"payments\"\npaths = [\"src/payments\"]\ndepends_on = []\n\n[[boundaries.modules]]\nname = \"web\"\npaths = [\"web\"]\ndepends_on = []\n";

const CHARGE: &str = "def charge(amount):\n    # TODO(alice, 2026-01-01, #42): round half to even\n    return round(amount, 2)  # FIXME: cents drift on refunds\n\n\nS = '# TODO: in a string, never a marker'\n";

/// The register: an overdue item, an unowned one, a repaid one.
pub fn register(p: &Project) {
    p.write(
        "docs/debt/0001-rounding.md",
        "---\ntitle: Rounding is patched in three places\nstatus: open\nowner: payments team\ncreated: 2025-11-01\ntarget: 2026-01-10\nprincipal: 2-4d\ninterest: 1d/month\npaths: [\"src/payments/charge.py\"]\nmodules: []\ndecisions: []\ngoals: []\ntags: [correctness]\n---\n\n# Rounding is patched in three places\n\n## Context\n\nEach caller rounds on its own.\n\n## Repayment\n\nOne money type.\n",
    )
    .write(
        "docs/debt/0002-web-retries.md",
        "---\ntitle: Web retries by hand\nstatus: scheduled\nprincipal: 1w\ntarget: 2026-03-01\nmodules: [web]\n---\n\n# Web retries by hand\n",
    )
    .write(
        "docs/debt/0003-old-build.md",
        "---\ntitle: Old build script\nstatus: repaid\nowner: platform\nprincipal: 1d\ntarget: 2025-06-01\n---\n\n# Old build script\n",
    );
}

/// A git repository with markers in five languages and two months of
/// history: fixes, a revert, coupled changes and a bot.
pub fn repo() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "alice",
        "2025-11-03T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p.write("techlead.toml", CONFIG)
        .write("src/payments/charge.py", CHARGE)
        .write("src/payments/refund.py", "def refund(x):\n    return -x\n")
        .write(
            "web/app.ts",
            "const s = \"// TODO not a comment\"; // BUG(bob): double submit on slow networks\n",
        )
        .write("scripts/deploy.sh", "#!/bin/sh\ncat <<EOF\n# TODO in a here-document\nEOF\n# HACK [2026-06-30] pin the image\n")
        .write("docs/notes.md", "# Notes\n\n<!-- TODO: write the runbook @carol -->\n");
    register(&p);
    let commit = |who: &str, date: &str, files: &[(&str, &str)], message: &str| {
        for (f, text) in files {
            p.write(f, text);
        }
        p.git(who, date, &["add", "-A"]);
        p.git(who, date, &["commit", "-q", "-m", message]);
    };
    commit("alice", "2025-11-03T10:00:00Z", &[], "start");
    commit(
        "alice",
        "2025-11-10T10:00:00Z",
        &[("src/payments/charge.py", &format!("{CHARGE}# 1\n"))],
        "Fix rounding in charge",
    );
    commit(
        "bob",
        "2025-11-20T10:00:00Z",
        &[
            ("src/payments/charge.py", &format!("{CHARGE}# 2\n")),
            (
                "src/payments/refund.py",
                "def refund(x):\n    return -abs(x)\n",
            ),
        ],
        "bugfix: refund of a refund",
    );
    commit(
        "carol",
        "2025-12-01T10:00:00Z",
        &[
            ("src/payments/charge.py", &format!("{CHARGE}# 3\n")),
            (
                "web/app.ts",
                "const s = \"// TODO not a comment\"; // BUG(bob): double submit on slow networks\nexport const tip = 1;\n",
            ),
        ],
        "feature: tips",
    );
    commit(
        "bob",
        "2025-12-15T10:00:00Z",
        &[(
            "web/app.ts",
            "const s = \"// TODO not a comment\"; // BUG(bob): double submit on slow networks\nexport const tip = 2;\n",
        )],
        "tidy",
    );
    commit(
        "dependabot[bot]",
        "2026-01-06T10:00:00Z",
        &[("src/payments/charge.py", &format!("{CHARGE}# 4\n"))],
        "Bump the fix version",
    );
    p
}

#[test]
fn list_in_every_format() {
    let p = repo();
    snap!(p, "list", p.cmd(&["debt", "list"]));
    snap!(
        p,
        "list_owed_csv",
        p.cmd(&["debt", "list", "--status", "owed", "--format", "csv"])
    );
    let v = p.json(&["debt", "list", "--format", "json", "--status", "repaid"]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["principal"]["high_hours"], 8);
    assert_eq!(v[0]["status"], "repaid");
    snap!(
        p,
        "list_bad_status",
        p.cmd(&["debt", "list", "--status", "done"])
    );
}

#[test]
fn show_puts_signals_next_to_the_estimate() {
    let p = repo();
    snap!(p, "show", p.cmd(&["debt", "show", "1"]));
    let v = p.json(&["debt", "show", "web", "--format", "json"]);
    // Module `web`: web/app.ts, added by alice, changed by carol and bob.
    assert_eq!(v["signals"]["revisions"], 3);
    assert_eq!(v["signals"]["authors"], 3);
    // web/app.ts as `techlead health` scores it.
    assert_eq!(v["signals"]["health"], 10.0);
    // Interest per day of principal (1w: 5 days), to two decimals.
    let per_day = v["signals"]["interest"].as_f64().unwrap() / 5.0;
    assert!((v["score"].as_f64().unwrap() - per_day).abs() < 0.005);
    assert!(
        v["body"]
            .as_str()
            .unwrap()
            .contains("# Web retries by hand")
    );
    // Outside git: no interest figure, and why.
    let q = Project::new();
    q.write("techlead.toml", CONFIG);
    register(&q);
    snap!(q, "show_without_git", q.cmd(&["debt", "show", "0001"]));
    let v = q.json(&["debt", "show", "1", "--format", "json"]);
    assert!(
        v["signals"]["unavailable"]
            .as_str()
            .unwrap()
            .starts_with("history is unavailable")
    );
    assert_eq!(v["score"], serde_json::Value::Null);
    assert_eq!(v["payback_months"], 4.0);
}

#[test]
fn add_writes_a_numbered_item_and_checks_what_it_is_given() {
    let p = repo();
    snap!(
        p,
        "add",
        p.cmd(&[
            "debt",
            "add",
            "Charge and refund share no money type",
            "--owner",
            "payments team",
            "--principal",
            "3-5d",
            "--interest",
            "4-8h",
            "--target",
            "2026-04-30",
            "--path",
            "src/payments/**",
            "--module",
            "payments",
            "--goal",
            "G-7",
            "--tag",
            "correctness",
        ])
    );
    crate::snap_text!(
        "add_file",
        p.read("docs/debt/0004-charge-and-refund-share-no-money-type.md")
    );
    let v = p.json(&["debt", "add", "Second", "--format", "json"]);
    assert_eq!(v["id"], "0005");
    assert_eq!(v["status"], "open");
    for (name, args) in [
        ("add_bad_principal", vec!["--principal", "3"]),
        ("add_false_precision", vec!["--principal", "1.25d"]),
        ("add_bad_target", vec!["--target", "next spring"]),
        ("add_unknown_module", vec!["--module", "paymnts"]),
        ("add_unknown_decision", vec!["--decision", "0007"]),
    ] {
        let mut full = vec!["debt", "add", "X"];
        full.extend(args);
        snap!(p, name, p.cmd(&full));
    }
    assert_eq!(
        p.files("docs/debt").len(),
        5,
        "a refused add writes nothing"
    );
}

#[test]
fn add_links_decisions_by_number() {
    let p = repo();
    p.write(
        "docs/decisions/0007-one-money-type.md",
        "# 7. One money type\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n",
    );
    let v = p.json(&["debt", "add", "X", "--decision", "7", "--format", "json"]);
    assert_eq!(v["decisions"], serde_json::json!(["0007"]));
}

#[test]
fn status_and_link_keep_every_other_byte() {
    let p = repo();
    let crlf = "---\r\ntitle: Legacy auth\r\nstatus: open # since the audit\r\nowner: identity\r\nprincipal: 1-2w\r\npaths:\r\n  - src/auth\r\ncustom: kept\r\n---\r\n\r\n# Legacy auth\r\n\r\nNotes.";
    p.write("docs/debt/0009-legacy-auth.md", crlf);
    snap!(
        p,
        "status",
        p.cmd(&[
            "debt",
            "status",
            "legacy-auth",
            "in-progress",
            "--reason",
            "sprint 12"
        ])
    );
    snap!(
        p,
        "link",
        p.cmd(&[
            "debt",
            "link",
            "9",
            "--path",
            "src/session",
            "--tag",
            "security",
            "--module",
            "web"
        ])
    );
    // The CRLF, the comment-free status, the block list become a flow
    // list, `custom` and the body are kept; shown with `\r` visible.
    crate::snap_text!(
        "status_link_file",
        p.read("docs/debt/0009-legacy-auth.md").replace('\r', "\\r")
    );
    let v = p.json(&[
        "debt", "link", "9", "--path", "src/auth", "--remove", "--format", "json",
    ]);
    assert_eq!(v["paths"], serde_json::json!(["src/session"]));
    snap!(
        p,
        "status_unknown",
        p.cmd(&["debt", "status", "9", "payed"])
    );
    snap!(
        p,
        "status_ambiguous",
        p.cmd(&["debt", "status", "r", "repaid"])
    );
    snap!(p, "link_nothing", p.cmd(&["debt", "link", "9"]));
    let before = p.read("docs/debt/0009-legacy-auth.md");
    let out = p
        .cmd(&["debt", "status", "9", "in-progress"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        p.read("docs/debt/0009-legacy-auth.md"),
        before,
        "a no-op edit writes nothing"
    );
}

#[test]
fn a_malformed_item_is_exit_2_with_its_line() {
    let p = repo();
    p.write(
        "docs/debt/0008-bad.md",
        "---\ntitle: Bad\nstatus: opne\n---\n",
    );
    snap!(p, "bad_item_list", p.cmd(&["debt", "list"]));
    snap!(p, "bad_item_check", p.cmd(&["check"]));
    p.write(
        "docs/debt/0008-bad.md",
        "---\ntitle: Bad\nprincipal: a while\n---\n",
    );
    snap!(p, "bad_principal", p.cmd(&["debt", "list"]));
    p.write(
        "docs/debt/0008-bad.md",
        "---\ntitle: Bad\npaths: [\"src/{a\"]\n---\n",
    );
    snap!(p, "bad_path", p.cmd(&["debt", "list"]));
}

#[test]
fn config_errors_point_at_the_line() {
    let p = repo();
    p.write(
        "techlead.toml",
        "[debt]\nbug_fix_pattern = \"(fix\"\nwindow_dayz = 30\n",
    );
    snap!(p, "bad_config", p.cmd(&["debt", "list"]));
}
