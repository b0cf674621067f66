//! The setup snippets of docs/guide/mcp.md start a working server: each
//! assistant's config block is read from the page, its command and
//! arguments are run as the assistant would run them (the placeholders
//! `/path/to/project` and `${workspaceFolder}` made the fixture's path),
//! and the server is driven over stdio with newline-delimited JSON-RPC:
//! `initialize`, `notifications/initialized`, `tools/list`, a tool call.
//! Needs no Python, so it runs everywhere (tests/cli/mcp.rs drives the
//! server with the official SDK).

use super::fixture::Project;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const PAGE: &str = include_str!("../../../../docs/guide/mcp.md");

/// One assistant's server entry: the heading above it, command, args.
#[derive(Debug)]
struct Snippet {
    heading: String,
    command: String,
    args: Vec<String>,
}

/// The `command` and `args` of every server entry in the page's `json`
/// and `yaml` blocks, with the `###` heading each sits under.
fn snippets(page: &str) -> Vec<Snippet> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut lines = page.lines();
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("### ") {
            heading = h.to_string();
            continue;
        }
        let Some(lang) = line.strip_prefix("```") else {
            continue;
        };
        let block: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        match lang.trim() {
            "json" => {
                let v: Value = serde_json::from_str(&block.join("\n"))
                    .unwrap_or_else(|e| panic!("{heading}: the json block does not parse: {e}"));
                collect_json(&heading, &v, &mut out);
            }
            "yaml" => out.push(yaml_entry(&heading, &block)),
            _ => {}
        }
    }
    out
}

/// Objects holding a string `command` and an `args` list, at any depth.
fn collect_json(heading: &str, v: &Value, out: &mut Vec<Snippet>) {
    match v {
        Value::Object(map) => {
            if let (Some(Value::String(command)), Some(Value::Array(args))) =
                (map.get("command"), map.get("args"))
            {
                out.push(Snippet {
                    heading: heading.to_string(),
                    command: command.clone(),
                    args: args
                        .iter()
                        .map(|a| a.as_str().unwrap().to_string())
                        .collect(),
                });
            }
            map.values().for_each(|v| collect_json(heading, v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_json(heading, v, out)),
        _ => {}
    }
}

/// Continue's block file: `command: X` and the `- item` lines under `args:`.
fn yaml_entry(heading: &str, block: &[&str]) -> Snippet {
    let mut command = String::new();
    let mut args = Vec::new();
    let mut in_args = false;
    for line in block {
        let t = line.trim();
        if let Some(c) = t.strip_prefix("command:") {
            command = c.trim().to_string();
            in_args = false;
        } else if t == "args:" {
            in_args = true;
        } else if in_args && let Some(a) = t.strip_prefix("- ") {
            args.push(a.trim().to_string());
        } else {
            in_args = false;
        }
    }
    Snippet {
        heading: heading.to_string(),
        command,
        args,
    }
}

/// A server started from a snippet, spoken to over its pipes.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Server {
    fn send(&mut self, msg: Value) {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "{msg}").unwrap();
        stdin.flush().unwrap();
    }

    /// The response to request `id` (notifications before it are skipped).
    fn response(&mut self, id: u64) -> Value {
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "the server closed stdout before answering request {id}"
            );
            let v: Value = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("not a JSON-RPC line on stdout: {e}: {line:?}"));
            if v["id"] == json!(id) {
                return v;
            }
        }
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id)
    }

    /// Closes stdin, as a client going away does; the exit status.
    fn finish(mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        self.child.wait().unwrap()
    }
}

fn start(p: &Project, s: &Snippet, elsewhere: &std::path::Path) -> Server {
    let root = p.path("");
    let root = root.to_str().unwrap();
    let args: Vec<String> = s
        .args
        .iter()
        .map(|a| {
            a.replace("/path/to/project", root)
                .replace("${workspaceFolder}", root)
        })
        .collect();
    // Claude Code starts a project's servers in the project folder (and
    // the raw test stands for it); every other assistant may start them
    // anywhere, so they run in an empty folder and a missing `--repo`
    // shows.
    let cwd = if matches!(s.heading.as_str(), "Claude Code" | "raw") {
        p.path("")
    } else {
        elsewhere.to_path_buf()
    };
    let mut child = Command::new(insta_cmd::get_cargo_bin("techlead"))
        .args(&args)
        .current_dir(cwd)
        .env("TECHLEAD_TODAY", "2026-01-15")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let stdin = child.stdin.take();
    Server {
        child,
        stdin,
        stdout,
    }
}

