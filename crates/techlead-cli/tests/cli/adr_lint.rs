use super::fixture::Project;
use crate::snap;

/// One record per problem the linter knows, plus clean ones.
fn broken_folder(p: &Project) {
    p.write(
        "docs/adr/0001-clean.md",
        "# 1. Clean\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0002-first-two.md",
        "# 2. First two\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0002-second-two.md",
        "# 2. Second two\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0003-broken-link.md",
        "# 3. Broken link\n\nDate: 2020-01-04\n\n## Status\n\nAccepted\n\nSee [gone](0099-gone.md).\n",
    );
    p.write(
        "docs/adr/0004-one-sided.md",
        "# 4. One sided\n\nDate: 2020-01-05\n\n## Status\n\nSuperseded by [1. Clean](0001-clean.md)\n",
    );
    p.write(
        "docs/adr/0005-orphan.md",
        "# 5. Orphan\n\nDate: 2020-01-06\n\n## Status\n\nSuperseded\n",
    );
    p.write(
        "docs/adr/0006-no-status.md",
        "# 6. No status\n\nDate: 2020-01-07\n",
    );
    p.write(
        "docs/adr/0007-no-date.md",
        "# 7. No date\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0008-no-title.md",
        "Date: 2020-01-09\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0009-odd-status.md",
        "# 9. Odd status\n\nDate: 2020-01-10\n\n## Status\n\nOn hold\n",
    );
    p.write(
        "docs/adr/0010-bad-date.md",
        "# 10. Bad date\n\nDate: 2020-02-30\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0011-name-drift.md",
        "# 11. Something else entirely\n\nDate: 2020-01-12\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0012-review-due.md",
        "---\nstatus: accepted\ndate: 2020-01-13\nreview-by: 2025-06-01\n---\n\n# Review due\n",
    );
}

#[test]
fn lint_reports_every_rule_in_text() {
    let p = Project::new();
    broken_folder(&p);
    snap!(p, "lint_text", p.cmd(&["adr", "lint"]));
}

#[test]
fn lint_json_names_every_rule_once_or_more() {
    let p = Project::new();
    broken_folder(&p);
    let (code, rules) = p.rules_found(&["adr", "lint"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules,
        [
            "decisions/broken-link",
            "decisions/duplicate-number",
            "decisions/filename-title-mismatch",
            "decisions/invalid-date",
            "decisions/missing-date",
            "decisions/missing-status",
            "decisions/missing-title",
            "decisions/one-sided-supersede",
            "decisions/review-overdue",
            "decisions/superseded-without-successor",
            "decisions/unknown-status",
        ]
    );
    // Summary on stderr, data alone on stdout.
    let out = p
        .cmd(&["adr", "lint", "--format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("error"));
}

#[test]
fn configured_statuses_and_severities_apply() {
    let p = Project::new();
    broken_folder(&p);
    p.write(
        "techlead.toml",
        "[decisions]\nstatuses = [\"on hold\"]\n[checks.severity]\n\"decisions/duplicate-number\" = \"off\"\n\"decisions/broken-link\" = \"note\"\n\"decisions/one-sided-supersede\" = \"warning\"\n",
    );
    let out = p
        .cmd(&["adr", "lint", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert!(!all.iter().any(|f| f["rule"] == "decisions/unknown-status"));
    assert!(
        !all.iter()
            .any(|f| f["rule"] == "decisions/duplicate-number")
    );
    let broken = all
        .iter()
        .find(|f| f["rule"] == "decisions/broken-link")
        .unwrap();
    assert_eq!(broken["severity"], "note");
    assert_eq!(broken["location"]["line"], 9);
    let errors = all.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(out.status.code(), Some(if errors > 0 { 1 } else { 0 }));
}

#[test]
fn fingerprints_survive_line_moves() {
    let p = Project::new();
    broken_folder(&p);
    let fp = |p: &Project| -> Vec<String> {
        let out = p
            .cmd(&["adr", "lint", "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut f: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        f.sort();
        f
    };
    let before = fp(&p);
    p.write(
        "docs/adr/0003-broken-link.md",
        "# 3. Broken link\n\nDate: 2020-01-04\n\n## Status\n\nAccepted\n\nMore text.\n\nEven more.\n\nSee [gone](0099-gone.md).\n",
    );
    assert_eq!(before, fp(&p));
}
