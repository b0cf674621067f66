//! Registry metadata, only when asked (`--online`): crates.io, the npm
//! registry and PyPI. One document per package name gives, for each
//! version in use: when it was published, whether it was yanked or
//! deprecated, the license the registry states; and for the package: the
//! newest stable release, how many stable releases and major lines are
//! newer than the one in use, and the date of its latest release of any
//! kind.
//!
//! Each registry's address can be replaced (see [`super::Endpoints`]), for
//! a mirror or a test server.

use super::http;
use crate::Ecosystem;
use crate::formats::common::iso_date;
use serde_json::Value;

/// What the registry says about one version of a package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryInfo {
    /// When the version in use was published (YYYY-MM-DD).
    pub released: Option<String>,
    /// The newest stable version, and when it was published.
    pub latest: Option<String>,
    pub latest_released: Option<String>,
    /// Stable versions newer than the one in use.
    pub behind: usize,
    /// Major lines newer than the one in use: `2.x` and `3.x` for 1.4.0;
    /// for a 0.y version each newer `0.y` counts too, as Cargo and npm
    /// treat `0.y` as breaking.
    pub majors_behind: usize,
    /// The newest publication date of any release: when the package last
    /// shipped anything.
    pub last_release: Option<String>,
    /// The version in use was yanked: Some(reason), empty when none given.
    pub yanked: Option<String>,
    /// The version in use (npm), or the package (PyPI's `Development
    /// Status :: 7 - Inactive`), is deprecated: the registry's message.
    pub deprecated: Option<String>,
    pub license: Option<String>,
}

/// One release in a registry document.
#[derive(Debug, Clone, Default)]
struct Release {
    version: String,
    date: Option<String>,
    yanked: Option<String>,
    deprecated: Option<String>,
    license: Option<String>,
}

/// A registry document, read once per package name.
#[derive(Debug, Clone, Default)]
pub struct Releases {
    releases: Vec<Release>,
    /// The registry's own "latest" pointer, when it has one.
    latest: Option<String>,
    /// A message that applies to every version (PyPI inactive).
    deprecated: Option<String>,
    /// The license the registry states for the package as a whole (PyPI
    /// states one for its newest release only).
    license: Option<String>,
}

/// The URL of the document of `name`; None for an ecosystem without a
/// registry client here (go, maven, rubygems, packagist).
pub fn url(at: &super::Endpoints, eco: Ecosystem, name: &str) -> Option<String> {
    let (base, path) = match eco {
        Ecosystem::Cargo => (
            &at.crates,
            format!("/api/v1/crates/{}", http::segment(name)),
        ),
        // `@scope%2fname`, as npm's own client asks.
        Ecosystem::Npm => (
            &at.npm,
            match name.strip_prefix('@') {
                Some(scoped) => format!("/@{}", http::segment(scoped).replace("%2F", "%2f")),
                None => format!("/{}", http::segment(name)),
            },
        ),
        Ecosystem::Pypi => (&at.pypi, format!("/pypi/{}/json", http::segment(name))),
        _ => return None,
    };
    Some(format!("{}{path}", base.trim_end_matches('/')))
}

/// Whether techlead has a registry client for the ecosystem.
pub fn has_client(eco: Ecosystem) -> bool {
    matches!(eco, Ecosystem::Cargo | Ecosystem::Npm | Ecosystem::Pypi)
}

/// Fetches and reads the registry document of `name`.
pub fn fetch(
    client: &http::Client,
    at: &super::Endpoints,
    eco: Ecosystem,
    name: &str,
) -> Option<Result<Releases, String>> {
    let url = url(at, eco, name)?;
    Some(
        client.get_json(&url).and_then(|doc| {
            parse(eco, &doc).ok_or_else(|| format!("{url}: not the registry's JSON"))
        }),
    )
}

