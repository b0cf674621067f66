//! The README and the user guide say what the binary does today: every
//! `techlead` command in their `sh` and `console` examples runs here,
//! against a sample project, and must not fail; the output shown in a
//! `console` example must be what the command prints (a line `...` stands
//! for any lines). Run with `TECHLEAD_GUIDE_VERBOSE=1` to see each command.

use super::fixture::Project;
use serde_json::json;
use std::path::Path;
use std::process::Command;
use techlead_testing::http::{Reply, Server};

/// One example command: the page, its line there, the shell line, and for
/// `console` blocks the output shown.
struct Example {
    page: String,
    line: usize,
    command: String,
    shown: Option<Vec<String>>,
}

/// The `techlead` commands of a page's `sh`, `bash` and `console` blocks.
/// Continuation lines are joined; in a chain (`a && b`), links that do not
/// start with `techlead` (such as `man techlead-adr`) are left out, as is a
/// trailing `# comment`.
fn examples(page: &str, text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        let Some(lang) = line.strip_prefix("```") else {
            continue;
        };
        let lang = lang.trim().to_string();
        let mut block: Vec<(usize, String)> = Vec::new();
        for (no, l) in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            block.push((no + 1, l.to_string()));
        }
        match lang.as_str() {
            "sh" | "bash" => {
                let mut i = 0;
                while i < block.len() {
                    let (no, mut cmd) = block[i].clone();
                    while cmd.trim_end().ends_with('\\') && i + 1 < block.len() {
                        i += 1;
                        cmd = format!(
                            "{} {}",
                            cmd.trim_end().trim_end_matches('\\').trim_end(),
                            block[i].1.trim()
                        );
                    }
                    i += 1;
                    for part in strip_comment(&cmd).split("&&") {
                        let part = part.trim();
                        if part.starts_with("techlead ") || part == "techlead" {
                            out.push(Example {
                                page: page.to_string(),
                                line: no,
                                command: part.to_string(),
                                shown: None,
                            });
                        }
                    }
                }
            }
            "console" => {
                for (no, l) in &block {
                    if let Some(cmd) = l.strip_prefix("$ ") {
                        out.push(Example {
                            page: page.to_string(),
                            line: *no,
                            command: cmd.to_string(),
                            shown: Some(Vec::new()),
                        });
                    } else if let Some(last) = out.last_mut()
                        && let Some(shown) = &mut last.shown
                    {
                        shown.push(l.clone());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The line without a `# comment` outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('#', None) if i == 0 || line[..i].ends_with(' ') => return line[..i].trim_end(),
            _ => {}
        }
    }
    line
}

/// A project with something for every command to work on: a Rust
/// workspace of two crates, an npm lockfile with moment, axios and got and
/// files that import them, a uv lockfile, technology records, and a git
/// history with a release tag.
fn sample() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git(
        "alice",
        "2025-01-06T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    p.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n",
    )
    .write(
        "crates/orders/Cargo.toml",
        "[package]\nname = \"orders\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\npayments = { path = \"../payments\" }\n",
    )
    .write(
        "crates/orders/src/lib.rs",
        "use payments::charge;\n\npub fn place(n: u32) -> u32 {\n    if n > 3 { charge(n) } else { 0 }\n}\n",
    )
    .write(
        "crates/payments/Cargo.toml",
        "[package]\nname = \"payments\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .write(
        "crates/payments/src/lib.rs",
        "pub fn charge(n: u32) -> u32 {\n    n * 2\n}\n",
    )
    .write(
        "web/package.json",
        r#"{ "name": "web", "dependencies": { "moment": "^2.30.0", "axios": "^1.7.0", "got": "^14.0.0" } }"#,
    )
    .write(
        "web/package-lock.json",
        "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"axios\": \"^1.7.0\", \"got\": \"^14.0.0\", \"moment\": \"^2.30.0\" } },\n    \"node_modules/axios\": { \"version\": \"1.7.2\" },\n    \"node_modules/got\": { \"version\": \"14.4.1\" },\n    \"node_modules/moment\": { \"version\": \"2.30.1\" }\n  }\n}\n",
    )
    .write("web/src/api.ts", "import axios from \"axios\";\nimport moment from \"moment\";\n")
    .write("web/src/legacy.ts", "import got from \"got\";\n")
    .write(
        "docs/radar/axios.md",
        "---\nname: Axios\nquadrant: tools\nring: adopt\npackages: [\"npm:axios\"]\n---\n\nOur HTTP client.\n",
    )
    .write(
        "docs/radar/got.md",
        "---\nname: Got\nquadrant: tools\nring: trial\npackages: [\"npm:got\"]\n---\n\nTried for retries.\n",
    );
    p.git("alice", "2025-01-06T10:00:00Z", &["add", "-A"]);
    p.git(
        "alice",
        "2025-01-06T10:00:00Z",
        &["commit", "-q", "-m", "start"],
    );
    p.git("alice", "2025-01-06T10:00:00Z", &["tag", "v1.0.0"]);
    for (who, date) in [
        ("bob", "2025-03-03T10:00:00Z"),
        ("alice", "2025-06-02T10:00:00Z"),
    ] {
        p.write(
            "crates/orders/src/lib.rs",
            format!("use payments::charge;\n\n// {who}\npub fn place(n: u32) -> u32 {{\n    if n > 3 {{ charge(n) }} else {{ 0 }}\n}}\n"),
        );
        p.write(
            "crates/payments/src/lib.rs",
            format!("// {who}\npub fn charge(n: u32) -> u32 {{\n    n * 2\n}}\n"),
        );
        p.git(
            who,
            date,
            &["commit", "-q", "-am", "change orders and payments"],
        );
    }
    p.git("alice", "2025-06-02T10:00:00Z", &["tag", "v1.1.0"]);
    p
}

