//! Test code: which files are tests, so that the rules can tell an import
//! made by production code from one made by a test (`[boundaries] tests`).
//!
//! A file is a test by its path, as the test runners of each language find
//! tests, or, in Rust, when a `#[cfg(test)] mod x;` declaration pulls it in
//! (and so every module below it).

use crate::resolve::Edge;
use rustc_hash::FxHashSet;
use std::sync::Arc;
use techlead_lang::{ImportKind, Language, Scan};

/// Folders whose files are tests: pytest, Maven/Gradle (`src/test/java`),
/// Cargo integration tests, Jest (`__tests__`, `__mocks__`), Jasmine and
/// RSpec-style `spec/`, Go's `testdata/`, end-to-end suites and fixtures
/// (jscodeshift codemods keep theirs in `__testfixtures__`: input and
/// output files that import the library the codemod rewrites).
const TEST_FOLDERS: &[&str] = &[
    "tests",
    "test",
    "__tests__",
    "__mocks__",
    "spec",
    "testdata",
    "e2e",
    "fixtures",
    "__fixtures__",
    "__testfixtures__",
];

/// JavaScript and TypeScript extensions a `.test.` or `.spec.` file has.
const JS_EXTENSIONS: &[&str] = &["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

/// Whether the file at `path` (relative, `/`-separated) is a test by its
/// path alone.
pub fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/');
    let name = parts.next_back().unwrap_or("");
    if parts.any(|folder| TEST_FOLDERS.contains(&folder)) {
        return true;
    }
    if let Some(stem) = name.strip_suffix(".py") {
        return stem.starts_with("test_") || stem.ends_with("_test") || stem == "conftest";
    }
    if name.ends_with("_test.go") {
        return true;
    }
    // `a.test.ts`, `a.spec.tsx`, `a.e2e-spec.ts`, vitest's `a.test-d.ts`.
    let mut pieces = name.rsplit('.');
    let ext = pieces.next().unwrap_or("");
    if JS_EXTENSIONS.contains(&ext)
        && let Some(kind) = pieces.next()
        && pieces.next().is_some()
    {
        return matches!(kind, "test" | "spec" | "test-d" | "e2e-spec" | "e2e-test");
    }
    false
}

/// Lines of the `mod x;` declarations of a Rust file that are compiled
/// for tests only: an attribute `#[cfg(test)]` (or `#[cfg(all(test,
/// ...))]`) on the lines just above, or before `mod` on its own line.
pub fn cfg_test_mods(language: Language, text: &str, scan: &Scan) -> Vec<u32> {
    if language != Language::Rust || !text.contains("cfg(") {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for imp in scan
        .imports
        .iter()
        .filter(|i| i.kind == ImportKind::ModDecl)
    {
        let at = imp.line as usize;
        if at == 0 || at > lines.len() {
            continue;
        }
        // The declaration's own line, then the attributes and comments
        // right above it.
        let own = lines[at - 1];
        let mut test = own.find("mod ").is_some_and(|i| is_cfg_test(&own[..i]));
        let mut i = at - 1;
        while !test && i > 0 {
            let l = lines[i - 1].trim();
            // Only lines that hold nothing but an attribute or a comment
            // belong to this declaration.
            if l.starts_with("#[") && l.ends_with(']') {
                test = is_cfg_test(l);
            } else if !(l.starts_with("//") || l.is_empty()) {
                break;
            }
            i -= 1;
        }
        if test {
            out.push(imp.line);
        }
    }
    out
}

/// `#[cfg(test)]`, `#[cfg(all(test, unix))]`: an attribute that compiles
/// for tests only (`not(test)` is the opposite).
fn is_cfg_test(attr: &str) -> bool {
    let Some(start) = attr.find("#[cfg(") else {
        return false;
    };
    let inner = &attr[start + 6..];
    let words: Vec<&str> = inner
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"test") && !inner.contains("not(test") && !words.contains(&"any")
}

/// Every test file: those named as tests, plus the Rust modules that a
/// `#[cfg(test)]` declaration pulls in and the modules below them.
/// `cfg_test` gives each file's lines of such declarations.
pub fn test_files<'a>(
    files: impl Iterator<Item = (&'a str, &'a [u32])>,
    edges: &[Edge],
) -> FxHashSet<Arc<str>> {
    let mut tests: FxHashSet<Arc<str>> = FxHashSet::default();
    let mut cfg: rustc_hash::FxHashMap<&str, &[u32]> = Default::default();
    for (path, lines) in files {
        if is_test_path(path) {
            tests.insert(Arc::from(path));
        }
        if !lines.is_empty() {
            cfg.insert(path, lines);
        }
    }
    if cfg.is_empty() {
        return tests;
    }
    // `mod` edges: a test module's own `mod` declarations are tests too,
    // so walk them from the `#[cfg(test)]` ones until nothing is added.
    let mods: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.kind == ImportKind::ModDecl)
        .collect();
    let mut todo: Vec<Arc<str>> = mods
        .iter()
        .filter(|e| cfg.get(&*e.from).is_some_and(|l| l.contains(&e.line)))
        .map(|e| e.to.clone())
        .collect();
    while let Some(file) = todo.pop() {
        if tests.insert(file.clone()) {
            todo.extend(mods.iter().filter(|e| e.from == file).map(|e| e.to.clone()));
        }
    }
    tests
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_as_test_runners_find_them() {
        for p in [
            "tests/test_api.py",
            "src/shop/tests/helpers.py",
            "test_orders.py",
            "src/orders_test.py",
            "conftest.py",
            "src/a.spec.ts",
            "src/a.test.tsx",
            "src/a.test-d.ts",
            "packages/vite/src/node/__tests__/build.ts",
            "pkg/orders/orders_test.go",
            "src/test/java/shop/OrdersTest.java",
            "crates/a/tests/it.rs",
            "pkg/testdata/x.go",
            "packages/app/e2e/login.ts",
            "src/fixtures/sample.py",
            "packages/rtk-codemods/transforms/x/__testfixtures__/basic.input.ts",
            "src/__fixtures__/user.ts",
        ] {
            assert!(is_test_path(p), "{p}");
        }
        for p in [
            "src/testing.py",
            "src/contest.py",
            "src/latest/a.ts",
            "src/spec.ts",
            "src/test.ts",
            "src/attest_test.rs",
            "src/main/java/shop/TestData.java",
            "test.py",
            "src/a.test.css",
        ] {
            assert!(!is_test_path(p), "{p}");
        }
    }

    #[test]
    fn cfg_test_mod_declarations() {
        let src = "mod a;\n#[cfg(test)]\nmod tests;\n#[cfg(not(test))]\nmod real;\n#[cfg(all(test, unix))]\n// helpers\nmod unix_tests;\n#[cfg(test)] mod inline_attr;\n#[cfg(any(test, feature = \"x\"))]\nmod both;\n";
        let scan = techlead_lang::scan(Language::Rust, src);
        assert_eq!(cfg_test_mods(Language::Rust, src, &scan), [3, 8, 9]);
    }
}
