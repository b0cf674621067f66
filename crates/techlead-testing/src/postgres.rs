//! A real PostgreSQL server for the store's tests. `.ci/run` starts one
//! (`.ci/postgres.sh`) and exports its superuser URL as
//! `TECHLEAD_TEST_PG`; without it the first test that asks starts one the
//! same way and stops it when the test binary exits. Only when none can
//! be started, outside CI, are the tests skipped, with a message; in CI
//! (`CI` or `TECHLEAD_REQUIRE_PG` set) that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A running cluster.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// The superuser's URL, password included.
    pub url: String,
    /// The folder `.ci/postgres.sh` made, when this process started it.
    pub dir: Option<String>,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.ci/postgres.sh")
}

/// Starts a private cluster with `.ci/postgres.sh start`; None when it
/// cannot.
pub fn start_cluster() -> Result<Cluster, String> {
    start_cluster_with(&[])
}

/// As [`start_cluster`], with variables for `.ci/postgres.sh` (such as
/// `PG_SSL_CERT` and `PG_SSL_KEY`).
pub fn start_cluster_with(env: &[(&str, &Path)]) -> Result<Cluster, String> {
    let out = Command::new("bash")
        .arg(script())
        .arg("start")
        .envs(env.iter().map(|(k, v)| (*k, v.as_os_str())))
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let var = |name: &str| {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{name}=")))
            .map(str::to_string)
    };
    Ok(Cluster {
        url: var("TECHLEAD_TEST_PG").ok_or("no URL printed")?,
        dir: var("PG_TMP"),
    })
}

/// Stops a cluster this process started.
pub fn stop_cluster(c: &Cluster) {
    if let Some(dir) = &c.dir {
        let _ = Command::new("bash")
            .arg(script())
            .arg("stop")
            .arg(dir)
            .status();
    }
}

static SHARED: OnceLock<Option<Cluster>> = OnceLock::new();

extern "C" fn stop_shared() {
    if let Some(Some(c)) = SHARED.get() {
        stop_cluster(c);
    }
}

/// The shared server, or None (with a message) when the tests may skip.
pub fn server() -> Option<&'static Cluster> {
    SHARED
        .get_or_init(|| {
            if let Ok(url) = std::env::var("TECHLEAD_TEST_PG") {
                return Some(Cluster { url, dir: None });
            }
            match start_cluster() {
                Ok(c) => {
                    // SAFETY: registering a plain function to run at exit.
                    unsafe { libc::atexit(stop_shared) };
                    Some(c)
                }
                Err(e) if required() => panic!(
                    "no PostgreSQL server and the store tests are required (CI or TECHLEAD_REQUIRE_PG set): {e}"
                ),
                Err(e) => {
                    eprintln!("SKIPPED: the PostgreSQL tests need a server and none could be started: {e}");
                    None
                }
            }
        })
        .as_ref()
}

fn required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("TECHLEAD_REQUIRE_PG").is_some()
}

/// Runs SQL as the cluster's superuser with psql; panics on failure.
pub fn psql(url: &str, sql: &str) -> String {
    let out = Command::new(psql_bin())
        .args([
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ])
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "psql failed on {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

pub fn psql_bin() -> PathBuf {
    if let Ok(dirs) = std::fs::read_dir("/usr/lib/postgresql") {
        for d in dirs.flatten() {
            let p = d.path().join("bin/psql");
            if p.is_file() {
                return p;
            }
        }
    }
    PathBuf::from("psql")
}

/// The URL of the same server with another user, password and database.
pub fn with(url: &str, user: &str, password: Option<&str>, db: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host_etc = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let (hostport, query) = match host_etc.split_once('/') {
        Some((h, tail)) => (h, tail.split_once('?').map(|(_, q)| q)),
        None => (host_etc, None),
    };
    let auth = match password {
        Some(p) => format!("{user}:{p}"),
        None => user.to_string(),
    };
    let q = query.map(|q| format!("?{q}")).unwrap_or_default();
    format!("postgres://{auth}@{hostport}/{db}{q}")
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A new empty database on the server, its name and its superuser URL.
pub fn fresh_database(cluster: &Cluster) -> (String, String) {
    let name = format!(
        "t{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    );
    psql(&cluster.url, &format!("CREATE DATABASE {name}"));
    let (user, password) = userinfo(&cluster.url);
    let url = with(&cluster.url, &user, password.as_deref(), &name);
    (name, url)
}

/// The user and password of a URL.
pub fn userinfo(url: &str) -> (String, Option<String>) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let info = rest.rsplit_once('@').map_or("", |(i, _)| i);
    match info.split_once(':') {
        Some((u, p)) => (u.to_string(), Some(p.to_string())),
        None => (info.to_string(), None),
    }
}

/// Stops a private cluster at once, as a crash would (`halt`), or starts
/// it again on its port (`resume`).
pub fn control(c: &Cluster, what: &str) {
    let dir = c.dir.as_deref().expect("a cluster this process started");
    let st = Command::new("bash")
        .arg(script())
        .arg(what)
        .arg(dir)
        .status()
        .expect("postgres.sh runs");
    assert!(st.success(), "postgres.sh {what} failed");
}
