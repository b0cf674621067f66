use super::*;
use serde_json::Value;
use std::time::Duration;
use techlead_testing::http::{Reply, Server};

fn pkg(eco: Ecosystem, name: &str, version: &str) -> Package {
    Package {
        ecosystem: eco,
        name: name.into(),
        version: version.into(),
        direct: Some(true),
        dev: Some(false),
        source: "lock".into(),
        declared_by: Vec::new(),
        line: 1,
        requested: Vec::new(),
        released: None,
        license: None,
        depends: Vec::new(),
    }
}

/// The registries and OSV on loopback, with canned answers.
fn services() -> Server {
    Server::start(|method, path, body| match (method, path) {
        ("GET", "/lodash") => Reply::json(
            r#"{"dist-tags": {"latest": "4.17.21"},
                "time": {"4.17.20": "2020-08-13T16:53:54Z", "4.17.21": "2021-02-20T15:42:16Z"},
                "versions": {"4.17.20": {"license": "MIT"}, "4.17.21": {"license": "MIT"}}}"#,
        ),
        ("GET", "/api/v1/crates/serde") => Reply::json(
            r#"{"crate": {"max_stable_version": "2.0.0"},
                "versions": [{"num": "2.0.0", "created_at": "2024-06-01T00:00:00Z", "license": "MIT OR Apache-2.0"},
                             {"num": "1.0.100", "created_at": "2019-09-01T00:00:00Z", "license": "MIT OR Apache-2.0", "yanked": true}]}"#,
        ),
        ("POST", "/v1/querybatch") => {
            let q: Value = serde_json::from_str(body).unwrap();
            let results: Vec<Value> = q["queries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| match (q["package"]["name"].as_str(), q["version"].as_str()) {
                    (Some("lodash"), Some("4.17.20")) => {
                        serde_json::json!({"vulns": [{"id": "GHSA-35jh-r3h4-6jhm", "modified": "x"}]})
                    }
                    (Some("golang.org/x/net"), Some("0.20.0")) => {
                        serde_json::json!({"vulns": [{"id": "GO-2024-2687", "modified": "x"}]})
                    }
                    _ => serde_json::json!({}),
                })
                .collect();
            Reply::json(serde_json::json!({ "results": results }).to_string())
        }
        ("GET", "/v1/vulns/GHSA-35jh-r3h4-6jhm") => Reply::json(
            r#"{"id": "GHSA-35jh-r3h4-6jhm", "summary": "Command Injection in lodash", "aliases": ["CVE-2021-23337"],
                "database_specific": {"severity": "HIGH"},
                "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                              "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}"#,
        ),
        ("GET", "/v1/vulns/GO-2024-2687") => Reply::status(500, "{}"),
        _ => Reply::status(404, "{}"),
    })
}

fn options(server_url: &str, now: u64, use_cache: bool) -> Options {
    Options {
        use_cache,
        ttl_secs: 3600,
        now,
        endpoints: Endpoints {
            crates: server_url.into(),
            npm: server_url.into(),
            pypi: server_url.into(),
            osv: server_url.into(),
        },
        timeout: Duration::from_secs(5),
    }
}

fn packages() -> Vec<Package> {
    vec![
        pkg(Ecosystem::Npm, "lodash", "4.17.20"),
        pkg(Ecosystem::Cargo, "serde", "1.0.100"),
        pkg(Ecosystem::Pypi, "requests", ">=2"),
        pkg(Ecosystem::Go, "golang.org/x/net", "v0.20.0"),
    ]
}

