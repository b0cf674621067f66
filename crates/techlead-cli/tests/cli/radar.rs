//! `techlead radar` and the radar's policy in `techlead check`, on records
//! and lockfiles the tests write.

use super::fixture::Project;
use crate::snap;

fn project() -> Project {
    let p = Project::new();
    p.write(
        "web/package.json",
        r#"{ "name": "web", "dependencies": { "moment": "^2.30.0", "axios": "^1.7.0", "got": "^14.0.0" } }"#,
    )
    .write(
        "web/package-lock.json",
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"axios\": \"^1.7.0\", \"got\": \"^14.0.0\", \"moment\": \"^2.30.0\" } },\n    \"node_modules/axios\": { \"version\": \"1.7.2\" },\n    \"node_modules/got\": { \"version\": \"14.4.1\" },\n    \"node_modules/moment\": { \"version\": \"2.30.1\" }\n  }\n}\n",
    );
    p
}

#[test]
fn add_move_list_and_show() {
    let p = project();
    snap!(
        p,
        "add",
        p.cmd(&[
            "radar",
            "add",
            "Moment.js",
            "--quadrant",
            "languages-and-frameworks",
            "--ring",
            "trial",
            "--package",
            "npm:moment",
            "--purpose",
            "dates",
            "--tag",
            "frontend"
        ])
    );
    crate::snap_text!("added_record", p.read("docs/radar/moment-js.md"));
    p.ok(&[
        "radar",
        "move",
        "moment",
        "hold",
        "--reason",
        "unmaintained; use date-fns",
    ]);
    crate::snap_text!("moved_record", p.read("docs/radar/moment-js.md"));
    p.ok(&[
        "radar",
        "add",
        "Axios",
        "--quadrant",
        "tools",
        "--ring",
        "adopt",
        "--package",
        "npm:axios",
        "--purpose",
        "http-client",
    ]);
    snap!(p, "list_text", p.cmd(&["radar", "list"]));
    snap!(p, "list_csv", p.cmd(&["radar", "list", "--format", "csv"]));
    let json = p.json(&["radar", "list", "--format", "json"]);
    assert_eq!(json[1]["ring"], "hold");
    assert_eq!(json[1]["packages"][0]["name"], "moment");
    let shown = p.ok(&["radar", "show", "axios"]);
    assert!(shown.contains("ring: adopt"));
    // Bad input: unknown ring (with a suggestion), a bad package, a duplicate.
    let out = p
        .cmd(&[
            "radar",
            "add",
            "X",
            "--quadrant",
            "tools",
            "--ring",
            "adpot",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `adopt`?"));
    let out = p
        .cmd(&[
            "radar",
            "add",
            "X",
            "--quadrant",
            "tools",
            "--ring",
            "adopt",
            "--package",
            "pip:x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = p
        .cmd(&[
            "radar",
            "add",
            "Axios",
            "--quadrant",
            "tools",
            "--ring",
            "adopt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn policy_findings_in_check() {
    let p = project();
    p.write(
        "docs/radar/moment.md",
        "---\nname: Moment.js\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"npm:moment\"]\npurpose: dates\n---\n\nUnmaintained.\n",
    )
    .write(
        "docs/radar/axios.md",
        "---\nname: Axios\nquadrant: tools\nring: adopt\npackages: [\"npm:axios\"]\npurpose: http-client\n---\n",
    )
    .write(
        "docs/radar/got.md",
        "---\nname: Got\nquadrant: tools\nring: trial\npackages: [\"npm:got\"]\npurpose: http-client\ndate: 2025-03-01\n---\n",
    )
    .write(
        "docs/radar/graphql.md",
        "---\nname: GraphQL\nquadrant: technique\nring: maybe\n---\n",
    )
    .write("techlead.toml", "[checks]\nrun = [\"radar\"]\n\n[radar]\nrequire_evaluation = true\n");
    snap!(p, "check", p.cmd(&["check"]));
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules,
        [
            "radar/hold-in-use",
            "radar/overlapping-purpose",
            "radar/stale-assessment",
            "radar/unknown-quadrant",
            "radar/unknown-ring",
        ]
    );
    // An evaluated direct dependency that no record covers.
    p.write(
        "docs/radar/got.md",
        "---\nname: Got\nquadrant: tools\nring: hold\npackages: []\n---\n",
    );
    let (_, rules) = p.rules_found(&["check"]);
    assert!(
        rules.contains(&"radar/unevaluated-direct-dependency".to_string()),
        "{rules:?}"
    );
}

#[test]
fn render_draws_a_self_contained_radar() {
    let p = project();
    p.write(
        "docs/radar/moment.md",
        "---\nname: Moment.js\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"npm:moment\"]\n---\n\n## History\n\n- 2025-01-01: added in adopt\n- 2026-01-02: adopt → hold: unmaintained\n",
    )
    .write(
        "docs/radar/evil.md",
        "---\nname: \"<script>alert('x')</script> & co\"\nquadrant: tools\nring: assess\ndate: 2026-01-10\n---\n",
    )
    .write("docs/radar/odd.md", "---\nname: Odd\nquadrant: nowhere\nring: adopt\n---\n");
    let out = p
        .cmd(&["radar", "render", "--out", "radar.svg"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("1 records with an unknown ring or quadrant left out")
    );
    let svg = p.read("radar.svg");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        titles.contains(&"2. Moment.js (hold, languages-and-frameworks, moved out)"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.contains("<script>alert('x')</script> & co") && t.contains("new"))
    );
    assert!(!svg.contains("<script"));
    // Self-contained: no links, scripts or fonts from elsewhere.
    assert_eq!(svg.matches("http").count(), 1, "only the SVG namespace");
    p.ok(&[
        "radar",
        "render",
        "--out",
        "radar.html",
        "--since",
        "2026-01-01",
    ]);
    let html = p.read("radar.html");
    assert!(html.contains("<table>") && html.contains("<th scope=\"row\">Moment.js</th>"));
    assert!(html.contains("&lt;script&gt;"));
    let out = p
        .cmd(&["radar", "render", "--out", "radar.png"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_and_import_round_trip_every_format() {
    let p = project();
    p.write(
        "docs/radar/kafka.md",
        "---\nname: Kafka\nquadrant: platforms\nring: adopt\npackages: [\"maven:org.apache.kafka:kafka-clients\"]\n---\n\n# Kafka\n\n## Rationale\n\nOur event backbone, \"at least once\", everywhere.\n\n## History\n\n- 2025-01-01: added in assess\n- 2026-01-02: assess → adopt: two years in production\n",
    )
    .write(
        "docs/radar/deno.md",
        "---\nname: Deno\nquadrant: languages-and-frameworks\nring: assess\ndate: 2026-01-10\n---\n\nA runtime to watch.\n\n## History\n\n- 2026-01-10: added in assess\n",
    );
    snap!(
        p,
        "export_byor_csv",
        p.cmd(&["radar", "export", "--format", "byor-csv"])
    );
    snap!(
        p,
        "export_backstage",
        p.cmd(&["radar", "export", "--format", "backstage"])
    );
    for format in ["byor-csv", "byor-json", "zalando", "backstage"] {
        let exported = p.ok(&["radar", "export", "--format", format]);
        p.write(&format!("export.{format}"), &exported);
        let dir = format!("imported-{format}");
        p.ok(&[
            "radar",
            "import",
            &format!("export.{format}"),
            "--format",
            format,
            "--dir",
            &dir,
        ]);
        let again = p.ok(&["radar", "export", "--format", format, "--dir", &dir]);
        assert_eq!(exported, again, "{format} does not round-trip");
        // A second import changes nothing.
        let before = p.files(&dir);
        p.ok(&[
            "radar",
            "import",
            &format!("export.{format}"),
            "--format",
            format,
            "--dir",
            &dir,
        ]);
        assert_eq!(before, p.files(&dir));
    }
    let out = p
        .cmd(&["radar", "export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn evaluate_scores_with_evidence_from_git_and_lockfiles() {
    let p = project();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "alice",
        "2025-06-01T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p.write(
        "web/node_modules/axios/package.json",
        r#"{ "name": "axios", "version": "1.7.2", "license": "MIT" }"#,
    )
        .write(".gitignore", "node_modules/\n")
        .write("web/src/api.ts", "import axios from \"axios\";\n")
        .write("web/src/legacy.ts", "import got from \"got\";\n")
        .write(
            "docs/radar/axios.md",
            "---\nname: Axios\nquadrant: tools\nring: adopt\npackages: [\"npm:axios\"]\nevaluation:\n  weights: { team-capability: 3, fit: 2 }\n  scores: { ecosystem-maturity: 5, maintenance-cost: 4, fit: 4 }\n  notes: { fit: \"interceptors cover our auth\" }\n---\n",
        )
        .write(
            "docs/radar/got.md",
            "---\nname: Got\nquadrant: tools\nring: trial\npackages: [\"npm:got\"]\nevaluation:\n  scores: { ecosystem-maturity: 4, maintenance-cost: 3, fit: 3 }\n  skills: [carol]\n---\n",
        );
    p.git("alice", "2025-06-01T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2025-06-01T10:00:00Z",
        &["commit", "-q", "-m", "start"],
    );
    for (who, date) in [
        ("bob", "2025-09-01T10:00:00Z"),
        ("alice", "2025-12-01T10:00:00Z"),
    ] {
        p.write(
            "web/src/api.ts",
            format!("import axios from \"axios\";\n// {who} {date}\n"),
        );
        p.git(who, date, &["commit", "-q", "-am", "change api"]);
    }
    snap!(p, "evaluate", p.cmd(&["radar", "evaluate", "axios", "got"]));
    let json = p.json(&["radar", "evaluate", "axios", "--format", "json"]);
    assert_eq!(json[0]["rows"][0]["score"], 2.0);
    assert_eq!(json[0]["rows"][0]["suggested"], true);
}

#[test]
fn movement_comes_from_git_history_against_a_tag_or_date() {
    let p = project();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "alice",
        "2026-01-01T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    let rec = |name: &str, ring: &str| {
        format!("---\nname: {name}\nquadrant: tools\nring: {ring}\n---\n\nWhy {name}.\n")
    };
    p.write("docs/radar/axios.md", rec("Axios", "trial"))
        .write("docs/radar/got.md", rec("Got", "adopt"))
        .write("docs/radar/ky.md", rec("Ky", "assess"));
    p.git("alice", "2026-01-01T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2026-01-01T10:00:00Z",
        &["commit", "-q", "-m", "radar v1"],
    );
    p.git("alice", "2026-01-01T10:00:00Z", &["tag", "v1"]);
    // No History lines at all: only git knows what moved.
    p.write("docs/radar/axios.md", rec("Axios", "adopt"))
        .write("docs/radar/got.md", rec("Got", "hold"))
        .write("docs/radar/undici.md", rec("Undici", "assess"));
    p.git("bob", "2026-01-10T10:00:00Z", &["add", "-A"]);
    p.git(
        "bob",
        "2026-01-10T10:00:00Z",
        &["commit", "-q", "-m", "radar v2"],
    );
    let moved = |since: &str| -> Vec<(String, i64)> {
        let v = p.json(&["radar", "export", "--format", "zalando", "--since", since]);
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["label"].as_str().unwrap().to_string(),
                    e["moved"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let expected = vec![
        ("Axios".to_string(), 1),
        ("Got".to_string(), -1),
        ("Ky".to_string(), 0),
        ("Undici".to_string(), 2),
    ];
    assert_eq!(moved("v1"), expected);
    assert_eq!(moved("2026-01-05"), expected);
    let out = p
        .cmd(&["radar", "export", "--format", "zalando", "--since", "v9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A registry on loopback that answers every request with `body`, for as
/// many requests as come; returns its base URL.
fn registry_server(body: &'static str) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

#[test]
fn evaluate_shows_release_dates_from_the_lockfile_and_the_registry() {
    let p = Project::new();
    p.write(
        "uv.lock",
        "version = 1\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n    { name = \"httpx\" },\n    { name = \"requests\" },\n]\n\n[[package]]\nname = \"httpx\"\nversion = \"0.27.0\"\nsource = { registry = \"https://pypi.org/simple\" }\nsdist = { url = \"https://files.pythonhosted.org/httpx-0.27.0.tar.gz\", hash = \"sha256:aa\", size = 1, upload-time = \"2024-02-21T13:07:52.434Z\" }\n\n[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
    )
    .write(
        "docs/radar/httpx.md",
        "---\nname: HTTPX\nquadrant: languages-and-frameworks\nring: adopt\npackages: [\"pypi:httpx\"]\n---\n",
    )
    .write(
        "docs/radar/requests.md",
        "---\nname: Requests\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"pypi:requests\"]\n---\n",
    );
    // Offline: the date uv recorded, nothing for the package without one.
    let offline = p.ok(&["radar", "evaluate", "httpx", "requests"]);
    assert!(
        offline.contains("pypi:httpx 0.27.0 (uv.lock), released 2024-02-21 (22 months ago)"),
        "{offline}"
    );
    assert!(
        offline.contains("pypi:requests 2.31.0 (uv.lock)\n"),
        "{offline}"
    );
    // Online, from a registry on loopback: the date, the newest release,
    // how far behind, the license.
    let url = registry_server(
        r#"{"info": {"version": "2.32.3", "license": "Apache-2.0"},
            "releases": {"2.31.0": [{"upload_time_iso_8601": "2023-05-22T15:12:42Z"}],
                         "2.32.0": [{"upload_time_iso_8601": "2024-05-20T10:00:00Z"}],
                         "2.32.3": [{"upload_time_iso_8601": "2024-05-29T15:37:49Z"}]}}"#,
    );
    let out = p
        .cmd(&["radar", "evaluate", "requests", "--online"])
        .env("TECHLEAD_REGISTRY_PYPI", &url)
        .output()
        .unwrap();
    let online = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{online}");
    assert!(
        online.contains("pypi:requests 2.31.0 (uv.lock), released 2023-05-22 (31 months ago), latest 2.32.3 of 2024-05-29, 2 stable releases behind"),
        "{online}"
    );
    // PyPI states the license of its newest release only: it is not
    // claimed for 2.31.0 (issue 19: the same lookup as `deps --online`).
    assert!(!online.contains("license: Apache-2.0"), "{online}");
    let newest = registry_server(
        r#"{"info": {"version": "2.31.0", "license": "Apache-2.0"},
            "releases": {"2.31.0": [{"upload_time_iso_8601": "2023-05-22T15:12:42Z"}]}}"#,
    );
    let out = p
        .cmd(&["radar", "evaluate", "requests", "--online", "--no-cache"])
        .env("TECHLEAD_REGISTRY_PYPI", &newest)
        .output()
        .unwrap();
    let online = String::from_utf8_lossy(&out.stdout);
    assert!(
        online.contains("pypi:requests 2.31.0 (uv.lock), released 2023-05-22 (31 months ago), the latest release"),
        "{online}"
    );
    assert!(online.contains("license: Apache-2.0"), "{online}");
    // An unreachable registry is a note, not a failure.
    let out = p
        .cmd(&["radar", "evaluate", "requests", "--online", "--no-cache"])
        .env("TECHLEAD_REGISTRY_PYPI", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("registry not read: http://127.0.0.1:9/pypi/requests/json")
    );
}

/// Issue 12: a record naming `pypi:typing_extensions` matched the lockfile's
/// `typing-extensions` in `check` but got no evidence in `evaluate`: both
/// now compare PyPI names as PEP 503 normalises them.
#[test]
fn evaluate_matches_pypi_names_as_check_does() {
    let p = Project::new();
    p.write(
        "uv.lock",
        "version = 1\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n    { name = \"typing-extensions\" },\n]\n\n[[package]]\nname = \"typing-extensions\"\nversion = \"4.12.2\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
    )
    .write(
        "docs/radar/typing.md",
        "---\nname: typing_extensions\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"pypi:Typing_Extensions\"]\n---\n",
    );
    let out = p.ok(&["radar", "evaluate", "typing_extensions"]);
    assert!(
        out.contains("in use: pypi:typing-extensions 4.12.2 (uv.lock)"),
        "{out}"
    );
    let (_, rules) = p.rules_found(&["check"]);
    assert!(
        rules.contains(&"radar/hold-in-use".to_string()),
        "{rules:?}"
    );
}

/// Issue 14: outside git, `evaluate` printed "0 people changed the N files"
/// and suggested a score of 1. It must say history was not read and leave
/// team capability unscored.
#[test]
fn evaluate_without_history_says_so_and_does_not_score_it() {
    let p = project();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.write("web/src/api.ts", "import axios from \"axios\";\n")
        .write(
            "docs/radar/axios.md",
            "---\nname: Axios\nquadrant: tools\nring: adopt\npackages: [\"npm:axios\"]\n---\n",
        );
    let json = p.json(&["radar", "evaluate", "axios", "--format", "json"]);
    let row = &json[0]["rows"][0];
    assert_eq!(row["criterion"], "team-capability");
    assert_eq!(row["score"], serde_json::Value::Null);
    let evidence = row["evidence"].as_str().unwrap();
    assert!(
        evidence.starts_with("1 file uses it; who changed them is unknown: history not read ("),
        "{evidence}"
    );
    assert!(!evidence.contains("0 people"), "{evidence}");
}
