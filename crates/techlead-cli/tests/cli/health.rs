//! `techlead health` on a small project in four languages, written by the
//! test: every format, the orders, --top, the rollups, the [health] rules
//! in `techlead check`, and bad input.

use super::fixture::Project;
use crate::{snap, snap_text};

/// The files of `health --format json`, in its order.
fn measured(v: &serde_json::Value) -> Vec<&str> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect()
}

/// A Python service with one tangled function, a Go package, a
/// TypeScript component with arrow functions and a Java class.
pub(crate) fn project() -> Project {
    let p = Project::new();
    let ifs: String = (0..16)
        .map(|i| format!("        if kind == {i}:\n            total += {i}\n"))
        .collect();
    p.write(
        "billing/invoice.py",
        format!(
            "def total(items, discount, tax, currency, rounding):\n    total = 0\n    for kind in items:\n{ifs}    return total\n\n\ndef label(item):\n    return item.name\n"
        ),
    )
    .write(
        "billing/deep.py",
        "def walk(tree):\n    for a in tree:\n        if a:\n            while a:\n                for b in a:\n                    if b:\n                        return b\n",
    )
    .write(
        "api/server.go",
        "package api\n\nfunc Serve(addr string, port int) error {\n\tif addr == \"\" && port == 0 {\n\t\treturn nil\n\t}\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n\treturn nil\n}\n",
    )
    .write(
        "web/src/Cart.tsx",
        "export const Cart = ({ items }: Props) => {\n  const count = items.length > 0 ? items.length : 0;\n  return <div>{count}</div>;\n};\n\nexport function total(items: Item[]): number {\n  return items.reduce((s, i) => s + i.price, 0);\n}\n",
    )
    .write(
        "web/src/Shop.java",
        "class Shop {\n    int price(int a, int b) {\n        return a > b ? a : b;\n    }\n}\n",
    )
    .write("README.md", "# shop\n");
    p
}

#[test]
fn text_lists_the_least_healthy_first() {
    let p = project();
    snap!(p, "text", p.cmd(&["health"]));
}

#[test]
fn json_follows_the_contract() {
    let p = project();
    snap!(p, "json", p.cmd(&["health", "--format", "json"]));
    let v = p.json(&["health", "--format", "json"]);
    let file = &v["files"][0];
    let keys: Vec<&str> = file
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["file", "functions", "health", "language", "loc"]);
    let keys: Vec<&str> = v["functions"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "complexity",
            "end_line",
            "file",
            "line",
            "name",
            "nesting",
            "nloc",
            "params"
        ]
    );
}

#[test]
fn csv_is_one_table_of_files_and_functions() {
    let p = project();
    snap!(p, "csv", p.cmd(&["health", "--format", "csv"]));
}

#[test]
fn top_and_sort() {
    let p = project();
    snap!(
        p,
        "top",
        p.cmd(&["health", "--top", "2", "--sort", "complexity"])
    );
    let v = p.json(&["health", "--format", "json", "--sort", "path", "--top", "0"]);
    let files = measured(&v);
    assert_eq!(
        files,
        [
            "api/server.go",
            "billing/deep.py",
            "billing/invoice.py",
            "web/src/Cart.tsx",
            "web/src/Shop.java"
        ]
    );
}

#[test]
fn paths_narrow_the_measure() {
    let p = project();
    let v = p.json(&["health", "--format", "json", "billing/deep.py", "web"]);
    let files = measured(&v);
    assert_eq!(
        files,
        ["billing/deep.py", "web/src/Cart.tsx", "web/src/Shop.java"]
    );
    snap!(p, "missing_path", p.cmd(&["health", "billing/nope.py"]));
}

