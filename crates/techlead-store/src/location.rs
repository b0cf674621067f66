//! Where a store is: a SQLite file or a PostgreSQL URL; how a URL is
//! shown (never with its password); where a password comes from when the
//! URL has none (`PGPASSWORD`, then `~/.pgpass` or `PGPASSFILE`).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file, relative to the project root unless absolute.
    File(PathBuf),
    /// `postgres://` or `postgresql://`, as given (with its password).
    Postgres(String),
}

impl Location {
    /// A `postgres://` / `postgresql://` URL, a `sqlite:` path, or a path.
    pub fn parse(s: &str) -> Location {
        let t = s.trim();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(t.to_string())
        } else if let Some(p) = t.strip_prefix("sqlite:") {
            Location::File(PathBuf::from(p.trim_start_matches("//")))
        } else {
            Location::File(PathBuf::from(t))
        }
    }

    /// How messages show it: the URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Postgres(u) => redact(u),
        }
    }
}

/// The URL with any password replaced by `***`: in the user part
/// (`user:pw@`) and in a `password=` query parameter.
pub fn redact(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        // The user part runs to the last `@`: a password may hold `/`,
        // `?` or `@`, and a mistyped URL must not show one either.
        let start = scheme_end + 3;
        if let Some(at) = out[start..].rfind('@') {
            let info = &out[start..start + at];
            let user_end = info.find([':', '?', '/', '#']).unwrap_or(info.len());
            if user_end < info.len() {
                out.replace_range(start + user_end..start + at, ":***");
            }
        }
    }
    if let Some(q) = out.find('?') {
        let (head, query) = out.split_at(q + 1);
        let query: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out = format!("{head}{}", query.join("&"));
    }
    out
}

/// Removes every occurrence of `secret` from a message (a server or
/// library may echo what it was given).
pub fn scrub(message: &str, secret: Option<&str>) -> String {
    match secret {
        Some(s) if s.len() >= 3 => message.replace(s, "***"),
        _ => message.to_string(),
    }
}

/// The password for host:port:database:user from a pgpass file's text:
/// the first matching line wins; `*` matches anything; `\:` and `\\` are
/// escapes; `#` starts a comment line.
pub fn pgpass_lookup(text: &str, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        if fields.len() != 5 {
            continue;
        }
        let want = [host, port.as_str(), db, user];
        let matches = fields[..4]
            .iter()
            .zip(want)
            .all(|(f, w)| f == "*" || f == w);
        if matches {
            return Some(fields[4].clone());
        }
    }
    None
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    fields.last_mut().unwrap().push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// Where the password file is: `PGPASSFILE`, else `~/.pgpass`. libpq
/// ignores a file others can read; so do we, with a note to the caller.
pub fn pgpass_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_password() {
        assert_eq!(
            redact("postgres://ci:s3cr:et@db.example.com:5432/techlead?sslmode=require"),
            "postgres://ci:***@db.example.com:5432/techlead?sslmode=require"
        );
        assert_eq!(
            redact("postgresql://db/techlead?user=ci&password=hunter2&sslmode=require"),
            "postgresql://db/techlead?user=ci&password=***&sslmode=require"
        );
        assert_eq!(redact("postgres://ci@db/t"), "postgres://ci@db/t");
        assert_eq!(redact("postgres://db/t"), "postgres://db/t");
        assert_eq!(
            redact("postgres://u:p/w@d?x@host:1/db"),
            "postgres://u:***@host:1/db"
        );
        assert_eq!(
            redact("postgres://org?hunter2@127.0.0.1:5/db"),
            "postgres://org:***@127.0.0.1:5/db"
        );
        assert_eq!(
            scrub("bad password hunter2 given", Some("hunter2")),
            "bad password *** given"
        );
    }

    #[test]
    fn locations() {
        assert!(matches!(
            Location::parse("postgres://x/y"),
            Location::Postgres(_)
        ));
        assert!(matches!(
            Location::parse("POSTGRESQL://x/y"),
            Location::Postgres(_)
        ));
        assert_eq!(
            Location::parse("sqlite:org.db"),
            Location::File("org.db".into())
        );
        assert_eq!(Location::parse("a/b.db"), Location::File("a/b.db".into()));
    }

    #[test]
    fn pgpass_lines_match_in_order_with_wildcards_and_escapes() {
        let text = "# comment\n\
                    db.example.com:5432:techlead:ci:first\n\
                    *:*:techlead:ci:second\n\
                    *:*:*:odd:pa\\:ss\\\\word\n";
        assert_eq!(
            pgpass_lookup(text, "db.example.com", 5432, "techlead", "ci").as_deref(),
            Some("first")
        );
        assert_eq!(
            pgpass_lookup(text, "127.0.0.1", 5433, "techlead", "ci").as_deref(),
            Some("second")
        );
        assert_eq!(
            pgpass_lookup(text, "h", 1, "d", "odd").as_deref(),
            Some("pa:ss\\word")
        );
        assert_eq!(pgpass_lookup(text, "h", 1, "d", "nobody"), None);
    }
}
