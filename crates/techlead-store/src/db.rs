//! What the store asks of a database, so that one body of SQL serves both
//! backends: statements with `?1`-style parameters, rows of [`Value`]s,
//! transactions, and errors already in the user's terms (no password).

/// A parameter or a column's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Value {
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Real(f) => Some(*f as i64),
            _ => None,
        }
    }

    pub fn real(&self) -> Option<f64> {
        match self {
            Value::Real(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(s.clone())
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<usize> for Value {
    fn from(i: usize) -> Value {
        Value::Int(i64::try_from(i).unwrap_or(i64::MAX))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Int(i64::from(b))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Value {
        o.map_or(Value::Null, Into::into)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Real(f)
    }
}

pub type Row = Vec<Value>;

/// What went wrong, as far as the store's messages care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Another writer holds the lock.
    Busy,
    /// The file is not a database.
    NotADatabase,
    /// Cannot open, or no permission.
    CannotOpen,
    /// The server cannot be reached or the connection broke.
    Connection,
    /// The server refused the credentials.
    Auth,
    /// The server's TLS certificate was not trusted.
    Certificate,
    /// A concurrent transaction won (unique violation, serialization
    /// failure, deadlock): running the transaction again can succeed.
    Retry,
    /// The role may not do this (a read-only role pushing).
    Permission,
    Other,
}

/// A database error with its message, which never holds a password.
#[derive(Debug, Clone)]
pub struct DbError {
    pub kind: ErrorKind,
    pub message: String,
}

impl DbError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> DbError {
        DbError {
            kind,
            message: message.into(),
        }
    }
}

/// One backend: the SQLite file or a PostgreSQL server.
pub trait Backend {
    /// Statements without parameters, run as a batch.
    fn batch(&mut self, sql: &str) -> Result<(), DbError>;
    /// One statement with `?1`-style parameters; the rows it changed.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError>;
    /// One query with `?1`-style parameters.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
    /// Starts a transaction that will write.
    fn begin_write(&mut self) -> Result<(), DbError>;
    /// Whether a table (or view) of that name exists.
    fn has_table(&mut self, name: &str) -> Result<bool, DbError>;
    /// How many tables and views there are (a database that has some but
    /// no version table is someone else's).
    fn tables(&mut self) -> Result<i64, DbError>;
    /// Within a write transaction, waits until no other connection is
    /// migrating (SQLite's write lock already does this).
    fn lock_schema(&mut self) -> Result<(), DbError> {
        Ok(())
    }
    /// A migration's text as this backend reads it.
    fn dialect(&self, sql: &str) -> String {
        sql.to_string()
    }
}
