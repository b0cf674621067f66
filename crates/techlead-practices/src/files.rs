//! What each path in the tree is, for the checks: source code in a
//! language, test code, or neither (vendored, generated, docs, examples,
//! benchmarks, everything that is not code). Tests are found by the
//! conventions of each ecosystem: test folders, test file names, and
//! Rust's inline `#[cfg(test)]` modules.

/// Code languages by file extension.
const LANGUAGES: &[(&str, &[&str])] = &[
    ("Rust", &["rs"]),
    ("Python", &["py", "pyi"]),
    ("TypeScript", &["ts", "tsx", "mts", "cts"]),
    ("JavaScript", &["js", "jsx", "mjs", "cjs"]),
    ("Go", &["go"]),
    ("Java", &["java"]),
    ("Kotlin", &["kt", "kts"]),
    ("Scala", &["scala", "sc"]),
    ("Groovy", &["groovy"]),
    ("C", &["c", "h"]),
    ("C++", &["cc", "cpp", "cxx", "hpp", "hh", "hxx", "ipp"]),
    ("C#", &["cs"]),
    ("F#", &["fs", "fsx"]),
    ("Ruby", &["rb", "rake"]),
    ("PHP", &["php"]),
    ("Swift", &["swift"]),
    ("Objective-C", &["m", "mm"]),
    ("Elixir", &["ex", "exs"]),
    ("Erlang", &["erl", "hrl"]),
    ("Clojure", &["clj", "cljs", "cljc"]),
    ("Haskell", &["hs"]),
    ("OCaml", &["ml", "mli"]),
    ("Dart", &["dart"]),
    ("Lua", &["lua"]),
    ("Perl", &["pl", "pm", "t"]),
    ("Shell", &["sh", "bash", "zsh"]),
    ("Zig", &["zig"]),
    ("Vue", &["vue"]),
    ("Svelte", &["svelte"]),
    ("Julia", &["jl"]),
    ("R", &["r", "R"]),
    ("Nim", &["nim"]),
    ("Crystal", &["cr"]),
    ("Solidity", &["sol"]),
    ("Elm", &["elm"]),
    ("Gleam", &["gleam"]),
];

/// Folders whose code is not the team's own, or not product code.
const NOT_CODE_DIRS: &[&str] = &[
    "vendor",
    "vendors",
    "third_party",
    "third-party",
    "thirdparty",
    "external",
    "externals",
    "node_modules",
    "bower_components",
    "dist",
    "target",
    "build",
    "out",
    ".venv",
    "venv",
    "site-packages",
    "docs",
    "doc",
    "examples",
    "example",
    "demo",
    "demos",
    "samples",
    "sample",
    "bench",
    "benches",
    "benchmark",
    "benchmarks",
    "generated",
    "gen",
];

/// Folders of test code.
const TEST_DIRS: &[&str] = &[
    "test",
    "tests",
    "__tests__",
    "spec",
    "specs",
    "t",
    "e2e",
    "testdata",
    "test-data",
    "test_data",
    "fixtures",
    "__fixtures__",
    "__mocks__",
    "cypress",
    "playwright",
    "testing",
    "integration-tests",
    "integration_tests",
    "unittests",
    "testsuite",
];

/// Generated code by path: the shared list, and TypeScript declarations.
fn generated(path: &str) -> bool {
    static SET: std::sync::LazyLock<globset::GlobSet> = std::sync::LazyLock::new(|| {
        let mut b = globset::GlobSetBuilder::new();
        for g in techlead_core::generated::GENERATED {
            b.add(globset::Glob::new(g).expect("a valid shared glob"));
        }
        b.build().expect("valid shared globs")
    });
    path.ends_with(".d.ts") || SET.is_match(path)
}

/// What a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Source(&'static str),
    Test(&'static str),
    Other,
}

/// The language of a file name, by extension.
pub fn language(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (_, ext) = name.rsplit_once('.')?;
    LANGUAGES
        .iter()
        .find(|(_, exts)| exts.contains(&ext))
        .map(|(lang, _)| *lang)
}

