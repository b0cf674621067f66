//! The store on both backends: the same writes give the same reads on the
//! SQLite file and on a real PostgreSQL server; concurrent pushes lose and
//! duplicate nothing; faults (a server stopped mid-push, a wrong password,
//! a newer schema, a read-only role) are clear refusals.
#![cfg(feature = "postgres")]

use std::path::Path;
use techlead_store::*;
use techlead_testing::postgres as pg;

fn tech(name: &str, quadrant: &str, ring: &str) -> Technology {
    Technology {
        name: name.into(),
        quadrant: Some(quadrant.into()),
        ring: Some(ring.into()),
    }
}

fn package(name: &str, version: &str, direct: bool, dev: bool, hold: bool) -> Package {
    Package {
        ecosystem: "cargo".into(),
        name: name.into(),
        version: version.into(),
        direct,
        dev,
        hold,
    }
}

fn finding(rule: &str, severity: &str, count: usize) -> FindingCount {
    FindingCount {
        rule: rule.into(),
        severity: severity.into(),
        count,
    }
}

fn snapshot(repo: &str, remote: Option<&str>, commit: &str, day: u32, v: f64) -> Snapshot {
    Snapshot {
        repo: repo.into(),
        commit: commit.into(),
        committed_at: format!("2026-01-{day:02}T10:00:00Z"),
        taken_at: "2026-02-01T00:00:00Z".into(),
        tool_version: "0.1.0".into(),
        backfilled: false,
        values: vec![
            ("history.truck_factor".into(), Ok(v)),
            ("decisions.count".into(), Ok(v * 2.0)),
            ("health.worst_file".into(), Err("no scanner".into())),
        ],
        identity: Identity {
            remote: remote.map(|r| normalize_remote(r).unwrap()),
            team: Some("payments".into()),
            tags: vec!["rust".into(), "api".into(), "rust".into()],
        },
        details: Details {
            technologies: vec![
                tech("Rust", "languages", "adopt"),
                tech("serde_yaml", "libraries", "hold"),
            ],
            packages: vec![
                package("serde_yaml", "0.9.34", true, false, true),
                package("serde", "1.0.0", true, false, false),
                // The same package from a second lockfile: one row.
                package("serde", "1.0.0", false, true, false),
            ],
            findings: vec![
                finding("radar/hold-in-use", "error", 1),
                finding("decisions/missing-status", "warning", 3),
            ],
            hotspots: (0..30)
                .map(|i| Hotspot {
                    path: format!("src/f{i}.rs"),
                    revisions: 100 - i,
                    loc: 1000,
                    complexity: (v as usize) * 10 + 30 - i,
                    score: 1.0 - i as f64 / 30.0,
                    health: if i.is_multiple_of(2) { Some(4.5) } else { None },
                })
                .collect(),
            knowledge: vec![
                Knowledge {
                    kind: "module".into(),
                    path: "core".into(),
                    main_dev: Some("Ada".into()),
                    ownership: None,
                    truck_factor: Some(1),
                    revisions: 12,
                },
                Knowledge {
                    kind: "file".into(),
                    path: "src/lib.rs".into(),
                    main_dev: Some("Ada".into()),
                    ownership: Some(0.9),
                    truck_factor: None,
                    revisions: 40,
                },
            ],
        },
    }
}

/// Everything the org reads give, as one JSON text to compare backends.
fn reads(s: &Store) -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "repositories": s.repositories().unwrap(),
        "latest": s.latest_values(None).unwrap(),
        "latest_one": s.latest_values(Some("decisions.count")).unwrap(),
        "series": s.org_series("history.truck_factor", None).unwrap(),
        "series_one": s.org_series("history.truck_factor", Some("api")).unwrap(),
        "technologies": s.technologies().unwrap(),
        "packages": s.packages(false).unwrap(),
        "hold": s.packages(true).unwrap(),
        "findings": s.findings().unwrap(),
        "hotspots": s.hotspots(5).unwrap(),
        "knowledge": s.knowledge(3).unwrap(),
        "snapshots": s.snapshots("api").unwrap(),
        "reasons": s.absent_reasons("api", "health.worst_file").unwrap(),
    }))
    .unwrap()
}

