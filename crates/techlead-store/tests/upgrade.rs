//! Schema 3 over an existing store: a schema-2 store (written as schema 2
//! wrote it) is upgraded in place by the first push of this techlead, on
//! SQLite and on PostgreSQL, where many writers push at once, out of
//! commit order, while a read-only role keeps reading. Afterwards every
//! repository's latest snapshot on its row is the one the
//! `latest_snapshots` view finds (the latest commit: max committed_at,
//! then commit id), every row is there once, and the role still reads.
#![cfg(feature = "postgres")]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use techlead_store::*;
use techlead_testing::postgres as pg;

/// Schema 2 with its data, as a schema-2 techlead left it: repositories
/// r0..r3, each with commits c0..c4 recorded out of order (c3 and c4 on
/// the same second: the commit id decides).
fn schema_2(dialect: impl Fn(&str) -> String) -> String {
    let mut sql = dialect(schema::VERSION_TABLE) + ";\n";
    for m in &schema::MIGRATIONS[..2] {
        sql += &dialect(m);
        sql += ";\n";
    }
    sql += "INSERT INTO schema_migrations VALUES (1, 'x');
            INSERT INTO schema_migrations VALUES (2, 'x');\n";
    for r in 0..4 {
        sql += &format!(
            "INSERT INTO repositories (name, repo_key, team) VALUES ('r{r}', 'name:r{r}', 't');\n"
        );
        for c in [2, 0, 4, 1, 3] {
            sql += &format!(
                "INSERT INTO snapshots (repository_id, commit_id, committed_at, taken_at, tool_version)
                 SELECT id, 'c{c}', '{}', 'x', '0.0.2' FROM repositories WHERE name = 'r{r}';\n",
                committed(c)
            );
        }
    }
    sql += "INSERT INTO measurements (snapshot_id, metric, value, absent_reason)
            SELECT id, 'decisions.total', 1.0, NULL FROM snapshots;
            INSERT INTO measurements (snapshot_id, metric, value, absent_reason)
            SELECT id, 'health.average', NULL, 'no scanner' FROM snapshots;\n";
    sql
}

/// When commit `c` was made: day c, but c3 and c4 at the same second.
fn committed(c: usize) -> String {
    format!("2026-01-{:02}T10:00:00Z", 1 + if c == 4 { 3 } else { c })
}

fn push(repo: &str, c: usize) -> Snapshot {
    Snapshot {
        repo: repo.into(),
        commit: format!("c{c}"),
        committed_at: committed(c),
        taken_at: "2026-02-01T00:00:00Z".into(),
        tool_version: "0.1.0".into(),
        values: vec![
            ("decisions.total".into(), Ok(c as f64)),
            ("health.average".into(), Err("no scanner".into())),
        ],
        ..Default::default()
    }
}

/// What every repository's latest commit must be: of the commits it
/// has, the latest by (committed_at, commit id).
fn expected_latest(commits: &BTreeMap<String, Vec<usize>>) -> BTreeMap<String, String> {
    commits
        .iter()
        .map(|(r, cs)| {
            let best = cs.iter().max_by_key(|c| (committed(**c), format!("c{c}")));
            (r.clone(), format!("c{}", best.unwrap()))
        })
        .collect()
}

fn latest_of(s: &Store) -> BTreeMap<String, String> {
    s.repositories()
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.latest.unwrap().commit))
        .collect()
}

/// Repositories whose row disagrees with the view: none.
const DISAGREE: &str = "SELECT count(*) FROM repositories r
    WHERE r.latest_snapshot_id IS DISTINCT FROM (
        SELECT l.snapshot_id FROM latest_snapshots l WHERE l.repository_id = r.id)";

fn connect(url: &str, write: bool) -> Store {
    Store::connect(&Location::parse(url), Path::new("."), write).unwrap()
}

