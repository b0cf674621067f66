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
            .build()
            .into()
    });
    // crates.io asks every client to say who it is.
    let mut response = agent
        .get(url)
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
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| format!("{url}: {e}"))?;
    serde_json::from_str(&body).map_err(|e| format!("{url}: {e}"))
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
