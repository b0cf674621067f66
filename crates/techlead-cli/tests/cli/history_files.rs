//! `techlead history` on files: what exists now, and what matters (source
//! apart from tests, docs, generated and vendored code, binaries).

use super::fixture::Project;
use super::history_people::{commit_as, fresh};

/// The first column of a CSV's rows, its header left out.
fn first_column(csv: &str) -> Vec<&str> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect()
}

fn commit(p: &Project, day: u32) {
    commit_as(
        p,
        "Ann",
        "ann@example.com",
        &format!("2026-02-{day:02}T10:00:00Z"),
        "work",
    );
}

/// Two source files that change together, and with them every time a
/// PNG, a changelog, a package.json, a vendored file, a test and a file
/// that is later deleted; and one big-file commit long ago whose files are
/// all gone.
fn files_repo() -> Project {
    let p = fresh();
    for i in 0..24 {
        p.write(&format!("old/gone{i}.rs"), "fn g() {}\n");
    }
    commit(&p, 1);
    std::fs::remove_dir_all(p.path("old")).unwrap();
    commit(&p, 2);
    for day in 3..10 {
        p.write(
            "src/api.rs",
            format!("fn api() {{ if true {{ {day} }} }}\n"),
        );
        p.write("src/db.rs", format!("fn db() {{ if true {{ {day} }} }}\n"));
        p.write("logo.png", format!("\u{89}PNG\0{day}"));
        p.write("CHANGELOG.md", format!("# {day}\n"));
        p.write("package.json", format!("{{\"version\": \"1.0.{day}\"}}\n"));
        p.write(
            "external/lib/x.c",
            format!("int x() {{ if (1) return {day}; }}\n"),
        );
        p.write(
            "tests/api_test.rs",
            format!("fn t() {{ if true {{ {day} }} }}\n"),
        );
        p.write(
            "src/legacy.rs",
            format!("fn l() {{ if true {{ {day} }} }}\n"),
        );
        commit(&p, day);
    }
    std::fs::remove_file(p.path("src/legacy.rs")).unwrap();
    commit(&p, 10);
    p
}

#[test]
fn deleted_files_leave_the_analyses_of_the_present() {
    let p = files_repo();
    // Before: 24 files deleted on day 2 and legacy.rs made the truck
    // factor "over 32 files" and were coupled and at risk.
    assert_eq!(
        p.ok(&["history", "truck-factor"]),
        "truck factor 1 (Ann) over 7 files\n"
    );
    let loss = p.ok(&[
        "history",
        "knowledge-loss",
        "--window",
        "2026-03-01",
        "--format",
        "csv",
    ]);
    assert!(!loss.contains("legacy") && !loss.contains("gone"), "{loss}");
    assert!(loss.contains("src/api.rs,Ann,7\n"), "{loss}");
    let coupled = p.ok(&["history", "coupling", "--format", "csv"]);
    assert!(!coupled.contains("legacy"), "{coupled}");
    let all = p.ok(&["history", "truck-factor", "--include-deleted"]);
    assert_eq!(all, "truck factor 1 (Ann) over 32 files\n");
    // code-maat's coupling with --all-files counts every file ever changed.
    let maat = p.ok(&["history", "coupling", "--all-files", "--format", "csv"]);
    assert!(maat.contains("src/api.rs,src/legacy.rs,93,8\n"), "{maat}");
    assert!(maat.contains("logo.png"), "{maat}");
    // Revisions are the history: deleted files stay.
    let revs = p.ok(&["history", "revisions", "--format", "csv"]);
    assert!(revs.contains("src/legacy.rs,8\n"), "{revs}");
}

#[test]
fn hotspots_and_coupling_rank_source_and_show_tests_apart() {
    let p = files_repo();
    // Before: the PNG, the changelog, package.json, the vendored file and
    // the test were all coupled with the code, 100% each.
    let coupled = p.ok(&["history", "coupling", "--format", "csv"]);
    assert_eq!(
        coupled,
        "entity,coupled,degree,average-revs\nsrc/api.rs,src/db.rs,100,7\n"
    );
    let hot = p.ok(&["history", "hotspots", "--format", "csv"]);
    let names = first_column(&hot);
    assert_eq!(names, ["src/api.rs", "src/db.rs"], "{hot}");
    let tests = p.ok(&["history", "hotspots", "--kind", "test", "--format", "csv"]);
    assert!(
        tests.starts_with("entity,revisions,complexity,loc,score,health\ntests/api_test.rs,7,"),
        "{tests}"
    );
    let both = p.ok(&[
        "history", "coupling", "--kind", "source", "--kind", "vendored", "--format", "csv",
    ]);
    assert!(
        both.contains("external/lib/x.c,src/api.rs,100,7\n"),
        "{both}"
    );
    let summary = p.ok(&["history", "summary"]);
    assert!(
        summary.contains("\nMost changed tests\n  tests/api_test.rs (7 changes)\n"),
        "{summary}"
    );
    assert!(
        !summary.contains("logo.png") && !summary.contains("CHANGELOG"),
        "{summary}"
    );
}

