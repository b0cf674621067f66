use super::fixture::Project;
use super::messy::messy_folder;
use crate::snap;

fn status_of(p: &Project, id: &str) -> serde_json::Value {
    p.json(&["adr", "show", id, "--format", "json"])["status"].clone()
}

#[test]
fn status_is_written_in_each_records_own_style() {
    let p = Project::new();
    messy_folder(&p);
    let before: Vec<(String, String)> = p
        .files("docs/adr")
        .into_iter()
        .map(|f| {
            let t = p.read(&format!("docs/adr/{f}"));
            (f, t)
        })
        .collect();
    for id in ["1", "3", "4", "11"] {
        p.ok(&["adr", "status", id, "deprecated"]);
        assert_eq!(status_of(&p, id), "deprecated", "{id}");
    }
    // adr-tools section, CRLF kept.
    assert_eq!(
        p.read("docs/adr/0001-record-architecture-decisions.md"),
        "# 1. Record architecture decisions\r\n\r\nDate: 2018-01-10\r\n\r\n## Status\r\n\r\nDeprecated\r\n\r\n## Context\r\n\r\nWe need to record decisions.\r\n"
    );
    // MADR 2 bullet.
    assert!(
        p.read("docs/adr/0003-use-cockroachdb.md")
            .contains("* Status: deprecated\n* Deciders: Ann Lee")
    );
    // Front matter: BOM and the unknown key kept.
    let fm = p.read("docs/adr/0004-event-bus.md");
    assert!(
        fm.starts_with("\u{feff}---\nstatus: deprecated\ndate: 2021-07-01\n"),
        "{fm}"
    );
    assert!(fm.contains("x-custom: keep me\n"));
    // Untouched files keep every byte.
    for (f, t) in before {
        if !["0001", "0003", "0004", "0011"]
            .iter()
            .any(|n| f.starts_with(n))
        {
            assert_eq!(p.read(&format!("docs/adr/{f}")), t, "{f} changed");
        }
    }
}

#[test]
fn supersede_and_link_update_both_files_and_lint_clean() {
    let p = Project::new();
    p.write(
        "docs/adr/0001-one.md",
        "# 1. One\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0002-two.md",
        "# 2. Two\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0003-three.md",
        "---\nstatus: accepted\ndate: 2020-01-03\n---\n\n# Three\n",
    );
    p.ok(&["adr", "supersede", "1", "2"]);
    p.ok(&["adr", "link", "3", "Amends", "2", "--reverse", "Amended by"]);
    crate::snap_text!("superseded_old", p.read("docs/adr/0001-one.md"));
    crate::snap_text!("superseded_new", p.read("docs/adr/0002-two.md"));
    crate::snap_text!("linked_front_matter", p.read("docs/adr/0003-three.md"));
    // Running it again changes nothing.
    let again = (
        p.read("docs/adr/0001-one.md"),
        p.read("docs/adr/0002-two.md"),
    );
    p.ok(&["adr", "supersede", "1", "2"]);
    assert_eq!(
        again,
        (
            p.read("docs/adr/0001-one.md"),
            p.read("docs/adr/0002-two.md")
        )
    );
    snap!(
        p,
        "list_after_links",
        p.cmd(&["adr", "list", "--format", "json"])
    );
    let lint = p.cmd(&["adr", "lint"]).output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
}

