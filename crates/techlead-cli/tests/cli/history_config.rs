//! CI workflows and settings files are `config`, not source: on
//! pallets/click the strongest coupling the summary and the report showed
//! was `.github/workflows/publish.yaml <-> tests.yaml` (46%), on
//! prometheus `buf-lint.yml <-> buf.yml` (92%): pairs no one can act on.

use super::fixture::{Project, measurement};
use super::history_people::{commit_as, fresh};

/// Two workflows and each module's settings change in every one of ten
/// commits; `api/app.py` changes in nine, `web/db.py` with it in six.
fn ci_repo() -> Project {
    let p = fresh();
    p.write(
        "techlead.toml",
        "[[boundaries.modules]]\nname = \"api\"\npaths = [\"api\"]\n\n\
         [[boundaries.modules]]\nname = \"web\"\npaths = [\"web\"]\n",
    );
    for day in 1..=10 {
        for f in [
            ".github/workflows/publish.yaml",
            ".github/workflows/tests.yaml",
        ] {
            p.write(f, format!("on: push\n# {day}\n"));
        }
        for f in ["api/settings.toml", "web/settings.toml"] {
            p.write(f, format!("version = \"1.{day}\"\n"));
        }
        if day <= 9 {
            p.write("api/app.py", format!("def app():\n    return {day}\n"));
        }
        if day <= 6 {
            p.write("web/db.py", format!("def db():\n    return {day}\n"));
        }
        commit_as(
            &p,
            "Ann",
            "ann@example.com",
            &format!("2026-02-{day:02}T10:00:00Z"),
            "work",
        );
    }
    p
}

#[test]
fn coupling_pairs_source_files_not_workflows_or_settings() {
    let p = ci_repo();
    // Before: the workflows and the settings files, 100% each, led the
    // summary, the report and the metric; the source pair came after.
    let summary = p.ok(&["history", "summary"]);
    assert!(
        summary.contains("\nChange coupling\n   80%  api/app.py <-> web/db.py\n"),
        "{summary}"
    );
    assert!(
        !summary.contains(".github") && !summary.contains("settings.toml"),
        "{summary}"
    );
    let report = p.json(&["report", "--format", "json", "--stdout", "--no-snapshot"]);
    let coupling = &report["coupling"]["ready"];
    let pairs: Vec<(&str, &str)> = coupling["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["a"].as_str().unwrap(), c["b"].as_str().unwrap()))
        .collect();
    assert_eq!(pairs, [("api/app.py", "web/db.py")], "{coupling}");
    // The modules couple through their code (6 of 9 and 6 commits), not
    // through the settings bumped in all ten.
    let modules = &coupling["modules"];
    assert_eq!(modules.as_array().unwrap().len(), 1, "{modules}");
    assert_eq!(modules[0]["degree"], 80, "{modules}");
    let snapshot = p.json(&["snapshot", "--dry-run", "--format", "json"]);
    assert_eq!(measurement(&snapshot, "coupling.pairs")["value"], 1.0);
    assert_eq!(
        measurement(&snapshot, "coupling.cross_module")["value"],
        1.0
    );
    // `history coupling` ranks source as the summary does; code-maat's
    // count (--all-files) keeps every file, as code-maat prints it.
    assert_eq!(
        p.ok(&["history", "coupling", "--format", "csv"]),
        "entity,coupled,degree,average-revs\napi/app.py,web/db.py,80,8\n"
    );
    let maat = p.ok(&["history", "coupling", "--all-files", "--format", "csv"]);
    assert!(
        maat.contains(".github/workflows/publish.yaml,.github/workflows/tests.yaml,100,10\n"),
        "{maat}"
    );
    let config = p.ok(&["history", "coupling", "--kind", "config", "--format", "csv"]);
    assert!(
        config.contains(".github/workflows/publish.yaml,.github/workflows/tests.yaml,100,10\n")
            && !config.contains("app.py"),
        "{config}"
    );
}