fn fill(s: &mut Store) {
    let first = snapshot("api", Some("git@github.com:o/api.git"), "a1", 1, 1.0);
    assert_eq!(s.record(&first).unwrap(), Recorded::New);
    s.record(&snapshot(
        "api",
        Some("https://github.com/o/api"),
        "a2",
        8,
        2.0,
    ))
    .unwrap();
    // The same commit again, with other values: one snapshot, replaced.
    let again = snapshot(
        "api",
        Some("ssh://git@github.com:22/o/api.git"),
        "a2",
        8,
        3.0,
    );
    assert_eq!(s.record(&again).unwrap(), Recorded::Replaced);
    s.record(&snapshot(
        "web",
        Some("git@github.com:o/web.git"),
        "w1",
        3,
        5.0,
    ))
    .unwrap();
    // Another repository that calls itself "web": kept apart, named by its
    // key. (A repository known by name alone that gains a remote is the
    // same one: see the SQLite upgrade test.)
    s.record(&snapshot(
        "web",
        Some("git@gitlab.com:x/web.git"),
        "w9",
        4,
        1.0,
    ))
    .unwrap();
}

fn connect(url: &str, write: bool) -> Result<Store, techlead_core::InputError> {
    Store::connect(&Location::parse(url), Path::new("."), write)
}

#[test]
fn both_backends_read_what_was_written_the_same_way() {
    let Some(cluster) = pg::server() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lite = Store::open(&dir.path().join("s.db"), "s.db").unwrap();
    fill(&mut lite);
    let (_, url) = pg::fresh_database(cluster);
    let mut pgs = connect(&url, true).unwrap();
    assert_eq!(pgs.version().unwrap(), schema::MIGRATIONS.len());
    fill(&mut pgs);
    let text = reads(&lite);
    assert_eq!(text, reads(&pgs), "SQLite and PostgreSQL disagree");
    // Spot checks of what both hold.
    let repos = lite.repositories().unwrap();
    let names: Vec<(&str, &str, usize)> = repos
        .iter()
        .map(|r| (r.name.as_str(), r.key.as_str(), r.snapshots))
        .collect();
    assert_eq!(
        names,
        [
            ("api", "github.com/o/api", 2),
            ("gitlab.com/x/web", "gitlab.com/x/web", 1),
            ("web", "github.com/o/web", 1)
        ]
    );
    assert_eq!(repos[0].tags, ["api", "rust"]);
    assert_eq!(repos[0].latest.as_ref().unwrap().commit, "a2");
    let latest = lite.latest_values(Some("history.truck_factor")).unwrap();
    assert_eq!(latest[0].value, 3.0);
    assert_eq!(
        lite.packages(true).unwrap().len(),
        3,
        "serde_yaml on Hold in three repositories"
    );
    let serde: Vec<_> = lite
        .packages(false)
        .unwrap()
        .into_iter()
        .filter(|p| p.package == "serde")
        .collect();
    assert_eq!(serde.len(), 3);
    assert!(
        serde.iter().all(|p| p.direct && !p.dev),
        "merged across lockfiles"
    );
    let hot = lite.hotspots(100).unwrap();
    assert_eq!(hot.len(), 3 * schema::TOP, "a bounded top per snapshot");
    assert_eq!(
        hot[0].repo, "web",
        "the worst across the organisation first"
    );
    assert_eq!(
        lite.knowledge(1).unwrap()[0].knowledge.truck_factor,
        Some(1)
    );
}

