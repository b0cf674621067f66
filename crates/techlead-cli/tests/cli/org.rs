//! `techlead snapshot --store` and `techlead org list|trend|radar`: pushes
//! to a real PostgreSQL server (and to a SQLite file store), credentials
//! from the URL, PGPASSWORD or ~/.pgpass and never shown, a failed push
//! that keeps the local snapshot, a read-only role, a newer schema.

use super::fixture::Project;
use super::snapshot::{assessed, second_commit};
use techlead_testing::postgres as pg;

/// The shop project with a remote, a team and tags.
fn shop() -> Project {
    let p = assessed();
    let toml = p.read("techlead.toml");
    p.write(
        "techlead.toml",
        format!("{toml}\n[store]\nteam = \"payments\"\ntags = [\"python\", \"tier-1\"]\n"),
    );
    p.git(
        "Ann",
        "2026-01-01T10:00:00Z",
        &["remote", "add", "origin", "git@github.com:Acme/shop.git"],
    );
    p
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_sqlite_file_is_an_organisation_store_too() {
    let p = shop();
    p.ok(&["snapshot", "--store", "org.db"]);
    let list = p.json(&["org", "list", "--store", "org.db", "--format", "json"]);
    assert_eq!(list[0]["repository"], "shop");
    assert_eq!(list[0]["key"], "github.com/acme/shop");
    assert_eq!(list[0]["team"], "payments");
    assert_eq!(list[0]["tags"], serde_json::json!(["python", "tier-1"]));
    // The key figures of its latest snapshot; one it did not record (the
    // vulnerable count needs --online) is null, never 0.
    assert_eq!(list[0]["decisions.total"], 1);
    assert_eq!(list[0]["boundaries.violations"], 1);
    assert_eq!(list[0]["radar.hold_in_use"], 1);
    assert!(list[0]["deps.vulnerable"].is_null(), "{}", list[0]);
    assert!(list[0]["practices.level"].is_string(), "{}", list[0]);
    let csv = p.ok(&["org", "list", "--store", "org.db", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let row: Vec<&str> = lines[1].split(',').collect();
    let at = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(at("decisions.total"), "1");
    assert_eq!(at("deps.vulnerable"), "");
    let text = p.ok(&["org", "list", "--store", "org.db"]);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("decisions  violations"),
        "{text}"
    );
    assert!(text.contains('—'), "{text}");
    let hold = p.ok(&[
        "org", "radar", "--hold", "--store", "org.db", "--format", "csv",
    ]);
    assert_eq!(
        hold,
        "ecosystem,package,versions,count,repositories\npypi,requests,2.31.0,1,shop\n"
    );
    // No store anywhere: a clear input error.
    let out = p.cmd(&["org", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no organisation store given"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn pushes_to_postgres_are_listed_trended_and_on_the_radar() {
    let Some(cluster) = pg::server() else { return };
    let (db, _) = pg::fresh_database(cluster);
    let (user, password) = pg::userinfo(&cluster.url);
    let password = password.unwrap();
    // The password from PGPASSWORD, the URL without it.
    let url = pg::with(&cluster.url, &user, None, &db);
    let p = shop();
    let out = p
        .cmd(&["snapshot", "--store", &url])
        .env("PGPASSWORD", &password)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pushed to postgres://"),
        "{}",
        stderr(&out)
    );
    second_commit(&p);
    // TECHLEAD_STORE, twice for the same commit: one snapshot.
    for _ in 0..2 {
        let out = p
            .cmd(&["snapshot"])
            .env("TECHLEAD_STORE", &url)
            .env("PGPASSWORD", &password)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let org = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["org"];
        all.extend(args);
        all.extend(["--store", &url, "--format", "json"]);
        let out = p.cmd(&all).env("PGPASSWORD", &password).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let list = org(&["list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["snapshots"], 2);
    assert_eq!(list[0]["key"], "github.com/acme/shop");
    assert_eq!(list[0]["committed_at"], "2026-02-01T10:00:00Z");
    let trend = org(&["trend", "decisions.total"]);
    let values: Vec<f64> = trend
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [1.0, 2.0]);
    assert_eq!(trend[1]["change"], 1.0);
    let radar = org(&["radar"]);
    assert_eq!(radar[0]["technology"], "requests");
    assert_eq!(radar[0]["ring"], "hold");
    assert_eq!(radar[0]["repositories"], serde_json::json!(["shop"]));
    let hold = org(&["radar", "--hold"]);
    assert_eq!(hold[0]["package"], "requests");
    assert_eq!(
        pg::psql(
            &pg::with(&cluster.url, &user, Some(&password), &db),
            "SELECT count(*) FROM snapshots"
        ),
        "2"
    );
}

#[test]
fn the_password_may_come_from_pgpass_and_a_readable_one_is_ignored() {
    let Some(cluster) = pg::server() else { return };
    let (db, _) = pg::fresh_database(cluster);
    let (user, password) = pg::userinfo(&cluster.url);
    let url = pg::with(&cluster.url, &user, None, &db);
    let p = shop();
    let home = tempfile::tempdir().unwrap();
    let pgpass = home.path().join(".pgpass");
    std::fs::write(&pgpass, format!("*:*:{db}:{user}:{}\n", password.unwrap())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = || {
        p.cmd(&["snapshot", "--store", &url])
            .env("HOME", home.path())
            .output()
            .unwrap()
    };
    let out = run();
    assert!(out.status.success(), "{}", stderr(&out));
    // libpq ignores a password file others may read; so do we.
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("refused the login"), "{err}");
    assert!(
        err.contains(".pgpass is ignored: others may read it"),
        "{err}"
    );
    // An empty database: nothing pushed yet, said so.
    let (_, empty) = pg::fresh_database(cluster);
    let out = p.cmd(&["org", "list", "--store", &empty]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no snapshot pushed to this store yet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failed_push_exits_2_shows_no_password_and_keeps_the_local_snapshot() {
    let Some(cluster) = pg::server() else { return };
    let (db, _) = pg::fresh_database(cluster);
    let url = pg::with(&cluster.url, "postgres", Some("N0t-The-Passw0rd"), &db);
    let p = shop();
    let out = p.cmd(&["snapshot", "--store", &url]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("push failed: the server refused the login"),
        "{err}"
    );
    assert!(err.contains("postgres://postgres:***@"), "{err}");
    assert!(!err.contains("N0t-The-Passw0rd"), "{err}");
    assert!(
        err.contains("the local snapshot is recorded in .techlead/snapshots.db"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // The local snapshot is there.
    let trend = p.json(&["trend", "decisions.total", "--format", "json"]);
    assert_eq!(trend["points"].as_array().unwrap().len(), 1);
    // A server that is not there: the same, quickly.
    let gone = "postgres://u:S3cr3tGone@127.0.0.1:9/x?sslmode=disable";
    let out = p.cmd(&["snapshot", "--store", gone]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot reach the store") && !err.contains("S3cr3tGone"),
        "{err}"
    );
}

#[test]
fn a_read_only_role_runs_the_org_commands_and_cannot_push() {
    let Some(cluster) = pg::server() else { return };
    let (db, admin) = pg::fresh_database(cluster);
    let p = shop();
    p.ok(&["snapshot", "--store", &admin]);
    let role = format!("reader_{db}");
    pg::psql(
        &admin,
        &format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'read-only-pw';
             GRANT CONNECT ON DATABASE {db} TO {role};
             GRANT USAGE ON SCHEMA public TO {role};
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};"
        ),
    );
    let ro = pg::with(&cluster.url, &role, Some("read-only-pw"), &db);
    for args in [
        vec!["org", "list"],
        vec!["org", "trend", "history.commits"],
        vec!["org", "radar"],
        vec!["org", "radar", "--hold"],
    ] {
        let mut all = args.clone();
        all.extend(["--store", &ro, "--format", "csv"]);
        let out = p.cmd(&all).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("shop"),
            "{args:?}"
        );
    }
    let out = p.cmd(&["snapshot", "--store", &ro]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("permission denied"), "{err}");
    assert!(!err.contains("read-only-pw"), "{err}");
}

#[test]
fn a_store_from_a_newer_techlead_is_refused() {
    let Some(cluster) = pg::server() else { return };
    let (_, admin) = pg::fresh_database(cluster);
    let p = shop();
    p.ok(&["snapshot", "--store", &admin]);
    pg::psql(&admin, "INSERT INTO schema_migrations VALUES (42, 'later')");
    for args in [
        vec!["org", "list", "--store", &admin],
        vec!["snapshot", "--store", &admin],
    ] {
        let out = p.cmd(&args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("schema version 42 was written by a newer techlead"),
            "{err}"
        );
    }
}

#[test]
fn tls_with_the_servers_ca_pushes_and_reads_and_a_wrong_ca_exits_2() {
    let certs_dir = tempfile::tempdir().unwrap();
    let Some(tls) = techlead_testing::postgres_tls::tls_cluster(certs_dir.path()) else {
        return;
    };
    let (_, plain) = pg::fresh_database(&tls.cluster);
    let (_, password) = pg::userinfo(&tls.cluster.url);
    let password = password.unwrap();
    let head = plain.split_once('?').map_or(plain.as_str(), |(h, _)| h);
    let url =
        |ca: &std::path::Path| format!("{head}?sslmode=verify-full&sslrootcert={}", ca.display());
    let p = shop();
    let good = url(&tls.certs.ca);
    let out = p.cmd(&["snapshot", "--store", &good]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = p.json(&["org", "list", "--store", &good, "--format", "json"]);
    assert_eq!(list[0]["repository"], "shop");
    // The wrong CA: refused before any password is sent, exit 2, the URL
    // shown without its password, nothing on stdout.
    for args in [vec!["org", "list", "--store"], vec!["snapshot", "--store"]] {
        let mut all = args.clone();
        let bad = url(&tls.certs.wrong_ca);
        all.push(&bad);
        let out = p.cmd(&all).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("the server's certificate was not accepted"),
            "{err}"
        );
        assert!(err.contains("sslrootcert=/path/to/ca.pem"), "{err}");
        assert!(err.contains("postgres://postgres:***@127.0.0.1"), "{err}");
        assert!(!err.contains(&password), "{err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// Findings counted per (rule, severity).
type Counts = std::collections::BTreeMap<(String, String), i64>;

#[test]
fn the_snapshot_counts_every_rule_that_check_reports() {
    let p = shop();
    let toml = p.read("techlead.toml");
    p.write(
        "techlead.toml",
        format!(
            "{toml}\n[health]\nmax_params = 1\n\n[debt]\n\n[practices]\nmin_level = \"silver\"\n\n[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n"
        ),
    );
    p.write(
        "lib/pay.py",
        "# TODO(alice, 2025-01-01): drop the retry\ndef pay(a, b):\n    return a + b\n",
    );
    p.write(
        "docs/decisions/0002-no-status.md",
        "# 2. No status\n\nText.\n",
    );
    p.ok(&[
        "goals",
        "add",
        "Launch in Spain",
        "--owner",
        "ann",
        "--kr",
        "decisions.total >= 5",
    ]);
    p.git("Ann", "2026-01-03T10:00:00Z", &["add", "-A"]);
    p.git(
        "Ann",
        "2026-01-03T10:00:00Z",
        &["commit", "-q", "-m", "more"],
    );

    let out = p.cmd(&["check", "--format", "json"]).output().unwrap();
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut want = Counts::new();
    for f in found.as_array().unwrap() {
        let key = (
            f["rule"].as_str().unwrap().to_string(),
            f["severity"].as_str().unwrap().to_string(),
        );
        *want.entry(key).or_default() += 1;
    }
    for family in [
        "decisions/",
        "boundaries/",
        "radar/",
        "health/",
        "debt/",
        "practices/",
        "goals/",
        "deps/",
    ] {
        assert!(
            want.keys().any(|(rule, _)| rule.starts_with(family)),
            "the fixture trips no {family} rule: {want:?}"
        );
    }

    p.ok(&["snapshot", "--store", "org.db"]);
    let db = rusqlite::Connection::open(p.path("org.db")).unwrap();
    let mut got = Counts::new();
    let mut st = db
        .prepare("SELECT rule, severity, count FROM snapshot_findings")
        .unwrap();
    let rows = st
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .unwrap();
    for row in rows {
        let (key, n) = row.unwrap();
        got.insert(key, n);
    }
    assert_eq!(
        got, want,
        "the snapshot counts what `techlead check` reports"
    );
}
