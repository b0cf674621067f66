//! `techlead report`: the assessment as HTML, markdown and JSON, every
//! section present (or saying why not), trends from the snapshots it
//! records, and hostile repository text rendered inert.

use super::fixture::Project;
use super::history_people::commit_as;
use super::snapshot::{assessed, second_commit};
use crate::snap;

pub const SECTIONS: &[&str] = &[
    "overview",
    "decisions",
    "radar",
    "architecture",
    "hotspots",
    "knowledge",
    "coupling",
    "delivery",
    "dependencies",
    "health",
    "debt",
    "practices",
    "goals",
    "trends",
];

fn schema() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .offline()
        .build(&schema)
        .expect("the published schema compiles")
}

/// The markdown report on stdout, no snapshot recorded.
fn markdown(p: &Project) -> String {
    p.ok(&[
        "report",
        "--format",
        "markdown",
        "--stdout",
        "--no-snapshot",
    ])
}

fn state<'a>(report: &'a serde_json::Value, section: &str) -> &'a str {
    let part = &report[section];
    if part.get("ready").is_some() {
        "ready"
    } else if part.get("absent").is_some() {
        "absent"
    } else {
        panic!("{section}: {part}")
    }
}

#[test]
fn the_report_has_every_section_and_its_json_follows_the_schema() {
    let p = assessed();
    // The first report records a snapshot; the second, a commit later,
    // compares with it and draws trends.
    // Written where git does not look (.gitignore'd), so the next commit,
    // and the snapshot naming it, do not change with the report's shape.
    p.ok(&[
        "report",
        "--format",
        "json",
        "--out",
        ".techlead/first.json",
    ]);
    second_commit(&p);
    let out = p.ok(&["report", "--format", "json", "--stdout"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for section in [
        "decisions",
        "radar",
        "architecture",
        "hotspots",
        "knowledge",
        "dependencies",
        "delivery",
        "health",
        "trends",
    ] {
        assert_eq!(
            state(&report, section),
            "ready",
            "{section}: {}",
            report[section]
        );
    }
    assert_eq!(state(&report, "debt"), "absent", "no register yet");
    assert!(
        report["debt"]["absent"]["setup"]
            .as_str()
            .unwrap()
            .starts_with("techlead debt add")
    );
    // Practices applies to any repository; goals need a goals folder.
    assert_eq!(state(&report, "practices"), "ready");
    assert!(
        report["practices"]["ready"]["checks"]
            .as_array()
            .unwrap()
            .len()
            >= 10
    );
    assert_eq!(state(&report, "goals"), "absent");
    assert!(
        report["goals"]["absent"]["setup"]
            .as_str()
            .unwrap()
            .starts_with("techlead goals add")
    );
    let overview = &report["overview"];
    assert_eq!(overview["previous"]["date"], "2026-01-01");
    let changed: Vec<&str> = overview["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["metric"].as_str().unwrap())
        .collect();
    assert!(
        changed.contains(&"history.commits") && changed.contains(&"decisions.total"),
        "{changed:?}"
    );
    let risks: Vec<&str> = overview["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["anchor"].as_str().unwrap())
        .collect();
    assert!(
        risks.contains(&"architecture") && risks.contains(&"radar"),
        "{risks:?}"
    );
    let commits = report["trends"]["ready"]["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["metric"] == "history.commits")
        .unwrap();
    assert_eq!(commits["points"].as_array().unwrap().len(), 2);
    // The decision that names `requests` links to its radar record.
    let records = report["decisions"]["ready"]["records"].as_array().unwrap();
    let first = records
        .iter()
        .find(|r| r["id"] == "0001-use-python")
        .unwrap();
    assert_eq!(first["mentions"][0]["anchor"], "tech-requests");
    // HTML: every section with its anchor, one script, a policy.
    p.ok(&["report", "--no-snapshot"]);
    let html = p.read("report.html");
    for id in SECTIONS {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    // The SVG namespace is a name, not a request; nothing else is remote.
    let rest = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(
        !rest.contains("http://") && !rest.contains("https://"),
        "no remote reference"
    );
    snap!(
        p,
        "markdown",
        p.cmd(&[
            "report",
            "--format",
            "markdown",
            "--stdout",
            "--no-snapshot"
        ])
    );
}

#[test]
fn outside_git_every_history_section_says_why() {
    let p = Project::new();
    p.write("docs/decisions/0001-x.md", "# 1. X\n\nStatus: accepted\n");
    let report: serde_json::Value =
        serde_json::from_str(&p.ok(&["report", "--format", "json", "--stdout"])).unwrap();
    for section in ["hotspots", "knowledge", "coupling", "delivery", "trends"] {
        assert_eq!(state(&report, section), "absent", "{section}");
    }
    assert_eq!(
        report["hotspots"]["absent"]["reason"],
        "not a git repository"
    );
    assert_eq!(
        report["decisions"]["ready"]["records"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        !p.path(".techlead/snapshots.db").exists(),
        "no commit, no snapshot"
    );
}

/// expressjs/express keeps a package.json and no lockfile: the report said
/// "no lockfile or manifest found in the tree" about a tree that has one.
#[test]
fn a_manifest_without_a_lockfile_is_named_not_denied() {
    let p = Project::new();
    let reason = |p: &Project| {
        let report: serde_json::Value =
            serde_json::from_str(&p.ok(&["report", "--format", "json", "--stdout"])).unwrap();
        assert_eq!(state(&report, "dependencies"), "absent");
        report["dependencies"]["absent"]["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(reason(&p), "no lockfile or manifest found in the tree");
    p.write(
        "package.json",
        r#"{"name": "web", "dependencies": {"left-pad": "^1.3.0"}}"#,
    );
    assert_eq!(
        reason(&p),
        "manifests found but not read: package.json (npm); no lockfile beside or above pins their versions (commit the one your package manager writes)"
    );
}

/// Text anyone can commit: titles, bodies, names, paths.
pub fn hostile() -> Project {
    let p = assessed();
    let evil = "<script>document.title='pwned'</script>";
    p.write(
        "docs/decisions/0003-evil.md",
        format!("---\nstatus: accepted\ndate: 2026-01-03\ntags: [\"{evil}\"]\ndecision-makers: [\"<img src=x onerror=\\\"document.title='pwned'\\\">\"]\n---\n# {evil}\n\n<img src=x onerror=\"document.title='pwned'\">\n\n[click](javascript:document.title='pwned')\n\n<svg onload=\"document.title='pwned'\"></svg>\n"),
    );
    p.write(
        "docs/debt/0001-evil.md",
        format!("---\ntitle: \"{evil}\"\nstatus: open\nowner: \"<img src=x onerror=alert(1)>\"\ncreated: 2026-01-01\ntarget: 2026-01-10\nprincipal: 2d\npaths: [\"lib\"]\n---\n<img src=x onerror=alert(1)>\n"),
    );
    p.write(
        "docs/radar/evil.md",
        format!("---\nname: \"{evil}\"\nquadrant: tools\nring: assess\n---\n<img src=x onerror=\"document.title='pwned'\">\n\n[x](javascript:document.title='pwned')\n"),
    );
    p.write(
        "lib/<svg onload=alert(1)>.py",
        "def f(x):\n    if x:\n        return 1\n",
    );
    commit_as(
        &p,
        "<img src=x onerror=alert(1)>",
        "evil@example.com",
        "2026-01-05T10:00:00Z",
        evil,
    );
    p
}

#[test]
fn hostile_text_renders_inert() {
    let p = hostile();
    let evil = "<script>document.title='pwned'</script>";
    p.ok(&["report", "--no-snapshot"]);
    let html = p.read("report.html");
    assert_eq!(html.matches("<script").count(), 1, "only our script");
    for bad in ["<img", "<svg onload", "javascript:", "<script>document"] {
        assert!(!html.contains(bad), "{bad}");
    }
    assert!(
        html.contains("&lt;script&gt;document.title"),
        "shown as text"
    );
    // The hostile radar record is in the report, inert.
    let report: serde_json::Value =
        serde_json::from_str(&p.ok(&["report", "--format", "json", "--stdout", "--no-snapshot"]))
            .unwrap();
    let names: Vec<&str> = report["radar"]["ready"]["technologies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&evil), "{names:?}");
    // So is the debt item, past its date: a top risk.
    assert_eq!(report["debt"]["ready"]["items"][0]["title"], evil);
    assert!(
        report["overview"]["risks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["anchor"] == "debt"),
        "{}",
        report["overview"]["risks"]
    );
    let md = markdown(&p);
    // Every `<` from the repository is escaped for markdown (`\<`).
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "{md}"
    );
    assert!(md.contains("\\<script\\>document.title"), "{md}");
}

/// On vitejs/vite the top risk named `template-svelte-ts/_gitignore` as
/// the file nobody active knows: a source file should lead.
#[test]
fn the_knowledge_risk_names_a_source_file() {
    let p = super::history_people::fresh();
    for day in 1..=3 {
        p.write("config/app.yml", format!("v: {day}\n"));
        if day == 1 {
            p.write("lib/core.py", "def f(x):\n    return x\n");
        }
        commit_as(
            &p,
            "Old",
            "old@example.com",
            &format!("2024-01-0{day}T10:00:00Z"),
            "old work",
        );
    }
    p.write("lib/new.py", "def g():\n    return 1\n");
    commit_as(&p, "New", "new@example.com", "2026-01-10T10:00:00Z", "new");
    let md = markdown(&p);
    assert!(
        md.contains("files nobody active knows**: every author left; the most changed source file: lib/core.py"),
        "{md}"
    );
}