#[test]
fn a_first_version_sqlite_file_is_upgraded_and_keeps_its_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(schema::VERSION_TABLE).unwrap();
    c.execute_batch(schema::MIGRATIONS[0]).unwrap();
    c.execute_batch(
        "INSERT INTO schema_migrations VALUES (1, 'x');
         INSERT INTO repositories (id, name) VALUES (1, 'api');
         INSERT INTO snapshots VALUES (1, 1, 'old', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z', '0.0.1');
         INSERT INTO measurements VALUES (1, 'history.truck_factor', 7.0, NULL);",
    )
    .unwrap();
    drop(c);
    let read = Store::open_read(&path, "old.db").unwrap();
    let err = read.repositories().unwrap_err();
    assert!(err.message.contains("predates the organisation tables"));
    drop(read);
    let mut s = Store::open(&path, "old.db").unwrap();
    // The repository known by name gains its remote: one repository.
    s.record(&snapshot(
        "api",
        Some("git@github.com:o/api.git"),
        "a1",
        1,
        1.0,
    ))
    .unwrap();
    let repos = s.repositories().unwrap();
    assert_eq!(repos.len(), 1);
    assert_eq!(repos[0].key, "github.com/o/api");
    assert_eq!(repos[0].snapshots, 2);
    let series: Vec<f64> = s
        .series("api", "history.truck_factor")
        .unwrap()
        .iter()
        .map(|p| p.value)
        .collect();
    assert_eq!(series, [7.0, 1.0]);
}

#[test]
fn concurrent_pushes_lose_and_duplicate_nothing() {
    let Some(cluster) = pg::server() else { return };
    let (_, url) = pg::fresh_database(cluster);
    // Migrating a new database from many connections at once is safe too.
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut s = connect(&url, true).unwrap();
                for i in 0..12 {
                    // Every writer pushes repos r0..r3 with commits that
                    // overlap other writers': the same (repo, commit) from
                    // two writers is one snapshot.
                    let repo = format!("r{}", i % 4);
                    let remote = format!("https://example.com/o/{repo}");
                    let commit = format!("c{}", (i + t) % 6);
                    let day = 1 + ((i + t) % 6) as u32;
                    s.record(&snapshot(&repo, Some(&remote), &commit, day, t as f64))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let count = |sql: &str| pg::psql(&url, sql).parse::<usize>().unwrap();
    assert_eq!(count("SELECT count(*) FROM repositories"), 4);
    let expected: std::collections::BTreeSet<(usize, usize)> = (0..8)
        .flat_map(|t| (0..12).map(move |i| (i % 4, (i + t) % 6)))
        .collect();
    let n = expected.len();
    assert_eq!(count("SELECT count(*) FROM snapshots"), n);
    assert_eq!(count("SELECT count(*) FROM measurements"), n * 3);
    assert_eq!(count("SELECT count(*) FROM snapshot_packages"), n * 2);
    assert_eq!(
        count("SELECT count(*) FROM snapshot_hotspots"),
        n * schema::TOP
    );
    assert_eq!(count("SELECT count(*) FROM repository_tags"), 4 * 2);
    assert_eq!(
        count("SELECT count(*) FROM schema_migrations"),
        schema::MIGRATIONS.len()
    );
}

#[test]
fn a_newer_schema_is_refused_for_reading_and_writing() {
    let Some(cluster) = pg::server() else { return };
    let (_, url) = pg::fresh_database(cluster);
    drop(connect(&url, true).unwrap());
    pg::psql(&url, "INSERT INTO schema_migrations VALUES (99, 'x')");
    let (_, pw) = pg::userinfo(&url);
    for write in [true, false] {
        let err = connect(&url, write).err().unwrap().to_string();
        assert!(
            err.contains("schema version 99 was written by a newer techlead"),
            "{err}"
        );
        assert!(!err.contains(pw.as_deref().unwrap()), "{err}");
    }
    // A database with someone else's tables is not touched.
    let (_, other) = pg::fresh_database(cluster);
    pg::psql(&other, "CREATE TABLE t (x int)");
    let err = connect(&other, true).err().unwrap();
    assert!(err.message.contains("techlead did not create it"), "{err}");
    assert_eq!(
        pg::psql(
            &other,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ),
        "1"
    );
}

#[test]
fn a_wrong_password_is_a_clear_refusal_that_shows_no_password() {
    let Some(cluster) = pg::server() else { return };
    let (db, _) = pg::fresh_database(cluster);
    let url = pg::with(&cluster.url, "postgres", Some("Wr0ngPassw0rd"), &db);
    let err = connect(&url, true).err().unwrap();
    let text = format!("{err} {}", err.help.clone().unwrap_or_default());
    assert!(text.contains("refused the login"), "{text}");
    assert!(text.contains("postgres://postgres:***@"), "{text}");
    assert!(!text.contains("Wr0ngPassw0rd"), "{text}");
}

#[test]
fn a_read_only_role_reads_and_cannot_push() {
    let Some(cluster) = pg::server() else { return };
    let (db, url) = pg::fresh_database(cluster);
    let mut s = connect(&url, true).unwrap();
    fill(&mut s);
    let role = format!("ro_{db}");
    pg::psql(
        &url,
        &format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'ro-pass';
             GRANT CONNECT ON DATABASE {db} TO {role};
             GRANT USAGE ON SCHEMA public TO {role};
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};"
        ),
    );
    let ro = pg::with(&cluster.url, &role, Some("ro-pass"), &db);
    let r = connect(&ro, false).unwrap();
    assert_eq!(reads(&r), reads(&s));
    let mut w = connect(&ro, true).unwrap();
    let err = w.record(&snapshot("api", None, "zz", 9, 1.0)).unwrap_err();
    assert!(err.message.contains("permission denied"), "{err}");
    assert!(!err.to_string().contains("ro-pass"));
    assert_eq!(pg::psql(&url, "SELECT count(*) FROM snapshots"), "4");
}

