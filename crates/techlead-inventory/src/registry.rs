//! Registry metadata for one package, only when asked (`--online`):
//! crates.io, the npm registry and PyPI. For the version in use: when it
//! was published, and how far behind the newest stable release it is; the
//! newest release and its date; the license the registry states.
//!
//! Each registry's address can be replaced through an environment variable
//! (`TECHLEAD_REGISTRY_CRATES`, `TECHLEAD_REGISTRY_NPM`,
//! `TECHLEAD_REGISTRY_PYPI`), for a mirror or a test server.

use crate::Ecosystem;
use crate::formats::common::iso_date;
use serde_json::Value;
use std::time::Duration;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryInfo {
    /// When the version in use was published (YYYY-MM-DD).
    pub released: Option<String>,
    /// The newest stable version, and when it was published.
    pub latest: Option<String>,
    pub latest_released: Option<String>,
    /// Stable versions published after the one in use.
    pub behind: usize,
    pub license: Option<String>,
}

/// What the registry says about `name` at `version`. An ecosystem without
/// a registry client here (go, maven, rubygems, packagist) gives None.
pub fn lookup(eco: Ecosystem, name: &str, version: &str) -> Option<Result<RegistryInfo, String>> {
    let (var, default, path) = match eco {
        Ecosystem::Cargo => (
            "TECHLEAD_REGISTRY_CRATES",
            "https://crates.io",
            format!("/api/v1/crates/{name}"),
        ),
        Ecosystem::Npm => (
            "TECHLEAD_REGISTRY_NPM",
            "https://registry.npmjs.org",
            format!("/{}", name.replace('/', "%2f")),
        ),
        Ecosystem::Pypi => (
            "TECHLEAD_REGISTRY_PYPI",
            "https://pypi.org",
            format!("/pypi/{name}/json"),
        ),
        _ => return None,
    };
    let base = std::env::var(var).unwrap_or_else(|_| default.to_string());
    let url = format!("{}{path}", base.trim_end_matches('/'));
    Some(fetch(&url).and_then(|doc| {
        let parsed = match eco {
            Ecosystem::Cargo => from_crates_io(&doc, version),
            Ecosystem::Npm => from_npm(&doc, version),
            _ => from_pypi(&doc, version),
        };
        parsed.ok_or_else(|| format!("{url}: not the registry's JSON"))
    }))
}

fn fetch(url: &str) -> Result<Value, String> {
    // One agent for every request: it keeps connections and the TLS setup.
    static AGENT: std::sync::OnceLock<ureq::Agent> = std::sync::OnceLock::new();
    let agent = AGENT.get_or_init(|| {
        // The platform's trust store, so that a proxy's own CA (common
        // behind corporate firewalls) is trusted as the rest of the system
        // trusts it.
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(20)))
            .tls_config(tls)
            // Redirects are followed below, and only within the registry's
            // own host: a registry (or whoever answers for it) must not send
            // us to a link-local or private address.
            .max_redirects(0)
            .build()
            .into()
    });
    fetch_with(agent, url)
}

/// How many redirects within the registry's host are followed.
const MAX_REDIRECTS: usize = 5;

fn fetch_with(agent: &ureq::Agent, url: &str) -> Result<Value, String> {
    let mut current = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        // crates.io asks every client to say who it is.
        let mut response = agent
            .get(&current)
            .header(
                "User-Agent",
                concat!(
                    "techlead/",
                    env!("CARGO_PKG_VERSION"),
                    " (radar evaluate --online)"
                ),
            )
            .header("Accept", "application/json")
            .call()
            .map_err(|e| format!("{url}: {e}"))?;
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .ok_or_else(|| format!("{url}: a redirect without a location"))?;
            current = same_host_target(&current, location).ok_or_else(|| {
                format!(
                    "{url}: redirected to {location}, outside the registry's host; not followed"
                )
            })?;
            continue;
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| format!("{url}: {e}"))?;
        return serde_json::from_str(&body).map_err(|e| format!("{url}: {e}"));
    }
    Err(format!("{url}: more than {MAX_REDIRECTS} redirects"))
}

/// Where a redirect from `from` to `location` goes, when that is on the
/// same scheme, host and port (a path, or an absolute URL naming the same
/// authority); None for any other host.
fn same_host_target(from: &str, location: &str) -> Option<String> {
    let from: ureq::http::Uri = from.parse().ok()?;
    let (scheme, authority) = (from.scheme_str()?, from.authority()?);
    if location.starts_with('/') && !location.starts_with("//") {
        return Some(format!("{scheme}://{authority}{location}"));
    }
    let to: ureq::http::Uri = location.parse().ok()?;
    (to.scheme_str() == Some(scheme)
        && to.authority().map(|a| a.as_str().to_ascii_lowercase())
            == Some(authority.as_str().to_ascii_lowercase()))
    .then(|| location.to_string())
}

