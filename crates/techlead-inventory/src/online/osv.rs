//! Known vulnerabilities from OSV (<https://osv.dev>): one batched query
//! per ecosystem (`/v1/querybatch`, at most 1,000 packages a request, as
//! the API allows), then the details of each advisory found
//! (`/v1/vulns/{id}`): summary, aliases, severity, and the versions that
//! fix it for the package in question.
//!
//! The address can be replaced (see [`super::Endpoints`]), for a mirror or
//! a test server.

use super::http;
use crate::Ecosystem;
use serde_json::{Value, json};

/// The most queries one `querybatch` request may hold.
pub const BATCH: usize = 1000;

/// Pages of one query's results followed before giving up.
const MAX_PAGES: usize = 20;

/// OSV's name of an ecosystem.
pub fn ecosystem(eco: Ecosystem) -> &'static str {
    match eco {
        Ecosystem::Cargo => "crates.io",
        Ecosystem::Npm => "npm",
        Ecosystem::Pypi => "PyPI",
        Ecosystem::Go => "Go",
        Ecosystem::Rubygems => "RubyGems",
        Ecosystem::Maven => "Maven",
        Ecosystem::Packagist => "Packagist",
    }
}

/// The version as OSV compares it: Go's without the `v`, a gem's without
/// its platform. None for a range or a placeholder, which OSV cannot
/// match against.
pub fn query_version(eco: Ecosystem, version: &str) -> Option<String> {
    if !crate::sbom::purl::is_exact(version) {
        return None;
    }
    Some(match eco {
        Ecosystem::Go => version.strip_prefix('v').unwrap_or(version).to_string(),
        Ecosystem::Rubygems => version.split('-').next().unwrap_or(version).to_string(),
        _ => version.to_string(),
    })
}

/// One package version to look up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Query {
    pub ecosystem: Ecosystem,
    pub name: String,
    /// As OSV compares it ([`query_version`]).
    pub version: String,
}

fn query_json(q: &Query, page: Option<&str>) -> Value {
    let mut v = json!({
        "package": {"ecosystem": ecosystem(q.ecosystem), "name": q.name},
        "version": q.version,
    });
    if let Some(p) = page {
        v["page_token"] = json!(p);
    }
    v
}

/// The advisory ids for each query (at most [`BATCH`]), in order.
pub fn query_batch(
    client: &http::Client,
    base: &str,
    queries: &[Query],
) -> Result<Vec<Vec<String>>, String> {
    let url = format!("{}/v1/querybatch", base.trim_end_matches('/'));
    let body = json!({"queries": queries.iter().map(|q| query_json(q, None)).collect::<Vec<_>>()});
    let answer = client.post_json(&url, &body)?;
    let results = answer
        .get("results")
        .and_then(Value::as_array)
        .filter(|r| r.len() == queries.len())
        .ok_or_else(|| format!("{url}: not one result per query"))?;
    let mut out = Vec::with_capacity(queries.len());
    for (q, r) in queries.iter().zip(results) {
        let mut ids = ids_of(r);
        // More than a page of advisories for one version: ask again for
        // the rest, one page at a time.
        let mut token = r
            .get("next_page_token")
            .and_then(Value::as_str)
            .map(String::from);
        let mut pages = 0;
        while let Some(t) = token.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(format!("{url}: more than {MAX_PAGES} pages for {}", q.name));
            }
            let again = json!({"queries": [query_json(q, Some(&t))]});
            let page = client.post_json(&url, &again)?;
            let first = page.pointer("/results/0").cloned().unwrap_or(Value::Null);
            ids.extend(ids_of(&first));
            token = first
                .get("next_page_token")
                .and_then(Value::as_str)
                .map(String::from);
        }
        ids.sort();
        ids.dedup();
        out.push(ids);
    }
    Ok(out)
}

fn ids_of(result: &Value) -> Vec<String> {
    result
        .get("vulns")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.get("id").and_then(Value::as_str))
        .map(String::from)
        .collect()
}

/// An advisory's details, as far as techlead reports them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vuln {
    pub id: String,
    pub summary: Option<String>,
    /// Other ids of the same advisory (CVE, GHSA), sorted.
    pub aliases: Vec<String>,
    /// The database's severity (`HIGH`, `MODERATE`) or else a CVSS vector.
    pub severity: Option<String>,
    /// (OSV ecosystem, package name, fixed versions) per affected package.
    pub fixed: Vec<(String, String, Vec<String>)>,
}

/// Fetches `/v1/vulns/{id}`.
pub fn details(client: &http::Client, base: &str, id: &str) -> Result<Vuln, String> {
    let url = format!(
        "{}/v1/vulns/{}",
        base.trim_end_matches('/'),
        http::segment(id)
    );
    let doc = client.get_json(&url)?;
    parse_vuln(&doc).ok_or_else(|| format!("{url}: not an OSV record"))
}