#[test]
fn gitattributes_and_techlead_toml_choose_kinds() {
    let p = files_repo();
    p.write(
        ".gitattributes",
        "src/db.rs linguist-generated\nexternal/** -linguist-vendored\n",
    );
    commit(&p, 11);
    let coupled = p.ok(&["history", "coupling", "--format", "csv"]);
    assert_eq!(
        coupled,
        "entity,coupled,degree,average-revs\nexternal/lib/x.c,src/api.rs,100,7\n"
    );
    p.write(
        "techlead.toml",
        "[history.kinds]\nsource = [\"src/db.rs\"]\ntest = [\"external/**\"]\n",
    );
    let coupled = p.ok(&["history", "coupling", "--format", "csv"]);
    assert_eq!(
        coupled,
        "entity,coupled,degree,average-revs\nsrc/api.rs,src/db.rs,100,7\n"
    );
    // A bad glob or an unknown key is exit 2 at its line.
    p.write("techlead.toml", "[history.kinds]\n\ntest = [\"a[\"]\n");
    let out = p.cmd(&["history", "coupling"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("techlead.toml:3:"), "{err}");
    assert!(err.contains("[history.kinds] test: `a[`"), "{err}");
    p.write("techlead.toml", "[history.kind]\ntest = []\n");
    let out = p.cmd(&["history", "coupling"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("techlead.toml:1:") && err.contains("kind"),
        "{err}"
    );
}

#[test]
fn rollups_count_distinct_commits_and_score_0_to_1() {
    let p = files_repo();
    // Before: src summed api.rs's and db.rs's 7 revisions each into 14,
    // more than the 11 commits of the repository, and scored 2.
    let out = p.ok(&["history", "hotspots", "--by-folder", "1", "--format", "csv"]);
    assert_eq!(
        out,
        "entity,revisions,complexity,loc,score,health\nsrc,7,4,2,1.000,10.00\n"
    );
    p.write(
        "techlead.toml",
        "[[boundaries.modules]]\nname = \"core\"\npaths = [\"src\"]\n",
    );
    let out = p.ok(&["history", "hotspots", "--by-module", "--format", "csv"]);
    assert_eq!(
        out,
        "entity,revisions,complexity,loc,score,health\ncore,7,4,2,1.000,10.00\n"
    );
}

/// `--rev` measures the files as they are at that revision, from its
/// tree: a file deleted since is still a hotspot there. A symbolic link
/// is no file of its own, in the working tree as in a commit's tree.
#[test]
fn hotspots_at_a_revision_read_its_tree_and_links_are_not_files() {
    let p = fresh();
    for day in 1..4 {
        p.write(
            "src/a.py",
            format!("def a(x):\n    if x:\n        return {day}\n"),
        );
        p.write(
            "src/b.py",
            format!("def b(x):\n    if x:\n        return {day}\n"),
        );
        commit(&p, day);
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("a.py", p.path("src/link.py")).unwrap();
        p.write("src/b.py", "def b(x):\n    return x\n");
        commit(&p, 4);
    }
    let old = p.git("A", "2026-02-05T10:00:00Z", &["rev-parse", "HEAD"]);
    std::fs::remove_file(p.path("src/b.py")).unwrap();
    commit(&p, 5);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["history", "hotspots", "--format", "csv"];
        all.extend_from_slice(args);
        let out = p.ok(&all);
        let mut v: Vec<String> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&[]), ["src/a.py"]);
    assert_eq!(names(&["--rev", old.trim()]), ["src/a.py", "src/b.py"]);
    let summary = p.json(&[
        "history",
        "summary",
        "--rev",
        old.trim(),
        "--format",
        "json",
    ]);
    let mut hot: Vec<&str> = summary["hotspots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["entity"].as_str().unwrap())
        .collect();
    hot.sort();
    assert_eq!(hot, ["src/a.py", "src/b.py"]);
}

/// babel: `Makefile.js`, a 256 KB bundle in 36 lines, ranked second of
/// its hotspots, and `src/generated/index.ts` (generated code in a folder
/// named so) seventh; jest's checked-in `.yarn/releases/yarn-4.18.0.cjs`
/// fourth. None is code the team writes.
#[test]
fn bundles_generated_folders_and_yarn_releases_are_not_hotspots() {
    let p = fresh();
    for day in 1..=3 {
        p.write(
            "src/app.js",
            format!("function a(x) {{ if (x) {{ return {day}; }} }}\n"),
        );
        let bundled: String = (0..40)
            .map(|i| {
                format!("var v{i}{day}=function(e){{if(e&&{i})return e?1:0;for(;e;)e--}};")
                    .repeat(12)
                    + "\n"
            })
            .collect();
        p.write("Makefile.js", bundled);
        p.write(
            ".yarn/releases/yarn-4.0.0.cjs",
            format!("function y(x) {{ if (x) {{ return {day}; }} }}\n"),
        );
        p.write(
            "src/generated/index.ts",
            format!("export function is{day}(x) {{ if (x) {{ return 1; }} }}\n"),
        );
        commit(&p, day);
    }
    let hot = p.ok(&["history", "hotspots", "--format", "csv"]);
    let names = first_column(&hot);
    assert_eq!(names, ["src/app.js"], "{hot}");
    let generated = p.ok(&[
        "history",
        "hotspots",
        "--kind",
        "generated",
        "--format",
        "csv",
    ]);
    assert!(
        generated.contains("src/generated/index.ts,3,"),
        "{generated}"
    );
}
