//! `[boundaries] tests`: imports made by test code are marked, and the
//! rules judge production code on its own imports (a whole cycle once
//! came from spec files).

use super::fixture::Project;
use crate::snap;

/// Two TypeScript modules: `orders` uses `billing` in production, and
/// billing's spec file imports `orders` back, closing a loop that only the
/// tests make.
fn spec_cycle(p: &Project, tests: Option<&str>) {
    let setting = tests
        .map(|t| format!("tests = \"{t}\"\n"))
        .unwrap_or_default();
    p.write(
        "src/orders/index.ts",
        "import { charge } from \"../billing/charge\";\nexport const order = () => charge();\n",
    )
    .write("src/billing/charge.ts", "export const charge = () => 1;\n")
    .write(
        "src/billing/charge.spec.ts",
        "import { order } from \"../orders\";\nimport { charge } from \"./charge\";\ntest(\"x\", () => order());\n",
    )
    .write(
        "techlead.toml",
        format!(
            "[boundaries]\n{setting}\n[[boundaries.modules]]\nname = \"orders\"\npaths = [\"src/orders\"]\n\n\
             [[boundaries.modules]]\nname = \"billing\"\npaths = [\"src/billing\"]\n"
        ),
    );
}

#[test]
fn a_cycle_closed_only_by_spec_files_is_reported_apart_as_a_warning() {
    let p = Project::new();
    spec_cycle(&p, None);
    snap!(p, "tests_separate_cycle", p.cmd(&["boundaries", "check"]));
    let (code, rules) = p.rules_found(&["boundaries", "check"]);
    assert_eq!(
        (code, rules),
        (Some(0), vec!["boundaries/cycle".to_string()])
    );
}

#[test]
fn tests_check_judges_test_code_as_production_and_ignore_leaves_it_out() {
    let p = Project::new();
    spec_cycle(&p, Some("check"));
    let out = p
        .cmd(&["boundaries", "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found[0]["severity"], "error");
    assert!(!found[0]["message"].as_str().unwrap().contains("test code"));

    spec_cycle(&p, Some("ignore"));
    let (code, rules) = p.rules_found(&["boundaries", "check"]);
    assert_eq!((code, rules), (Some(0), Vec::<String>::new()));
    // Ignored test imports are not drawn either.
    let g = p.json(&["boundaries", "graph", "--format", "json"]);
    assert_eq!(g["edges"].as_array().unwrap().len(), 1);
}

#[test]
fn per_import_findings_from_tests_are_marked_and_at_most_warnings() {
    let p = Project::new();
    spec_cycle(&p, None);
    // orders may use nothing: its production import is an error, billing's
    // spec importing orders is billing's own undeclared dependency, from
    // test code.
    p.write(
        "techlead.toml",
        "[boundaries]\nforbid_cycles = false\n\n[[boundaries.modules]]\nname = \"orders\"\npaths = [\"src/orders\"]\ndepends_on = []\n\n\
         [[boundaries.modules]]\nname = \"billing\"\npaths = [\"src/billing\"]\ndepends_on = []\n",
    );
    snap!(
        p,
        "tests_separate_undeclared",
        p.cmd(&["boundaries", "check"])
    );
}

#[test]
fn imports_mark_test_edges_in_json_csv_and_text() {
    let p = Project::new();
    spec_cycle(&p, None);
    let edges = p.json(&["boundaries", "imports", "--format", "json"]);
    let tests: Vec<(&str, bool)> = edges
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e.get("test").is_some()))
        .collect();
    assert_eq!(
        tests,
        [
            ("src/billing/charge.spec.ts", true),
            ("src/billing/charge.spec.ts", true),
            ("src/orders/index.ts", false)
        ]
    );
    assert_eq!(edges[0]["test"], true);
    snap!(
        p,
        "tests_imports_csv",
        p.cmd(&["boundaries", "imports", "--format", "csv"])
    );
    let text = p.ok(&["boundaries", "imports"]);
    assert!(text.contains("src/billing/charge.spec.ts:1 -> src/orders/index.ts (static, test)"));
    // The graph draws the test-only dependency dashed.
    let dot = p.ok(&["boundaries", "graph"]);
    assert!(
        dot.contains("\"billing\" -> \"orders\" [label=\"1\", color=red, fontcolor=red, tooltip=\"boundaries/cycle\", style=dashed];"),
        "{dot}"
    );
}

#[test]
fn a_tree_without_tests_prints_no_test_column() {
    let p = Project::new();
    spec_cycle(&p, None);
    std::fs::remove_file(p.path("src/billing/charge.spec.ts")).unwrap();
    let csv = p.ok(&["boundaries", "imports", "--format", "csv"]);
    assert_eq!(
        csv,
        "from,to,line,kind,language\nsrc/orders/index.ts,src/billing/charge.ts,1,static,typescript\n"
    );
    let json = p.ok(&["boundaries", "imports", "--format", "json"]);
    assert!(!json.contains("\"test\""));
}