/// A release number without a pre-release part (`1.2.3`, not `1.2.3-rc.1`
/// or PEP 440's `1.2.3rc1`).
fn is_stable(v: &str) -> bool {
    v.chars().all(|c| c.is_ascii_digit() || c == '.') && !v.is_empty()
}

/// `1.2.10` as [1, 2, 10], for ordering releases by number.
fn numbers(v: &str) -> Option<Vec<u64>> {
    v.split('.').map(|p| p.parse().ok()).collect()
}

/// Published versions and dates, oldest first, into the common answer.
fn summarise(
    mut published: Vec<(String, String)>,
    version: &str,
    latest: Option<String>,
    license: Option<String>,
) -> RegistryInfo {
    published.sort_by(|a, b| a.1.cmp(&b.1));
    let released = published
        .iter()
        .find(|(v, _)| v == version)
        .map(|(_, d)| d.clone());
    let latest = latest.or_else(|| {
        published
            .iter()
            .rev()
            .find(|(v, _)| is_stable(v))
            .map(|(v, _)| v.clone())
    });
    let latest_released = latest
        .as_ref()
        .and_then(|l| published.iter().find(|(v, _)| v == l))
        .map(|(_, d)| d.clone());
    // Newer stable numbers only: a backport to an older line published
    // later (17.0.3 after 18.2.0) is not a release the project is behind.
    let behind = match numbers(version) {
        Some(current) => published
            .iter()
            .filter(|(v, _)| is_stable(v) && numbers(v).is_some_and(|n| n > current))
            .count(),
        None => 0,
    };
    RegistryInfo {
        released,
        latest,
        latest_released,
        behind,
        license,
    }
}

fn from_crates_io(doc: &Value, version: &str) -> Option<RegistryInfo> {
    let krate = doc.get("crate")?;
    let mut license = None;
    let published = doc
        .get("versions")?
        .as_array()?
        .iter()
        .filter(|v| !v.get("yanked").and_then(Value::as_bool).unwrap_or(false))
        .filter_map(|v| {
            let num = v.get("num")?.as_str()?;
            if num == version {
                license = v.get("license").and_then(Value::as_str).map(String::from);
            }
            Some((num.to_string(), iso_date(v.get("created_at")?.as_str()?)?))
        })
        .collect();
    let latest = krate
        .get("max_stable_version")
        .and_then(Value::as_str)
        .map(String::from);
    Some(summarise(published, version, latest, license))
}

fn from_npm(doc: &Value, version: &str) -> Option<RegistryInfo> {
    let times = doc.get("time")?.as_object()?;
    let published = times
        .iter()
        .filter(|(v, _)| *v != "created" && *v != "modified")
        .filter_map(|(v, t)| Some((v.clone(), iso_date(t.as_str()?)?)))
        .collect();
    let latest = doc
        .pointer("/dist-tags/latest")
        .and_then(Value::as_str)
        .map(String::from);
    let license = doc
        .get("versions")
        .and_then(|v| v.get(version))
        .and_then(|v| v.get("license"))
        .and_then(Value::as_str)
        .map(String::from);
    Some(summarise(published, version, latest, license))
}

