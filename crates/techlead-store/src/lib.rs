//! Snapshots of metrics over time, in an embedded SQLite database
//! (`.techlead/snapshots.db` by default) or, for an organisation, on a
//! PostgreSQL server. Both backends apply the same versioned migrations
//! ([`schema`]); the view `metrics(repo, commit, committed_at, taken_at,
//! metric, value)` is the stable read contract, and [`org`] reads across
//! repositories.
//!
//! The same commit recorded twice is one snapshot (the second replaces the
//! first's values). Every write is one transaction. A locked, damaged or
//! foreign database, a server that refuses us, or a schema from a newer
//! techlead is an input error naming the store (never its password), and
//! nothing is written.

pub mod config;
pub mod db;
mod identity;
pub mod location;
mod model;
pub mod org;
#[cfg(feature = "postgres")]
mod pg;
mod read;
pub mod schema;
mod sqlite;
mod time;
mod write;

pub use identity::{Identity, normalize_remote};
pub use location::Location;
pub use model::{
    Details, FindingCount, Hotspot, Knowledge, Package, Recorded, Snapshot, Technology,
};
pub use read::{Point, Taken};
pub use time::{iso, now_iso};

use db::{Backend, DbError, ErrorKind};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use techlead_core::InputError;

/// The store: one connection to one backend.
pub struct Store {
    db: RefCell<Box<dyn Backend>>,
    /// How messages name the store: a file relative to the project, or a
    /// URL without its password.
    shown: String,
    /// A SQLite file (messages about locks and files) or a server.
    file: bool,
}

impl Store {
    /// Opens the SQLite file for writing, creating it (and its folder) and
    /// bringing its schema up to date.
    pub fn open(path: &Path, shown: &str) -> Result<Store, InputError> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| InputError::io(shown, &e))?;
        }
        let db = sqlite::Sqlite::open(path, false).map_err(|e| error(shown, true, e))?;
        let store = Store::with(Box::new(db), shown, true);
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing SQLite file to read; a missing file is an error
    /// that says how to make one.
    pub fn open_read(path: &Path, shown: &str) -> Result<Store, InputError> {
        if !path.is_file() {
            return Err(InputError::in_file(shown, "no snapshots recorded yet")
                .with_help("run `techlead snapshot` to record the metrics of HEAD"));
        }
        let db = sqlite::Sqlite::open(path, true).map_err(|e| error(shown, true, e))?;
        let store = Store::with(Box::new(db), shown, true);
        store.check_readable()?;
        Ok(store)
    }

    /// Opens the store at a location to write (migrating it) or to read.
    /// A relative SQLite path is taken from `root`.
    pub fn connect(at: &Location, root: &Path, write: bool) -> Result<Store, InputError> {
        match at {
            Location::File(p) => {
                let path = root.join(p);
                let shown = p.display().to_string();
                if write {
                    Store::open(&path, &shown)
                } else {
                    Store::open_read(&path, &shown)
                }
            }
            #[cfg(feature = "postgres")]
            Location::Postgres(url) => {
                let shown = location::redact(url);
                let db = pg::Postgres::connect(url).map_err(|e| error(&shown, false, e))?;
                let store = Store::with(Box::new(db), &shown, false);
                if write {
                    store.migrate()?;
                } else {
                    store.check_readable()?;
                }
                Ok(store)
            }
            #[cfg(not(feature = "postgres"))]
            Location::Postgres(url) => Err(InputError::new(format!(
                "{}: this techlead was built without PostgreSQL support",
                location::redact(url)
            ))
            .with_help("build techlead-cli with its default features (`postgres`)")),
        }
    }

    fn with(db: Box<dyn Backend>, shown: &str, file: bool) -> Store {
        Store {
            db: RefCell::new(db),
            shown: shown.to_string(),
            file,
        }
    }

    /// How messages name this store.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub(crate) fn err(&self, e: DbError) -> InputError {
        error(&self.shown, self.file, e)
    }

    pub(crate) fn query(
        &self,
        sql: &str,
        params: &[db::Value],
    ) -> Result<Vec<db::Row>, InputError> {
        self.db
            .borrow_mut()
            .query(sql, params)
            .map_err(|e| self.err(e))
    }

    /// The schema version: 0 for a database without our version table.
    pub fn version(&self) -> Result<usize, InputError> {
        let mut db = self.db.borrow_mut();
        schema_version(&mut **db).map_err(|e| self.err(e))
    }

    fn check_readable(&self) -> Result<(), InputError> {
        let version = self.version()?;
        if version == 0 {
            let empty = self.db.borrow_mut().tables().map_err(|e| self.err(e))? == 0;
            if empty && !self.file {
                return Err(InputError::in_file(
                    &self.shown,
                    "no snapshot pushed to this store yet",
                )
                .with_help(
                    "push one with `techlead snapshot --store URL` (a role that may create tables)",
                ));
            }
            return Err(self.foreign());
        }
        if version > schema::MIGRATIONS.len() {
            return Err(newer(&self.shown, version));
        }
        Ok(())
    }

    /// Runs the migrations not yet applied, all in one transaction. A
    /// database with tables but no version table is someone else's.
    fn migrate(&self) -> Result<(), InputError> {
        let version = self.version()?;
        if version > schema::MIGRATIONS.len() {
            return Err(newer(&self.shown, version));
        }
        if version == schema::MIGRATIONS.len() {
            return Ok(());
        }
        let mut db = self.db.borrow_mut();
        let db = &mut **db;
        let result = (|| -> Result<Result<(), InputError>, DbError> {
            db.begin_write()?;
            // Two first pushes to a new server race to create the tables:
            // the second waits here, then finds them made.
            db.lock_schema()?;
            let version = schema_version(db)?;
            if version > schema::MIGRATIONS.len() {
                return Ok(Err(newer(&self.shown, version)));
            }
            if version == 0 {
                if db.tables()? > 0 {
                    return Ok(Err(self.foreign()));
                }
                db.batch(&db.dialect(schema::VERSION_TABLE))?;
            }
            let now = now_iso();
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version) {
                db.batch(&db.dialect(sql))?;
                db.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
                    &[(i + 1).into(), (&now).into()],
                )?;
            }
            Ok(Ok(()))
        })();
        match result {
            Ok(Ok(())) => db.batch("COMMIT").map_err(|e| self.err(e)),
            Ok(Err(refusal)) => {
                let _ = db.batch("ROLLBACK");
                Err(refusal)
            }
            Err(e) => {
                let _ = db.batch("ROLLBACK");
                Err(self.err(e))
            }
        }
    }

    fn foreign(&self) -> InputError {
        if self.file {
            InputError::in_file(
                &self.shown,
                "a SQLite database that techlead did not create (no schema_migrations table)",
            )
            .with_help(
                "set [snapshot] db in techlead.toml to another path; this file is not changed",
            )
        } else {
            InputError::in_file(
                &self.shown,
                "this database has tables but no schema_migrations table: techlead did not create it",
            )
            .with_help("give techlead a database of its own (CREATE DATABASE techlead); nothing was changed")
        }
    }
}

