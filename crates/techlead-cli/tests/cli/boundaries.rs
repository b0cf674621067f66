//! `techlead boundaries` on small trees that the tests write: every rule,
//! every output, and bad input.

use super::fixture::Project;
use crate::snap;

/// A Rust workspace of four crates whose imports break every boundary
/// rule once:
/// - app -> infra: undeclared, not visible, private (secret.rs), and it
///   skips the closed `domain` layer;
/// - domain -> app: forbidden, a layer violation, and a cycle with
///   app -> domain;
/// - domain declares util but never uses it (strict);
pub fn rust_violations(p: &Project) {
    p.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\n",
    )
    .write(
        "crates/app/Cargo.toml",
        "[package]\nname = \"app\"\n\n[dependencies]\nserde = \"1\"\n",
    )
    .write(
        "crates/app/src/lib.rs",
        "use domain::Order;\nuse infra::secret::key;\nuse util::fmt;\nuse serde::Serialize;\n\nfn start() {\n    infra::db::connect();\n}\n\npub fn run() {}\n",
    )
    .write("crates/app/src/main.rs", "fn main() {\n    app::run();\n}\n")
    .write("crates/domain/Cargo.toml", "[package]\nname = \"domain\"\n")
    .write(
        "crates/domain/src/lib.rs",
        "pub mod order;\npub use order::Order;\n",
    )
    .write(
        "crates/domain/src/order.rs",
        "// use infra::db; (a comment, not an import)\npub struct Order;\n\nfn back() {\n    app::run();\n}\n",
    )
    .write("crates/infra/Cargo.toml", "[package]\nname = \"infra\"\n")
    .write("crates/infra/src/lib.rs", "pub mod db;\npub mod secret;\n")
    .write("crates/infra/src/db.rs", "pub fn connect() {}\n")
    .write("crates/infra/src/secret.rs", "pub fn key() {}\n")
    .write("crates/util/Cargo.toml", "[package]\nname = \"util\"\n")
    .write("crates/util/src/lib.rs", "pub mod fmt;\n")
    .write("crates/util/src/fmt.rs", "pub fn f() {}\n")
    .write(
        "techlead.toml",
        r#"[checks]
run = ["boundaries"]

[boundaries]
layers = ["app", { name = "domain", closed = true }, "infra"]
strict = true

[[boundaries.modules]]
name = "app"
paths = ["crates/app"]
layer = "app"
depends_on = ["domain"]

[[boundaries.modules]]
name = "domain"
paths = ["crates/domain"]
layer = "domain"
depends_on = ["infra", "util", "app"]
cannot_depend_on = ["app"]

[[boundaries.modules]]
name = "infra"
paths = ["crates/infra/**"]
layer = "infra"
interface = ["crates/infra/src/lib.rs", "crates/infra/src/db.rs"]
visible_to = ["domain"]

[[boundaries.modules]]
name = "util"
paths = ["crates/util"]
utility = true
"#,
    );
}

#[test]
fn check_reports_every_rule() {
    let p = Project::new();
    rust_violations(&p);
    snap!(p, "check_text", p.cmd(&["boundaries", "check"]));
    snap!(
        p,
        "check_json",
        p.cmd(&["boundaries", "check", "--format", "json"])
    );
    // `techlead check` runs the same rules.
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        rules,
        [
            "boundaries/cycle",
            "boundaries/forbidden-dependency",
            "boundaries/layer-violation",
            "boundaries/not-visible",
            "boundaries/private-import",
            "boundaries/undeclared-dependency",
            "boundaries/unused-declared-dependency",
        ]
    );
}

#[test]
fn imports_prints_the_edge_contract() {
    let p = Project::new();
    rust_violations(&p);
    snap!(
        p,
        "imports_json",
        p.cmd(&["boundaries", "imports", "--format", "json"])
    );
    snap!(
        p,
        "imports_csv",
        p.cmd(&["boundaries", "imports", "crates/app", "--format", "csv"])
    );
    snap!(
        p,
        "imports_external",
        p.cmd(&["boundaries", "imports", "crates/app", "--external"])
    );
}

