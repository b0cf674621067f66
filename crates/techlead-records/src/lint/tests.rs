use super::*;
use crate::parse::parse_record;

/// Writes records into a temp folder and lints them, returning (rule, id, line).
fn lint_files(files: &[(&str, &str)], extra: &[&str]) -> Vec<(String, String, u32)> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("adr");
    std::fs::create_dir_all(&dir).unwrap();
    let mut records = Vec::new();
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        records.push(parse_record(tmp.path(), &p, text.as_bytes()).unwrap());
    }
    let opts = LintOptions {
        extra_statuses: extra.iter().map(|s| s.to_string()).collect(),
        today: "2026-01-15".into(),
    };
    lint(&records, &dir, &opts)
        .into_iter()
        .map(|f| {
            let loc = f.location.unwrap();
            let id = loc
                .path
                .rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".md")
                .to_string();
            (f.rule, id, loc.line.unwrap())
        })
        .collect()
}

fn nygard(n: u32, title: &str, status: &str) -> String {
    format!("# {n}. {title}\n\nDate: 2020-01-01\n\n## Status\n\n{status}\n")
}

fn rules(v: &[(String, String, u32)]) -> Vec<&str> {
    v.iter().map(|(r, _, _)| r.as_str()).collect()
}

#[test]
fn clean_folder_has_no_findings() {
    let a = nygard(1, "A", "Superseded by [2. B](0002-b.md)");
    let b = nygard(2, "B", "Accepted\n\nSupersedes [1. A](0001-a.md)");
    assert_eq!(
        lint_files(&[("0001-a.md", &a), ("0002-b.md", &b)], &[]),
        vec![]
    );
}

#[test]
fn duplicate_numbers_flag_each_record() {
    let f = lint_files(
        &[
            ("0002-a.md", &nygard(2, "A", "Accepted")),
            ("0002-b.md", &nygard(2, "B", "Accepted")),
        ],
        &[],
    );
    assert_eq!(
        f,
        vec![
            ("decisions/duplicate-number".into(), "0002-a".into(), 1),
            ("decisions/duplicate-number".into(), "0002-b".into(), 1)
        ]
    );
}

#[test]
fn broken_links_point_at_the_line() {
    let t = format!(
        "{}\nSee [x](0009-x.md#y), [site](https://e.org/a.md), [top](#top), [ok](0001-a.md).\n",
        nygard(1, "A", "Accepted")
    );
    assert_eq!(
        lint_files(&[("0001-a.md", &t)], &[]),
        vec![("decisions/broken-link".into(), "0001-a".into(), 9)]
    );
}

#[test]
fn supersedes_must_be_two_sided_and_have_a_successor() {
    let a = nygard(1, "A", "Superseded by [2. B](0002-b.md)");
    let b = nygard(2, "B", "Accepted");
    let c = nygard(3, "C", "Superseded");
    let f = lint_files(
        &[("0001-a.md", &a), ("0002-b.md", &b), ("0003-c.md", &c)],
        &[],
    );
    assert_eq!(
        f,
        vec![
            ("decisions/one-sided-supersede".into(), "0001-a".into(), 7),
            (
                "decisions/superseded-without-successor".into(),
                "0003-c".into(),
                7
            )
        ]
    );
    // The other direction: only the new record says so.
    let a = nygard(1, "A", "Accepted");
    let b = nygard(2, "B", "Accepted\n\nSupersedes [1. A](0001-a.md)");
    let f = lint_files(&[("0001-a.md", &a), ("0002-b.md", &b)], &[]);
    assert_eq!(rules(&f), ["decisions/one-sided-supersede"]);
}

#[test]
fn missing_fields_unknown_status_and_dates() {
    let f = lint_files(
        &[
            ("0001-a.md", "Date: 2020-01-01\n\n## Status\n\nAccepted\n"),
            ("0002-b.md", "# 2. B\n\nDate: 2020-01-01\n"),
            ("0003-c.md", "# 3. C\n\n## Status\n\nAccepted\n"),
            ("0004-d.md", &nygard(4, "D", "Acepted")),
            (
                "0005-e.md",
                "# 5. E\n\nDate: 2020-02-30\n\n## Status\n\nAccepted\n",
            ),
            ("0006-f.md", &nygard(6, "F", "On hold")),
        ],
        &["on hold"],
    );
    assert_eq!(
        rules(&f),
        [
            "decisions/missing-title",
            "decisions/missing-status",
            "decisions/missing-date",
            "decisions/unknown-status",
            "decisions/invalid-date"
        ]
    );
}