/// The project a page's examples run in: the sample, or for a page whose
/// output comes from another context's test project, that project.
fn project_for(page: &str) -> Project {
    match page {
        // The shop in four languages that health's own tests measure, with
        // modules for --by-module and [health] for --write-baseline.
        "docs/guide/health.md" => {
            let p = super::health::project();
            p.write(
                "techlead.toml",
                "[health]\n\n[[boundaries.modules]]\nname = \"billing\"\npaths = [\"billing\"]\n\n[[boundaries.modules]]\nname = \"web\"\npaths = [\"web\", \"api\"]\n",
            );
            p
        }
        _ => sample(),
    }
}

/// Per page, anything its examples assume that the sample lacks.
fn prepare(page: &str, p: &Project) {
    match page {
        // Shows the error of a mistyped key on line 4.
        "docs/guide/org.md" => {
            p.write(
                "techlead.toml",
                "[snapshot]\nrepository = \"shop\"\n\n[store]\nteam = \"payments\"\ntags = [\"python\", \"tier-1\"]\n",
            );
            p.git(
                "alice",
                "2025-06-02T10:00:00Z",
                &["remote", "add", "origin", "git@github.com:Acme/shop.git"],
            );
        }
        "docs/guide/configuration.md" => {
            p.write(
                "techlead.toml",
                "# techlead configuration\n\n[decisions]\ndri = \"docs/adr\"\n",
            );
        }
        // `init` on a project that has no decisions folder yet.
        "docs/guide/init.md" => {
            std::fs::remove_dir_all(p.path("docs")).unwrap();
        }
        // Rolls history up per module.
        "docs/guide/history.md" => {
            p.write(
                "techlead.toml",
                "[[boundaries.modules]]\nname = \"orders\"\npaths = [\"crates/orders\"]\n\n[[boundaries.modules]]\nname = \"payments\"\npaths = [\"crates/payments\"]\n",
            );
        }
        // Markers in comments, and two months of history in the window
        // before 2026-01-15: fixes, a revert, changes that leak.
        "docs/guide/debt.md" => debt_history(p),
        // Imports a radar the same page exported.
        "docs/guide/radar.md" => {
            p.write(
                "radar.csv",
                "name,ring,quadrant,isNew,description\nKafka,assess,platforms,true,Event streaming\n",
            );
        }
        // A license policy, and Axios moved to Hold: the online examples
        // show what to fix first.
        "docs/guide/deps.md" => {
            p.write("techlead.toml", "[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n")
                .write(
                    "docs/radar/axios.md",
                    "---\nname: Axios\nquadrant: tools\nring: hold\npackages: [\"npm:axios\"]\n---\n\nUse fetch.\n",
                );
        }
        _ => {}
    }
}

