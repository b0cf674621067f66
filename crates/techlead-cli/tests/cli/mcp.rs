//! `techlead mcp` under a real MCP client: the official Python SDK (PyPI
//! `mcp`, installed by .ci/run into target/venv-mcp) drives the server over
//! stdio and streamable HTTP (tests/cli/mcp_client.py), and the answers are
//! compared with the CLI's own JSON for the same questions on the same
//! fixture repository. The SDK validates every tool result against the
//! tool's output schema, so a schema that lies fails here too.
//!
//! Without the venv the tests say so and pass, unless `CI` is set: there a
//! missing client is a failure.

use super::fixture::Project;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The venv's Python: `TECHLEAD_MCP_PYTHON` (set by .ci/run), else the
/// venv .ci/run creates under target/.
fn python() -> Option<PathBuf> {
    let path = match std::env::var_os("TECHLEAD_MCP_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/venv-mcp/bin/python"),
    };
    if path.is_file() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "CI is set but the MCP client venv is missing at {}: .ci/run installs it",
            path.display()
        );
    }
    eprintln!(
        "SKIPPED: the MCP protocol tests need the Python SDK at {} \
         (python3 -m venv target/venv-mcp && target/venv-mcp/bin/pip install mcp==2.3.0)",
        path.display()
    );
    None
}

/// Runs the Python client on a scenario and returns what it recorded.
fn client(py: &Path, p: &Project, scenario: Value, extra: &[&str]) -> Value {
    client_with(py, p, scenario, extra, &[])
}