#[test]
fn graph_marks_violating_edges() {
    let p = Project::new();
    rust_violations(&p);
    snap!(p, "graph_dot", p.cmd(&["boundaries", "graph"]));
    snap!(
        p,
        "graph_mermaid",
        p.cmd(&["boundaries", "graph", "--format", "mermaid"])
    );
    let g = p.json(&["boundaries", "graph", "--format", "json"]);
    let edge = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "domain" && e["to"] == "app")
        .unwrap();
    assert_eq!(
        edge["violations"],
        serde_json::json!([
            "boundaries/cycle",
            "boundaries/forbidden-dependency",
            "boundaries/layer-violation"
        ])
    );
}

#[test]
fn bad_source_files_are_warnings_and_the_run_goes_on() {
    let p = Project::new();
    rust_violations(&p);
    p.write(
        "crates/app/src/latin1.rs",
        b"// caf\xe9\nuse infra::db;\n".as_slice(),
    )
    .write("crates/app/src/blob.rs", b"\x7fELF\x00\x01\x02".as_slice())
    .write(
        "crates/app/src/open.rs",
        "use domain::Order;\nconst S: &str = \"never closed;\n",
    )
    .write(
        "crates/app/src/huge.rs",
        "// padding\n".repeat(4 * 1024 * 1024 / 11 + 1),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.path("crates"), p.path("crates/app/src/loop")).unwrap();
    let out = p
        .cmd(&["boundaries", "imports", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "warning: crates/app/src/blob.rs:1: skipped: binary file (NUL byte)",
        "warning: crates/app/src/latin1.rs:1: skipped: invalid UTF-8",
        "warning: crates/app/src/open.rs:2: unterminated string or char literal; imports after it may be missed",
        "warning: crates/app/src/huge.rs: skipped: 4194311 bytes is over the 4 MiB limit for source files",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    // The good files were still read, including the one with a problem.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("crates/app/src/open.rs,crates/domain/src/lib.rs,1,static,rust"));
    assert!(stdout.contains("crates/app/src/lib.rs,crates/domain/src/lib.rs,1,static,rust"));
    // --quiet keeps stderr clean.
    let out = p
        .cmd(&["boundaries", "imports", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn broken_boundaries_config_is_exit_2_with_file_and_line() {
    let p = Project::new();
    rust_violations(&p);
    let good = p.read("techlead.toml");
    for (bad, expected) in [
        (
            good.replace("depends_on = [\"domain\"]", "depend_on = [\"domain\"]"),
            "techlead.toml:12:1: unknown field `depend_on`",
        ),
        (
            good.replace("strict = true", "strict = true\nignore_kinds = [\"types\"]"),
            "techlead.toml:7:17: unknown import kind `types`",
        ),
        // A module that does not exist is an input error, not a finding
        // that could be switched off: the config would check less than it
        // says.
        (
            good.replace(
                "depends_on = [\"domain\"]",
                "depends_on = [\"domain\", \"domian\"]",
            ),
            "techlead.toml:12:25: depends_on of module `app` names unknown module `domian`\n  help: did you mean `domain`?",
        ),
        // Every mistake at once, each at its line.
        (
            good.replace("depends_on = [\"domain\"]", "depends_on = [\"domian\"]")
                .replace("strict = true", "strict = true\nignore_kinds = [\"types\"]")
                + "\n[radr]\ndir = \"x\"\n",
            "error: techlead.toml:7:17: unknown import kind `types` in [boundaries] ignore_kinds; \
             expected one of static, dynamic, type-only, re-export, type-checking, mod, path\n\
             error: techlead.toml:13:15: depends_on of module `app` names unknown module `domian`\n  help: did you mean `domain`?\n\
             error: techlead.toml:34:2: unknown section `radr`, expected one of `decisions`, `checks`, `boundaries`, `radar`,",
        ),
        (
            good.replace("paths = [\"crates/app\"]", "paths = [\"crates/{app\"]"),
            "techlead.toml:9: invalid glob",
        ),
    ] {
        p.write("techlead.toml", &bad);
        let out = p.cmd(&["boundaries", "check"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn baseline_tolerates_known_violations_and_reports_stale_ones() {
    let p = Project::new();
    rust_violations(&p);
    snap!(p, "baseline_write", p.cmd(&["boundaries", "baseline"]));
    let first = p.read(".techlead/baseline.toml");
    // Deterministic: a second run writes the same bytes.
    p.ok(&["boundaries", "baseline"]);
    assert_eq!(first, p.read(".techlead/baseline.toml"));
    assert!(!first.contains(":2"), "no line numbers in the baseline");
    snap!(p, "baseline_clean", p.cmd(&["check"]));

    // Fix one violation (app no longer reaches infra's private file) and
    // add a new one (util now imports domain, which it may not).
    p.write(
        "crates/app/src/lib.rs",
        p.read("crates/app/src/lib.rs")
            .replace("use infra::secret::key;\n", "\n"),
    );
    p.write(
        "techlead.toml",
        p.read("techlead.toml")
            .replace("utility = true", "utility = true\ndepends_on = []"),
    );
    p.write(
        "crates/util/src/fmt.rs",
        "use domain::Order;\npub fn f() {}\n",
    );
    snap!(p, "baseline_burn_down", p.cmd(&["check"]));
}

#[test]
fn init_discovers_modules_and_sync_keeps_comments() {
    let p = Project::new();
    rust_violations(&p);
    p.write(
        "techlead.toml",
        "# our settings\n[checks]\nrun = [\"boundaries\"]   # only this\n",
    );
    snap!(p, "init", p.cmd(&["boundaries", "init"]));
    let config = p.read("techlead.toml");
    assert!(config.starts_with("# our settings\n[checks]\nrun = [\"boundaries\"]   # only this\n"));
    crate::snap_text!("init_toml", config);
    // A second init leaves the declared modules alone.
    p.ok(&["boundaries", "init"]);
    assert_eq!(config, p.read("techlead.toml"));
    // The generated config already matches: sync has nothing to do.
    p.ok(&["boundaries", "sync"]);
    assert_eq!(config, p.read("techlead.toml"));

    // Hand-edited config: a comment on depends_on, one wrong entry.
    let edited = config.replace(
        "name = \"domain\"\npaths = [\"crates/domain\"]\ndepends_on = [\"app\"]",
        "name = \"domain\"\npaths = [\"crates/domain\"]\n# reviewed in ADR 12\ndepends_on = [\"infra\"] # keep",
    );
    assert_ne!(edited, config, "fixture text changed");
    p.write("techlead.toml", &edited);
    let out = p
        .cmd(&["boundaries", "sync", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "domain: +app -infra\n"
    );
    assert_eq!(edited, p.read("techlead.toml"), "--dry-run wrote");
    p.ok(&["boundaries", "sync"]);
    let synced = p.read("techlead.toml");
    assert!(
        synced.contains("# reviewed in ADR 12\ndepends_on = [\"app\"] # keep"),
        "{synced}"
    );
    assert_eq!(
        synced.replace("[\"app\"] # keep", "[\"infra\"] # keep"),
        edited
    );
}

#[test]
fn cache_gives_the_same_answers_and_follows_changes() {
    let p = Project::new();
    rust_violations(&p);
    let cold = p.ok(&["boundaries", "imports", "--external", "--format", "json"]);
    assert!(p.path(".techlead/cache/boundaries.bin").is_file());
    let warm = p.ok(&["boundaries", "imports", "--external", "--format", "json"]);
    assert_eq!(cold, warm);
    let check = |p: &Project| {
        let out = p
            .cmd(&["boundaries", "check", "--format", "json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let findings = check(&p);
    assert_eq!(findings, {
        let out = p
            .cmd(&["--no-cache", "boundaries", "check", "--format", "json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    });

    // A changed file is scanned again.
    p.write(
        "crates/util/src/fmt.rs",
        "use domain::Order;\npub fn f() {}\n",
    );
    let after = p.ok(&["boundaries", "imports", "--format", "csv"]);
    assert!(after.contains("crates/util/src/fmt.rs,crates/domain/src/lib.rs,1,static,rust"));
    // A new file changes what other files resolve to (domain::order now
    // has a child module): every file is resolved again.
    p.write("crates/domain/src/order/line.rs", "pub struct Line;\n");
    p.write(
        "crates/app/src/extra.rs",
        "use domain::order::line::Line;\n",
    );
    let after = p.ok(&["boundaries", "imports", "--format", "csv"]);
    assert!(
        after.contains("crates/app/src/extra.rs,crates/domain/src/order/line.rs,1,static,rust"),
        "{after}"
    );
    assert_eq!(
        after,
        p.ok(&["--no-cache", "boundaries", "imports", "--format", "csv"])
    );

    // A damaged cache is ignored and rewritten.
    p.write(
        ".techlead/cache/boundaries.bin",
        b"TLBCACHE\x01\x00garbage".as_slice(),
    );
    assert_eq!(after, p.ok(&["boundaries", "imports", "--format", "csv"]));
    assert!(
        std::fs::metadata(p.path(".techlead/cache/boundaries.bin"))
            .unwrap()
            .len()
            > 100
    );

    // --no-cache neither reads nor writes it.
    let q = Project::new();
    rust_violations(&q);
    q.ok(&["--no-cache", "boundaries", "imports"]);
    assert!(!q.path(".techlead").exists());
}

#[test]
fn cached_files_still_warn() {
    let p = Project::new();
    rust_violations(&p);
    p.write(
        "crates/app/src/open.rs",
        "use domain::Order;\nconst S: &str = \"never closed;\n",
    );
    for _ in 0..2 {
        let out = p.cmd(&["boundaries", "imports"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("crates/app/src/open.rs:2: unterminated string"),
            "{stderr}"
        );
    }
}

/// File names are the repository's: in text, a control character in one
/// is shown escaped, not sent to the terminal.
#[test]
fn imports_and_init_escape_control_characters_in_file_names() {
    let p = Project::new();
    p.write(
        "web/\u{1b}red/main.ts",
        "import { a } from \"../core/a\";\n",
    )
    .write("web/core/a.ts", "export const a = 1;\n");
    let imports = p.ok(&["boundaries", "imports"]);
    assert_eq!(
        imports,
        "web/\\u{1b}red/main.ts:1 -> web/core/a.ts (static)\n"
    );
    let init = p.ok(&["boundaries", "init"]);
    assert!(!init.contains('\u{1b}'), "{init:?}");
    assert!(init.contains("\\u{1b}red"), "{init:?}");
}

/// Next.js routes are folders named `[locale]`, `[...slug]`: discovered as
/// modules, their paths are written so that the brackets are not globs
/// (`init` wrote `src/[locale]`, a character class; this one failed to
/// parse, others matched the wrong files).
#[test]
fn init_writes_folders_with_brackets_as_literal_paths() {
    let p = Project::new();
    p.write("package.json", r#"{ "name": "web" }"#)
        .write(
            "src/[locale]/page.tsx",
            "import { fmt } from \"../lib/fmt\";\nexport default fmt;\n",
        )
        .write("src/lib/fmt.ts", "export const fmt = 1;\n");
    let init = p.ok(&["boundaries", "init"]);
    assert!(
        init.contains("[locale]  src/[[]locale[]], src/[[]locale[]]/**"),
        "{init}"
    );
    p.ok(&["boundaries", "check"]);
    let graph = p.json(&["boundaries", "graph", "--format", "json"]);
    let edges: Vec<(&str, &str)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    assert_eq!(edges, [("[locale]", "lib")], "{graph}");
    let config = p.read("techlead.toml");
    assert!(config.contains("depends_on = [\"lib\"]"), "{config}");
}
