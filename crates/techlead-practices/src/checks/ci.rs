//! `ci` and `ci-tests`: CI configuration that runs on changes, and a CI
//! job that runs the test suite.

use super::{EXAMPLES, count};
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};
use crate::shell::Command;

pub fn ci(f: &Facts) -> CheckResult {
    if f.code.source_lines() == 0 && f.ci.files.is_empty() {
        return CheckResult::not_applicable("ci", "no source code to build or test");
    }
    let evidence: Vec<Evidence> =
        f.ci.files
            .iter()
            .map(|c| {
                let when = if c.triggers.is_empty() {
                    String::new()
                } else {
                    format!(" on {}", c.triggers.join(", "))
                };
                Evidence::file(&c.path, None, format!("{}{when}", c.system))
            })
            .collect();
    let running: Vec<&str> = f.ci.running().map(|c| c.system).collect();
    let mut systems: Vec<&str> = f.ci.files.iter().map(|c| c.system).collect();
    systems.dedup();
    if !running.is_empty() {
        let mut r = running.clone();
        r.dedup();
        CheckResult::scored(
            "ci",
            10.0,
            format!(
                "{} runs on pushes or pull requests ({})",
                r.join(", "),
                count(running.len(), "workflow")
            ),
        )
        .with(evidence)
    } else if !f.ci.files.is_empty() {
        CheckResult::scored(
            "ci",
            5.0,
            format!(
                "{} is configured, but nothing runs on pushes or pull requests (only on a schedule, by hand or on releases)",
                systems.join(", ")
            ),
        )
        .with(evidence)
    } else {
        CheckResult::scored(
            "ci",
            0.0,
            "no CI configuration (GitHub Actions, GitLab CI, CircleCI, Jenkins, Azure Pipelines, Travis, ...)",
        )
    }
}

/// A test runner, by its command: `cargo test`, `pytest`, `npm test`,
/// `go test`, `mvn verify`, `./gradlew check`, `dotnet test`, ...
pub fn test_runner(c: &Command) -> bool {
    let tool = c.tool();
    let subs = c.subcommands(3);
    let first = subs.first().copied().unwrap_or_default();
    let sub_is = |words: &[&str]| {
        subs.iter()
            .any(|s| words.contains(s) || words.iter().any(|w| s.starts_with(&format!("{w}:"))))
    };
    match tool {
        "pytest" | "py.test" | "tox" | "nox" | "nosetests" | "jest" | "vitest" | "mocha"
        | "ava" | "karma" | "jasmine" | "phpunit" | "pest" | "paratest" | "rspec" | "ctest"
        | "gotestsum" | "ginkgo" | "bats" | "prove" | "behave" | "cucumber" | "cucumber-js"
        | "nextest" | "unittest" | "nose2" | "ward" | "tap" | "c8" | "nyc" | "xcpretty" => true,
        "cargo" | "cross" => sub_is(&["test", "nextest", "tarpaulin", "llvm-cov", "miri"]),
        "go" | "richgo" | "deno" | "bun" | "swift" | "mix" | "dotnet" | "flutter" | "dart"
        | "stack" | "cabal" | "sbt" | "lein" | "meson" | "bazel" | "bazelisk" | "buck"
        | "buck2" | "zig" | "xcodebuild" | "hatch" | "composer" | "rails" | "elm-test" => {
            sub_is(&["test", "tests", "unit", "coverage"]) || (tool == "hatch" && first == "test")
        }
        "npm" | "yarn" | "pnpm" => {
            matches!(first, "test" | "t")
                || first.starts_with("test:")
                || (first == "run" && subs.get(1).is_some_and(|s| s.starts_with("test")))
        }
        "mvn" | "mvnw" => {
            sub_is(&["test", "verify", "install"])
                && !c.has("-DskipTests")
                && !c.has("-Dmaven.test.skip")
        }
        "gradle" | "gradlew" => {
            sub_is(&["test", "check", "build"])
                && !c.words.windows(2).any(|w| w[0] == "-x" && w[1] == "test")
        }
        "make" | "gmake" | "just" | "task" | "rake" | "invoke" | "nx" | "turbo" | "lerna" => {
            // `test`, `richtest`, `test-unit`, `check`, `spec`; not
            // `checklicense` or `lint`.
            subs.iter()
                .any(|s| s.contains("test") || *s == "check" || *s == "spec")
                || (tool == "rake" && subs.is_empty())
        }
        _ => {
            // A script named for tests: ./scripts/test.sh, ci/run-tests.
            let w = c.words[0].to_ascii_lowercase();
            (w.contains('/') || w.ends_with(".sh")) && {
                let name = w.rsplit('/').next().unwrap_or(&w);
                name.starts_with("test")
                    || name.contains("run-test")
                    || name.contains("run_test")
                    || name.contains("unittest")
            }
        }
    }
}

pub fn ci_tests(f: &Facts) -> CheckResult {
    if f.code.source_lines() == 0 && f.ci.files.is_empty() {
        return CheckResult::not_applicable("ci-tests", "no source code to test");
    }
    if f.ci.files.is_empty() {
        return CheckResult::scored(
            "ci-tests",
            0.0,
            "no CI configuration, so no CI job runs the tests",
        );
    }
    let mut on_changes = Vec::new();
    let mut other = Vec::new();
    for (line, cmd) in f.ci.commands() {
        if !test_runner(cmd) {
            continue;
        }
        let e = Evidence::file(&line.path, Some(line.line), format!("`{}`", cmd.text()));
        if f.ci.on_changes(&line.from) {
            on_changes.push(e);
        } else {
            other.push(e);
        }
    }
    let n = on_changes.len();
    if n > 0 {
        on_changes.truncate(EXAMPLES);
        CheckResult::scored(
            "ci-tests",
            10.0,
            format!(
                "CI runs the tests on changes ({})",
                count(n, "test command")
            ),
        )
        .with(on_changes)
    } else if !other.is_empty() {
        other.truncate(EXAMPLES);
        CheckResult::scored(
            "ci-tests",
            5.0,
            "tests run in CI only on a schedule, by hand or on releases, not on changes",
        )
        .with(other)
    } else {
        CheckResult::scored(
            "ci-tests",
            0.0,
            "no CI step runs a test command (cargo test, pytest, npm test, go test, mvn verify, ...)",
        )
    }
}