#[test]
fn rust_cfg_test_modules_are_test_code() {
    let p = Project::new();
    p.write("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        .write("crates/a/Cargo.toml", "[package]\nname = \"a\"\n")
        .write(
            "crates/a/src/lib.rs",
            "pub fn run() {}\n\n#[cfg(test)]\nmod tests;\n",
        )
        .write("crates/a/src/tests.rs", "mod fixtures;\nuse b::helper;\n")
        .write("crates/a/src/tests/fixtures.rs", "use b::helper;\n")
        .write("crates/b/Cargo.toml", "[package]\nname = \"b\"\n")
        .write("crates/b/src/lib.rs", "pub fn helper() {}\nuse a::run;\n");
    let edges = p.json(&["boundaries", "imports", "--format", "json"]);
    let marked: Vec<(&str, &str, bool)> = edges
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap(),
                e["to"].as_str().unwrap(),
                e.get("test") == Some(&serde_json::Value::Bool(true)),
            )
        })
        .collect();
    assert_eq!(
        marked,
        [
            // The declaration itself is compiled for tests only.
            ("crates/a/src/lib.rs", "crates/a/src/tests.rs", true),
            (
                "crates/a/src/tests.rs",
                "crates/a/src/tests/fixtures.rs",
                true
            ),
            ("crates/a/src/tests.rs", "crates/b/src/lib.rs", true),
            (
                "crates/a/src/tests/fixtures.rs",
                "crates/b/src/lib.rs",
                true
            ),
            ("crates/b/src/lib.rs", "crates/a/src/lib.rs", false),
        ]
    );
}

/// Crate `a` whose inline test module imports `b`, a crate that depends
/// on `a` (tokio's `#[cfg(all(test, not(loom)))] mod tests` imports its
/// dev-dependency tokio-test: a false cycle error failed the check).
fn inline_test_module(p: &Project, outside: &str) {
    p.write("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        .write(
            "crates/a/Cargo.toml",
            "[package]\nname = \"a\"\n\n[dev-dependencies]\nb = { path = \"../b\" }\n",
        )
        .write(
            "crates/a/src/lib.rs",
            format!(
                "pub fn x() {{}}\n{outside}\n#[cfg(all(test, not(loom)))]\nmod tests {{\n    \
                 use b::y;\n    const BRACE: &str = \"}}\";\n\n    #[test]\n    fn t() {{\n        \
                 y();\n    }}\n}}\n"
            ),
        )
        .write(
            "crates/b/Cargo.toml",
            "[package]\nname = \"b\"\n\n[dependencies]\na = { path = \"../a\" }\n",
        )
        .write(
            "crates/b/src/lib.rs",
            "use a::x;\npub fn y() {\n    x()\n}\n",
        );
}

fn errors(p: &Project) -> (Option<i32>, Vec<String>) {
    let out = p
        .cmd(&["boundaries", "check", "--format", "json"])
        .output()
        .unwrap();
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{}: {}", f["rule"], f["message"]))
        .collect();
    (out.status.code(), errors)
}

#[test]
fn rust_inline_cfg_test_modules_are_test_code() {
    let p = Project::new();
    inline_test_module(&p, "");
    p.ok(&["boundaries", "init"]);
    assert_eq!(errors(&p), (Some(0), Vec::new()));
    let text = p.ok(&["boundaries", "imports"]);
    assert!(
        text.contains("crates/a/src/lib.rs:5 -> crates/b/src/lib.rs (static, test)"),
        "{text}"
    );
    assert!(
        text.contains("crates/b/src/lib.rs:1 -> crates/a/src/lib.rs (static)\n"),
        "{text}"
    );

    // `tests = "check"` judges test code as production, inline modules too.
    let config = p.read("techlead.toml");
    p.write(
        "techlead.toml",
        config.replacen("[boundaries]\n", "[boundaries]\ntests = \"check\"\n", 1),
    );
    let (code, found) = errors(&p);
    assert_eq!(code, Some(1));
    assert!(found.iter().any(|f| f.contains("cycle")), "{found:?}");

    // The same import outside the test module is production code.
    let p = Project::new();
    inline_test_module(&p, "use b::y;\n");
    p.ok(&["boundaries", "init"]);
    let (code, found) = errors(&p);
    assert_eq!(code, Some(1));
    assert!(found.iter().any(|f| f.contains("cycle")), "{found:?}");
}

/// A jscodeshift codemod package keeps input and output files that import
/// the library it rewrites in `__testfixtures__` (redux-toolkit's
/// rtk-codemods drew 18 production imports into @reduxjs/toolkit).
#[test]
fn codemod_test_fixtures_are_test_code() {
    let p = Project::new();
    p.write(
        "package.json",
        r#"{ "name": "root", "private": true, "workspaces": ["packages/*"] }"#,
    )
    .write(
        "packages/toolkit/package.json",
        r#"{ "name": "toolkit", "main": "src/index.ts" }"#,
    )
    .write(
        "packages/toolkit/src/index.ts",
        "export const createSlice = 1;\n",
    )
    .write(
        "packages/codemods/package.json",
        r#"{ "name": "codemods" }"#,
    )
    .write(
        "packages/codemods/transforms/slice/index.ts",
        "export default function t() {}\n",
    )
    .write(
        "packages/codemods/transforms/slice/__testfixtures__/basic.input.ts",
        "import { createSlice } from \"toolkit\";\n",
    );
    let edges = p.json(&["boundaries", "imports", "--format", "json"]);
    let edges = edges.as_array().unwrap();
    assert_eq!(edges.len(), 1, "{edges:?}");
    assert_eq!(edges[0]["to"], "packages/toolkit/src/index.ts");
    assert_eq!(edges[0]["test"], true);
}