#[test]
fn renumber_fixes_a_duplicate_and_rewrites_links() {
    let p = Project::new();
    p.write(
        "docs/adr/0002-two.md",
        "# 2. Two\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n",
    );
    p.write(
        "docs/adr/0002-other.md",
        "# 2. Other\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n\nSee [2. Two](0002-two.md).\n",
    );
    p.write(
        "docs/adr/0001-one.md",
        "# 1. One\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\nLater: [other](0002-other.md#context)\n\nSee [2. Other](0002-other.md), [ADR-0002](0002-other.md) and [2. Two](0002-two.md).\n",
    );
    let lint = p
        .cmd(&["adr", "lint", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(lint.status.code(), Some(1));
    p.ok(&["adr", "renumber", "0002-other", "3"]);
    assert_eq!(
        p.files("docs/adr"),
        ["0001-one.md", "0002-two.md", "0003-other.md"]
    );
    assert!(p.read("docs/adr/0003-other.md").starts_with("# 3. Other\n"));
    let one = p.read("docs/adr/0001-one.md");
    assert!(one.contains("[other](0003-other.md#context)"), "{one}");
    // Link texts that carry the number follow it; another record's stays.
    assert!(
        one.contains(
            "See [3. Other](0003-other.md), [ADR-0003](0003-other.md) and [2. Two](0002-two.md)."
        ),
        "{one}"
    );
    let lint = p.cmd(&["adr", "lint"]).output().unwrap();
    assert_eq!(
        lint.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
    // A taken number is refused and nothing moves.
    snap!(p, "renumber_taken", p.cmd(&["adr", "renumber", "3", "1"]));
    assert_eq!(
        p.files("docs/adr"),
        ["0001-one.md", "0002-two.md", "0003-other.md"]
    );
}

#[test]
fn index_keeps_the_readme_around_its_markers() {
    let p = Project::new();
    messy_folder(&p);
    p.write("docs/adr/README.md", "# Decisions\n\nIntro kept.\n\n<!-- techlead:adr-index:begin -->\nold\n<!-- techlead:adr-index:end -->\n\nFooter kept.\n");
    p.ok(&["adr", "index"]);
    let readme = p.read("docs/adr/README.md");
    assert!(
        readme.starts_with("# Decisions\n\nIntro kept.\n\n<!-- techlead:adr-index:begin -->\n")
    );
    assert!(readme.ends_with("<!-- techlead:adr-index:end -->\n\nFooter kept.\n"));
    crate::snap_text!("index_readme", readme);
    assert!(p.ok(&["adr", "index", "--print"]).len() > 10);
}

/// In adr/madr, `adr index` wrote a README.md beside the folder's
/// index.md (a docs site's front page) and said "updated" of a new file.
#[test]
fn index_goes_into_a_docs_sites_index_md_and_says_when_it_creates() {
    let p = Project::new();
    messy_folder(&p);
    std::fs::remove_file(p.path("docs/adr/README.md")).unwrap();
    let out = p.cmd(&["adr", "index"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("created docs/adr/README.md"),
        "{out:?}"
    );
    std::fs::remove_file(p.path("docs/adr/README.md")).unwrap();
    p.write("docs/adr/index.md", "# Decisions\n\nThe site's page.\n");
    let out = p.cmd(&["adr", "index"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("updated docs/adr/index.md"),
        "{out:?}"
    );
    assert!(!p.path("docs/adr/README.md").exists());
    let index = p.read("docs/adr/index.md");
    assert!(
        index.starts_with("# Decisions\n\nThe site's page.\n\n<!-- techlead:adr-index:begin -->\n")
    );
    // A README in another case is the README.
    p.write("docs/adr/Readme.md", "# Ours\n");
    p.ok(&["adr", "index"]);
    assert!(
        p.read("docs/adr/Readme.md")
            .contains("techlead:adr-index:begin")
    );
    assert!(!p.path("docs/adr/README.md").exists());
}

#[test]
fn graph_draws_dot_and_mermaid() {
    let p = Project::new();
    messy_folder(&p);
    snap!(p, "graph_dot", p.cmd(&["adr", "graph", "--format", "dot"]));
    snap!(
        p,
        "graph_mermaid",
        p.cmd(&["adr", "graph", "--format", "mermaid"])
    );
}

#[test]
fn score_prints_totals_ranking_and_sensitivity() {
    let p = Project::new();
    p.write(
        "docs/adr/0001-message-broker.md",
        "---\nstatus: proposed\ndate: 2026-01-10\n---\n\n# Message broker\n\n## Decision Matrix\n\n\
| Criterion        | Weight | Kafka | RabbitMQ | SQS |\n\
|------------------|-------:|------:|---------:|----:|\n\
| Throughput       |      3 |     5 |        3 |   4 |\n\
| Operational cost |      2 |     2 |        4 |   5 |\n\
| Team experience  |      2 |     2 |        5 |   3 |\n",
    );
    snap!(p, "score_text", p.cmd(&["adr", "score", "broker"]));
    snap!(
        p,
        "score_json",
        p.cmd(&["adr", "score", "1", "--format", "json"])
    );
}