#[test]
fn a_server_stopped_mid_push_leaves_no_partial_snapshot() {
    if pg::server().is_none() {
        return;
    }
    let cluster = pg::start_cluster().expect("a private cluster for the crash");
    let (_, url) = pg::fresh_database(&cluster);
    let mut s = connect(&url, true).unwrap();
    s.record(&snapshot("api", None, "a1", 1, 1.0)).unwrap();
    // Hold a lock the push needs late in its transaction: it has written
    // the snapshot row and its measurements when it waits there.
    let mut holder = std::process::Command::new(pg::psql_bin())
        .args(["-X", "-q", "-d", &url, "-c"])
        .arg("BEGIN; LOCK TABLE snapshot_knowledge IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60);")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let waiting = || {
        pg::psql(
            &url,
            "SELECT count(*) FROM pg_locks WHERE relation = 'snapshot_knowledge'::regclass AND NOT granted",
        )
    };
    let push_url = url.clone();
    let push = std::thread::spawn(move || {
        let mut s = connect(&push_url, true).unwrap();
        s.record(&snapshot("api", None, "a2", 2, 2.0))
    });
    let mut tries = 0;
    while waiting() == "0" {
        tries += 1;
        assert!(tries < 600, "the push never reached the lock");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    pg::control(&cluster, "halt");
    let err = push.join().unwrap().unwrap_err();
    assert!(err.message.contains("cannot reach the store"), "{err}");
    let _ = holder.wait();
    pg::control(&cluster, "resume");
    let r = connect(&url, false).unwrap();
    let commits: Vec<String> = r
        .snapshots("api")
        .unwrap()
        .into_iter()
        .map(|t| t.commit)
        .collect();
    assert_eq!(commits, ["a1"], "no trace of the interrupted push");
    assert_eq!(pg::psql(&url, "SELECT count(*) FROM measurements"), "3");
    pg::stop_cluster(&cluster);
}
