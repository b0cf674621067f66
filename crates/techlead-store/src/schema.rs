//! The schema and its migrations. Every statement is plain SQL that
//! SQLite and PostgreSQL both accept (no AUTOINCREMENT, no PRAGMA, quoted
//! `"commit"`, times as ISO 8601 text), so both backends apply the same
//! migrations. One reading differs, and [`postgres_dialect`] spells it
//! out: `INTEGER` is SQLite's 64-bit integer, and `INTEGER PRIMARY KEY`
//! its row id that numbers itself. docs/guide/snapshot.md and
//! docs/guide/org.md document the tables.

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
    // 2: the organisation: who a repository is (its normalised remote,
    // team and tags), and per snapshot what the org views compare across
    // repositories: the radar, the packages, the findings per rule and a
    // bounded top of hotspots and knowledge risks.
    "ALTER TABLE repositories ADD COLUMN repo_key TEXT;
    ALTER TABLE repositories ADD COLUMN team TEXT;
    UPDATE repositories SET repo_key = 'name:' || name;
    CREATE UNIQUE INDEX repositories_by_key ON repositories (repo_key);
    CREATE TABLE repository_tags (
        repository_id INTEGER NOT NULL REFERENCES repositories (id),
        tag TEXT NOT NULL,
        PRIMARY KEY (repository_id, tag)
    );
    CREATE INDEX snapshots_by_time ON snapshots (repository_id, committed_at);
    CREATE TABLE snapshot_technologies (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        technology TEXT NOT NULL,
        quadrant TEXT,
        ring TEXT,
        PRIMARY KEY (snapshot_id, technology)
    );
    CREATE TABLE snapshot_packages (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        ecosystem TEXT NOT NULL,
        package TEXT NOT NULL,
        version TEXT NOT NULL,
        direct INTEGER NOT NULL,
        dev INTEGER NOT NULL,
        hold INTEGER NOT NULL,
        PRIMARY KEY (snapshot_id, ecosystem, package, version)
    );
    CREATE INDEX snapshot_packages_by_name ON snapshot_packages (ecosystem, package);
    CREATE TABLE snapshot_findings (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (snapshot_id, rule, severity)
    );
    CREATE TABLE snapshot_hotspots (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        rank INTEGER NOT NULL,
        path TEXT NOT NULL,
        revisions INTEGER NOT NULL,
        loc INTEGER NOT NULL,
        complexity INTEGER NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        health DOUBLE PRECISION,
        PRIMARY KEY (snapshot_id, rank)
    );
    CREATE TABLE snapshot_knowledge (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        rank INTEGER NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        main_dev TEXT,
        ownership DOUBLE PRECISION,
        truck_factor INTEGER,
        revisions INTEGER NOT NULL,
        PRIMARY KEY (snapshot_id, rank)
    );
    CREATE VIEW latest_snapshots AS
        SELECT s.id AS snapshot_id, s.repository_id AS repository_id
        FROM snapshots s
        WHERE NOT EXISTS (
            SELECT 1 FROM snapshots t
            WHERE t.repository_id = s.repository_id
              AND (t.committed_at > s.committed_at
                   OR (t.committed_at = s.committed_at AND t.commit_id > s.commit_id))
        );",
    // 3: reads across the organisation without scanning it. A series
    // (one metric in every snapshot) is read from the index alone: metric,
    // snapshot and value in one composite index (SQLite has no INCLUDE),
    // which also serves what the index on the metric alone did. And each
    // repository keeps the id of its latest snapshot (the latest commit:
    // max committed_at, then commit id), set by every push in its
    // transaction; `latest_snapshots` stays, with the same answer.
    "CREATE INDEX measurements_by_series ON measurements (metric, snapshot_id, value);
    DROP INDEX measurements_by_metric;
    ALTER TABLE repositories ADD COLUMN latest_snapshot_id INTEGER REFERENCES snapshots (id);
    UPDATE repositories SET latest_snapshot_id = (
        SELECT l.snapshot_id FROM latest_snapshots l WHERE l.repository_id = repositories.id
    );",
    // 4: whether a snapshot was backfilled from git objects.
    BACKFILLED,
];

/// The statement a push runs, in its transaction, after writing its
/// snapshot: the repository's latest snapshot again (schema 3). The
/// writers of one repository take turns on its row (the push's upsert
/// locks it), so the last to commit sees every snapshot committed before.
pub const SET_LATEST: &str = "UPDATE repositories SET latest_snapshot_id = (
        SELECT s.id FROM snapshots s WHERE s.repository_id = ?1
        ORDER BY s.committed_at DESC, s.commit_id DESC LIMIT 1
    ) WHERE id = ?1";

/// Which snapshots were computed from a past commit's git objects
/// (`snapshot --backfill`, `--rev`) rather than from a checkout: 1 for
/// those, 0 for the others. A checkout's snapshot of the same commit later
/// replaces the row and sets it back to 0.
pub const BACKFILLED: &str =
    "ALTER TABLE snapshots ADD COLUMN backfilled INTEGER NOT NULL DEFAULT 0;";

/// How many hotspots and knowledge risks a snapshot keeps: the org views
/// show the worst across repositories, and a bounded top keeps a push
/// small whatever the repository's size.
pub const TOP: usize = 20;

/// A migration as PostgreSQL reads it: SQLite's `INTEGER` is a 64-bit
/// integer, so it becomes `BIGINT`, and `INTEGER PRIMARY KEY` (SQLite's
/// self-numbering row id) becomes an identity column. Nothing else in the
/// text changes; the statements are otherwise the same.
pub fn postgres_dialect(sql: &str) -> String {
    sql.replace(
        "INTEGER PRIMARY KEY",
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    )
    .replace("INTEGER", "BIGINT")
}

/// The table that records which migrations ran.
pub const VERSION_TABLE: &str = "CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)";