/// [`client`], with more environment for the server (`TECHLEAD_*` only
/// reach it).
fn client_with(
    py: &Path,
    p: &Project,
    scenario: Value,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let scen = dir.path().join("scenario.json");
    let out = dir.path().join("out.json");
    std::fs::write(&scen, scenario.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/mcp_client.py");
    let bin = insta_cmd::get_cargo_bin("techlead");
    let mut cmd = Command::new(py);
    cmd.arg(script)
        .arg("--scenario")
        .arg(&scen)
        .arg("--out")
        .arg(&out)
        .env("TECHLEAD_TODAY", "2026-01-15")
        .envs(env.iter().copied());
    if extra.first() == Some(&"--url") {
        cmd.args(extra);
    } else {
        cmd.arg("--bin")
            .arg(&bin)
            .arg("--repo")
            .arg(p.path(""))
            .args(extra);
    }
    let done = cmd.output().unwrap();
    assert!(
        done.status.success(),
        "the MCP client failed:\n{}{}",
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// A Python project with layered modules, a violation, decision records,
/// radar records (one on Hold) tied to requirements.txt, and a history of
/// three commits by two people.
fn sample() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "alice",
        "2025-01-06T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p.write(
        "techlead.toml",
        "[decisions]\ndir = \"docs/adr\"\n\n[radar]\ndir = \"docs/radar\"\n\n\
         # Two layers, the domain below the app (ADR-0002).\n[boundaries]\nlayers = [\"app\", \"domain\"]\n\n\
         [[boundaries.modules]]\nname = \"app\"\npaths = [\"src/app\"]\nlayer = \"app\"\ndepends_on = [\"domain\"]\n\n\
         [[boundaries.modules]]\nname = \"domain\"\npaths = [\"src/domain\"]\nlayer = \"domain\"\ndepends_on = []\n\
         interface = [\"src/domain/__init__.py\"]\n",
    )
    .write(
        "docs/adr/0001-record-architecture-decisions.md",
        "# 1. Record architecture decisions\n\nDate: 2025-01-06\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a memory.\n\n## Decision\n\nWe keep ADRs.\n\n## Consequences\n\nSee Michael Nygard's article.\n",
    )
    .write(
        "docs/adr/0002-a-layered-app-over-the-domain.md",
        "---\nstatus: accepted\ndate: 2025-01-06\ntags: [architecture]\n---\n\n# A layered app over the domain\n\n## Context and Problem Statement\n\nThe `app` module serves requests; the `domain` module holds the rules.\n\n## Decision Outcome\n\nThe app imports the domain through `src/domain/__init__.py`; the domain never imports the app.\n",
    )
    .write(
        "docs/adr/0003-use-requests-for-http.md",
        "---\nstatus: proposed\ndate: 2025-03-03\n---\n\n# Use requests for HTTP\n\n## Context and Problem Statement\n\nWe call partner APIs. The requests library is the usual choice.\n",
    )
    .write(
        "docs/adr/0004-no-yaml-parsing.md",
        "---\nstatus: accepted\ndate: 2025-03-03\n---\n\n# No YAML parsing\n\n## Decision Outcome\n\nConfiguration is TOML; PyYAML goes.\n",
    )
    .write(
        "docs/radar/requests.md",
        "---\nname: Requests\nquadrant: languages-and-frameworks\nring: adopt\npackages: [\"pypi:requests\"]\ndecision: \"0003\"\n---\n\n## Rationale\n\nThe HTTP client we know.\n",
    )
    .write(
        "docs/radar/pyyaml.md",
        "---\nname: PyYAML\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"pypi:pyyaml\"]\ndecision: \"0004\"\n---\n\n## Rationale\n\nUnsafe loading by default; we use TOML.\n",
    )
    .write("requirements.txt", "requests==2.32.3\npyyaml==6.0.1\n")
    .write("src/app/__init__.py", "")
    .write(
        "src/app/views.py",
        "import requests\nfrom domain import service\n\n\ndef show(x):\n    if x:\n        return service.run(x)\n    return None\n",
    )
    .write("src/domain/__init__.py", "from domain.service import run\n")
    .write("src/domain/service.py", "def run(x):\n    return x\n");
    p.git("alice", "2025-01-06T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2025-01-06T10:00:00Z",
        &["commit", "-q", "-m", "start"],
    );
    p.write(
        "src/domain/service.py",
        "import app.views\n\n\ndef run(x):\n    if x > 1:\n        return x\n    return 0\n",
    )
    .write(
        "src/app/views.py",
        "import requests\nfrom domain import service\n\n\ndef show(x):\n    if x:\n        return service.run(x)\n    if x is None:\n        return 0\n    return None\n",
    );
    p.git(
        "bob",
        "2025-03-03T10:00:00Z",
        &["commit", "-q", "-am", "domain calls back"],
    );
    p.write(
        "src/app/views.py",
        "import requests\nfrom domain import service\n\n\ndef show(x):\n    if x:\n        return service.run(x)\n    if x is None:\n        return 0\n    for _ in range(2):\n        pass\n    return None\n",
    );
    p.git(
        "alice",
        "2025-06-02T10:00:00Z",
        &["commit", "-q", "-am", "loop"],
    );
    p
}

/// Every file's bytes, `.git` and the cache left out.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == ".git" || rel.starts_with(".techlead") {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

fn cli_json(p: &Project, args: &[&str]) -> Value {
    let out = p.cmd(args).output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn structured<'a>(out: &'a Value, label: &str) -> &'a Value {
    let call = &out["calls"][label];
    assert_eq!(call["is_error"], json!(false), "{label}: {call:#}");
    &call["structured"]
}

