//! The PostgreSQL backend: the `postgres` crate (synchronous, over
//! tokio-postgres) with TLS by rustls (ADR 0029). The password comes from
//! the URL, else `PGPASSWORD`, else the pgpass file, as libpq takes it;
//! every message that leaves this file has it scrubbed.

use crate::db::{Backend, DbError, ErrorKind, Row, Value};
use crate::location;
use postgres::error::SqlState;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, Config, Statement, config::Host, config::SslMode};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

pub struct Postgres {
    client: Client,
    statements: HashMap<String, Statement>,
    password: Option<String>,
}

/// How long connecting may take before it is an error.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Postgres {
    pub fn connect(url: &str) -> Result<Postgres, DbError> {
        let (url, root_cert) = split_ssl_options(url);
        let mut config: Config = url.parse().map_err(|e: postgres::Error| {
            DbError::new(
                ErrorKind::Other,
                format!(
                    "not a PostgreSQL URL: {}",
                    location::scrub(&e.to_string(), None)
                ),
            )
        })?;
        if config.get_hosts().is_empty() {
            config.host(&std::env::var("PGHOST").unwrap_or_else(|_| "localhost".into()));
        }
        if config.get_ports().is_empty()
            && let Some(p) = std::env::var("PGPORT").ok().and_then(|p| p.parse().ok())
        {
            config.port(p);
        }
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".into());
            config.user(&user);
        }
        if config.get_dbname().is_none()
            && let Ok(db) = std::env::var("PGDATABASE")
        {
            config.dbname(&db);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        let mut note = None;
        if config.get_password().is_none()
            && let Some(pw) = password(&config, &mut note)
        {
            config.password(pw);
        }
        let password = config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        let client = if config.get_ssl_mode() == SslMode::Disable {
            config.connect(postgres::NoTls)
        } else {
            config.connect(tls(root_cert.as_deref())?)
        }
        .map_err(|e| {
            let mut e = error(&e, password.as_deref());
            if let (ErrorKind::Auth, Some(n)) = (e.kind, &note) {
                e.message = format!("{} ({n})", e.message);
            }
            e
        })?;
        Ok(Postgres {
            client,
            statements: HashMap::new(),
            password,
        })
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, DbError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self
            .client
            .prepare(&dollars(sql))
            .map_err(|e| error(&e, self.password.as_deref()))?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    fn fail(&self, e: &postgres::Error) -> DbError {
        error(e, self.password.as_deref())
    }
}

/// `sslrootcert=FILE` is ours to read (the driver does not know it), and
/// libpq's `verify-ca` / `verify-full` are what we always do under
/// `require`: the server's certificate is verified.
fn split_ssl_options(url: &str) -> (String, Option<String>) {
    let Some((head, query)) = url.split_once('?') else {
        return (url.to_string(), None);
    };
    let mut root = None;
    let mut kept = Vec::new();
    for kv in query.split('&') {
        match kv.split_once('=') {
            Some(("sslrootcert", v)) => root = Some(percent_decoded(v)),
            Some(("sslmode", "verify-ca" | "verify-full")) => {
                kept.push("sslmode=require".to_string())
            }
            _ => kept.push(kv.to_string()),
        }
    }
    if kept.is_empty() {
        (head.to_string(), root)
    } else {
        (format!("{head}?{}", kept.join("&")), root)
    }
}

/// A URL's query value as libpq reads it: `%2F` is `/`. A `%` not
/// followed by two hex digits stays as it is.
fn percent_decoded(v: &str) -> String {
    let b = v.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|c| (*c as char).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// PGPASSWORD, else the first matching line of the pgpass file (ignored,
/// as libpq does, when others may read it).
fn password(config: &Config, note: &mut Option<String>) -> Option<String> {
    if let Ok(pw) = std::env::var("PGPASSWORD") {
        return Some(pw);
    }
    let path = location::pgpass_path()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            *note = Some(format!(
                "{} is ignored: others may read it (chmod 600 it)",
                path.display()
            ));
            return None;
        }
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        Host::Unix(_) => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user()?;
    let db = config.get_dbname().unwrap_or(user);
    location::pgpass_lookup(&text, &host, port, db, user)
}

/// rustls with the platform's trust store, plus `sslrootcert`'s
/// certificates when given.
fn tls(root_cert: Option<&str>) -> Result<tokio_postgres_rustls::MakeRustlsConnect, DbError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut extra = Vec::new();
    if let Some(path) = root_cert {
        use rustls::pki_types::pem::PemObject;
        let certs = rustls::pki_types::CertificateDer::pem_file_iter(path)
            .map_err(|e| DbError::new(ErrorKind::Other, format!("sslrootcert {path}: {e}")))?;
        for c in certs {
            extra.push(
                c.map_err(|e| DbError::new(ErrorKind::Other, format!("sslrootcert {path}: {e}")))?,
            );
        }
        // An empty file would quietly leave only the system's roots.
        if extra.is_empty() {
            return Err(DbError::new(
                ErrorKind::Other,
                format!("sslrootcert {path}: no PEM certificate in it"),
            ));
        }
    }
    let tls_err = |e: rustls::Error| DbError::new(ErrorKind::Other, format!("TLS set-up: {e}"));
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(tls_err)?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_err)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// `?1` parameters as PostgreSQL's `$1`. Our SQL has no `?` elsewhere.
fn dollars(sql: &str) -> String {
    sql.replace('?', "$")
}

