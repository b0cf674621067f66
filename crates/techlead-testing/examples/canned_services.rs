//! crates.io, npm, PyPI and OSV on loopback with canned answers, for
//! `bench/deps_online.sh`: prints its URL, then answers until stdin closes
//! (or two minutes pass). Every package has releases 1.0.0 to 1.0.9 and
//! 2.0.0; one package name in 25 has an advisory, fixed in 2.0.0.

use serde_json::{Value, json};
use std::io::Read;
use techlead_testing::http::{Reply, Server};

/// The same releases for every package: what differs between packages is
/// the locked version (bench/gen_online.py) and whether it is vulnerable.
fn releases() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = (0..10)
        .map(|i| {
            (
                format!("1.0.{i}"),
                format!("2023-0{}-01T00:00:00Z", 1 + i % 9),
            )
        })
        .collect();
    out.push(("2.0.0".into(), "2025-06-01T00:00:00Z".into()));
    out
}

fn vulnerable(name: &str) -> bool {
    name.bytes().map(u32::from).sum::<u32>() % 25 == 0
}

fn route(method: &str, path: &str, body: &str) -> Reply {
    if method == "POST" && path == "/v1/querybatch" {
        let q: Value = serde_json::from_str(body).unwrap_or(Value::Null);
        let results: Vec<Value> = q["queries"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|q| {
                let name = q["package"]["name"].as_str().unwrap_or_default();
                let eco = q["package"]["ecosystem"].as_str().unwrap_or_default();
                if vulnerable(name) {
                    json!({"vulns": [{"id": format!("BENCH-{eco}-{name}")}]})
                } else {
                    json!({})
                }
            })
            .collect();
        return Reply::json(json!({ "results": results }).to_string());
    }
    if let Some(id) = path.strip_prefix("/v1/vulns/") {
        let mut parts = id.splitn(3, '-');
        let (_, eco, name) = (
            parts.next(),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        return Reply::json(
            json!({"id": id, "summary": "canned advisory", "aliases": [format!("CVE-{id}")],
                   "affected": [{"package": {"ecosystem": eco, "name": name},
                                 "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]}]})
            .to_string(),
        );
    }
    if path.starts_with("/api/v1/crates/") {
        let versions: Vec<Value> = releases()
            .iter()
            .map(|(v, t)| json!({"num": v, "created_at": t, "license": "MIT OR Apache-2.0"}))
            .collect();
        return Reply::json(
            json!({"crate": {"max_stable_version": "2.0.0"}, "versions": versions}).to_string(),
        );
    }
    if path.starts_with("/pypi/") {
        let files: serde_json::Map<String, Value> = releases()
            .iter()
            .map(|(v, t)| (v.clone(), json!([{"upload_time_iso_8601": t}])))
            .collect();
        return Reply::json(
            json!({"info": {"version": "2.0.0", "license_expression": "MIT"}, "releases": files})
                .to_string(),
        );
    }
    if method == "GET" && path.len() > 1 {
        let all = releases();
        let time: serde_json::Map<String, Value> =
            all.iter().map(|(v, t)| (v.clone(), json!(t))).collect();
        let versions: serde_json::Map<String, Value> = all
            .iter()
            .map(|(v, _)| (v.clone(), json!({"license": "MIT"})))
            .collect();
        return Reply::json(
            json!({"dist-tags": {"latest": "2.0.0"}, "time": time, "versions": versions})
                .to_string(),
        );
    }
    Reply::status(404, "{}")
}

fn main() {
    let server = Server::start(route);
    println!("{}", server.url);
    // Until whoever started us closes our stdin.
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    let n = server.requests().len();
    eprintln!("canned_services: {n} requests answered");
}