/// npm and OSV as they answered for the sample's packages in August 2024,
/// on loopback: the guide's `--online` examples run against it, and no
/// example reaches a real service.
fn services() -> Server {
    let npm = |latest: &str, versions: &[(&str, &str)]| {
        let time: serde_json::Map<String, serde_json::Value> = versions
            .iter()
            .map(|(v, t)| (v.to_string(), json!(t)))
            .collect();
        let meta: serde_json::Map<String, serde_json::Value> = versions
            .iter()
            .map(|(v, _)| (v.to_string(), json!({"license": "MIT"})))
            .collect();
        Reply::json(
            json!({"dist-tags": {"latest": latest}, "time": time, "versions": meta}).to_string(),
        )
    };
    Server::start(move |method, path, body| {
        match (method, path) {
        ("GET", "/axios") => npm(
            "1.7.4",
            &[
                ("1.7.2", "2024-05-21T00:00:00Z"),
                ("1.7.3", "2024-08-01T00:00:00Z"),
                ("1.7.4", "2024-08-13T00:00:00Z"),
            ],
        ),
        ("GET", "/got") => npm("14.4.2", &[("14.4.1", "2024-06-05T00:00:00Z"), ("14.4.2", "2024-07-25T00:00:00Z")]),
        ("GET", "/moment") => npm("2.30.1", &[("2.30.1", "2023-12-27T00:00:00Z")]),
        ("POST", "/v1/querybatch") => {
            let q: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let results: Vec<serde_json::Value> = q["queries"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|q| match q["package"]["name"].as_str() {
                    Some("axios") => json!({"vulns": [{"id": "GHSA-8hc4-vh64-cxmj"}]}),
                    _ => json!({}),
                })
                .collect();
            Reply::json(json!({ "results": results }).to_string())
        }
        ("GET", "/v1/vulns/GHSA-8hc4-vh64-cxmj") => Reply::json(
            json!({"id": "GHSA-8hc4-vh64-cxmj", "summary": "Server-Side Request Forgery in axios",
                   "aliases": ["CVE-2024-39338"], "database_specific": {"severity": "HIGH"},
                   "affected": [{"package": {"ecosystem": "npm", "name": "axios"},
                     "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.3.2"}, {"fixed": "1.7.4"}]}]}]})
            .to_string(),
        ),
        _ => Reply::status(404, "{}"),
    }
    })
}

/// One commit of the debt page's history: author, date, files, message.
type Step<'a> = (&'a str, &'a str, &'a [(&'a str, String)], &'a str);

/// The debt page's project: `[debt]` on, markers, recent history.
fn debt_history(p: &Project) {
    p.write("techlead.toml", "[checks]\nrun = [\"debt\"]\n\n[debt]\n");
    let payments = |n: u32| {
        format!(
            "// TODO(alice, 2026-01-01, #42): round half to even\npub fn charge(n: u32) -> u32 {{\n    n * 2 + {n} // FIXME: refunds round twice @bob\n}}\n"
        )
    };
    let legacy = |n: u32| {
        format!(
            "import got from \"got\";\n// HACK: got until axios retries, remove by 2026-06-30\nexport const tries = {n};\n"
        )
    };
    let orders = |n: u32| {
        format!(
            "use payments::charge;\n\npub fn place(n: u32) -> u32 {{\n    if n > {n} {{ charge(n) }} else {{ 0 }}\n}}\n"
        )
    };
    let steps: [Step; 5] = [
        (
            "bob",
            "2025-11-04T10:00:00Z",
            &[("crates/payments/src/lib.rs", payments(1))],
            "Fix rounding of refunds",
        ),
        (
            "alice",
            "2025-11-18T10:00:00Z",
            &[
                ("crates/payments/src/lib.rs", payments(2)),
                ("crates/orders/src/lib.rs", orders(4)),
            ],
            "feature: partial refunds",
        ),
        (
            "carol",
            "2025-12-02T10:00:00Z",
            &[("crates/payments/src/lib.rs", payments(3))],
            "bugfix: negative amounts",
        ),
        (
            "bob",
            "2025-12-16T10:00:00Z",
            &[
                ("crates/payments/src/lib.rs", payments(4)),
                ("web/src/legacy.ts", legacy(3)),
            ],
            "retry payments over got",
        ),
        (
            "alice",
            "2026-01-08T10:00:00Z",
            &[
                ("crates/payments/src/lib.rs", payments(5)),
                ("web/src/legacy.ts", legacy(1)),
            ],
            "Revert \"retry payments over got\"",
        ),
    ];
    for (who, date, files, message) in steps {
        for (f, text) in files {
            p.write(f, text);
        }
        p.git(who, date, &["add", "-A"]);
        p.git(who, date, &["commit", "-q", "-m", message]);
    }
}

/// The organisation page's store: a fresh database on the test server
/// (CI starts one), else a SQLite file, which serves the same commands.
fn store_for(page: &str) -> Option<String> {
    (page == "docs/guide/org.md").then(|| match techlead_testing::postgres::server() {
        Some(c) => techlead_testing::postgres::fresh_database(c).1,
        None => "org.db".to_string(),
    })
}

fn run(
    p: &Project,
    home: &Path,
    services: &str,
    store: Option<&str>,
    command: &str,
) -> (Option<i32>, String) {
    let bin = insta_cmd::get_cargo_bin("techlead");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut sh = Command::new("sh");
    match store {
        Some(s) => sh.env("TECHLEAD_STORE", s),
        None => sh.env_remove("TECHLEAD_STORE"),
    };
    let out = sh
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(p.path(""))
        .env("PATH", path)
        .env("HOME", home)
        .env("TECHLEAD_TODAY", "2026-01-15")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("CARGO_HOME", home.join(".cargo"))
        .env("TECHLEAD_REGISTRY_CRATES", services)
        .env("TECHLEAD_REGISTRY_NPM", services)
        .env("TECHLEAD_REGISTRY_PYPI", services)
        .env("TECHLEAD_OSV_URL", services)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Whether `actual` shows `shown`, where a `...` line stands for any lines.
fn matches(shown: &[String], actual: &[&str]) -> bool {
    match shown.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| a.trim_end() == first.trim_end() && matches(rest, more)),
    }
}