#[test]
fn a_schema_2_sqlite_file_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.db");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(&schema_2(str::to_string)).unwrap();
    drop(c);
    let read = Store::open_read(&path, "org.db").unwrap();
    assert_eq!(read.version().unwrap(), 2);
    let all: BTreeMap<String, Vec<usize>> = (0..4)
        .map(|r| (format!("r{r}"), (0..5).collect()))
        .collect();
    assert_eq!(latest_of(&read), expected_latest(&all), "schema 2 reads");
    let before = read.org_series("decisions.total", None).unwrap();
    drop(read);
    let mut s = Store::open(&path, "org.db").unwrap();
    assert_eq!(s.version().unwrap(), schema::MIGRATIONS.len());
    assert_eq!(
        latest_of(&s),
        expected_latest(&all),
        "the migration set them"
    );
    assert_eq!(s.org_series("decisions.total", None).unwrap(), before);
    // An older commit pushed now does not move the latest; a newer does.
    s.record(&push("r0", 0)).unwrap();
    assert_eq!(latest_of(&s)["r0"], "c4");
    s.record(&push("r0", 5)).unwrap();
    assert_eq!(latest_of(&s)["r0"], "c5");
    let c = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = c.query_row(DISAGREE, [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    let indexes: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measurements' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["measurements_by_series"]);
}

#[test]
fn a_schema_2_server_is_upgraded_under_concurrent_pushes_while_a_read_only_role_reads() {
    let Some(cluster) = pg::server() else { return };
    let (db, url) = pg::fresh_database(cluster);
    pg::psql(&url, &schema_2(schema::postgres_dialect));
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
    let r = connect(&ro, false);
    assert_eq!(r.version().unwrap(), 2);
    let mut commits: BTreeMap<String, Vec<usize>> = (0..4)
        .map(|r| (format!("r{r}"), (0..5).collect()))
        .collect();
    assert_eq!(latest_of(&r), expected_latest(&commits));
    drop(r);

    // The role reads all along; every read answers, before, during and
    // after the upgrade.
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (ro, done) = (ro.clone(), done.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !done.load(Ordering::SeqCst) || reads == 0 {
                let r = connect(&ro, false);
                assert_eq!(r.repositories().unwrap().len(), 4);
                assert!(!r.org_series("decisions.total", None).unwrap().is_empty());
                r.latest_values(None).unwrap();
                reads += 1;
            }
            reads
        })
    };
    // Six writers, each the first push of this techlead for all it knows:
    // they race to migrate, then push commits c5..c9 (and old ones again)
    // in an order of their own.
    let writers: Vec<_> = (0..6)
        .map(|w| {
            let url = url.clone();
            std::thread::spawn(move || {
                let mut s = connect(&url, true);
                for i in 0..10 {
                    let r = (w + i) % 4;
                    let c = [9, 2, 7, 5, 8, 6, 0, 9, 3, 6][(i + w) % 10];
                    s.record(&push(&format!("r{r}"), c)).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    done.store(true, Ordering::SeqCst);
    assert!(reader.join().unwrap() > 0);
    for w in 0..6 {
        for i in 0..10 {
            let c = [9, 2, 7, 5, 8, 6, 0, 9, 3, 6][(i + w) % 10];
            let cs = commits.get_mut(&format!("r{}", (w + i) % 4)).unwrap();
            if !cs.contains(&c) {
                cs.push(c);
            }
        }
    }

    let s = connect(&url, false);
    assert_eq!(s.version().unwrap(), schema::MIGRATIONS.len());
    assert_eq!(latest_of(&s), expected_latest(&commits));
    assert_eq!(pg::psql(&url, DISAGREE), "0");
    let snapshots: usize = commits.values().map(Vec::len).sum();
    assert_eq!(
        pg::psql(&url, "SELECT count(*) FROM snapshots"),
        snapshots.to_string()
    );
    assert_eq!(
        pg::psql(&url, "SELECT count(*) FROM measurements"),
        (2 * snapshots).to_string()
    );
    assert_eq!(
        pg::psql(
            &url,
            "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations"
        ),
        (1..=schema::MIGRATIONS.len())
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(
        pg::psql(
            &url,
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes
             WHERE tablename = 'measurements' AND indexname LIKE 'measurements_by%'"
        ),
        "measurements_by_series"
    );
    // The role reads the upgraded store as the owner does.
    let r = connect(&ro, false);
    assert_eq!(latest_of(&r), latest_of(&s));
    assert_eq!(
        r.org_series("decisions.total", None).unwrap(),
        s.org_series("decisions.total", None).unwrap()
    );
}