#[test]
fn one_batch_per_ecosystem_then_the_cache_then_stale_answers_when_down() {
    let root = tempfile::tempdir().unwrap();
    let server = services();
    let all = packages();
    let refs: Vec<&Package> = all.iter().collect();
    let now = 1_750_000_000;
    let a = assess(root.path(), &refs, &options(&server.url, now, true));
    let lodash = a.get(&all[0]).unwrap();
    let info = lodash.registry.clone().unwrap().unwrap();
    assert_eq!((info.latest.as_deref(), info.behind), (Some("4.17.21"), 1));
    let vulns = lodash.vulnerabilities.clone().unwrap();
    assert_eq!(vulns.len(), 1);
    assert_eq!(vulns[0].id, "GHSA-35jh-r3h4-6jhm");
    assert_eq!(vulns[0].fixed, ["4.17.21"]);
    assert_eq!(vulns[0].aliases, ["CVE-2021-23337"]);
    let serde = a.get(&all[1]).unwrap();
    let info = serde.registry.clone().unwrap().unwrap();
    assert_eq!(info.yanked.as_deref(), Some(""));
    assert_eq!(info.majors_behind, 1);
    assert_eq!(serde.vulnerabilities, Ok(vec![]));
    let requests = a.get(&all[2]).unwrap();
    assert!(
        requests
            .vulnerabilities
            .as_ref()
            .unwrap_err()
            .contains("range")
    );
    assert!(
        requests.registry.as_ref().unwrap().is_err(),
        "404: unknown, not empty"
    );
    let go = a.get(&all[3]).unwrap();
    assert_eq!(go.registry, None, "no registry client for Go");
    let go_vulns = go.vulnerabilities.clone().unwrap();
    assert_eq!(
        go_vulns[0].id, "GO-2024-2687",
        "known vulnerable without its details"
    );
    assert_eq!(go_vulns[0].summary, None);
    assert!(
        a.notes
            .iter()
            .any(|n| n.contains("advisory details (OSV) not read for 1 advisory")),
        "{:?}",
        a.notes
    );
    let posts = server
        .requests()
        .iter()
        .filter(|r| r.starts_with("POST /v1/querybatch"))
        .count();
    assert_eq!(posts, 3, "npm, crates.io and Go: one batch each");
    a.cache.unwrap().save().unwrap();

    // Within the time to live: nothing is asked again.
    let before = server.requests().len();
    let b = assess(root.path(), &refs, &options(&server.url, now + 60, true));
    assert_eq!(
        b.get(&all[0]),
        a.risks
            .get(&(Ecosystem::Npm, "lodash".into(), "4.17.20".into()))
    );
    let asked: Vec<String> = server.requests()[before..].to_vec();
    // Only what failed before (the 404 and the 500) is asked again.
    assert!(
        asked
            .iter()
            .all(|r| r == "GET /pypi/requests/json" || r == "GET /v1/vulns/GO-2024-2687"),
        "{asked:?}"
    );
    b.cache.unwrap().save().unwrap();

    // Past the time to live (an hour here), with the services up: asked
    // again, and cached anew.
    let before = server.requests().len();
    let expired = now + 7200;
    let e = assess(root.path(), &refs, &options(&server.url, expired, true));
    let asked: Vec<String> = server.requests()[before..].to_vec();
    assert!(asked.iter().any(|r| r == "GET /lodash"), "{asked:?}");
    assert!(
        asked.iter().any(|r| r.starts_with("POST /v1/querybatch")),
        "{asked:?}"
    );
    assert_eq!(e.from_cache, 0, "nothing fresh in the cache: {asked:?}");
    e.cache.unwrap().save().unwrap();

    // Expired again, and the services are down: the old answers, with a
    // note.
    drop(server);
    let down = "http://127.0.0.1:9";
    let c = assess(root.path(), &refs, &options(down, expired + 7200, true));
    assert_eq!(
        c.get(&all[0]).unwrap().vulnerabilities.as_ref().unwrap()[0].id,
        "GHSA-35jh-r3h4-6jhm"
    );
    assert!(
        c.notes
            .iter()
            .any(|n| n.contains("older than its time to live")),
        "{:?}",
        c.notes
    );

    // Without the cache and with the services down: unknown, never empty.
    let d = assess(root.path(), &refs, &options(down, now, false));
    assert!(d.cache.is_none());
    let lodash = d.get(&all[0]).unwrap();
    assert!(lodash.vulnerabilities.is_err());
    assert!(lodash.registry.as_ref().unwrap().is_err());
    assert!(
        d.notes
            .iter()
            .any(|n| n.contains("vulnerabilities (OSV) not read for 3 packages")),
        "{:?}",
        d.notes
    );
}

#[test]
fn a_slow_service_is_a_timeout_and_a_note() {
    let slow = Server::start(|_, _, _| Reply::json("{}").after(Duration::from_secs(3)));
    let all = [pkg(Ecosystem::Npm, "lodash", "4.17.20")];
    let refs: Vec<&Package> = all.iter().collect();
    let mut opts = options(&slow.url, 1, false);
    opts.timeout = Duration::from_millis(300);
    let a = assess(std::path::Path::new("."), &refs, &opts);
    let risk = a.get(&all[0]).unwrap();
    // Both answers are missing because the requests timed out (not
    // because of anything the server said: it would have answered `{}`).
    let osv = risk.vulnerabilities.as_ref().unwrap_err();
    let registry = risk.registry.as_ref().unwrap().as_ref().unwrap_err();
    for e in [osv, registry] {
        assert!(e.to_lowercase().contains("timeout"), "{e}");
    }
    assert!(a.notes.len() >= 2, "{:?}", a.notes);
}