pub fn kind(path: &str) -> Kind {
    let Some(lang) = language(path) else {
        return Kind::Other;
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let dirs: Vec<&str> = path.split('/').collect();
    let dirs = &dirs[..dirs.len() - 1];
    if generated(path) || dirs.iter().any(|d| d.starts_with('.')) {
        return Kind::Other;
    }
    let test_dir = dirs
        .iter()
        .any(|d| TEST_DIRS.contains(&d.to_ascii_lowercase().as_str()));
    if test_dir || test_name(name, lang) {
        // A test folder inside a vendored one is still vendored.
        if dirs
            .iter()
            .take_while(|d| !TEST_DIRS.contains(&d.to_ascii_lowercase().as_str()))
            .any(|d| not_code_dir(d))
        {
            return Kind::Other;
        }
        return Kind::Test(lang);
    }
    if dirs.iter().any(|d| not_code_dir(d)) {
        return Kind::Other;
    }
    Kind::Source(lang)
}

fn not_code_dir(d: &str) -> bool {
    NOT_CODE_DIRS.contains(&d.to_ascii_lowercase().as_str())
}

/// Test files by name, as each ecosystem's runner finds them.
fn test_name(name: &str, lang: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let lower = stem.to_ascii_lowercase();
    match lang {
        "Python" => lower.starts_with("test_") || lower.ends_with("_test") || lower == "conftest",
        "Go" => lower.ends_with("_test"),
        "JavaScript" | "TypeScript" | "Vue" | "Svelte" => {
            lower.ends_with(".test")
                || lower.ends_with(".spec")
                || lower.ends_with("-test")
                || lower.ends_with(".e2e")
        }
        "Ruby" => {
            lower.ends_with("_spec") || lower.ends_with("_test") || lower.starts_with("test_")
        }
        "Elixir" | "Dart" | "Zig" | "Crystal" | "Nim" | "Erlang" => {
            lower.ends_with("_test") || lower.ends_with("_spec") || lower.ends_with("_tests")
        }
        "Perl" => name.ends_with(".t"),
        "C" | "C++" => {
            lower.ends_with("_test")
                || lower.ends_with("_unittest")
                || lower.starts_with("test_")
                || lower.ends_with("_tests")
        }
        "Shell" => {
            lower.starts_with("test_") || lower.ends_with("_test") || lower.ends_with(".bats")
        }
        _ => {
            // Java, Kotlin, C#, Swift, PHP, Scala, Groovy: FooTest, FooTests,
            // FooSpec, FooIT.
            stem.ends_with("Test")
                || stem.ends_with("Tests")
                || stem.ends_with("Spec")
                || stem.ends_with("IT")
                || lower.starts_with("test_")
        }
    }
}

/// Non-blank lines, and of those how many follow a Rust `#[cfg(test)]`
/// (inline unit tests, by convention at the end of the file).
///
/// Lines are found with memchr and a line is looked at only up to its
/// first non-blank byte: this runs over every code file at HEAD, and a
/// byte-at-a-time split was a tenth of the whole scorecard on sympy.
pub fn count_lines(bytes: &[u8], rust: bool) -> (u64, u64) {
    let mut total = 0;
    let mut test_from = None;
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        let line = &bytes[start..end];
        start = end + 1;
        let Some(first) = line.iter().position(|b| !b.is_ascii_whitespace()) else {
            continue;
        };
        total += 1;
        if rust && test_from.is_none() && line[first..].starts_with(b"#[cfg(test)]") {
            test_from = Some(total - 1);
        }
    }
    let test = test_from.map_or(0, |from| total - from);
    (total, test)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind("src/lib.rs"), Kind::Source("Rust"));
        assert_eq!(kind("tests/cli.rs"), Kind::Test("Rust"));
        assert_eq!(kind("pkg/a/a_test.go"), Kind::Test("Go"));
        assert_eq!(kind("app/test_views.py"), Kind::Test("Python"));
        assert_eq!(kind("web/src/App.test.tsx"), Kind::Test("TypeScript"));
        assert_eq!(kind("src/test/java/FooTest.java"), Kind::Test("Java"));
        assert_eq!(kind("src/main/java/Foo.java"), Kind::Source("Java"));
        assert_eq!(kind("t/t0001-init.sh"), Kind::Test("Shell"));
        assert_eq!(kind("vendor/x/y.go"), Kind::Other);
        assert_eq!(kind("vendor/x/y_test.go"), Kind::Other);
        assert_eq!(kind("docs/conf.py"), Kind::Other);
        assert_eq!(kind("README.md"), Kind::Other);
        assert_eq!(kind("api/x.pb.go"), Kind::Other);
        assert_eq!(kind(".github/scripts/x.py"), Kind::Other);
        assert_eq!(kind("setup.py"), Kind::Source("Python"));
    }

    /// The plain definition: split on newlines, drop the lines that are
    /// all ASCII whitespace.
    fn count_lines_plainly(bytes: &[u8], rust: bool) -> (u64, u64) {
        let mut total = 0;
        let mut test_from = None;
        for line in bytes.split(|&b| b == b'\n') {
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            total += 1;
            if rust && test_from.is_none() && line.trim_ascii().starts_with(b"#[cfg(test)]") {
                test_from = Some(total - 1);
            }
        }
        (total, test_from.map_or(0, |from| total - from))
    }

    proptest::proptest! {
        #[test]
        fn counts_as_the_plain_definition(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "\n", " ", "\t", "\r", "\x0b", "\x0c", "x", "#[cfg(test)]", " #[cfg(test)]",
                    "é", "\r\n", "fn a() {}",
                ]),
                0..40,
            ),
            rust: bool,
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                count_lines(text.as_bytes(), rust),
                count_lines_plainly(text.as_bytes(), rust)
            );
        }
    }

    #[test]
    fn lines() {
        let src = b"fn a() {}\n\n#[cfg(test)]\nmod tests {\n  #[test] fn t() {}\n}\n";
        assert_eq!(count_lines(src, true), (5, 4));
        assert_eq!(count_lines(src, false), (5, 0));
        assert_eq!(count_lines(b"", true), (0, 0));
    }
}
