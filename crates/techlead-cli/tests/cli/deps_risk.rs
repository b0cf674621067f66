//! Dependency risk: licenses (lockfile, installed copies, [deps.clarify]),
//! `deps --online` against registries and OSV served on loopback, the deps
//! check and its policy, and radar evaluate reading the same answers.

use crate::fixture::Project;
use crate::snap;
use serde_json::{Value, json};
use std::process::Command;
use techlead_testing::http::{Reply, Server};

const LOCK: &str = r#"{"name": "shop", "lockfileVersion": 3, "packages": {
  "": {"name": "shop", "dependencies": {"lodash": "^4", "minimist": "^1", "left-pad": "^1", "gpl-thing": "^1"}},
  "node_modules/lodash": {"version": "4.17.20", "license": "MIT"},
  "node_modules/minimist": {"version": "1.2.5", "license": "MIT"},
  "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"},
  "node_modules/gpl-thing": {"version": "1.0.0"}
}}"#;

const CARGO_LOCK: &str = "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"time\",\n]\n\n[[package]]\nname = \"time\"\nversion = \"0.3.35\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";

fn project() -> Project {
    let p = Project::new();
    p.write("package-lock.json", LOCK)
        .write("Cargo.lock", CARGO_LOCK)
        .write("Cargo.toml", "[package]\nname = \"app\"\n[dependencies]\ntime = \"0.3\"\n")
        // The installed copy says what the lockfile does not.
        .write(
            "node_modules/gpl-thing/package.json",
            r#"{"name": "gpl-thing", "version": "1.0.0", "license": "GPLv3"}"#,
        )
        .write(
            "docs/radar/minimist.md",
            "---\nname: Minimist\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"npm:minimist\"]\n---\n\nUse util.parseArgs.\n",
        );
    p
}

fn npm_doc(latest: &str, versions: &[(&str, &str)], deprecated: Option<&str>) -> String {
    let time: serde_json::Map<String, Value> = versions
        .iter()
        .map(|(v, t)| (v.to_string(), json!(t)))
        .collect();
    let meta: serde_json::Map<String, Value> = versions
        .iter()
        .map(|(v, _)| {
            let mut m = json!({"license": "MIT"});
            if let Some(d) = deprecated {
                m["deprecated"] = json!(d);
            }
            (v.to_string(), m)
        })
        .collect();
    json!({"dist-tags": {"latest": latest}, "time": time, "versions": meta}).to_string()
}

/// npm, crates.io and OSV on loopback.
fn services() -> Server {
    Server::start(|method, path, body| match (method, path) {
        ("GET", "/lodash") => Reply::json(npm_doc(
            "4.17.21",
            &[
                ("4.17.20", "2020-08-13T16:53:54Z"),
                ("4.17.21", "2021-02-20T15:42:16Z"),
            ],
            None,
        )),
        ("GET", "/minimist") => Reply::json(npm_doc(
            "1.2.8",
            &[
                ("1.2.5", "2020-03-12T00:00:00Z"),
                ("1.2.8", "2023-02-09T00:00:00Z"),
            ],
            None,
        )),
        ("GET", "/left-pad") => Reply::json(npm_doc(
            "1.3.0",
            &[("1.3.0", "2018-04-09T00:00:00Z")],
            Some("use String.prototype.padStart()"),
        )),
        ("GET", "/gpl-thing") => Reply::json(npm_doc(
            "2.0.0",
            &[
                ("1.0.0", "2019-01-01T00:00:00Z"),
                ("2.0.0", "2025-06-01T00:00:00Z"),
            ],
            None,
        )),
        ("GET", "/api/v1/crates/time") => Reply::json(
            r#"{"crate": {"max_stable_version": "0.3.36"}, "versions": [
                {"num": "0.3.36", "created_at": "2024-04-10T00:00:00Z", "license": "MIT OR Apache-2.0"},
                {"num": "0.3.35", "created_at": "2024-04-01T00:00:00Z", "license": "MIT OR Apache-2.0",
                 "yanked": true, "yank_message": "breaks builds"}]}"#,
        ),
        ("POST", "/v1/querybatch") => osv_batch(
            body,
            &[
                ("lodash", "GHSA-35jh-r3h4-6jhm"),
                ("minimist", "GHSA-xvch-5gv4-984h"),
            ],
        ),
        ("GET", "/v1/vulns/GHSA-35jh-r3h4-6jhm") => Reply::json(
            r#"{"id": "GHSA-35jh-r3h4-6jhm", "summary": "Command Injection in lodash", "aliases": ["CVE-2021-23337"],
                "database_specific": {"severity": "HIGH"},
                "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                  "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}"#,
        ),
        ("GET", "/v1/vulns/GHSA-xvch-5gv4-984h") => Reply::json(
            r#"{"id": "GHSA-xvch-5gv4-984h", "summary": "Prototype Pollution in minimist", "aliases": ["CVE-2021-44906"],
                "database_specific": {"severity": "CRITICAL"},
                "affected": [{"package": {"ecosystem": "npm", "name": "minimist"},
                  "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"fixed": "1.2.6"}]}]}]}"#,
        ),
        _ => Reply::status(404, "{}"),
    })
}

