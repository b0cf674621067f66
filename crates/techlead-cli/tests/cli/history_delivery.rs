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

/// The tags of `history delivery --format json`'s releases, oldest first.
fn release_tags(d: &serde_json::Value) -> Vec<&str> {
    d["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["tag"].as_str().unwrap())
        .collect()
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
    let tags = release_tags(&d);
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
    // On a commit of its own: tags naming one commit are one release.
    commit(&p, 7, "seven");
    git(&p, 7, &["tag", "release-candidate-for-the-february-train"]);
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

/// sympy tagged `sympy-1.12` for years, then `1.13.0` beside
/// `sympy-1.13.0`: the first version-only tag took every commit since
/// 2007 and the report said "p90 lead time 4816 days".
#[test]
fn lead_times_start_after_the_first_release_and_a_commit_is_one_release() {
    let p = fresh();
    commit(&p, 1, "one");
    commit(&p, 2, "two");
    git(&p, 2, &["tag", "proj-1.0"]);
    commit(&p, 3, "three");
    git(&p, 3, &["tag", "proj-1.1"]);
    commit(&p, 4, "four");
    git(&p, 4, &["tag", "1.2"]);
    git(&p, 4, &["tag", "proj-1.2"]);
    commit(&p, 5, "five");
    commit(&p, 6, "six");
    git(&p, 6, &["tag", "1.3"]);

    // Defaults: 1.2 (the first, days 1-4) and 1.3 (days 5-6).
    let d = p.json(&["history", "delivery", "--format", "json"]);
    assert_eq!(d["commits_released"], 6, "{d}");
    assert_eq!(d["lead_commits"], 2, "only 1.3's commits: {d}");
    assert_eq!(d["releases"][0]["first"], true, "{d}");
    assert_eq!(
        d["p90_lead_days"], 1.0,
        "days 5 and 6 released on day 6: {d}"
    );
    assert_eq!(
        d["prefixed_tags"],
        serde_json::json!([["proj-*", 3]]),
        "{d}"
    );
    let text = p.ok(&["history", "delivery"]);
    assert!(
        text.contains("lead time     median 0 days, p90 1 days (2 commits released after the first release, 1.2)"),
        "{text}"
    );
    assert!(
        text.contains("note: 3 more tags look like releases with a prefix (proj-*); --tags 'proj-*' counts them"),
        "{text}"
    );

    // The project's own tags, from techlead.toml: the two tags on day 4
    // are one release, named by the first.
    p.write(
        "techlead.toml",
        "[history]\nrelease_tags = [\"proj-*\", \"[0-9]*\"]\n",
    );
    let d = p.json(&["history", "delivery", "--format", "json"]);
    let tags = release_tags(&d);
    assert_eq!(tags, ["proj-1.0", "proj-1.1", "1.2", "1.3"], "{d}");
    assert_eq!(d["releases"][2]["aliases"], serde_json::json!(["proj-1.2"]));
    assert_eq!(d["lead_commits"], 4, "days 3-6: {d}");
    let summary = p.ok(&["history", "summary"]);
    assert!(
        summary.contains("4 releases, lead time median 0 days (p90 1)"),
        "{summary}"
    );
}

/// gson's `1.0`..`1.7` tags are on imported side branches: no main-line
/// commit is released, and "lead time 0 days" was printed anyway.
#[test]
fn no_lead_time_is_printed_when_no_main_line_commit_was_released() {
    let p = fresh();
    commit(&p, 1, "one");
    // An imported history: no commit in common with the main line.
    git(&p, 2, &["checkout", "-q", "--orphan", "import"]);
    commit(&p, 2, "imported");
    git(&p, 2, &["tag", "1.0"]);
    git(&p, 3, &["checkout", "-q", "main"]);
    commit(&p, 3, "three");
    let d = p.json(&["history", "delivery", "--format", "json"]);
    assert_eq!(d["releases"].as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d["median_lead_days"], serde_json::Value::Null, "{d}");
    assert_eq!(d["p90_lead_days"], serde_json::Value::Null, "{d}");
    let text = p.ok(&["history", "delivery"]);
    assert!(
        text.contains("lead time     n/a: no commit released on the main line"),
        "{text}"
    );
    let summary = p.ok(&["history", "summary"]);
    assert!(summary.contains("lead time n/a"), "{summary}");
}

/// click tags its alphas as Python does (`8.0.0a1`, PEP 440): the alpha
/// was counted a release, claimed 174 commits and their lead time.
#[test]
fn python_short_pre_release_tags_are_not_releases() {
    let p = fresh();
    commit(&p, 1, "one");
    git(&p, 1, &["tag", "1.0"]);
    commit(&p, 2, "two");
    git(&p, 2, &["tag", "2.0.0a1"]);
    commit(&p, 3, "three");
    git(&p, 3, &["tag", "2.0.0b2"]);
    commit(&p, 4, "four");
    git(&p, 4, &["tag", "2.0.0"]);
    commit(&p, 5, "five");
    git(&p, 5, &["tag", "2.0.0.post1"]);
    let d = p.json(&["history", "delivery", "--format", "json"]);
    assert_eq!(release_tags(&d), ["1.0", "2.0.0", "2.0.0.post1"], "{d}");
    assert_eq!(d["prereleases"], 2, "{d}");
    // Day 2's commit waited for 2.0.0 on day 4, not for the alpha.
    assert_eq!(d["releases"][1]["commits"], 3, "{d}");
    assert_eq!(d["releases"][1]["median_lead_days"], 1.0, "{d}");
    // The note's hint counts them (it said `--tags 'v*'`, which matches
    // none of these).
    let text = p.ok(&["history", "delivery"]);
    assert!(
        text.contains("left out; --tags 'v[0-9]*' --tags '[0-9]*' counts them"),
        "{text}"
    );
    let all = p.json(&[
        "history", "delivery", "--tags", "v[0-9]*", "--tags", "[0-9]*", "--format", "json",
    ]);
    assert_eq!(all["releases"].as_array().unwrap().len(), 5, "{all}");
}

/// click's report said "Slow delivery: p90 499 days", mostly from its
/// 2014-2020 releases. The key number is the last year's lead time; the
/// whole history's stays in `history delivery`.
#[test]
fn the_lead_time_metrics_are_over_the_last_year() {
    let p = fresh();
    let at = |p: &Project, date: &str, msg: &str, tag: Option<&str>| {
        p.write("src/a.rs", format!("// {msg}\n"));
        commit_as(
            p,
            "Ann",
            "ann@example.com",
            &format!("{date}T10:00:00Z"),
            msg,
        );
        if let Some(t) = tag {
            p.git("Ann", &format!("{date}T10:00:00Z"), &["tag", t]);
        }
    };
    at(&p, "2023-01-01", "one", Some("v1.0"));
    at(&p, "2023-01-02", "two", None);
    at(&p, "2023-07-01", "three", Some("v1.1"));
    at(&p, "2025-06-01", "four", None);
    at(&p, "2025-06-11", "five", Some("v1.2"));
    at(&p, "2025-09-01", "six", None);
    let d = p.json(&["history", "delivery", "--format", "json"]);
    assert_eq!(d["p90_lead_days"], 180.0, "{d}");
    let r = &d["recent"];
    assert_eq!(
        (&r["since"], &r["releases"], &r["lead_commits"]),
        (&"2024-09-01".into(), &1.into(), &2.into()),
        "{d}"
    );
    assert_eq!(
        (&r["median_lead_days"], &r["p90_lead_days"]),
        (&0.0.into(), &10.0.into())
    );
    let text = p.ok(&["history", "delivery"]);
    assert!(
        text.contains(
            "  last year   median 0 days, p90 10 days (2 commits in 1 release since 2024-09-01)"
        ),
        "{text}"
    );
    let snap = p.json(&["snapshot", "--dry-run", "--format", "json"]);
    let p90 = crate::fixture::measurement(&snap, "delivery.lead_time_p90_days_last_year");
    assert_eq!(p90["value"], 10.0, "{p90}");
    // The whole history's metric keeps its meaning (earlier snapshots).
    let whole = crate::fixture::measurement(&snap, "delivery.lead_time_p90_days");
    assert_eq!(whole["value"], 180.0, "{whole}");

    // A year on with no release: no number, and why.
    at(&p, "2027-01-01", "seven", None);
    let snap = p.json(&["snapshot", "--dry-run", "--format", "json"]);
    let p90 = crate::fixture::measurement(&snap, "delivery.lead_time_p90_days_last_year");
    assert_eq!(p90["value"], serde_json::Value::Null, "{p90}");
    assert_eq!(
        p90["absent"],
        "no release since 2026-01-01 shipped a commit (over the whole history: 180 days, `techlead history delivery`)",
        "{p90}"
    );
}