fn from_pypi(doc: &Value, version: &str) -> Option<RegistryInfo> {
    let info = doc.get("info")?;
    let published = doc
        .get("releases")?
        .as_object()?
        .iter()
        .filter_map(|(v, files)| {
            // A release's date is its first file's upload.
            let first = files
                .as_array()?
                .iter()
                .filter_map(|f| iso_date(f.get("upload_time_iso_8601")?.as_str()?))
                .min()?;
            Some((v.clone(), first))
        })
        .collect();
    let latest = info
        .get("version")
        .and_then(Value::as_str)
        .map(String::from);
    let license = info
        .get("license_expression")
        .and_then(Value::as_str)
        .or_else(|| info.get("license").and_then(Value::as_str))
        .filter(|l| !l.is_empty() && l.len() < 100)
        .map(String::from);
    Some(summarise(published, version, latest, license))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An HTTP server on loopback answering one request per reply, in
    /// order; the returned flag says whether anything connected.
    fn serve(replies: Vec<String>) -> (String, std::sync::Arc<std::sync::atomic::AtomicBool>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let hit = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = hit.clone();
        std::thread::spawn(move || {
            // Bounded: give up after 5 s whatever happens.
            let until = std::time::Instant::now() + Duration::from_secs(5);
            let mut replies = replies.into_iter();
            let mut next = replies.next();
            while let Some(reply) = &next
                && std::time::Instant::now() < until
            {
                if let Ok((mut s, _)) = listener.accept() {
                    flag.store(true, std::sync::atomic::Ordering::SeqCst);
                    s.set_nonblocking(false).unwrap();
                    let mut buf = [0u8; 4096];
                    let _ = s.read(&mut buf);
                    let _ = s.write_all(reply.as_bytes());
                    next = replies.next();
                    continue;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        (format!("http://{addr}"), hit)
    }

    fn redirect(to: &str) -> String {
        format!(
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
    }

    fn ok(body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn test_agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(5)))
            .max_redirects(0)
            .build()
            .into()
    }

    #[test]
    fn a_redirect_to_another_host_is_not_followed() {
        // The second loopback port stands in for another host (a
        // link-local metadata address, say): it must never be contacted.
        let (other, other_hit) = serve(vec![ok("{}")]);
        let (registry, _) = serve(vec![redirect(&format!("{other}/latest/meta-data"))]);
        let err = fetch_with(&test_agent(), &format!("{registry}/pkg")).unwrap_err();
        assert!(
            err.contains("outside the registry's host; not followed"),
            "{err}"
        );
        assert!(!other_hit.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn a_redirect_within_the_host_is_followed() {
        let (registry, _) = serve(vec![redirect("/final"), ok("{\"ok\":true}")]);
        let value = fetch_with(&test_agent(), &format!("{registry}/pkg")).unwrap();
        assert_eq!(value["ok"], true);
        assert_eq!(
            same_host_target(
                "https://pypi.org/pypi/x/json",
                "https://PyPI.org/pypi/y/json"
            ),
            Some("https://PyPI.org/pypi/y/json".into())
        );
        for elsewhere in [
            "http://169.254.169.254/latest",
            "//evil.example/x",
            "http://pypi.org/pypi/x",
            "https://pypi.org:8443/x",
        ] {
            assert_eq!(
                same_host_target("https://pypi.org/pypi/x/json", elsewhere),
                None,
                "{elsewhere}"
            );
        }
    }
    use serde_json::json;

    #[test]
    fn crates_io_npm_and_pypi_documents() {
        let crates = json!({
            "crate": {"max_stable_version": "1.2.0"},
            "versions": [
                {"num": "1.2.0", "created_at": "2024-05-01T10:00:00Z", "license": "MIT", "yanked": false},
                {"num": "1.1.1", "created_at": "2024-02-01T10:00:00Z", "license": "MIT", "yanked": true},
                {"num": "1.1.0", "created_at": "2024-01-01T10:00:00Z", "license": "MIT OR Apache-2.0", "yanked": false},
                {"num": "1.0.0", "created_at": "2023-01-01T10:00:00Z", "license": "MIT", "yanked": false}
            ]
        });
        let info = from_crates_io(&crates, "1.1.0").unwrap();
        assert_eq!(
            info,
            RegistryInfo {
                released: Some("2024-01-01".into()),
                latest: Some("1.2.0".into()),
                latest_released: Some("2024-05-01".into()),
                behind: 1,
                license: Some("MIT OR Apache-2.0".into()),
            }
        );
        let npm = json!({
            "dist-tags": {"latest": "8.13.1"},
            "time": {"created": "2010-01-01T00:00:00Z", "modified": "2024-11-01T00:00:00Z",
                     "8.11.3": "2023-08-17T10:00:00Z", "8.12.0": "2024-06-01T10:00:00Z",
                     "7.18.3": "2024-07-01T10:00:00Z",
                     "8.13.0-beta.1": "2024-09-01T10:00:00Z", "8.13.1": "2024-10-27T10:00:00Z"},
            "versions": {"8.11.3": {"license": "MIT"}}
        });
        let info = from_npm(&npm, "8.11.3").unwrap();
        assert_eq!(info.released.as_deref(), Some("2023-08-17"));
        assert_eq!(info.latest_released.as_deref(), Some("2024-10-27"));
        assert_eq!(
            info.behind, 2,
            "neither the beta nor the 7.x backport counts"
        );
        assert_eq!(info.license.as_deref(), Some("MIT"));
        let pypi = json!({
            "info": {"version": "2.32.3", "license": "Apache-2.0"},
            "releases": {
                "2.31.0": [{"upload_time_iso_8601": "2023-05-22T15:12:42.313790Z"}],
                "2.32.3": [{"upload_time_iso_8601": "2024-05-29T15:37:49.536368Z"},
                           {"upload_time_iso_8601": "2024-05-29T15:37:47.000000Z"}],
                "2.32.0rc1": []
            }
        });
        let info = from_pypi(&pypi, "2.31.0").unwrap();
        assert_eq!(info.released.as_deref(), Some("2023-05-22"));
        assert_eq!(info.latest.as_deref(), Some("2.32.3"));
        assert_eq!(info.behind, 1);
        assert_eq!(info.license.as_deref(), Some("Apache-2.0"));
        assert!(from_pypi(&json!({"nope": 1}), "1").is_none());
    }
}