pub(crate) fn parse_vuln(doc: &Value) -> Option<Vuln> {
    let id = doc.get("id")?.as_str()?.to_string();
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect()
    };
    let mut aliases = strings(doc.get("aliases"));
    aliases.sort();
    let severity = doc
        .pointer("/database_specific/severity")
        .and_then(Value::as_str)
        .map(String::from)
        .or_else(|| {
            doc.get("severity")
                .and_then(Value::as_array)
                .and_then(|s| s.first())
                .and_then(|s| s.get("score"))
                .and_then(Value::as_str)
                .map(String::from)
        });
    let mut fixed = Vec::new();
    for a in doc
        .get("affected")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(eco), Some(name)) = (
            a.pointer("/package/ecosystem").and_then(Value::as_str),
            a.pointer("/package/name").and_then(Value::as_str),
        ) else {
            continue;
        };
        let mut versions: Vec<String> = Vec::new();
        for r in a
            .get("ranges")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            // Git ranges name commits, not releases.
            if r.get("type").and_then(Value::as_str) == Some("GIT") {
                continue;
            }
            for e in r
                .get("events")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(f) = e.get("fixed").and_then(Value::as_str) {
                    versions.push(f.to_string());
                }
            }
        }
        versions.dedup();
        fixed.push((eco.to_string(), name.to_string(), versions));
    }
    Some(Vuln {
        id,
        summary: doc
            .get("summary")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_string()),
        aliases,
        severity,
        fixed,
    })
}

/// One advisory as it concerns one package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Advisory {
    pub id: String,
    pub aliases: Vec<String>,
    pub summary: Option<String>,
    pub severity: Option<String>,
    /// The versions that fix it for this package; empty when none is
    /// known (no fix yet, or the details could not be read).
    pub fixed: Vec<String>,
    /// Its page on osv.dev.
    pub url: String,
}

impl Vuln {
    /// The advisory as it concerns `name` in `eco`.
    pub fn advisory(&self, eco: Ecosystem, name: &str) -> Advisory {
        let same = |n: &str| match eco {
            Ecosystem::Pypi => techlead_project::pep503(n) == techlead_project::pep503(name),
            Ecosystem::Packagist => n.eq_ignore_ascii_case(name),
            _ => n == name,
        };
        let mut fixed: Vec<String> = self
            .fixed
            .iter()
            .filter(|(e, n, _)| e == ecosystem(eco) && same(n))
            .flat_map(|(_, _, v)| v.iter().cloned())
            .map(|v| match eco {
                Ecosystem::Go if !v.starts_with('v') => format!("v{v}"),
                _ => v,
            })
            .collect();
        fixed.sort();
        fixed.dedup();
        Advisory {
            id: self.id.clone(),
            aliases: self.aliases.clone(),
            summary: self.summary.clone(),
            severity: self.severity.clone(),
            fixed,
            url: format!("https://osv.dev/vulnerability/{}", self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_osv_record() {
        let doc = json!({
            "id": "GHSA-jfh8-c2jp-5v3q",
            "summary": "Remote code injection in Log4j ",
            "aliases": ["CVE-2021-44228"],
            "database_specific": {"severity": "CRITICAL"},
            "affected": [
                {"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.13.0"}, {"fixed": "2.15.0"}]},
                            {"type": "ECOSYSTEM", "events": [{"introduced": "2.0-beta9"}, {"fixed": "2.3.1"}]},
                            {"type": "GIT", "events": [{"introduced": "0"}, {"fixed": "abc123"}]}]},
                {"package": {"ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-api"},
                 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "9.9"}]}]}
            ]
        });
        let v = parse_vuln(&doc).unwrap();
        let a = v.advisory(Ecosystem::Maven, "org.apache.logging.log4j:log4j-core");
        assert_eq!(a.fixed, ["2.15.0", "2.3.1"]);
        assert_eq!(a.summary.as_deref(), Some("Remote code injection in Log4j"));
        assert_eq!(a.severity.as_deref(), Some("CRITICAL"));
        assert_eq!(a.aliases, ["CVE-2021-44228"]);
        assert_eq!(a.url, "https://osv.dev/vulnerability/GHSA-jfh8-c2jp-5v3q");
        let go = parse_vuln(&json!({"id": "GO-2024-1", "affected": [
            {"package": {"ecosystem": "Go", "name": "golang.org/x/net"},
             "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.23.0"}]}]}]}))
        .unwrap();
        assert_eq!(
            go.advisory(Ecosystem::Go, "golang.org/x/net").fixed,
            ["v0.23.0"]
        );
        assert!(parse_vuln(&json!({"summary": "no id"})).is_none());
    }

    #[test]
    fn versions_as_osv_compares_them() {
        assert_eq!(
            query_version(Ecosystem::Go, "v1.2.3").as_deref(),
            Some("1.2.3")
        );
        assert_eq!(
            query_version(Ecosystem::Rubygems, "1.16.5-x86_64-linux").as_deref(),
            Some("1.16.5")
        );
        assert_eq!(query_version(Ecosystem::Pypi, ">=2"), None);
        assert_eq!(
            query_version(Ecosystem::Npm, "1.0.0-rc.1").as_deref(),
            Some("1.0.0-rc.1")
        );
    }
}