fn schema_version(db: &mut dyn Backend) -> Result<usize, DbError> {
    if !db.has_table("schema_migrations")? {
        return Ok(0);
    }
    let rows = db.query("SELECT max(version) FROM schema_migrations", &[])?;
    Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0) as usize)
}

/// A database error in the user's terms.
fn error(shown: &str, file: bool, e: DbError) -> InputError {
    let message = match e.kind {
        ErrorKind::Busy if file => {
            return InputError::in_file(
                shown,
                "the snapshot database is locked by another process",
            )
            .with_help(
                "wait for the other techlead (or sqlite3 session) to finish, then run again",
            );
        }
        ErrorKind::NotADatabase => {
            return InputError::in_file(
                shown,
                "not a snapshot database, or a damaged one: SQLite cannot read it",
            )
            .with_help(
                "move the file away (it is not changed) or set [snapshot] db to another path",
            );
        }
        ErrorKind::CannotOpen if file => {
            format!("cannot open or write the snapshot database: {}", e.message)
        }
        ErrorKind::Auth => {
            return InputError::in_file(
                shown,
                format!("the server refused the login: {}", e.message),
            )
            .with_help("check the user and the password (in the URL, PGPASSWORD or ~/.pgpass)");
        }
        ErrorKind::Certificate => {
            return InputError::in_file(
                shown,
                format!("the server's certificate was not accepted: {}", e.message),
            )
            .with_help(
                "give the CA that signed it as sslrootcert=/path/to/ca.pem in the URL (else the system's trust store decides), and connect to a host name or address the certificate names",
            );
        }
        ErrorKind::Connection => {
            return InputError::in_file(shown, format!("cannot reach the store: {}", e.message))
                .with_help("check the host and port, and that the server is running");
        }
        ErrorKind::Permission => {
            return InputError::in_file(shown, format!("permission denied: {}", e.message))
                .with_help("pushing needs a role that may write the tables (docs/guide/org.md)");
        }
        _ if file => format!("snapshot database: {}", e.message),
        _ => format!("store: {}", e.message),
    };
    InputError::in_file(shown, message)
}

fn newer(shown: &str, version: usize) -> InputError {
    InputError::in_file(
        shown,
        format!(
            "schema version {version} was written by a newer techlead (this one knows {})",
            schema::MIGRATIONS.len()
        ),
    )
    .with_help("upgrade techlead; the store is not changed")
}

/// The default database path, relative to the project root.
pub const DEFAULT_PATH: &str = ".techlead/snapshots.db";

/// The path where a database would be: `configured` relative to the root.
pub fn path(root: &Path, configured: Option<&str>) -> PathBuf {
    root.join(configured.unwrap_or(DEFAULT_PATH))
}

#[cfg(test)]
mod tests;