#[test]
fn file_name_must_match_title() {
    let f = lint_files(
        &[
            ("0001-use-rust.md", &nygard(1, "Use Rust!", "Accepted")),
            ("0002-old-name.md", &nygard(2, "New name", "Accepted")),
            ("20200101-use-go.md", "# Use Go\n\n- Status: accepted\n"),
            // Words split elsewhere are the same name: log4brains'
            // `20200925-use-nextjs-...` and madr's `0013-...-meta-data`.
            (
                "20200925-use-nextjs-for-ssg.md",
                "# Use Next.js for SSG\n\n- Status: accepted\n",
            ),
            // home-assistant/architecture leaves a series label out.
            (
                "0013-home-assistant-container.md",
                &nygard(
                    13,
                    "Installation method: Home Assistant Container",
                    "Accepted",
                ),
            ),
            (
                "0014-use-yaml-for-meta-data.md",
                &nygard(14, "Use YAML for metadata", "Accepted"),
            ),
        ],
        &[],
    );
    assert_eq!(
        f,
        vec![(
            "decisions/filename-title-mismatch".into(),
            "0002-old-name".into(),
            1
        )]
    );
}

#[test]
fn review_dates_in_the_past_are_overdue() {
    let f = lint_files(
        &[
            (
                "0001-a.md",
                "---\nstatus: accepted\ndate: 2020-01-01\nreview-by: 2025-12-31\n---\n# A\n",
            ),
            (
                "0002-b.md",
                "---\nstatus: accepted\ndate: 2020-01-01\nreview-by: 2026-01-15\n---\n# B\n",
            ),
        ],
        &[],
    );
    assert_eq!(
        f,
        vec![("decisions/review-overdue".into(), "0001-a".into(), 4)]
    );
}

#[test]
fn every_rule_is_listed_once_with_a_prefix() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.info().id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    assert!(ids.iter().all(|i| i.starts_with("decisions/")));
}

/// Issue 14: real corpora write the other side of a supersede as
/// `Replaces: [ADR-0002](…)`, and a reverted record's only status line as
/// `Reverted by [link]`. Neither is a one-sided supersede or an unknown
/// status; `Amended by` alone states no status.
#[test]
fn link_verbs_of_real_corpora() {
    let found = lint_files(
        &[
            (
                "0001-a.md",
                &nygard(1, "A", "Reverted by [5. X](0005-x.md)"),
            ),
            (
                "0002-b.md",
                &nygard(2, "B", "Superseded by [3. C](0003-c.md)"),
            ),
            (
                "0003-c.md",
                &nygard(3, "C", "Accepted\n\nReplaces: [ADR-0002](0002-b.md)"),
            ),
            (
                "0004-d.md",
                &nygard(4, "D", "Replaced by [ADR-0003](0003-c.md)"),
            ),
            (
                "0005-x.md",
                &nygard(5, "X", "Accepted\n\nReverts [1. A](0001-a.md)"),
            ),
            ("0006-e.md", &nygard(6, "E", "Amended by [5. X](0005-x.md)")),
        ],
        &[],
    );
    // 0004 says it was replaced by 0003, which does not say it replaces
    // 0004: that one is one-sided. 0006 states no status.
    assert_eq!(
        found,
        [
            (
                "decisions/one-sided-supersede".to_string(),
                "0004-d".to_string(),
                7
            ),
            (
                "decisions/missing-status".to_string(),
                "0006-e".to_string(),
                1
            ),
        ]
    );
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("0001-a.md");
    let text = nygard(1, "A", "Reverted by [5. X](0005-x.md)");
    let r = parse_record(tmp.path(), &p, text.as_bytes()).unwrap();
    assert_eq!(r.status.as_deref(), Some("reverted"));
    assert_eq!(r.links[0].kind, "reverted-by");
}

/// home-assistant/architecture's ADR-0020 records the other side of 0002's
/// supersede as a `Replaces:` line under its date, before any section:
/// the supersede is two-sided, not an error.
#[test]
fn a_link_line_in_the_header_is_a_link() {
    let old = nygard(2, "Old", "Superseded by [ADR-0020](./0020-new.md)");
    let new = "# 0020. New\n\nDate: 2023-05-29\n\nArchitecture discussion: [#903](https://x/903)\n\nReplaces: [ADR-0002](./0002-old.md)\n\n## Status\n\nAccepted\n";
    assert_eq!(
        lint_files(&[("0002-old.md", &old), ("0020-new.md", new)], &[]),
        vec![]
    );
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("0020-new.md");
    let r = parse_record(tmp.path(), &p, new.as_bytes()).unwrap();
    let links: Vec<(&str, &str)> = r
        .links
        .iter()
        .map(|l| (l.kind.as_str(), l.target.as_str()))
        .collect();
    assert_eq!(links, [("replaces", "0002-old")]);
}
