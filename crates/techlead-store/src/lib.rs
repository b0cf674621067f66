//! Snapshots of metrics over time in an embedded SQLite database
//! (`.techlead/snapshots.db` by default). The schema is versioned with
//! migrations ([`schema`]); the view `metrics(repo, commit, committed_at,
//! taken_at, metric, value)` is the stable read contract.
//!
//! The same commit recorded twice is one snapshot (the second replaces the
//! first's values). Every write is one transaction. A locked, damaged or
//! foreign database is an input error naming the file, and nothing is
//! written.

pub mod config;
pub mod schema;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use techlead_core::InputError;

/// One snapshot to record.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub repo: String,
    pub commit: String,
    /// ISO 8601 UTC (`2026-01-15T10:00:00Z`).
    pub committed_at: String,
    pub taken_at: String,
    pub tool_version: String,
    /// Each metric's value, or why it has none.
    pub values: Vec<(String, Result<f64, String>)>,
}

/// One point of a metric's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub commit: String,
    pub committed_at: String,
    pub taken_at: String,
    pub value: f64,
}

/// A recorded snapshot, without its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Taken {
    pub commit: String,
    pub committed_at: String,
    pub taken_at: String,
}

/// What [`Store::record`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    New,
    /// The commit had a snapshot: its values were replaced.
    Replaced,
}

pub struct Store {
    conn: Connection,
    /// How messages name the file.
    shown: String,
}

/// How long a write waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

