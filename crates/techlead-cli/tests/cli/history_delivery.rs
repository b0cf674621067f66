//! `techlead history delivery` on release habits the first version missed:
//! two-part version tags, reverts titled "Revert" without git's body line,
//! patch releases tagged on release branches, long tag names.

use super::fixture::Project;
use super::history_people::{commit_as, fresh};

fn commit(p: &Project, day: u32, msg: &str) -> String {
    p.write("src/a.rs", format!("fn a() {{ {day} }}\n"));
    commit_as(
        p,
        "Ann",
        "ann@example.com",
        &format!("2026-02-{day:02}T10:00:00Z"),
        msg,
    );
    git(p, day, &["rev-parse", "HEAD"])
}

fn git(p: &Project, day: u32, args: &[&str]) -> String {
    p.git("Ann", &format!("2026-02-{day:02}T10:00:00Z"), args)
        .trim()
        .to_string()
}

/// main: days 1-5, v1.0 on day 3, v1.1 on day 5; release/1.0 branches at
/// day 3 and gets day 4's fix cherry-picked as v1.0.1 on day 6. Day 4 is
/// a revert titled "Revert" with no "This reverts commit" line.
fn releases() -> Project {
    let p = fresh();
    commit(&p, 1, "one");
    commit(&p, 2, "two");
    commit(&p, 3, "three");
    git(&p, 3, &["tag", "v1.0"]);
    let fix = commit(&p, 4, "Revert \"two\"");
    git(&p, 4, &["tag", "v1.1-rc1"]);
    commit(&p, 5, "five");
    git(&p, 5, &["tag", "v1.1"]);
    git(&p, 6, &["checkout", "-q", "-b", "release/1.0", "v1.0"]);
    git(&p, 6, &["cherry-pick", "-x", &fix]);
    git(&p, 6, &["tag", "v1.0.1"]);
    git(&p, 6, &["checkout", "-q", "main"]);
    p
}

#[test]
fn two_part_tags_title_reverts_and_each_main_line_commit_once() {
    let p = releases();
    // A maintenance-line marker (Flask tags `2.3.x`) is not a release:
    // before, it took v1.1's commits and made an empty release of it.
    git(&p, 5, &["tag", "1.1.x"]);
    let d = p.json(&["history", "delivery", "--format", "json"]);
    // Before: v1.0 and v1.1 were not release tags (only v1.0.1 was), the
    // revert counted 0, and the cherry-pick was released a second time.
    let tags: Vec<&str> = d["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tag"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["v1.0", "v1.1", "v1.0.1"]);
    assert_eq!(d["commits_released"], 5, "the main line has 5 commits: {d}");
    assert_eq!(d["reverts"], 1, "{d}");
    // A release candidate is not a deployment.
    assert_eq!(d["prereleases"], 1, "{d}");
    let text = p.ok(&["history", "delivery"]);
    assert!(
        text.contains("note: 1 pre-release tags (-rc, -beta, ...) left out"),
        "{text}"
    );
    let csv = p.ok(&["history", "delivery", "--format", "csv"]);
    assert_eq!(
        csv,
        "release,date,commits,reverts,median-lead-days\n\
         v1.0,2026-02-03,3,0,1\nv1.1,2026-02-05,2,1,0\nv1.0.1,2026-02-06,0,0,0\n"
    );
}

#[test]
fn long_tag_names_keep_the_columns_aligned() {
    let p = releases();
    git(&p, 6, &["tag", "release-candidate-for-the-february-train"]);
    let out = p.ok(&["history", "delivery", "--tags", "release-*", "--tags", "v*"]);
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("release "))
        .take_while(|l| !l.is_empty())
        .collect();
    // The header, v1.0, v1.1-rc1 (--tags counts it), v1.1, v1.0.1 and the
    // long one.
    assert_eq!(table.len(), 6, "{out}");
    // Every date starts in the header's date column.
    let col = table[0].find("date").unwrap();
    for row in &table[1..] {
        assert_eq!(&row[col..col + 5], "2026-", "{out}");
    }
}

#[test]
fn monorepo_package_tags_are_pointed_out() {
    let p = fresh();
    commit(&p, 1, "one");
    git(&p, 1, &["tag", "web@1.0.0"]);
    commit(&p, 2, "two");
    git(&p, 2, &["tag", "web@1.1.0"]);
    git(&p, 2, &["tag", "@scope/ui@0.1.0"]);
    // Before: "no release tags", with no word on the tags it skipped.
    let out = p.ok(&["history", "delivery"]);
    assert!(out.starts_with("no release tags"), "{out}");
    assert!(
        out.contains("note: 2 more tags look like releases of package web (web@1.2.3); --tags 'web@*' counts them"),
        "{out}"
    );
    let d = p.json(&["history", "delivery", "--tags", "web@*", "--format", "json"]);
    assert_eq!(d["releases"].as_array().unwrap().len(), 2, "{d}");
    assert_eq!(d["package_tags"], serde_json::json!([]));
}
