use super::fixture::Project;
use crate::snap;
use std::collections::BTreeSet;

#[test]
fn new_takes_the_next_number_and_prints_the_path() {
    let p = Project::new();
    p.write(
        "docs/decisions/0001-a.md",
        "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# A\n",
    );
    p.write(
        "docs/decisions/0007-b.md",
        "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# B\n",
    );
    snap!(
        p,
        p.cmd(&[
            "adr",
            "new",
            "Use Rust: for the CLI",
            "--tag",
            "lang",
            "--decider",
            "Ann"
        ])
    );
    let text = p.read("docs/decisions/0008-use-rust-for-the-cli.md");
    crate::snap_text!("new_madr_content", text);
}

#[test]
fn every_template_renders_a_record_that_reads_back() {
    let p = Project::new();
    std::fs::create_dir_all(p.path("docs/decisions")).unwrap();
    for t in [
        "madr",
        "madr-minimal",
        "nygard",
        "evaluation",
        "build-vs-buy",
    ] {
        p.ok(&["adr", "new", &format!("Try {t}"), "--template", t]);
    }
    let v = p.json(&["adr", "list", "--format", "json"]);
    let rows: Vec<(u64, String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["number"].as_u64().unwrap(),
                r["title"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 5);
    for (i, (n, title, status)) in rows.iter().enumerate() {
        assert_eq!(*n as usize, i + 1);
        assert!(title.starts_with("Try "), "{title}");
        assert_eq!(status, "proposed");
    }
    // The evaluation templates hold a matrix that `adr score` accepts.
    for id in ["4", "5"] {
        p.ok(&["adr", "score", id]);
    }
}

#[test]
fn new_in_an_adr_tools_folder_writes_nygard_records() {
    let p = Project::new();
    p.write(
        "doc/adr/0001-record.md",
        "# 1. Record\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    let out = p.cmd(&["adr", "new", "Second"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "doc/adr/0002-second.md\n"
    );
    let text = p.read("doc/adr/0002-second.md");
    assert!(text.starts_with("# 2. Second\n"), "{text}");
    assert!(text.contains("Date: 2026-01-15"), "{text}");
}

#[test]
fn new_in_a_log4brains_folder_uses_date_slugs() {
    let p = Project::new();
    p.write(".log4brains.yml", "project:\n  adrFolder: ./docs/adr\n");
    p.write(
        "docs/adr/20200101-first.md",
        "# First\n\n- Status: accepted\n",
    );
    assert_eq!(
        p.ok(&["adr", "new", "Second one"]),
        "docs/adr/20260115-second-one.md\n"
    );
    let out = p.cmd(&["adr", "new", "Second one"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "docs/adr/20260115-second-one-2.md\n"
    );
}

#[test]
fn new_supersedes_updates_both_files() {
    let p = Project::new();
    p.write(
        "doc/adr/0001-use-mysql.md",
        "# 1. Use MySQL\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n",
    );
    p.ok(&["adr", "new", "Use Postgres", "--supersedes", "1"]);
    let v = p.json(&["adr", "list", "--format", "json"]);
    assert_eq!(v[0]["status"], "superseded");
    assert_eq!(
        v[0]["links"],
        serde_json::json!([{"kind": "superseded-by", "target": "0002-use-postgres"}])
    );
    assert_eq!(
        v[1]["links"],
        serde_json::json!([{"kind": "supersedes", "target": "0001-use-mysql"}])
    );
    let lint = p.cmd(&["adr", "lint"]).output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

/// Two runs at the same moment must produce two distinct files: 16
/// processes race for the next number and every one gets its own.
#[test]
fn sixteen_parallel_runs_give_sixteen_distinct_files() {
    let p = Project::new();
    p.write(
        "docs/decisions/0001-start.md",
        "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# Start\n",
    );
    let children: Vec<_> = (0..16)
        .map(|i| {
            p.cmd(&["adr", "new", &format!("Parallel {i}")])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut printed = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        printed.insert(String::from_utf8(out.stdout).unwrap().trim().to_string());
    }
    assert_eq!(printed.len(), 16);
    let files = p.files("docs/decisions");
    assert_eq!(files.len(), 17, "{files:?}");
    let numbers: BTreeSet<&str> = files.iter().map(|f| &f[..4]).collect();
    assert_eq!(numbers.len(), 17, "every number distinct: {files:?}");
    for f in &files {
        let text = p.read(&format!("docs/decisions/{f}"));
        assert!(
            text.contains("status: proposed") || f.starts_with("0001"),
            "{f}: {text}"
        );
    }
}
