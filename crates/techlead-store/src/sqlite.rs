//! The SQLite file backend (`.techlead/snapshots.db`).

use crate::db::{Backend, DbError, ErrorKind, Row, Value};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ErrorCode, OpenFlags, params_from_iter};
use std::path::Path;
use std::time::Duration;

/// How long a write waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

pub struct Sqlite {
    pub(crate) conn: Connection,
}

impl Sqlite {
    pub fn open(path: &Path, read_only: bool) -> Result<Sqlite, DbError> {
        let conn = if read_only {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags)
        } else {
            Connection::open(path)
        }
        .map_err(|e| error(&e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| error(&e))?;
        Ok(Sqlite { conn })
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ToSqlOutput::Borrowed;
        Ok(Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

fn value(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            Value::Text(String::from_utf8_lossy(t).into_owned())
        }
    }
}

impl Backend for Sqlite {
    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.conn.execute_batch(sql).map_err(|e| error(&e))
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let mut st = self.conn.prepare_cached(sql).map_err(|e| error(&e))?;
        st.execute(params_from_iter(params.iter()))
            .map(|n| n as u64)
            .map_err(|e| error(&e))
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let mut st = self.conn.prepare_cached(sql).map_err(|e| error(&e))?;
        let n = st.column_count();
        let mut rows = st
            .query(params_from_iter(params.iter()))
            .map_err(|e| error(&e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| error(&e))? {
            let mut row = Vec::with_capacity(n);
            for i in 0..n {
                row.push(value(r.get_ref(i).map_err(|e| error(&e))?));
            }
            out.push(row);
        }
        Ok(out)
    }

    fn begin_write(&mut self) -> Result<(), DbError> {
        // IMMEDIATE takes the write lock now: two writers that both read
        // first and then write would otherwise fail instead of waiting.
        self.batch("BEGIN IMMEDIATE")
    }

    fn has_table(&mut self, name: &str) -> Result<bool, DbError> {
        let rows = self.query(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1",
            &[name.into()],
        )?;
        Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0) > 0)
    }

    fn tables(&mut self) -> Result<i64, DbError> {
        let rows = self.query("SELECT count(*) FROM sqlite_master", &[])?;
        Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0))
    }
}

fn error(e: &rusqlite::Error) -> DbError {
    let kind = match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => ErrorKind::Busy,
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => ErrorKind::NotADatabase,
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            ErrorKind::CannotOpen
        }
        _ => ErrorKind::Other,
    };
    DbError::new(kind, e.to_string())
}
