//! `techlead org report`: the organisation dashboard, end to end. Two
//! repositories push snapshots of two commits each to a SQLite store (the
//! same schema and reads as PostgreSQL), and the dashboard shows both.

use super::fixture::Project;
use crate::snap;
use serde_json::Value;

/// A repository with decision records, a radar that puts Moment.js on
/// Hold while the lockfile has it, and a team in `[store]`.
pub fn repository(name: &str, team: &str, hold: bool) -> Project {
    let p = Project::new();
    p.git(
        "alice",
        "2026-01-05T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p.write(
        "techlead.toml",
        format!("[snapshot]\nrepository = \"{name}\"\n\n[store]\nteam = \"{team}\"\ntags = [\"tier-1\"]\n"),
    )
    .write(
        "docs/decisions/0001-use-rust.md",
        "---\nstatus: accepted\ndate: 2026-01-05\n---\n\n# Use Rust\n",
    )
    .write(
        "docs/radar/moment.md",
        format!(
            "---\nname: Moment.js\nquadrant: languages-and-frameworks\nring: {}\npackages: [\"npm:moment\"]\n---\n\nDates.\n",
            if hold { "hold" } else { "adopt" }
        ),
    )
    .write(
        "package-lock.json",
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"moment\": \"^2.30.0\" } },\n    \"node_modules/moment\": { \"version\": \"2.30.1\" }\n  }\n}\n",
    )
    .write("src/app.js", "import moment from \"moment\";\nexport const now = () => moment();\n");
    p.git("alice", "2026-01-05T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2026-01-05T10:00:00Z",
        &["commit", "-q", "-m", "start"],
    );
    p
}

pub fn push(p: &Project, stores: &[&str]) {
    for store in stores {
        let out = p.cmd(&["snapshot", "--store", store]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Two repositories, two snapshots each (the second after a new record),
/// pushed to each store.
pub fn organisation(store: &[&str]) -> (Project, Project) {
    let payments = repository("payments", "core", false);
    let web = repository("web", "front", true);
    for (p, date) in [
        (&payments, "2026-02-02T10:00:00Z"),
        (&web, "2026-04-06T10:00:00Z"),
    ] {
        push(p, store);
        p.write(
            "docs/decisions/0002-use-postgres.md",
            "---\nstatus: accepted\ndate: 2026-02-02\n---\n\n# Use PostgreSQL\n",
        );
        p.git("bob", date, &["add", "-A"]);
        p.git("bob", date, &["commit", "-q", "-m", "postgres"]);
        push(p, store);
    }
    (payments, web)
}

#[test]
fn org_report_draws_every_repository_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("org.db").display().to_string();
    let (payments, _web) = organisation(&[&store]);
    // Read from anywhere: the store is all it needs.
    let out = payments
        .cmd(&["org", "report", "--store", &store, "--out", "org.html"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = payments.read("org.html");
    for id in [
        "overview",
        "repositories",
        "practices",
        "radar",
        "dependencies",
        "decisions",
        "hotspots",
        "knowledge",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "no #{id}");
    }
    assert!(html.contains("<strong>payments</strong>") && html.contains("<strong>web</strong>"));
    // Moment.js: Adopt in payments, Hold in web, where the lockfile has it.
    assert!(html.contains("Moment.js <span class=\"hold\">on Hold somewhere</span>"));
    assert!(html.contains("<span class=\"hold\">npm:moment</span>"));
    assert!(!html.contains("<script"));

    let json = payments.json(&[
        "org", "report", "--store", &store, "--format", "json", "--stdout",
    ]);
    let repos = json["repositories"].as_array().unwrap();
    assert_eq!(repos.len(), 2);
    let web = repos.iter().find(|r| r["name"] == "web").unwrap();
    assert_eq!(web["team"], "front");
    assert_eq!(web["tags"], serde_json::json!(["tier-1"]));
    assert_eq!(web["snapshots"], 2);
    let decisions = &web["figures"][0];
    assert_eq!(decisions["metric"], "decisions.total");
    assert_eq!(
        (&decisions["value"], &decisions["previous"]),
        (&Value::from(2.0), &Value::from(1.0))
    );
    assert_eq!(decisions["trend"].as_array().unwrap().len(), 2);
    assert_eq!(json["hold_in_use"][0]["repos"], serde_json::json!(["web"]));
    // Decisions per team: web's second record lands in 2026-Q2.
    let quarters = json["decisions"]["quarters"].as_array().unwrap();
    assert_eq!(quarters.last().unwrap(), "2026-Q2");
    let front = json["decisions"]["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team"] == "front")
        .unwrap();
    let n = quarters.len();
    assert_eq!(front["totals"][n - 1], 2.0);
    assert_eq!(front["added"][n - 1], 1.0);
}

#[test]
fn org_report_without_a_store_or_with_a_missing_one_is_an_input_error() {
    let p = Project::new();
    snap!(
        p,
        "report_no_store",
        p.cmd(&["org", "report"]).env_remove("TECHLEAD_STORE")
    );
    let out = p
        .cmd(&[
            "org",
            "report",
            "--store",
            "postgres://nobody@127.0.0.1:9/techlead",
        ])
        .env_remove("TECHLEAD_STORE")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!p.path("org.html").exists());
}

/// The same organisation in PostgreSQL, read by a role that may only
/// SELECT: the same dashboard as from the SQLite file. Skipped, with a
/// message, only when no server can be started outside CI.
#[test]
fn org_report_reads_postgresql_with_a_read_only_role_as_sqlite() {
    use techlead_testing::postgres::{fresh_database, psql, server, with};
    let Some(cluster) = server() else {
        return;
    };
    let (db, url) = fresh_database(cluster);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("org.db").display().to_string();
    let (payments, _web) = organisation(&[&url, &file]);
    let role = format!("{db}_dashboard");
    psql(
        &url,
        &format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'dash-secret'; GRANT CONNECT ON DATABASE {db} TO {role}; GRANT USAGE ON SCHEMA public TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};"
        ),
    );
    let read_only = with(&url, &role, Some("dash-secret"), &db);
    let model = |store: &str| {
        let mut v = payments.json(&[
            "org", "report", "--store", store, "--format", "json", "--stdout",
        ]);
        v["store"] = Value::Null;
        v
    };
    let from_pg = model(&read_only);
    assert_eq!(from_pg["repositories"].as_array().unwrap().len(), 2);
    assert_eq!(from_pg, model(&file));
    // The page names the store without its password.
    let out = payments
        .cmd(&["org", "report", "--store", &read_only, "--stdout"])
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.contains("<strong>web</strong>"));
    assert!(!html.contains("dash-secret"));
}