#[test]
fn every_setup_snippet_in_the_guide_starts_a_server_that_answers() {
    let found = snippets(PAGE);
    let headings: Vec<&str> = found.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Claude Code",
            "Claude Desktop",
            "Cursor",
            "VS Code (GitHub Copilot agent mode)",
            "Continue",
            "Zed"
        ],
        "{found:#?}"
    );
    let p = Project::new();
    p.ok(&["init"]);
    p.ok(&["adr", "new", "Use PostgreSQL for orders"]);
    let listed = p.json(&["adr", "list", "--format", "json"]);
    let elsewhere = tempfile::tempdir().unwrap();
    for s in &found {
        assert!(
            s.command == "techlead" || s.command.ends_with("/techlead"),
            "{}: {}",
            s.heading,
            s.command
        );
        let mut server = start(&p, s, elsewhere.path());
        let init = server.request(
            1,
            "initialize",
            json!({
                "protocolVersion": "2025-11-25",
                "capabilities": {},
                "clientInfo": {"name": "guide-test", "version": "1"}
            }),
        );
        assert_eq!(
            init["result"]["serverInfo"]["name"], "techlead",
            "{}: {init}",
            s.heading
        );
        assert_eq!(
            init["result"]["protocolVersion"], "2025-11-25",
            "{}",
            s.heading
        );
        server.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        let tools = server.request(2, "tools/list", json!({}));
        let names: Vec<&str> = tools["result"]["tools"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: {tools}", s.heading))
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        // Every snippet is read-only: no tool that writes is offered.
        assert_eq!(names.len(), 11, "{}: {names:?}", s.heading);
        assert!(!names.contains(&"propose_decision"), "{}", s.heading);
        let call = server.request(
            3,
            "tools/call",
            json!({"name": "list_decisions", "arguments": {}}),
        );
        assert_eq!(
            call["result"]["isError"],
            json!(false),
            "{}: {call}",
            s.heading
        );
        assert_eq!(
            call["result"]["structuredContent"]["decisions"], listed,
            "{}: the project the snippet reaches",
            s.heading
        );
        assert!(server.finish().success(), "{}", s.heading);
    }
}

#[test]
fn protocol_errors_over_raw_stdio() {
    let p = Project::new();
    p.ok(&["init"]);
    let s = Snippet {
        heading: "raw".into(),
        command: "techlead".into(),
        args: vec!["mcp".into()],
    };
    let mut server = start(&p, &s, p.path("").as_path());
    server.request(
        1,
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}),
    );
    server.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    // Unknown tool and unknown method: JSON-RPC errors, and the server
    // keeps serving.
    let unknown = server.request(2, "tools/call", json!({"name": "rm_rf", "arguments": {}}));
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    let method = server.request(3, "no/such/method", json!({}));
    assert_eq!(method["error"]["code"], -32601, "{method}");
    // Bad arguments and a path outside the root: tool errors the
    // assistant can read.
    let bad = server.request(
        4,
        "tools/call",
        json!({"name": "get_decision", "arguments": {"id": 7}}),
    );
    assert_eq!(bad["result"]["isError"], true, "{bad}");
    assert!(
        bad["result"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("invalid type"),
        "{bad}"
    );
    let outside = server.request(
        5,
        "tools/call",
        json!({"name": "module_of", "arguments": {"path": "../../etc/passwd"}}),
    );
    assert_eq!(outside["result"]["isError"], true, "{outside}");
    assert!(
        outside["result"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("outside the project root"),
        "{outside}"
    );
    let ok = server.request(6, "tools/call", json!({"name": "list_decisions"}));
    assert_eq!(
        ok["result"]["structuredContent"]["decisions"][0]["number"], 1,
        "{ok}"
    );
    assert!(server.finish().success());
}

/// Starts `techlead mcp ARGS` in the project and initialises it.
fn started(p: &Project, args: &[&str]) -> Server {
    let s = Snippet {
        heading: "raw".into(),
        command: "techlead".into(),
        args: args.iter().map(|a| a.to_string()).collect(),
    };
    let mut server = start(p, &s, p.path("").as_path());
    server.request(
        1,
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}),
    );
    server.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    server
}

