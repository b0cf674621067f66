//! Test code: which files are tests, so that the rules can tell an import
//! made by production code from one made by a test (`[boundaries] tests`).
//!
//! A file is a test by its path, as the test runners of each language find
//! tests, or, in Rust, when a `#[cfg(test)] mod x;` declaration pulls it in
//! (and so every module below it). In Rust, lines of a file are test code
//! too when only tests compile them: an inline `#[cfg(test)] mod tests {
//! .. }`, a `#[test]` function, any item under `#[cfg(test)]`.

use crate::resolve::Edge;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;
use techlead_lang::ImportKind;

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

/// Which code is test code: whole test files, and in Rust the lines
/// compiled for tests only (inline `#[cfg(test)] mod tests { .. }`,
/// `#[test]` functions, `#[cfg(test)]` items), whose imports are test
/// imports as those of a test file are.
pub struct TestCode<'a> {
    files: FxHashSet<Arc<str>>,
    lines: FxHashMap<&'a str, &'a [(u32, u32)]>,
}

impl<'a> TestCode<'a> {
    /// `files` gives each file's test-only line ranges (the scanner's
    /// `test_lines`); the `mod` edges lead to the files they pull in.
    pub fn new<'e>(
        files: impl Iterator<Item = (&'a str, &'a [(u32, u32)])>,
        edges: impl IntoIterator<Item = &'e Edge>,
    ) -> Self {
        let mut tests: FxHashSet<Arc<str>> = FxHashSet::default();
        let mut lines: FxHashMap<&str, &[(u32, u32)]> = FxHashMap::default();
        for (path, ranges) in files {
            if is_test_path(path) {
                tests.insert(Arc::from(path));
            }
            if !ranges.is_empty() {
                lines.insert(path, ranges);
            }
        }
        let mut code = TestCode {
            files: tests,
            lines,
        };
        if code.lines.is_empty() {
            return code;
        }
        // `mod x;` inside test-only code pulls in a test module, and a
        // test module's own `mod` declarations are tests too: walk them
        // until nothing is added.
        let mods: Vec<&Edge> = edges
            .into_iter()
            .filter(|e| e.kind == ImportKind::ModDecl)
            .collect();
        let mut todo: Vec<Arc<str>> = mods
            .iter()
            .filter(|e| code.in_test_lines(&e.from, e.line))
            .map(|e| e.to.clone())
            .collect();
        while let Some(file) = todo.pop() {
            if code.files.insert(file.clone()) {
                todo.extend(mods.iter().filter(|e| e.from == file).map(|e| e.to.clone()));
            }
        }
        code
    }

    /// Whether an import at `line` of `file` is made by test code.
    pub fn is_test(&self, file: &str, line: u32) -> bool {
        self.files.contains(file) || self.in_test_lines(file, line)
    }

    fn in_test_lines(&self, file: &str, line: u32) -> bool {
        self.lines
            .get(file)
            .is_some_and(|r| r.iter().any(|&(a, b)| (a..=b).contains(&line)))
    }
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
    fn cfg_test_mod_declarations_and_inline_modules() {
        use techlead_lang::Language;
        let src = "mod a;\n#[cfg(test)]\nmod tests;\n#[cfg(not(test))]\nmod real;\n#[cfg(all(test, unix))]\n// helpers\nmod unix_tests;\n#[cfg(test)] mod inline_attr;\n#[cfg(any(test, feature = \"x\"))]\nmod both;\n#[cfg(test)]\nmod inline {\n    use b::x;\n}\nuse b::y;\n";
        let scan = techlead_lang::scan(Language::Rust, src);
        let edge = |line: u32, kind: ImportKind| Edge {
            from: Arc::from("src/lib.rs"),
            to: Arc::from(format!("src/{line}.rs")),
            line,
            kind,
            language: Language::Rust,
            test: false,
        };
        let edges: Vec<Edge> = [1, 3, 5, 8, 9, 11]
            .into_iter()
            .map(|l| edge(l, ImportKind::ModDecl))
            .collect();
        let code = TestCode::new(
            [("src/lib.rs", scan.test_lines.as_slice())].into_iter(),
            &edges,
        );
        let test_mods: Vec<u32> = [1, 3, 5, 8, 9, 11]
            .into_iter()
            .filter(|l| code.is_test(&format!("src/{l}.rs"), 1))
            .collect();
        assert_eq!(test_mods, [3, 8, 9]);
        assert!(code.is_test("src/lib.rs", 14));
        assert!(!code.is_test("src/lib.rs", 16));
    }
}
