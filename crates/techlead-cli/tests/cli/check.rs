use super::fixture::Project;
use crate::snap;

/// Two records with findings: a broken link in 0001 (an error), an unknown
/// status in 0002 (a warning).
pub fn two_problems(p: &Project) {
    p.write(
        "docs/decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# A\n\nSee [b](0002-b.md).\n",
    );
    p.write(
        "docs/decisions/0002-c.md",
        "---\nstatus: maybe\ndate: 2020-01-01\n---\n\n# C\n",
    );
}

#[test]
fn check_exit_codes_follow_severity() {
    let p = Project::new();
    snap!(p, "nothing", p.cmd(&["check"]));
    p.write(
        "docs/decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# A\n",
    );
    snap!(p, "clean", p.cmd(&["check"]));
    two_problems(&p);
    snap!(p, "text", p.cmd(&["check"]));
}

#[test]
fn check_machine_formats() {
    let p = Project::new();
    two_problems(&p);
    for f in ["json", "sarif", "junit", "github"] {
        snap!(p, f, p.cmd(&["check", "--format", f]));
    }
    snap!(p, "quiet", p.cmd(&["check", "--format", "json", "--quiet"]));
}

#[test]
fn colour_follows_flag_and_no_color() {
    let p = Project::new();
    two_problems(&p);
    let out = p.cmd(&["check", "--color", "always"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\u{1b}["));
    let out = p.cmd(&["check", "--color", "never"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\u{1b}["));
    // Not a terminal, so auto means none; NO_COLOR must not switch it on either.
    let out = p.cmd(&["check"]).env("NO_COLOR", "1").output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\u{1b}["));
}

#[test]
fn checks_run_can_switch_decisions_off() {
    let p = Project::new();
    two_problems(&p);
    p.write("techlead.toml", "[checks]\nrun = []\n");
    let out = p.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    p.write("techlead.toml", "[checks]\nrun = [\"decision\"]\n");
    snap!(p, "unknown_check", p.cmd(&["check"]));
}

#[test]
fn rules_lists_every_rule_with_a_doc_page() {
    let p = Project::new();
    let out = p.cmd(&["rules", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for r in v.as_array().unwrap() {
        let doc = root.join(r["doc"].as_str().unwrap());
        assert!(doc.is_file(), "missing rule page {}", doc.display());
    }
    assert!(v.as_array().unwrap().len() >= 11);
}