/// OSV's batch answer: the advisory id for each package named in
/// `vulnerable`, nothing for the others.
pub fn osv_batch(body: &str, vulnerable: &[(&str, &str)]) -> Reply {
    let q: Value = serde_json::from_str(body).unwrap();
    let results: Vec<Value> = q["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let name = q["package"]["name"].as_str();
            match vulnerable.iter().find(|(n, _)| Some(*n) == name) {
                Some((_, id)) => json!({"vulns": [{"id": id}]}),
                None => json!({}),
            }
        })
        .collect();
    Reply::json(json!({ "results": results }).to_string())
}

/// The risk row of one ecosystem in a report's JSON.
fn eco_risk<'a>(report: &'a Value, ecosystem: &str) -> &'a Value {
    report["dependencies"]["ready"]["risk"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ecosystem"] == ecosystem)
        .unwrap()
}

/// `techlead ARGS` with every service on `url`.
fn online(p: &Project, url: &str, args: &[&str]) -> Command {
    let mut c = p.cmd(args);
    for var in [
        "TECHLEAD_REGISTRY_CRATES",
        "TECHLEAD_REGISTRY_NPM",
        "TECHLEAD_REGISTRY_PYPI",
        "TECHLEAD_OSV_URL",
    ] {
        c.env(var, url);
    }
    c
}

#[test]
fn licenses_come_from_lockfiles_installed_copies_and_clarify() {
    let p = project();
    // A crate installed in Cargo's registry sources.
    let home = p.path("cargo-home");
    std::fs::create_dir_all(home.join("registry/src/index.crates.io-x/time-0.3.35")).unwrap();
    std::fs::write(
        home.join("registry/src/index.crates.io-x/time-0.3.35/Cargo.toml"),
        "[package]\nname = \"time\"\nversion = \"0.3.35\"\nlicense = \"MIT/Apache-2.0\"\n",
    )
    .unwrap();
    let out = p
        .cmd(&["deps", "--format", "json"])
        .env("CARGO_HOME", &home)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let license = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["license"]
            .clone()
    };
    assert_eq!(license("time"), "MIT OR Apache-2.0");
    assert_eq!(license("gpl-thing"), "GPL-3.0-only");
    assert_eq!(license("lodash"), "MIT");
    p.write(
        "techlead.toml",
        "[deps.clarify]\n\"npm:left-pad\" = \"MIT\"\n",
    );
    let v = p.json(&["deps", "--format", "json"]);
    let left_pad = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "left-pad")
        .unwrap();
    assert_eq!(left_pad["license"], "MIT");
    snap!(p, "licenses_text", p.cmd(&["deps"]));
}