fn tool_names(server: &mut Server, id: u64) -> Vec<String> {
    let tools = server.request(id, "tools/list", json!({}));
    tools["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn file_context_gives_the_debt_items_that_cover_the_file() {
    let p = Project::new();
    p.ok(&["init"]);
    let config = p.read("techlead.toml");
    p.write(
        "techlead.toml",
        format!("{config}\n[[boundaries.modules]]\nname = \"web\"\npaths = [\"web\"]\n"),
    );
    p.write("src/pay/retry.py", "def retry():\n    pass\n")
        .write("src/pay/jobs/run.py", "x = 1\n")
        .write("src/other.py", "y = 2\n")
        .write("web/app.ts", "export const a = 1;\n");
    p.ok(&[
        "debt",
        "add",
        "Retries in three places",
        "--path",
        "src/pay/*.py",
    ]);
    p.ok(&["debt", "add", "Jobs folder", "--path", "src/pay/jobs"]);
    p.ok(&["debt", "add", "Web by hand", "--module", "web"]);
    let listed = p.json(&["debt", "list", "--format", "json"]);
    let mut server = started(&p, &["mcp"]);
    let ctx = |server: &mut Server, id: u64, path: &str| {
        let r = server.request(
            id,
            "tools/call",
            json!({"name": "file_context", "arguments": {"path": path}}),
        );
        assert_eq!(r["result"]["isError"], false, "{r}");
        r["result"]["structuredContent"].clone()
    };
    // A glob covers the file; a folder covers what is under it.
    let retry = ctx(&mut server, 2, "src/pay/retry.py");
    assert_eq!(retry["debt"], json!([listed[0]]), "{retry:#}");
    let run = ctx(&mut server, 3, "src/pay/jobs/run.py");
    assert_eq!(run["debt"], json!([listed[1]]), "{run:#}");
    // A module covers its files.
    let web = ctx(&mut server, 7, "web/app.ts");
    assert_eq!(web["module"], "web", "{web:#}");
    assert_eq!(web["debt"], json!([listed[2]]), "{web:#}");
    let other = ctx(&mut server, 4, "src/other.py");
    assert_eq!(other["debt"], json!([]), "{other:#}");
    // No goals in this project: none touched, nothing missing.
    assert_eq!(other["goals"], json!([]));
    assert!(other.get("goals_unavailable").is_none(), "{other:#}");
    assert!(other.get("debt_unavailable").is_none(), "{other:#}");
    // A read-only server neither lists nor runs the writing tool.
    assert!(!tool_names(&mut server, 5).contains(&"add_debt_item".to_string()));
    let refused = server.request(
        6,
        "tools/call",
        json!({"name": "add_debt_item", "arguments": {"title": "x"}}),
    );
    assert!(refused.get("error").is_some(), "{refused}");
    assert_eq!(p.files("docs/debt").len(), 3);
    assert!(server.finish().success());
}

#[test]
fn add_debt_item_writes_what_debt_add_writes() {
    let args = [
        "Payment retries live in three places",
        "--owner",
        "payments team",
        "--principal",
        "2-4d",
        "--target",
        "2026-06-30",
        "--path",
        "src/pay/*.py",
        "--path",
        "src/jobs/retry.py",
    ];
    let cli = Project::new();
    cli.ok(&["init"]);
    let mut add = vec!["debt", "add"];
    add.extend(args);
    cli.ok(&add);

    let p = Project::new();
    p.ok(&["init"]);
    let mut server = started(&p, &["mcp", "--allow-write"]);
    assert!(tool_names(&mut server, 2).contains(&"add_debt_item".to_string()));
    let r = server.request(
        3,
        "tools/call",
        json!({"name": "add_debt_item", "arguments": {
            "title": args[0],
            "owner": "payments team",
            "principal": "2-4d",
            "target": "2026-06-30",
            "paths": ["src/pay/*.py", "src/jobs/retry.py"]
        }}),
    );
    assert_eq!(r["result"]["isError"], false, "{r}");
    let out = &r["result"]["structuredContent"];
    let path = "docs/debt/0001-payment-retries-live-in-three-places.md";
    assert_eq!(out["path"], path, "{out:#}");
    assert_eq!(p.read(path), cli.read(path));
    assert_eq!(
        out["item"],
        p.json(&["debt", "list", "--format", "json"])[0]
    );
    assert_eq!(out["item"]["principal"]["text"], "2-4d");
    assert_eq!(out["item"]["status"], "open");
    // The next takes the next number; bad input touches nothing.
    let second = server.request(
        4,
        "tools/call",
        json!({"name": "add_debt_item", "arguments": {"title": "Second"}}),
    );
    assert_eq!(
        second["result"]["structuredContent"]["item"]["id"], "0002",
        "{second}"
    );
    for (id, bad, says) in [
        (5, json!({"title": "x", "principal": "soon"}), "principal"),
        (6, json!({"title": "x", "target": "june"}), "not a date"),
        (
            7,
            json!({"title": "x", "modules": ["nope"]}),
            "[boundaries] module",
        ),
        (
            8,
            json!({"title": "x", "paths": ["../up"]}),
            "outside the project root",
        ),
    ] {
        let e = server.request(
            id,
            "tools/call",
            json!({"name": "add_debt_item", "arguments": bad}),
        );
        assert_eq!(e["result"]["isError"], true, "{e}");
        let text = e["result"]["content"][0]["text"].as_str().unwrap();
        assert!(text.contains(says), "{says}: {text}");
    }
    assert_eq!(p.files("docs/debt").len(), 2);
    assert!(server.finish().success());
}