/// mobx keeps a 47,000-line `babel.min.js` in its docs and hugo a
/// `renderkatex.bundle.js` of 1,000-character lines: they made the
/// average health and the worst file. Generated names are left out, and
/// minified code under any name is skipped with its reason.
#[test]
fn minified_and_generated_code_is_not_measured() {
    let p = project();
    let tangled: String = (0..30)
        .map(|i| format!("if (a == {i}) {{ b += {i}; }}\n"))
        .collect();
    p.write(
        "docs/assets/babel.min.js",
        format!("function f(a, b) {{\n{tangled}}}\n"),
    )
    .write(
        "api/api.pb.go",
        "package api\n\nfunc X(a int) int {\n\tif a > 0 {\n\t\treturn 1\n\t}\n\treturn 0\n}\n",
    )
    .write(
        "web/vendor.js",
        format!(
            "{}\n",
            "function g(a){if(a){return a}return 0};".repeat(100)
        )
        .repeat(5),
    );
    let v = p.json(&["health", "--format", "json"]);
    let files = measured(&v);
    for left_out in ["docs/assets/babel.min.js", "api/api.pb.go", "web/vendor.js"] {
        assert!(!files.contains(&left_out), "{left_out}: {files:?}");
    }
    assert_eq!(files.len(), 5, "the project's own five: {files:?}");
    let out = p.cmd(&["health"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: web/vendor.js: skipped: minified or bundled code (lines of 3250 bytes on average)"),
        "{err}"
    );
}

#[test]
fn by_folder() {
    let p = project();
    snap!(p, "by_folder", p.cmd(&["health", "--by-folder", "1"]));
    snap!(
        p,
        "by_folder_json",
        p.cmd(&["health", "--by-folder", "2", "--format", "json"])
    );
}

#[test]
fn by_module_composes_the_boundaries_modules() {
    let p = project();
    snap!(
        p,
        "by_module_without_modules",
        p.cmd(&["health", "--by-module"])
    );
    p.write(
        "techlead.toml",
        "[[boundaries.modules]]\nname = \"billing\"\npaths = [\"billing\"]\n\n[[boundaries.modules]]\nname = \"web\"\npaths = [\"web\"]\n",
    );
    snap!(
        p,
        "by_module",
        p.cmd(&["health", "--by-module", "--format", "csv"])
    );
}

#[test]
fn the_rules_are_off_until_health_is_configured() {
    let p = project();
    let (code, rules) = p.rules_found(&["check"]);
    assert_eq!((code, rules), (Some(0), vec![]));
    p.write(
        "techlead.toml",
        "[health]\nmax_complexity = 15\nmax_nesting = 4\nexclude = [\"web\"]\n",
    );
    snap!(p, "check", p.cmd(&["check"]));
    // The command reads the same limits and excludes.
    let v = p.json(&["health", "--format", "json"]);
    assert!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["file"].as_str().unwrap().starts_with("web/"))
    );
}

#[test]
fn a_zero_limit_is_an_input_error() {
    let p = project();
    p.write(
        "techlead.toml",
        "[health]\nmax_params = 0\nexclude = [\"web/[x\"]\n",
    );
    snap!(p, "bad_config", p.cmd(&["health"]));
    p.write("techlead.toml", "[health]\nmax_nlco = 3\n");
    snap!(p, "unknown_key", p.cmd(&["health"]));
}

#[test]
fn an_empty_project_says_so() {
    let p = Project::new();
    p.write("notes.md", "# nothing to measure\n");
    snap!(p, "empty", p.cmd(&["health"]));
}

/// docs/guide/health.md shows this project's output: it must be what the
/// binary prints today.
#[test]
fn write_baseline_records_the_findings_and_check_then_passes() {
    let p = project();
    snap!(
        p,
        "write_baseline_without_section",
        p.cmd(&["health", "--write-baseline"])
    );
    p.write(
        "techlead.toml",
        "[health]\n\n[checks.severity]\n\"health/complex-function\" = \"error\"\n\"health/too-many-params\" = \"off\"\n",
    )
    .write(
        ".techlead/baseline.toml",
        "violations = [\n  { rule = \"boundaries/cycle\", path = \"a.rs\", fingerprint = \"00000000000000aa\" },\n]\n",
    );
    assert_eq!(p.cmd(&["check"]).output().unwrap().status.code(), Some(1));
    snap!(p, "write_baseline", p.cmd(&["health", "--write-baseline"]));
    snap_text!("write_baseline_file", p.read(".techlead/baseline.toml"));
    // Lines added above the functions do not unmatch them, and the
    // boundaries entry is kept (and not stale: that check did not run).
    let moved = format!("# moved\n{}", p.read("billing/invoice.py"));
    p.write("billing/invoice.py", moved);
    assert_eq!(p.rules_found(&["check"]), (Some(0), vec![]));
    // Fixed: the entry is stale.
    p.write("billing/deep.py", "def walk(tree):\n    return tree\n");
    assert_eq!(
        p.rules_found(&["check"]),
        (Some(0), vec!["baseline/stale-entry".to_string()])
    );
}
