//! The schema and its migrations. Every statement is plain SQL that
//! SQLite and PostgreSQL both accept (no AUTOINCREMENT, no PRAGMA, quoted
//! `"commit"`, times as ISO 8601 text), so an organisation store can apply
//! the same migrations later. docs/guide/snapshot.md documents it.

/// The migrations, in order; migration N brings the schema to version N.
/// A published migration is never edited: a change is a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: repositories, snapshots, measurements, and the read contract.
    "CREATE TABLE repositories (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        repository_id INTEGER NOT NULL REFERENCES repositories (id),
        commit_id TEXT NOT NULL,
        committed_at TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        UNIQUE (repository_id, commit_id)
    );
    CREATE TABLE measurements (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        metric TEXT NOT NULL,
        value DOUBLE PRECISION,
        absent_reason TEXT,
        PRIMARY KEY (snapshot_id, metric),
        CHECK ((value IS NULL) <> (absent_reason IS NULL))
    );
    CREATE INDEX measurements_by_metric ON measurements (metric);
    CREATE VIEW metrics AS
        SELECT r.name AS repo,
               s.commit_id AS \"commit\",
               s.committed_at AS committed_at,
               s.taken_at AS taken_at,
               m.metric AS metric,
               m.value AS value
        FROM measurements m
        JOIN snapshots s ON s.id = m.snapshot_id
        JOIN repositories r ON r.id = s.repository_id
        WHERE m.value IS NOT NULL;",
];

/// The table that records which migrations ran.
pub const VERSION_TABLE: &str = "CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)";