fn tool_error(out: &Value, label: &str) -> String {
    let call = &out["calls"][label];
    assert_eq!(
        call["is_error"],
        json!(true),
        "{label} should fail: {call:#}"
    );
    call["text"][0].as_str().unwrap().to_string()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_read_tool_over_stdio_answers_as_the_cli_does() {
    let Some(py) = python() else { return };
    let p = sample();
    let before = tree(p.path("").as_path());
    let scenario = json!({
        "mode": "legacy",
        "calls": [
            ["list_all", "list_decisions", {}],
            ["list_accepted", "list_decisions", {"status": "Accepted"}],
            ["list_text", "list_decisions", {"text": "REQUESTS"}],
            ["get", "get_decision", {"id": "ADR-0002"}],
            ["search", "search_decisions", {"query": "layers of the domain", "limit": 2}],
            ["for_path", "decisions_for_path", {"path": "src/domain/service.py"}],
            ["for_tech", "decisions_for_path", {"path": "PyYAML"}],
            ["module_of", "module_of", {"path": "src/app/views.py"}],
            ["may_up", "may_import", {"from": "domain", "to": "app"}],
            ["may_down", "may_import", {"from": "src/app/views.py", "to": "domain"}],
            ["may_private", "may_import", {"from": "src/app/views.py", "to": "src/domain/service.py"}],
            ["may_hold", "may_import", {"from": "src/app/views.py", "to": "pyyaml"}],
            ["check_inline", "check_paths", {"files": [{"path": "src/domain/rules.py", "content": "from app import views\n"}]}],
            ["check_clean", "check_paths", {"files": [{"path": "src/app/extra.py", "content": "from domain import run\n"}]}],
            ["check_disk", "check_paths", {"files": [{"path": "src/domain/service.py"}]}],
            ["radar_pkg", "radar_lookup", {"name": "pypi:PyYAML"}],
            ["radar_name", "radar_lookup", {"name": "requests"}],
            ["radar_none", "radar_lookup", {"name": "flask"}],
            ["deps_all", "deps", {}],
            ["deps_filter", "deps", {"ecosystem": "pypi", "name": "YAML"}],
            ["deps_online", "deps", {"online": true}],
            ["check", "run_check", {}],
            ["check_radar", "run_check", {"rules": ["radar"]}],
            ["file", "file_context", {"path": "src/app/views.py"}],
            ["file_toml", "file_context", {"path": "techlead.toml"}],
            ["unknown_tool", "drop_database", {}],
            ["write_tool", "propose_decision", {"title": "x"}],
            ["bad_field", "list_decisions", {"stauts": "accepted"}],
            ["missing_field", "get_decision", {}],
            ["bad_type", "search_decisions", {"query": 7}],
            ["outside", "module_of", {"path": "../outside"}],
            ["outside_abs", "file_context", {"path": "/etc/passwd"}],
            ["outside_inline", "check_paths", {"files": [{"path": "src/../../x.py", "content": "import os\n"}]}],
            ["no_record", "get_decision", {"id": "9999"}]
        ],
        "resources": true,
        "bad_resources": [
            "techlead://decisions/9999-nope",
            "techlead://decisions/../../techlead.toml",
            "file:///etc/passwd"
        ],
        "prompts": [
            ["review", "review_change", {"change": "domain/service.py now imports app.views", "paths": "src/domain/service.py"}],
            ["draft", "draft_decision", {"choice": "use PostgreSQL for the domain's data"}],
            ["missing", "review_change", {}]
        ]
    });
    let out = client(&py, &p, scenario, &[]);

    // The handshake: `initialize`, and what the server says it is.
    assert_eq!(out["protocol_version"], "2025-11-25");
    assert_eq!(out["server_info"]["name"], "techlead");
    assert!(out["instructions"].as_str().unwrap().contains("read-only"));
    let names: Vec<&str> = out["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "list_decisions",
            "get_decision",
            "search_decisions",
            "decisions_for_path",
            "module_of",
            "may_import",
            "check_paths",
            "radar_lookup",
            "deps",
            "file_context",
            "run_check"
        ]
    );
    for t in out["tools"].as_array().unwrap() {
        assert_eq!(t["inputSchema"]["type"], "object", "{}", t["name"]);
        assert_eq!(t["outputSchema"]["type"], "object", "{}", t["name"]);
        assert_eq!(t["annotations"]["readOnlyHint"], true, "{}", t["name"]);
    }

    // Decisions: the JSON of `adr list` and `adr show`.
    assert_eq!(
        structured(&out, "list_all")["decisions"],
        cli_json(&p, &["adr", "list", "--format", "json"])
    );
    assert_eq!(
        structured(&out, "list_accepted")["decisions"],
        cli_json(
            &p,
            &["adr", "list", "--status", "accepted", "--format", "json"]
        )
    );
    // "serves requests" and "the requests library", in any case.
    assert_eq!(
        ids(&structured(&out, "list_text")["decisions"]),
        [
            "0002-a-layered-app-over-the-domain",
            "0003-use-requests-for-http"
        ]
    );
    let get = structured(&out, "get");
    assert_eq!(
        get["decision"],
        cli_json(&p, &["adr", "show", "2", "--format", "json"])
    );
    assert_eq!(
        get["text"],
        p.read("docs/adr/0002-a-layered-app-over-the-domain.md")
    );
    let search = structured(&out, "search");
    assert_eq!(search["terms"], json!(["layer", "domain"]));
    assert_eq!(search["results"][0]["decision"]["number"], 2);
    assert!(search["results"].as_array().unwrap().len() <= 2);
    let for_path = structured(&out, "for_path");
    assert_eq!(for_path["kind"], "path");
    let hit = &for_path["decisions"][0];
    assert_eq!(hit["decision"]["number"], 2);
    assert!(
        hit["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "folder" && m["term"] == "src/domain" && m["line"] == 15),
        "{hit:#}"
    );
    let for_tech = structured(&out, "for_tech");
    assert_eq!(for_tech["kind"], "technology");
    assert_eq!(
        ids(&json!(
            for_tech["decisions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| &m["decision"])
                .collect::<Vec<_>>()
        )),
        ["0004-no-yaml-parsing"]
    );

    // Architecture.
    let m = structured(&out, "module_of");
    assert_eq!(m["module"]["name"], "app");
    assert_eq!(m["module"]["depends_on"], json!(["domain"]));
    assert_eq!(m["modules_declared"], 2);
    let up = structured(&out, "may_up");
    assert_eq!(up["allowed"], false);
    let rules: Vec<&str> = up["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"boundaries/undeclared-dependency"),
        "{rules:?}"
    );
    assert!(rules.contains(&"boundaries/layer-violation"), "{rules:?}");
    // The decision behind the rule: named in techlead.toml's comment, and
    // naming both modules.
    let decided: Vec<&str> = up["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["decision"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(decided, ["0002-a-layered-app-over-the-domain"]);
    let down = structured(&out, "may_down");
    assert_eq!(down["allowed"], true, "{down:#}");
    assert_eq!(down["interface"], json!(["src/domain/__init__.py"]));
    let private = structured(&out, "may_private");
    assert_eq!(private["allowed"], false);
    assert_eq!(
        private["violations"][0]["rule"],
        "boundaries/private-import"
    );
    let hold = structured(&out, "may_hold");
    assert_eq!(hold["target"]["kind"], "external");
    assert_eq!(hold["allowed"], false);
    assert_eq!(hold["violations"][0]["rule"], "radar/hold-in-use");
    assert_eq!(hold["radar"]["ring"], "hold");
    assert_eq!(hold["decisions"][0]["decision"]["number"], 4);

    // check_paths: code not written yet, resolved against the tree.
    let inline = structured(&out, "check_inline");
    assert_eq!(inline["files"][0]["module"], "domain");
    assert_eq!(inline["files"][0]["inline"], true);
    assert_eq!(inline["files"][0]["imports"][0]["module"], "app");
    let found: Vec<(&str, &str)> = inline["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&("boundaries/layer-violation", "src/domain/rules.py")),
        "{found:?}"
    );
    assert_eq!(inline["findings"][0]["snippet"], "from app import views");
    assert!(!p.path("src/domain/rules.py").exists());
    assert_eq!(structured(&out, "check_clean")["findings"], json!([]));
    // A file on disk: the findings `boundaries check` reports on it.
    let cli_check = cli_json(&p, &["boundaries", "check", "--format", "json"]);
    let on_service: Vec<&Value> = cli_check
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["path"] == "src/domain/service.py")
        .collect();
    assert!(!on_service.is_empty());
    assert_eq!(
        structured(&out, "check_disk")["findings"],
        json!(on_service)
    );

    // Technology: the radar's records as `radar list` writes them.
    let radar_list = cli_json(&p, &["radar", "list", "--format", "json"]);
    let pyyaml = radar_list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "pyyaml")
        .unwrap();
    let r = structured(&out, "radar_pkg");
    assert_eq!(&r["technology"], pyyaml);
    assert_eq!(r["matched_by"], "package");
    assert_eq!(r["hold"], true);
    assert_eq!(r["decision"]["number"], 4);
    assert_eq!(r["in_use"][0]["name"], "pyyaml");
    assert!(r["rationale"].as_str().unwrap().contains("Unsafe loading"));
    assert_eq!(
        structured(&out, "radar_name")["technology"]["ring"],
        "adopt"
    );
    let none = structured(&out, "radar_none");
    assert_eq!(none["technology"], Value::Null);
    assert!(
        none["notes"][0]
            .as_str()
            .unwrap()
            .contains("no record for `flask`")
    );
    let deps = structured(&out, "deps_all");
    assert_eq!(
        deps["packages"],
        cli_json(&p, &["deps", "--format", "json"])
    );
    // Offline: the licence risk per ecosystem; the rest says what it needs.
    assert_eq!(deps["risk"], Value::Null);
    assert!(
        deps["risk_unavailable"]
            .as_str()
            .unwrap()
            .contains("online: true")
    );
    assert_eq!(
        deps["summary"],
        json!([{"ecosystem": "pypi", "packages": 2, "direct": 2, "dev": 0,
                "vulnerable": null, "outdated_major": null, "yanked": null,
                "not_assessed": null, "vulnerabilities_unknown": null, "registry_unknown": null,
                "unknown_license": 2, "denied_license": null}])
    );
    assert!(tool_error(&out, "deps_online").contains("started without --online"));
    let filtered = structured(&out, "deps_filter");
    assert_eq!(filtered["count"], 1);
    assert_eq!(filtered["packages"][0]["name"], "pyyaml");

    // run_check: `techlead check --format json`, and its exit code.
    let checked = p.cmd(&["check", "--format", "json"]).output().unwrap();
    let cli_findings: Value = serde_json::from_slice(&checked.stdout).unwrap();
    let c = structured(&out, "check");
    assert_eq!(c["findings"], cli_findings);
    assert_eq!(c["exit_code"], json!(checked.status.code().unwrap()));
    assert_eq!(c["ran"], json!(["decisions/", "boundaries/", "radar/"]));
    let radar_only = structured(&out, "check_radar")["findings"]
        .as_array()
        .unwrap()
        .clone();
    assert!(!radar_only.is_empty());
    assert!(
        radar_only
            .iter()
            .all(|f| f["rule"].as_str().unwrap().starts_with("radar/"))
    );

    // Risk and ownership from the history and the health context; what
    // is not built says so.
    let f = structured(&out, "file");
    assert_eq!(f["module"], "app");
    assert_eq!(f["commits"], 3);
    assert_eq!(f["hotspot"]["rank"], 1, "{f:#}");
    assert_eq!(f["hotspot"]["revisions"], 3);
    assert_eq!(f["main_developer"]["name"], "alice");
    assert_eq!(f["owners"].as_array().unwrap().len(), 2);
    assert_eq!(f["coupled"], json!([]));
    assert_eq!(
        f["health"],
        cli_json(&p, &["health", "src/app/views.py", "--format", "json"])
    );
    assert_eq!(f["health"]["functions"][0]["name"], "show", "{f:#}");
    assert!(f.get("health_unavailable").is_none(), "{f:#}");
    let toml = structured(&out, "file_toml");
    assert_eq!(toml["health"], Value::Null);
    assert!(
        toml["health_unavailable"]
            .as_str()
            .unwrap()
            .contains("not measured by techlead health"),
        "{toml:#}"
    );
    // No register and no goals in the fixture.
    assert_eq!(f["debt"], json!([]), "{f:#}");
    assert_eq!(f["goals"], json!([]), "{f:#}");
    assert!(f.get("goals_unavailable").is_none(), "{f:#}");

    // Errors: protocol errors for what cannot be routed, tool errors the
    // assistant can act on for the rest.
    assert_eq!(
        out["calls"]["unknown_tool"]["protocol_error"]["code"],
        -32602
    );
    let write = &out["calls"]["write_tool"]["protocol_error"];
    assert!(
        write["message"].as_str().unwrap().contains("--allow-write"),
        "{write}"
    );
    assert!(tool_error(&out, "bad_field").contains("unknown field `stauts`"));
    assert!(tool_error(&out, "missing_field").contains("missing field `id`"));
    assert!(tool_error(&out, "bad_type").contains("invalid type"));
    for label in ["outside", "outside_abs", "outside_inline"] {
        let e = tool_error(&out, label);
        assert!(e.contains("outside the project root"), "{label}: {e}");
    }
    assert!(tool_error(&out, "no_record").contains("no decision record numbered 9999"));

    // Resources: every record, the radar and techlead.toml, as written.
    let uris: Vec<&str> = out["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris.len(), 4 + 2 + 1, "{uris:?}");
    assert!(uris.contains(&"techlead://decisions/0002-a-layered-app-over-the-domain"));
    assert!(uris.contains(&"techlead://radar/pyyaml"));
    assert!(uris.contains(&"techlead://config/techlead.toml"));
    let texts = &out["resource_texts"];
    assert_eq!(
        texts["techlead://decisions/0002-a-layered-app-over-the-domain"][0]["text"],
        p.read("docs/adr/0002-a-layered-app-over-the-domain.md")
    );
    assert_eq!(
        texts["techlead://config/techlead.toml"][0]["text"],
        p.read("techlead.toml")
    );
    assert_eq!(
        texts["techlead://radar/pyyaml"][0]["mimeType"],
        "text/markdown"
    );
    for uri in [
        "techlead://decisions/9999-nope",
        "techlead://decisions/../../techlead.toml",
        "file:///etc/passwd",
    ] {
        assert_eq!(out["resource_errors"][uri]["code"], -32002, "{uri}");
    }
    assert_eq!(out["resource_templates"].as_array().unwrap().len(), 2);

    // Prompts, built from this project.
    let review = out["prompt_texts"]["review"][0].as_str().unwrap();
    assert!(
        review.contains(
            "0002-a-layered-app-over-the-domain A layered app over the domain (accepted)"
        )
    );
    assert!(review.contains("- domain (src/domain; layer domain): may import no other module"));
    assert!(review.contains("PyYAML (pypi:pyyaml)"));
    assert!(review.contains("src/domain/service.py: module domain"));
    let draft = out["prompt_texts"]["draft"][0].as_str().unwrap();
    assert!(draft.contains("# use PostgreSQL for the domain's data"));
    assert!(draft.contains("This server is read-only"));
    assert_eq!(out["prompt_texts"]["missing"]["code"], -32602);

    // Read-only means read-only: not a byte changed.
    assert_eq!(tree(p.path("").as_path()), before);
}

#[test]
fn writes_only_with_allow_write_and_byte_for_byte_as_the_cli() {
    let Some(py) = python() else { return };
    let (a, b) = (sample(), sample());
    let scenario = json!({
        "calls": [
            ["propose", "propose_decision", {"title": "Use Postgres for events", "tags": ["data"], "deciders": ["alice"]}],
            ["link", "link_decisions", {"source": "5", "kind": "Relates to", "target": "2", "reverse": "Related by"}],
            ["again", "link_decisions", {"source": "5", "kind": "Relates to", "target": "2", "reverse": "Related by"}],
            ["empty_title", "propose_decision", {"title": "  "}],
            ["bad_kind", "link_decisions", {"source": "5", "kind": "a]b", "target": "2"}],
            ["debt", "add_debt_item", {"title": "Views reach into the domain", "owner": "alice", "principal": "2-4d", "target": "2026-06-30", "paths": ["src/app/*.py"], "modules": ["app"], "interest": "2-4h", "decisions": ["ADR-2"], "goals": ["1"], "tags": ["layering"]}],
            ["debt_bad_decision", "add_debt_item", {"title": "x", "decisions": ["77"]}]
        ]
    });
    let out = client(&py, &a, scenario, &["--allow-write"]);
    let writes: Vec<&Value> = out["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["annotations"]["readOnlyHint"] == false)
        .collect();
    let mut names: Vec<&str> = writes.iter().map(|t| t["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        ["add_debt_item", "link_decisions", "propose_decision"]
    );
    assert!(
        out["instructions"]
            .as_str()
            .unwrap()
            .contains("Writes are enabled")
    );
    let proposed = structured(&out, "propose");
    assert_eq!(proposed["path"], "docs/adr/0005-use-postgres-for-events.md");
    assert_eq!(proposed["decision"]["status"], "proposed");
    assert_eq!(
        proposed["uri"],
        "techlead://decisions/0005-use-postgres-for-events"
    );
    // The same record as `adr new` writes, to the byte.
    b.ok(&[
        "adr",
        "new",
        "Use Postgres for events",
        "--tag",
        "data",
        "--decider",
        "alice",
    ]);
    let file = "docs/adr/0005-use-postgres-for-events.md";
    assert_eq!(proposed["text"], b.read(file));
    let link = structured(&out, "link");
    assert_eq!(
        link["changed"],
        json!([file, "docs/adr/0002-a-layered-app-over-the-domain.md"])
    );
    assert_eq!(
        link["source"]["links"][0],
        json!({"kind": "relates-to", "target": "0002-a-layered-app-over-the-domain"})
    );
    assert_eq!(structured(&out, "again")["changed"], json!([]));
    b.ok(&[
        "adr",
        "link",
        "5",
        "Relates to",
        "2",
        "--reverse",
        "Related by",
    ]);
    // The same debt item as `debt add` writes.
    let debt = structured(&out, "debt");
    assert_eq!(
        debt["path"],
        "docs/debt/0001-views-reach-into-the-domain.md"
    );
    b.ok(&[
        "debt",
        "add",
        "Views reach into the domain",
        "--owner",
        "alice",
        "--principal",
        "2-4d",
        "--target",
        "2026-06-30",
        "--path",
        "src/app/*.py",
        "--module",
        "app",
        "--interest",
        "2-4h",
        "--decision",
        "ADR-2",
        "--goal",
        "1",
        "--tag",
        "layering",
    ]);
    assert_eq!(
        debt["item"],
        b.json(&["debt", "list", "--format", "json"])[0]
    );
    assert_eq!(tree(a.path("").as_path()), tree(b.path("").as_path()));
    assert!(tool_error(&out, "empty_title").contains("one non-empty line"));
    assert!(tool_error(&out, "bad_kind").contains("invalid link kind"));
    assert!(tool_error(&out, "debt_bad_decision").contains("77"));
    assert_eq!(debt["item"]["decisions"], json!(["0002"]));
    assert_eq!(debt["item"]["goals"], json!(["1"]));
    assert_eq!(a.files("docs/adr").len(), 5);
}

#[test]
fn file_context_gives_the_goals_it_touches_and_deps_the_online_risk() {
    let Some(py) = python() else { return };
    let p = sample();
    // Goal 1 is served by the decision naming the `app` module, goal 2 by
    // the technology views.py imports, goal 3 by a debt item covering
    // it, goal 4 by nothing about views.py.
    for title in [
        "Layers hold",
        "Partners answer",
        "Views get simpler",
        "YAML is gone",
    ] {
        p.ok(&["goals", "add", title, "--horizon", "2026-Q1"]);
    }
    p.ok(&["goals", "link", "1", "adr:2", "--in-goal"]);
    p.ok(&["goals", "link", "2", "radar:requests", "--in-goal"]);
    p.ok(&["goals", "link", "4", "adr:4", "--in-goal"]);
    p.ok(&[
        "debt",
        "add",
        "Views reach into the domain",
        "--path",
        "src/app/*.py",
        "--goal",
        "3",
    ]);
    // OSV on loopback: PyYAML, on the radar's Hold ring, is vulnerable;
    // the registry knows nothing (a note, never a wrong answer).
    let server = techlead_testing::http::Server::start(|method, path, body| {
        match (method, path) {
        ("POST", "/v1/querybatch") => {
            super::deps_risk::osv_batch(body, &[("pyyaml", "GHSA-8q59-q68h-6hv4")])
        }
        ("GET", "/v1/vulns/GHSA-8q59-q68h-6hv4") => techlead_testing::http::Reply::json(
            r#"{"id": "GHSA-8q59-q68h-6hv4", "summary": "Improper Input Validation in PyYAML",
                "affected": [{"package": {"ecosystem": "PyPI", "name": "pyyaml"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "6.0.2"}]}]}]}"#
                .to_string(),
        ),
        _ => techlead_testing::http::Reply::status(404, "{}"),
    }
    });
    let env = [
        ("TECHLEAD_REGISTRY_PYPI", server.url.as_str()),
        ("TECHLEAD_OSV_URL", server.url.as_str()),
    ];
    let scenario = json!({
        "calls": [
            ["file", "file_context", {"path": "src/app/views.py"}],
            ["deps", "deps", {"online": true}],
            ["deps_yaml", "deps", {"online": true, "name": "yaml"}]
        ]
    });
    let out = client_with(&py, &p, scenario, &["--online"], &env);
    assert!(
        out["instructions"]
            .as_str()
            .unwrap()
            .contains("online: true")
    );
    let f = structured(&out, "file");
    let goals: Vec<(&str, &Value)> = f["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["id"].as_str().unwrap(), &g["via"]))
        .collect();
    assert_eq!(
        goals,
        [
            ("0001", &json!(["adr:0002"])),
            ("0002", &json!(["radar:requests"])),
            ("0003", &json!(["debt:0001"])),
        ],
        "{f:#}"
    );
    // Each goal as `goals list --format json` gives it.
    let listed = p.json(&["goals", "list", "--format", "json"]);
    let mut first = f["goals"][0].clone();
    first.as_object_mut().unwrap().remove("via");
    assert_eq!(first, listed[0]);

    // The online risk as `deps --online --format json` gives it, the
    // vulnerable package on Hold first.
    let mut cmd = p.cmd(&["deps", "--online", "--format", "json"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let cli: Value = serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap();
    let d = structured(&out, "deps");
    assert_eq!(d["risk"], cli, "{d:#}");
    assert_eq!(d["risk"][0]["name"], "pyyaml");
    assert_eq!(d["risk"][0]["on_hold"], "PyYAML");
    assert_eq!(d["summary"][0]["vulnerable"], 1);
    assert!(d.get("risk_unavailable").is_none());
    let yaml = structured(&out, "deps_yaml");
    assert_eq!(yaml["risk"].as_array().unwrap().len(), 1);
    assert_eq!(yaml["count"], 1);
}

#[test]
fn streamable_http_on_loopback_with_the_discover_handshake() {
    let Some(py) = python() else { return };
    let p = sample();
    let mut server = p
        .cmd(&["mcp", "--http", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(server.stderr.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut line).unwrap();
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .filter(|u| u.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address announced: {line:?}"))
        .to_string();
    let scenario = json!({
        "mode": "auto",
        "calls": [["list", "list_decisions", {}], ["module", "module_of", {"path": "src/domain"}]]
    });
    let out = client(&py, &p, scenario, &["--url", &url]);
    // A web page on another site cannot drive the server (DNS rebinding,
    // cross-site requests): its Origin is refused.
    let refused = post(&url, "http://evil.example");
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(out["protocol_version"], "2026-07-28");
    assert_eq!(
        structured(&out, "list")["decisions"],
        cli_json(&p, &["adr", "list", "--format", "json"])
    );
    assert_eq!(structured(&out, "module")["module"]["name"], "domain");
    assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
}

/// A bare `initialize` POST with an Origin header; the status line back.
fn post(url: &str, origin: &str) -> String {
    use std::io::{Read, Write};
    let addr = url.trim_start_matches("http://").trim_end_matches("/mcp");
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#;
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /mcp HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nContent-Type: application/json\r\n\
         Accept: application/json, text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    reply.lines().next().unwrap_or_default().to_string()
}

#[test]
fn http_refuses_other_addresses_unless_bound_on_purpose() {
    let p = Project::new();
    let out = p.cmd(&["mcp", "--http", "0.0.0.0:0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a loopback address"), "{err}");
    assert!(err.contains("--bind 0.0.0.0"), "{err}");
    let out = p
        .cmd(&[
            "mcp",
            "--http",
            "0.0.0.0:0",
            "--bind",
            "0.0.0.0",
            "--allow-write",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--allow-write is only served on a loopback")
    );
    let out = p.cmd(&["mcp", "--bind", "0.0.0.0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "--bind needs --http");
}