#[test]
fn every_example_in_the_readme_and_the_guide_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut pages: Vec<String> = std::fs::read_dir(root.join("docs/guide"))
        .unwrap()
        .map(|e| format!("docs/guide/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    pages.sort();
    pages.insert(0, "README.md".to_string());
    let verbose = std::env::var_os("TECHLEAD_GUIDE_VERBOSE").is_some();
    let mut failures = Vec::new();
    let mut ran = 0;
    for page in &pages {
        let text = std::fs::read_to_string(root.join(page)).unwrap();
        let list = examples(page, &text);
        if list.is_empty() {
            continue;
        }
        let p = project_for(page);
        prepare(page, &p);
        // A home with the folders the install page writes completions to.
        let home = tempfile::tempdir().unwrap();
        for d in [
            ".local/share/bash-completion/completions",
            ".zfunc",
            ".config/fish/completions",
        ] {
            std::fs::create_dir_all(home.path().join(d)).unwrap();
        }
        // Started per page: it stops by itself after two minutes.
        let services = services();
        let store = store_for(page);
        for ex in list {
            ran += 1;
            let (code, output) = run(
                &p,
                home.path(),
                &services.url,
                store.as_deref(),
                &ex.command,
            );
            if verbose {
                eprintln!(
                    "{}:{}: $ {} -> {code:?}\n{output}",
                    ex.page, ex.line, ex.command
                );
            }
            let at = format!("{}:{}: `{}`", ex.page, ex.line, ex.command);
            match &ex.shown {
                // A command shown with its output must print that output.
                Some(shown) => {
                    let actual: Vec<&str> = output.lines().collect();
                    if !matches(shown, &actual) {
                        failures.push(format!(
                            "{at} printed:\n{output}the page shows:\n{}\n",
                            shown.join("\n")
                        ));
                    }
                }
                // Others must run: exit 0, or 1 for commands that report
                // findings; never a usage or input error.
                None => {
                    if !matches!(code, Some(0 | 1)) {
                        failures.push(format!("{at} exited {code:?}:\n{output}"));
                    }
                }
            }
        }
    }
    assert!(
        ran > 40,
        "only {ran} examples found: is the extraction broken?"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `check.md` lists exactly the checks the registry runs.
#[test]
fn the_check_page_lists_every_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let page = std::fs::read_to_string(root.join("docs/guide/check.md")).unwrap();
    let listed: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    let p = Project::new();
    let rules = p.json(&["rules", "--format", "json"]);
    let mut checks: Vec<String> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some(r["id"].as_str()?.split('/').next()?.to_string()))
        .filter(|family| family != "baseline")
        .collect();
    checks.dedup();
    assert_eq!(listed, checks);
}

#[test]
fn extraction_handles_chains_comments_and_continuations() {
    let text = "```sh\ntechlead a --x \"#1\"  # note\ntechlead b \\\n  --y && man z\necho no\n```\n```console\n$ techlead c\nout\n...\n```\n";
    let ex = examples("p.md", text);
    let cmds: Vec<&str> = ex.iter().map(|e| e.command.as_str()).collect();
    assert_eq!(
        cmds,
        ["techlead a --x \"#1\"", "techlead b --y", "techlead c"]
    );
    assert_eq!(
        ex[2].shown.as_deref(),
        Some(&["out".to_string(), "...".to_string()][..])
    );
    assert!(matches(
        &["a".into(), "...".into(), "z".into()],
        &["a", "b", "c", "z"]
    ));
    assert!(!matches(&["a".into()], &["a", "b"]));
}