pub(crate) fn parse(eco: Ecosystem, doc: &Value) -> Option<Releases> {
    match eco {
        Ecosystem::Cargo => from_crates_io(doc),
        Ecosystem::Npm => from_npm(doc),
        Ecosystem::Pypi => from_pypi(doc),
        _ => None,
    }
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

/// The major line of a version: `[2]` for 2.4.1, `[0, 3]` for 0.3.1,
/// `[0, 0, 7]` for 0.0.7.
fn line(n: &[u64]) -> Vec<u64> {
    let mut out = Vec::new();
    for &x in n {
        out.push(x);
        if x != 0 {
            break;
        }
    }
    out
}

impl Releases {
    /// The answer for the version in use.
    pub fn info(&self, version: &str) -> RegistryInfo {
        let listed = |v: &Release| v.yanked.is_none();
        let this = self.releases.iter().find(|r| r.version == version);
        let latest = self.latest.clone().or_else(|| {
            self.releases
                .iter()
                .filter(|r| listed(r) && is_stable(&r.version))
                .max_by_key(|r| numbers(&r.version))
                .map(|r| r.version.clone())
        });
        let latest_released = latest
            .as_ref()
            .and_then(|l| self.releases.iter().find(|r| &r.version == l))
            .and_then(|r| r.date.clone());
        // Newer stable numbers only, yanked ones aside: a backport to an
        // older line published later (17.0.3 after 18.2.0) is not a
        // release the project is behind.
        let newer: Vec<Vec<u64>> = match numbers(version) {
            Some(current) => self
                .releases
                .iter()
                .filter(|r| listed(r) && is_stable(&r.version))
                .filter_map(|r| numbers(&r.version))
                .filter(|n| *n > current)
                .collect(),
            None => Vec::new(),
        };
        let current_line = numbers(version).map(|n| line(&n));
        let mut lines: Vec<Vec<u64>> = newer
            .iter()
            .map(|n| line(n))
            .filter(|l| Some(l) > current_line.as_ref())
            .collect();
        lines.sort();
        lines.dedup();
        RegistryInfo {
            released: this.and_then(|r| r.date.clone()),
            latest,
            latest_released,
            behind: newer.len(),
            majors_behind: lines.len(),
            last_release: self.releases.iter().filter_map(|r| r.date.clone()).max(),
            yanked: this.and_then(|r| r.yanked.clone()),
            deprecated: this
                .and_then(|r| r.deprecated.clone())
                .or_else(|| self.deprecated.clone()),
            license: this
                .and_then(|r| r.license.clone())
                .or_else(|| self.license.clone()),
        }
    }
}

fn from_crates_io(doc: &Value) -> Option<Releases> {
    let krate = doc.get("crate")?;
    let releases = doc
        .get("versions")?
        .as_array()?
        .iter()
        .filter_map(|v| {
            Some(Release {
                version: v.get("num")?.as_str()?.to_string(),
                date: v
                    .get("created_at")
                    .and_then(Value::as_str)
                    .and_then(iso_date),
                yanked: (v.get("yanked").and_then(Value::as_bool) == Some(true)).then(|| {
                    v.get("yank_message")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                }),
                deprecated: None,
                license: v.get("license").and_then(Value::as_str).map(String::from),
            })
        })
        .collect();
    Some(Releases {
        releases,
        latest: krate
            .get("max_stable_version")
            .and_then(Value::as_str)
            .map(String::from),
        deprecated: None,
        license: None,
    })
}

fn from_npm(doc: &Value) -> Option<Releases> {
    let times = doc.get("time")?.as_object()?;
    let versions = doc.get("versions").and_then(Value::as_object);
    let releases = times
        .iter()
        .filter(|(v, _)| *v != "created" && *v != "modified" && *v != "unpublished")
        .map(|(v, t)| {
            let meta = versions.and_then(|m| m.get(v));
            Release {
                version: v.clone(),
                date: t.as_str().and_then(iso_date),
                yanked: None,
                deprecated: meta
                    .and_then(|m| m.get("deprecated"))
                    .and_then(Value::as_str)
                    .filter(|d| !d.is_empty())
                    .map(String::from),
                license: meta.and_then(crate::license::npm_license),
            }
        })
        .collect();
    Some(Releases {
        releases,
        latest: doc
            .pointer("/dist-tags/latest")
            .and_then(Value::as_str)
            .map(String::from),
        deprecated: None,
        license: None,
    })
}

fn from_pypi(doc: &Value) -> Option<Releases> {
    let info = doc.get("info")?;
    let releases = doc
        .get("releases")?
        .as_object()?
        .iter()
        .map(|(v, files)| {
            let files: &[Value] = files.as_array().map_or(&[], Vec::as_slice);
            // A release is yanked when all its files are (PEP 592).
            let yanked = (!files.is_empty()
                && files
                    .iter()
                    .all(|f| f.get("yanked").and_then(Value::as_bool) == Some(true)))
            .then(|| {
                files
                    .iter()
                    .find_map(|f| f.get("yanked_reason").and_then(Value::as_str))
                    .unwrap_or_default()
                    .to_string()
            });
            Release {
                version: v.clone(),
                // A release's date is its first file's upload.
                date: files
                    .iter()
                    .filter_map(|f| iso_date(f.get("upload_time_iso_8601")?.as_str()?))
                    .min(),
                yanked,
                deprecated: None,
                license: None,
            }
        })
        .collect();
    let classifiers: Vec<&str> = info
        .get("classifiers")
        .and_then(Value::as_array)
        .map(|c| c.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let inactive = classifiers
        .iter()
        .find(|c| c.starts_with("Development Status :: 7"))
        .map(|c| c.to_string());
    let license = info
        .get("license_expression")
        .and_then(Value::as_str)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .or_else(|| {
            info.get("license")
                .and_then(Value::as_str)
                .filter(|l| {
                    !l.is_empty() && l.len() < 100 && crate::license::normalize(l).is_some()
                })
                .map(String::from)
        })
        .or_else(|| {
            let found: Vec<String> = classifiers
                .iter()
                .filter_map(|c| crate::license::classifier(c))
                .collect();
            (found.len() == 1).then(|| found[0].clone())
        });
    // PyPI states the license of its newest release only.
    let current = info
        .get("version")
        .and_then(Value::as_str)
        .map(String::from);
    let mut out = Releases {
        releases,
        latest: current.clone(),
        deprecated: inactive,
        license: None,
    };
    if let Some(r) = out
        .releases
        .iter_mut()
        .find(|r| Some(&r.version) == current.as_ref())
    {
        r.license = license;
    }
    Some(out)
}

#[cfg(test)]
mod tests;