#[test]
fn online_shows_the_risk_with_hold_and_vulnerable_first() {
    let p = project();
    let server = services();
    snap!(
        p,
        "online_text",
        online(&p, &server.url, &["deps", "--online"])
    );
    let out = online(&p, &server.url, &["deps", "--online", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v[0];
    assert_eq!(
        first["name"], "minimist",
        "on Hold and vulnerable comes first"
    );
    assert_eq!(first["on_hold"], "Minimist");
    assert_eq!(first["vulnerabilities"][0]["fixed"], json!(["1.2.6"]));
    let time = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "time")
        .unwrap();
    assert_eq!(time["yanked"], true);
    assert_eq!(time["days_behind"], 9);
    assert_eq!(time["license"], "MIT OR Apache-2.0", "from the registry");
    // The answers were cached: a second run asks nothing.
    let asked = server.requests().len();
    let again = online(&p, &server.url, &["deps", "--online", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(again.stdout, out.stdout);
    assert_eq!(server.requests().len(), asked, "{:?}", server.requests());
    // --no-cache asks again.
    online(
        &p,
        &server.url,
        &["deps", "--online", "--no-cache", "--format", "json"],
    )
    .output()
    .unwrap();
    assert!(server.requests().len() > asked);
    let csv = online(&p, &server.url, &["deps", "--online", "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with(
        "ecosystem,name,version,latest,behind,majors,days,vulnerabilities,fixed_in,flags,license,source\n"
    ));
}

#[test]
fn unreachable_services_are_notes_and_unknowns_never_a_wrong_answer() {
    let p = project();
    // The fixture's addresses: a closed port on loopback.
    snap!(
        p,
        "online_unreachable",
        p.cmd(&["deps", "--online", "--no-cache"])
    );
    let out = p
        .cmd(&["deps", "--online", "--no-cache", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["vulnerabilities"], Value::Null, "unknown, not []");
    assert!(
        v[0]["vulnerabilities_error"]
            .as_str()
            .unwrap()
            .contains("127.0.0.1:9")
    );
    // A service that answers too slowly: the same, within the timeout.
    let slow = Server::start(|_, _, _| Reply::json("{}").after(std::time::Duration::from_secs(5)));
    let out = online(
        &p,
        &slow.url,
        &["deps", "--online", "--no-cache", "--format", "json"],
    )
    .env("TECHLEAD_ONLINE_TIMEOUT", "0.5")
    .output()
    .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("vulnerabilities (OSV) not read for 5 packages"),
        "{stderr}"
    );
}

#[test]
fn the_deps_check_judges_licenses_offline_and_risk_online() {
    let p = project();
    // No [deps]: the check does not run.
    let (_, rules) = p.rules_found(&["check"]);
    assert!(!rules.iter().any(|r| r.starts_with("deps/")), "{rules:?}");
    p.write(
        "techlead.toml",
        "[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n\n[deps.clarify]\n\"npm:left-pad\" = \"WTFPL\"\n",
    );
    snap!(p, "check_offline", p.cmd(&["check"]));
    let server = services();
    snap!(
        p,
        "check_online",
        online(&p, &server.url, &["check", "--online"])
    );
    // `online = true` in the section does the same as the flag.
    p.write(
        "techlead.toml",
        "[deps]\nonline = true\ndeny_licenses = [\"GPL-3.0-only\"]\n",
    );
    let out = online(&p, &server.url, &["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["rule"], "deps/vulnerable");
    assert!(
        v[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("on Hold in the radar (Minimist")
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_policy_that_does_not_read_is_an_input_error_at_its_line() {
    let p = project();
    p.write(
        "techlead.toml",
        "[deps]\ndeny_licenses = [\"GPL\", \"MIT OR Apache-2.0\"]\n\n[deps.clarify]\nleft-pad = \"Whatever\"\n",
    );
    snap!(p, "bad_policy", p.cmd(&["check"]));
}

#[test]
fn radar_evaluate_reads_the_same_online_answers() {
    let p = project();
    let server = services();
    let out = online(
        &p,
        &server.url,
        &["radar", "evaluate", "minimist", "--online"],
    )
    .output()
    .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("npm:minimist 1.2.5 (package-lock.json), released 2020-03-12 (70 months ago), latest 1.2.8 of 2023-02-09, 1 stable release behind"),
        "{text}"
    );
    assert!(
        text.contains("known vulnerabilities: npm:minimist 1.2.5: GHSA-xvch-5gv4-984h (CVE-2021-44906): Prototype Pollution in minimist; fixed in 1.2.6"),
        "{text}"
    );
    // The cache `deps --online` then uses holds the minimist answers.
    let asked = server.requests().len();
    let out = online(&p, &server.url, &["deps", "--online", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !server.requests()[asked..]
            .iter()
            .any(|r| r == "GET /minimist"),
        "{:?}",
        server.requests()
    );
}

/// The project with a license policy, as a git repository with a commit
/// (for `snapshot`).
fn committed() -> Project {
    let p = project();
    p.write(
        "techlead.toml",
        "[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n",
    );
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    let when = "2025-06-01T10:00:00Z";
    p.git("alice", when, &["init", "-q", "-b", "main"]);
    p.git("alice", when, &["add", "-A"]);
    p.git("alice", when, &["commit", "-q", "-m", "start"]);
    p
}

#[test]
fn nothing_leaves_the_machine_without_online() {
    let p = committed();
    let server = services();
    for args in [
        &["deps"][..],
        &["deps", "--format", "json"],
        &["deps", "--format", "csv"],
        &["deps", "--format", "cyclonedx"],
        &["deps", "--format", "spdx"],
        &["deps", "--unused"],
        &["check"],
        &["check", "--format", "sarif"],
        &["radar", "evaluate", "minimist"],
        &["snapshot", "--dry-run"],
    ] {
        let out = online(&p, &server.url, args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(server.requests(), Vec::<String>::new(), "{args:?}");
    }
    // The same services, asked: the test above can fail.
    online(&p, &server.url, &["check", "--online"])
        .output()
        .unwrap();
    assert!(!server.requests().is_empty());
}

#[test]
fn snapshot_records_the_risk_metrics_online_and_says_why_not_offline() {
    let p = committed();
    let server = services();
    let metric = crate::fixture::measurement;
    let offline = p.json(&["snapshot", "--dry-run", "--format", "json"]);
    // gpl-thing's installed copy says GPL-3.0-only; time's license is unknown.
    assert_eq!(metric(&offline, "deps.denied_license")["value"], 1.0);
    assert_eq!(metric(&offline, "deps.unknown_license")["value"], 1.0);
    for name in ["deps.vulnerable", "deps.yanked", "deps.outdated_major"] {
        let m = metric(&offline, name);
        assert!(m.get("value").is_none(), "{m}");
        assert!(
            m["absent"].as_str().unwrap().contains("snapshot --online"),
            "{m}"
        );
    }
    let out = online(
        &p,
        &server.url,
        &["snapshot", "--online", "--dry-run", "--format", "json"],
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // lodash and minimist; time 0.3.35 is yanked; gpl-thing is a major behind.
    assert_eq!(metric(&v, "deps.vulnerable")["value"], 2.0);
    assert_eq!(metric(&v, "deps.yanked")["value"], 1.0);
    assert_eq!(metric(&v, "deps.outdated_major")["value"], 1.0);
    // time's license now comes from crates.io.
    assert_eq!(metric(&v, "deps.unknown_license")["value"], 0.0);
    // Services down, no cache: unknown, never 0.
    let out = p
        .cmd(&[
            "snapshot",
            "--online",
            "--no-cache",
            "--dry-run",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = metric(&v, "deps.vulnerable");
    assert!(m.get("value").is_none(), "{m}");
    assert!(
        m["absent"]
            .as_str()
            .unwrap()
            .starts_with("5 package versions without an answer from OSV"),
        "{m}"
    );
}

#[test]
fn the_report_shows_the_risk_and_calls_out_vulnerable_packages_on_hold_first() {
    let p = project();
    let server = services();
    // Offline: licence counts, and what the rest needs; nothing asked.
    let offline = p.json(&["report", "--no-snapshot", "--format", "json", "--stdout"]);
    assert_eq!(
        offline["dependencies"]["ready"]["vulnerabilities"],
        Value::Null
    );
    let npm = eco_risk(&offline, "npm");
    assert_eq!(npm["packages"], 4);
    assert_eq!(npm["vulnerable"], Value::Null);
    let html = p.ok(&["report", "--no-snapshot", "--stdout"]);
    assert!(html.contains("Dependency risk by ecosystem"));
    assert!(html.contains("<code>techlead report --online</code>"));
    assert_eq!(server.requests(), Vec::<String>::new());

    // Online: the vulnerable packages, the one on Hold first, and the
    // overview's first risk.
    let args = [
        "report",
        "--online",
        "--no-snapshot",
        "--format",
        "json",
        "--stdout",
    ];
    let out = online(&p, &server.url, &args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let scan = &report["dependencies"]["ready"]["vulnerabilities"];
    assert_eq!(scan["unknown"], 0);
    let vulnerable = scan["vulnerable"].as_array().unwrap();
    let names: Vec<&str> = vulnerable
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["minimist", "lodash"]);
    assert_eq!(
        vulnerable[0],
        json!({"ecosystem": "npm", "name": "minimist", "version": "1.2.5",
               "source": "package-lock.json", "line": 4,
               "advisories": ["GHSA-xvch-5gv4-984h"], "fixed": ["1.2.6"], "on_hold": "Minimist"})
    );
    assert_eq!(eco_risk(&report, "npm")["vulnerable"], 2);
    assert_eq!(eco_risk(&report, "cargo")["yanked"], 1);
    let top = &report["overview"]["risks"][0];
    assert_eq!(top["anchor"], "dependencies");
    assert_eq!(top["title"], "1 vulnerable package on Hold");

    // In the HTML the call-out opens the section, before the tables.
    let mut args = args.to_vec();
    args.retain(|a| *a != "--format" && *a != "json");
    let out = online(&p, &server.url, &args).output().unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let section = &html[html.find("id=\"dependencies\"").unwrap()..];
    let callout = section
        .find("On the radar&#39;s Hold ring and vulnerable: fix these first")
        .or_else(|| section.find("On the radar's Hold ring and vulnerable: fix these first"))
        .expect("the call-out");
    assert!(callout < section.find("Dependencies by ecosystem").unwrap());
    assert!(section.contains("GHSA-35jh-r3h4-6jhm"));
    assert!(!section.contains("techlead report --online"));

    // OSV out of reach: unknown, never "no vulnerability".
    let out = p
        .cmd(&[
            "--no-cache",
            "report",
            "--online",
            "--no-snapshot",
            "--format",
            "json",
            "--stdout",
        ])
        .env("TECHLEAD_ONLINE_TIMEOUT", "0.5")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let scan = &report["dependencies"]["ready"]["vulnerabilities"];
    assert_eq!(scan["vulnerable"], json!([]));
    assert_eq!(scan["unknown"], 5, "{scan:#}");
    let html = p.ok(&[
        "--no-cache",
        "report",
        "--online",
        "--no-snapshot",
        "--stdout",
    ]);
    assert!(html.contains("OSV gave no answer for 5 packages"));
    assert!(!html.contains("No package has a known vulnerability"));
}

#[test]
fn junit_lists_the_online_rules_as_skipped_offline_and_only_the_checks_that_ran() {
    let p = project();
    p.write("techlead.toml", "[deps]\n");
    let out = p.cmd(&["check", "--format", "junit"]).output().unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let skipped: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|k| k.has_tag_name("skipped")))
        .map(|c| c.attribute("classname").unwrap())
        .collect();
    assert_eq!(
        skipped,
        [
            "deps/vulnerable",
            "deps/yanked",
            "deps/outdated-major",
            "deps/unmaintained"
        ],
        "{xml}"
    );
    // Only the checks that ran are listed: no decisions folder, no
    // boundaries, so none of their rules.
    assert!(
        cases
            .iter()
            .all(|c| c.attribute("classname").unwrap().starts_with("deps/")
                || c.attribute("classname").unwrap().starts_with("radar/")),
        "{xml}"
    );
    // Online, they run.
    let server = services();
    let out = online(&p, &server.url, &["check", "--online", "--format", "junit"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("<skipped"));
}
