use super::*;

fn snap(commit: &str, at: &str, value: f64) -> Snapshot {
    Snapshot {
        repo: "demo".into(),
        commit: commit.into(),
        committed_at: at.into(),
        taken_at: "2026-01-15T00:00:00Z".into(),
        tool_version: "0.1.0".into(),
        backfilled: false,
        values: vec![
            ("history.truck_factor".into(), Ok(value)),
            ("health.worst_file".into(), Err("not built yet".into())),
        ],
        ..Snapshot::default()
    }
}

#[test]
fn the_same_commit_twice_is_one_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".techlead/snapshots.db");
    let mut s = Store::open(&path, "snapshots.db").unwrap();
    assert_eq!(s.version().unwrap(), schema::MIGRATIONS.len());
    assert_eq!(
        s.record(&snap("b", "2025-02-01T00:00:00Z", 2.0)).unwrap(),
        Recorded::New
    );
    s.record(&snap("a", "2025-01-01T00:00:00Z", 1.0)).unwrap();
    assert_eq!(
        s.record(&snap("b", "2025-02-01T00:00:00Z", 3.0)).unwrap(),
        Recorded::Replaced
    );
    drop(s);
    let s = Store::open_read(&path, "snapshots.db").unwrap();
    let series = s.series("demo", "history.truck_factor").unwrap();
    let values: Vec<(&str, f64)> = series
        .iter()
        .map(|p| (p.commit.as_str(), p.value))
        .collect();
    assert_eq!(values, [("a", 1.0), ("b", 3.0)]);
    assert_eq!(s.snapshots("demo").unwrap().len(), 2);
    // Absent values are not in the view, and keep their reason.
    assert!(s.series("demo", "health.worst_file").unwrap().is_empty());
    assert_eq!(
        s.absent_reasons("demo", "health.worst_file").unwrap(),
        ["not built yet", "not built yet"]
    );
    // Reopening for writes migrates nothing twice.
    let s = Store::open(&path, "snapshots.db").unwrap();
    assert_eq!(s.version().unwrap(), schema::MIGRATIONS.len());
}

#[test]
fn damaged_foreign_and_newer_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database, just text, long enough to have a header....................................................").unwrap();
    let before = std::fs::read(&junk).unwrap();
    let err = Store::open(&junk, "junk.db").err().unwrap();
    assert!(err.message.contains("not a snapshot database"), "{err}");
    assert_eq!(std::fs::read(&junk).unwrap(), before);

    let foreign = dir.path().join("foreign.db");
    let c = rusqlite::Connection::open(&foreign).unwrap();
    c.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    drop(c);
    let err = Store::open(&foreign, "foreign.db").err().unwrap();
    assert!(err.message.contains("did not create"), "{err}");
    let err = Store::open_read(&foreign, "foreign.db").err().unwrap();
    assert!(err.message.contains("did not create"), "{err}");

    let newer = dir.path().join("newer.db");
    drop(Store::open(&newer, "newer.db").unwrap());
    let c = rusqlite::Connection::open(&newer).unwrap();
    c.execute("INSERT INTO schema_migrations VALUES (99, 'x')", [])
        .unwrap();
    drop(c);
    let err = Store::open(&newer, "newer.db").err().unwrap();
    assert!(err.message.contains("newer techlead"), "{err}");

    let err = Store::open_read(&dir.path().join("none.db"), "none.db")
        .err()
        .unwrap();
    assert!(err.message.contains("no snapshots recorded yet"));
}

#[test]
fn a_locked_database_is_a_clear_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut s = Store::open(&path, "s.db").unwrap();
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = s
        .record(&snap("a", "2025-01-01T00:00:00Z", 1.0))
        .unwrap_err();
    assert!(err.message.contains("locked"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(s.snapshots("demo").unwrap().is_empty());
}

#[test]
fn times_are_iso_utc() {
    assert_eq!(iso(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso(1_700_000_000), "2023-11-14T22:13:20Z");
    assert_eq!(iso(-86_400), "1969-12-31T00:00:00Z");
    assert_eq!(iso(951_782_400), "2000-02-29T00:00:00Z");
}

#[test]
fn a_backfilled_snapshot_says_so_until_a_checkout_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("snapshots.db");
    let mut s = Store::open(&path, "snapshots.db").unwrap();
    let flag = |s: &Store| -> Vec<Option<i64>> {
        s.query("SELECT backfilled FROM snapshots ORDER BY commit_id", &[])
            .unwrap()
            .iter()
            .map(|r| r[0].int())
            .collect()
    };
    let past = Snapshot {
        backfilled: true,
        ..snap("a", "2025-01-01T00:00:00Z", 1.0)
    };
    s.record(&past).unwrap();
    s.record(&snap("b", "2025-02-01T00:00:00Z", 2.0)).unwrap();
    assert_eq!(flag(&s), [Some(1), Some(0)]);
    s.record(&snap("a", "2025-01-01T00:00:00Z", 1.0)).unwrap();
    assert_eq!(flag(&s), [Some(0), Some(0)]);
}