fn error(e: &postgres::Error, password: Option<&str>) -> DbError {
    let message = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut m = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                let t = s.to_string();
                if !m.contains(&t) {
                    m = format!("{m}: {t}");
                }
                source = s.source();
            }
            m
        }
    };
    let kind = match e.code() {
        Some(c)
            if *c == SqlState::INVALID_PASSWORD
                || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            ErrorKind::Auth
        }
        Some(c)
            if *c == SqlState::UNIQUE_VIOLATION
                || *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED =>
        {
            ErrorKind::Retry
        }
        Some(c)
            if *c == SqlState::INSUFFICIENT_PRIVILEGE
                || *c == SqlState::READ_ONLY_SQL_TRANSACTION =>
        {
            ErrorKind::Permission
        }
        Some(c)
            if *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || c.code().starts_with("08") =>
        {
            ErrorKind::Connection
        }
        Some(_) => ErrorKind::Other,
        // "password missing" comes from the driver, before any server code.
        None if message.contains("password") => ErrorKind::Auth,
        // rustls refused the server's certificate (unknown issuer, another
        // name, expired): the server answered, the trust failed.
        None if message.contains("invalid peer certificate") => ErrorKind::Certificate,
        None => ErrorKind::Connection,
    };
    DbError::new(kind, location::scrub(&message, password))
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::INT8 => (*f as i64).to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn value(row: &postgres::Row, i: usize) -> Result<Value, postgres::Error> {
    let ty = row.columns()[i].type_().clone();
    Ok(match ty {
        Type::INT8 => row
            .try_get::<_, Option<i64>>(i)?
            .map_or(Value::Null, Value::Int),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map_or(Value::Null, |v| Value::Int(v.into())),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(i)?
            .map_or(Value::Null, Value::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map_or(Value::Null, |v| Value::Real(v.into())),
        _ => row
            .try_get::<_, Option<String>>(i)?
            .map_or(Value::Null, Value::Text),
    })
}

impl Backend for Postgres {
    fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.client.batch_execute(sql).map_err(|e| self.fail(&e))
    }

    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        let st = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        self.client.execute(&st, &refs).map_err(|e| self.fail(&e))
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        let st = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        let rows = self.client.query(&st, &refs).map_err(|e| self.fail(&e))?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| value(r, i))
                    .collect::<Result<Row, _>>()
            })
            .collect::<Result<_, _>>()
            .map_err(|e| self.fail(&e))
    }

    fn begin_write(&mut self) -> Result<(), DbError> {
        self.batch("BEGIN")
    }

    fn lock_schema(&mut self) -> Result<(), DbError> {
        // Any constant: the key of "techlead migrates this database".
        self.batch("SELECT pg_advisory_xact_lock(7046298374)")
    }

    fn has_table(&mut self, name: &str) -> Result<bool, DbError> {
        // pg_class, not information_schema: the latter hides tables a
        // role has no privilege on, and a role without rights must see a
        // clear refusal, not an empty database.
        let rows = self.query(
            "SELECT count(*) FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relname = ?1 AND c.relkind IN ('r', 'v', 'p')",
            &[name.into()],
        )?;
        Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0) > 0)
    }

    fn tables(&mut self) -> Result<i64, DbError> {
        let rows = self.query(
            "SELECT count(*) FROM pg_catalog.pg_class c
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p')",
            &[],
        )?;
        Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0))
    }

    fn dialect(&self, sql: &str) -> String {
        crate::schema::postgres_dialect(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslrootcert_is_ours_and_verify_modes_verify() {
        let (url, root) = split_ssl_options(
            "postgres://u@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca%20certs%2Fca.pem&application_name=x",
        );
        assert_eq!(url, "postgres://u@h/db?sslmode=require&application_name=x");
        assert_eq!(root.as_deref(), Some("/etc/ca certs/ca.pem"));
        let (url, root) = split_ssl_options("postgres://u@h/db?sslrootcert=/ca.pem");
        assert_eq!(
            (url.as_str(), root.as_deref()),
            ("postgres://u@h/db", Some("/ca.pem"))
        );
        assert_eq!(
            split_ssl_options("postgres://u@h/db"),
            ("postgres://u@h/db".to_string(), None)
        );
    }

    #[test]
    fn a_lone_percent_stays() {
        assert_eq!(percent_decoded("a%2"), "a%2");
        assert_eq!(percent_decoded("100%zz"), "100%zz");
        assert_eq!(percent_decoded("%41%62"), "Ab");
    }
}
