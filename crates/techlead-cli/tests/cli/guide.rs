//! The README and the user guide say what the binary does today: every
//! `techlead` command in their `sh` and `console` examples runs here,
//! against a sample project, and must not fail; the output shown in a
//! `console` example must be what the command prints (a line `...` stands
//! for any lines). Run with `TECHLEAD_GUIDE_VERBOSE=1` to see each command.

use super::fixture::Project;
use std::path::Path;
use std::process::Command;

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

/// Per page, anything its examples assume that the sample lacks.
fn prepare(page: &str, p: &Project) {
    match page {
        // Shows the error of a mistyped key on line 4.
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
        // Imports a radar the same page exported.
        "docs/guide/radar.md" => {
            p.write(
                "radar.csv",
                "name,ring,quadrant,isNew,description\nKafka,assess,platforms,true,Event streaming\n",
            );
        }
        _ => {}
    }
}

fn run(p: &Project, home: &Path, command: &str) -> (Option<i32>, String) {
    let bin = insta_cmd::get_cargo_bin("techlead");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(p.path(""))
        .env("PATH", path)
        .env("HOME", home)
        .env("TECHLEAD_TODAY", "2026-01-15")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
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
        let p = sample();
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
        for ex in list {
            ran += 1;
            let (code, output) = run(&p, home.path(), &ex.command);
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