impl Store {
    /// Opens the database for writing, creating it (and its folder) and
    /// bringing its schema up to date.
    pub fn open(path: &Path, shown: &str) -> Result<Store, InputError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| InputError::io(shown, &e))?;
        }
        let conn = Connection::open(path).map_err(|e| error(shown, &e))?;
        let mut store = Store::with(conn, shown)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing database to read; a missing file is an error that
    /// says how to make one.
    pub fn open_read(path: &Path, shown: &str) -> Result<Store, InputError> {
        if !path.is_file() {
            return Err(InputError::in_file(shown, "no snapshots recorded yet")
                .with_help("run `techlead snapshot` to record the metrics of HEAD"));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| error(shown, &e))?;
        let store = Store::with(conn, shown)?;
        let version = store.version()?;
        if version == 0 {
            return Err(foreign(shown));
        }
        if version > schema::MIGRATIONS.len() {
            return Err(newer(shown, version));
        }
        Ok(store)
    }

    fn with(conn: Connection, shown: &str) -> Result<Store, InputError> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| error(shown, &e))?;
        Ok(Store {
            conn,
            shown: shown.to_string(),
        })
    }

    fn err(&self, e: rusqlite::Error) -> InputError {
        error(&self.shown, &e)
    }

    /// The schema version: 0 for a database without our version table.
    pub fn version(&self) -> Result<usize, InputError> {
        let has: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| self.err(e))?
            > 0;
        if !has {
            return Ok(0);
        }
        let v: Option<i64> = self
            .conn
            .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        Ok(v.unwrap_or(0) as usize)
    }

    /// Runs the migrations not yet applied, all in one transaction. A
    /// database with tables but no version table is someone else's.
    fn migrate(&mut self) -> Result<(), InputError> {
        let version = self.version()?;
        if version > schema::MIGRATIONS.len() {
            return Err(newer(&self.shown, version));
        }
        if version == schema::MIGRATIONS.len() {
            return Ok(());
        }
        let shown = self.shown.clone();
        let tx = self.conn.transaction().map_err(|e| error(&shown, &e))?;
        if version == 0 {
            let tables: i64 = tx
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                .map_err(|e| error(&shown, &e))?;
            if tables > 0 {
                return Err(foreign(&shown));
            }
            tx.execute_batch(schema::VERSION_TABLE)
                .map_err(|e| error(&shown, &e))?;
        }
        let now = now_iso();
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version) {
            tx.execute_batch(sql).map_err(|e| error(&shown, &e))?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
                params![(i + 1) as i64, now],
            )
            .map_err(|e| error(&shown, &e))?;
        }
        tx.commit().map_err(|e| error(&shown, &e))
    }

    /// Records a snapshot in one transaction: a commit that already has
    /// one keeps its row and gets the new values.
    pub fn record(&mut self, s: &Snapshot) -> Result<Recorded, InputError> {
        let shown = self.shown.clone();
        let e = |e: rusqlite::Error| error(&shown, &e);
        let tx = self.conn.transaction().map_err(e)?;
        let repo: Option<i64> = tx
            .query_row(
                "SELECT id FROM repositories WHERE name = ?1",
                [&s.repo],
                |r| r.get(0),
            )
            .optional()
            .map_err(e)?;
        let repo = match repo {
            Some(id) => id,
            None => {
                tx.execute("INSERT INTO repositories (name) VALUES (?1)", [&s.repo])
                    .map_err(e)?;
                tx.last_insert_rowid()
            }
        };
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM snapshots WHERE repository_id = ?1 AND commit_id = ?2",
                params![repo, s.commit],
                |r| r.get(0),
            )
            .optional()
            .map_err(e)?;
        let (id, recorded) = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE snapshots SET committed_at = ?1, taken_at = ?2, tool_version = ?3 WHERE id = ?4",
                    params![s.committed_at, s.taken_at, s.tool_version, id],
                )
                .map_err(e)?;
                tx.execute("DELETE FROM measurements WHERE snapshot_id = ?1", [id])
                    .map_err(e)?;
                (id, Recorded::Replaced)
            }
            None => {
                tx.execute(
                    "INSERT INTO snapshots (repository_id, commit_id, committed_at, taken_at, tool_version) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![repo, s.commit, s.committed_at, s.taken_at, s.tool_version],
                )
                .map_err(e)?;
                (tx.last_insert_rowid(), Recorded::New)
            }
        };
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO measurements (snapshot_id, metric, value, absent_reason) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(e)?;
            for (metric, value) in &s.values {
                let (v, reason) = match value {
                    Ok(v) if v.is_finite() => (Some(*v), None),
                    Ok(_) => (None, Some("not a finite number")),
                    Err(r) => (None, Some(r.as_str())),
                };
                insert.execute(params![id, metric, v, reason]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(recorded)
    }

    /// A metric's values for a repository, oldest commit first.
    pub fn series(&self, repo: &str, metric: &str) -> Result<Vec<Point>, InputError> {
        let mut q = self
            .conn
            .prepare(
                "SELECT \"commit\", committed_at, taken_at, value FROM metrics
                 WHERE repo = ?1 AND metric = ?2 ORDER BY committed_at, \"commit\"",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![repo, metric], |r| {
                Ok(Point {
                    commit: r.get(0)?,
                    committed_at: r.get(1)?,
                    taken_at: r.get(2)?,
                    value: r.get(3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Why a metric has no value at each snapshot that lacks one, newest
    /// first (the newest reason first).
    pub fn absent_reasons(&self, repo: &str, metric: &str) -> Result<Vec<String>, InputError> {
        let mut q = self
            .conn
            .prepare(
                "SELECT m.absent_reason FROM measurements m
                 JOIN snapshots s ON s.id = m.snapshot_id
                 JOIN repositories r ON r.id = s.repository_id
                 WHERE r.name = ?1 AND m.metric = ?2 AND m.value IS NULL
                 ORDER BY s.committed_at DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![repo, metric], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The snapshots of a repository, oldest commit first.
    pub fn snapshots(&self, repo: &str) -> Result<Vec<Taken>, InputError> {
        let mut q = self
            .conn
            .prepare(
                "SELECT s.commit_id, s.committed_at, s.taken_at FROM snapshots s
                 JOIN repositories r ON r.id = s.repository_id
                 WHERE r.name = ?1 ORDER BY s.committed_at, s.commit_id",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map([repo], |r| {
                Ok(Taken {
                    commit: r.get(0)?,
                    committed_at: r.get(1)?,
                    taken_at: r.get(2)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Every value of one snapshot, by metric.
    pub fn values(&self, repo: &str, commit: &str) -> Result<Vec<(String, f64)>, InputError> {
        let mut q = self
            .conn
            .prepare(
                "SELECT metric, value FROM metrics WHERE repo = ?1 AND \"commit\" = ?2 ORDER BY metric",
            )
            .map_err(|e| self.err(e))?;
        let rows = q
            .query_map(params![repo, commit], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// A database error in the user's terms.
fn error(shown: &str, e: &rusqlite::Error) -> InputError {
    let code = e.sqlite_error_code();
    let message = match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            return InputError::in_file(
                shown,
                "the snapshot database is locked by another process",
            )
            .with_help(
                "wait for the other techlead (or sqlite3 session) to finish, then run again",
            );
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            return InputError::in_file(
                shown,
                "not a snapshot database, or a damaged one: SQLite cannot read it",
            )
            .with_help(
                "move the file away (it is not changed) or set [snapshot] db to another path",
            );
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            format!("cannot open or write the snapshot database: {e}")
        }
        _ => format!("snapshot database: {e}"),
    };
    InputError::in_file(shown, message)
}

fn foreign(shown: &str) -> InputError {
    InputError::in_file(
        shown,
        "a SQLite database that techlead did not create (no schema_migrations table)",
    )
    .with_help("set [snapshot] db in techlead.toml to another path; this file is not changed")
}

fn newer(shown: &str, version: usize) -> InputError {
    InputError::in_file(
        shown,
        format!(
            "schema version {version} was written by a newer techlead (this one knows {})",
            schema::MIGRATIONS.len()
        ),
    )
    .with_help("upgrade techlead")
}

/// Now, ISO 8601 UTC to the second.
pub fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    iso(secs)
}

/// Seconds since the epoch as ISO 8601 UTC (`1970-01-01T00:00:00Z`).
pub fn iso(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil.
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The default database path, relative to the project root.
pub const DEFAULT_PATH: &str = ".techlead/snapshots.db";

/// The path where a database would be: `configured` relative to the root.
pub fn path(root: &Path, configured: Option<&str>) -> PathBuf {
    root.join(configured.unwrap_or(DEFAULT_PATH))
}

#[cfg(test)]
mod tests;
