use super::fixture::Project;
use crate::snap;

#[test]
fn init_creates_config_and_first_record_then_leaves_them() {
    let p = Project::new();
    snap!(p, "init_first", p.cmd(&["init"]));
    assert!(p.read("techlead.toml").contains("[decisions]"));
    let first = p.read("docs/decisions/0001-record-architecture-decisions.md");
    assert!(first.starts_with("---\nstatus: accepted\ndate: 2026-01-15\n---\n"));

    p.write("techlead.toml", "# mine\n");
    snap!(p, "init_second", p.cmd(&["init"]));
    assert_eq!(
        p.read("techlead.toml"),
        "# mine\n",
        "init must never overwrite"
    );
}

#[test]
fn init_adopts_an_existing_adr_tools_folder() {
    let p = Project::new();
    p.write(".adr-dir", "doc/architecture\n");
    p.write(
        "doc/architecture/0001-x.md",
        "# 1. X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    snap!(p, p.cmd(&["init"]));
    assert!(
        p.read("techlead.toml")
            .contains("dir = \"doc/architecture\"")
    );
    assert_eq!(p.files("doc/architecture"), ["0001-x.md"]);
}

/// Issue 14: after `init` in a folder of Nygard records, `adr new` wrote a
/// MADR record, because init wrote `template = "madr"`. It records the
/// style it found instead.
#[test]
fn init_keeps_the_style_of_existing_records() {
    let p = Project::new();
    for n in 1..=3 {
        p.write(
            &format!("doc/adr/000{n}-x{n}.md"),
            format!("# {n}. X{n}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"),
        );
    }
    p.ok(&["init"]);
    assert!(
        p.read("techlead.toml").contains("template = \"nygard\""),
        "{}",
        p.read("techlead.toml")
    );
    let path = p.ok(&["adr", "new", "Use Go"]);
    let text = p.read(path.trim());
    assert!(text.starts_with("# 4. Use Go\n\nDate: "), "{text}");
    // A new folder gets MADR 4, and the config says why.
    let q = Project::new();
    q.ok(&["init"]);
    assert!(q.read("techlead.toml").contains("template = \"madr\""));
    assert!(q.read("techlead.toml").contains("`techlead config docs`"));
}

/// adr/madr's records use `on hold`; init wrote `statuses = []`, so the
/// first `check` flagged the team's own vocabulary. A likely typo of a
/// standard status stays for the lint.
#[test]
fn init_accepts_the_statuses_the_records_use() {
    let p = Project::new();
    for (n, status) in [
        (1, "accepted"),
        (2, "on hold"),
        (3, "On Hold"),
        (4, "acepted"),
    ] {
        p.write(
            &format!("docs/decisions/000{n}-x{n}.md"),
            format!("---\nstatus: {status}\ndate: 2020-01-01\n---\n\n# X{n}\n"),
        );
    }
    p.ok(&["init"]);
    let config = p.read("techlead.toml");
    assert!(config.contains("statuses = [\"on hold\"]\n"), "{config}");
    let out = p
        .cmd(&["adr", "lint", "--format", "json"])
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unknown: Vec<&serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "decisions/unknown-status")
        .collect();
    assert_eq!(unknown.len(), 1, "only acepted: {unknown:?}");
    assert!(unknown[0]["message"].as_str().unwrap().contains("acepted"));
}

#[test]
fn broken_config_is_exit_2_with_line_and_suggestion() {
    let p = Project::new();
    p.write("techlead.toml", "[decisions]\ndri = \"docs/adr\"\n");
    snap!(p, p.cmd(&["check"]));
    p.write(
        "techlead.toml",
        "[checks.severity]\n\"decisions/broken-lnk\" = \"off\"\n",
    );
    snap!(p, "unknown_rule_id", p.cmd(&["check"]));
    p.write("techlead.toml", "[decisions]\ndir = 7\n");
    snap!(p, "wrong_type", p.cmd(&["check"]));
}

#[test]
fn config_is_found_from_a_subfolder() {
    let p = Project::new();
    p.write("techlead.toml", "[decisions]\ndir = \"records\"\n");
    p.write(
        "records/0001-a.md",
        "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    std::fs::create_dir_all(p.path("src/deep")).unwrap();
    let out = p
        .cmd(&["adr", "list", "--format", "json"])
        .current_dir(p.path("src/deep"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["path"], "records/0001-a.md");
}

#[test]
fn completions_and_man_pages_are_generated() {
    let p = Project::new();
    let out = p.cmd(&["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("techlead"));
    let out = p.cmd(&["man", "--out", "man"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = p.files("man");
    assert!(files.contains(&"techlead.1".to_string()));
    assert!(
        files.contains(&"techlead-adr-new.1".to_string()),
        "{files:?}"
    );
}
