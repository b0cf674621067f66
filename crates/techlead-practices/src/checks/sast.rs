//! `sast`: static analysis in CI, for the languages in use. Security
//! scanners that read many languages (CodeQL, Semgrep, SonarQube,
//! Coverity, Snyk Code) cover them all; a language's own analyser covers
//! that language (clippy with `-D warnings`, ruff, flake8, pylint, mypy,
//! ESLint, Biome, golangci-lint, staticcheck, SpotBugs, PMD, detekt,
//! RuboCop, PHPStan, clang-tidy, ...). Hooks of a pre-commit config that
//! CI runs count too. Score = 10 × the share of source lines in covered
//! languages; an analyser that reports without failing the job (clippy
//! without `-D warnings`) covers half.

use super::{EXAMPLES, count, percent};
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};
use crate::shell::Command;
use std::collections::BTreeMap;

/// Which languages an analyser covers: `*` for all.
fn analyser(tool: &str, c: Option<&Command>) -> Option<(&'static str, &'static [&'static str])> {
    const ALL: &[&str] = &["*"];
    Some(match tool {
        "codeql" | "github/codeql-action" | "codeql-action" => ("CodeQL", ALL),
        "semgrep" | "returntocorp/semgrep-action" | "semgrep/semgrep" | "semgrep-action" => {
            ("Semgrep", ALL)
        }
        "sonar-scanner"
        | "sonarsource/sonarcloud-github-action"
        | "sonarsource/sonarqube-scan-action" => ("SonarQube", ALL),
        "cov-build" | "cov-analyze" | "coverity" | "vapier/coverity-scan-action" => {
            ("Coverity", ALL)
        }
        "snyk" if c.is_some_and(|c| c.subcommands(1) == ["code"]) => ("Snyk Code", ALL),
        "cargo" if c.is_some_and(|c| c.subcommands(1) == ["clippy"]) => ("clippy", &["Rust"]),
        "clippy-driver" => ("clippy", &["Rust"]),
        "ruff" | "flake8" | "pylint" | "mypy" | "pyright" | "bandit" | "pyflakes"
        | "prospector" | "basedpyright" => (static_name(tool), &["Python"]),
        "eslint" | "biome" | "oxlint" | "xo" | "standard" | "tsc" => {
            if tool == "tsc" && !c.is_some_and(|c| c.has("--noEmit")) {
                return None;
            }
            (
                static_name(tool),
                &["JavaScript", "TypeScript", "Vue", "Svelte"],
            )
        }
        "golangci-lint" | "golangci/golangci-lint-action" | "staticcheck" | "gosec" | "revive" => {
            (static_name(tool), &["Go"])
        }
        "go" if c.is_some_and(|c| c.subcommands(1) == ["vet"]) => ("go vet", &["Go"]),
        "spotbugs" | "pmd" | "errorprone" | "checkstyle" | "infer" => {
            (static_name(tool), &["Java", "Kotlin", "Scala", "Groovy"])
        }
        "detekt" | "ktlint" => (static_name(tool), &["Kotlin"]),
        "rubocop" | "standardrb" | "brakeman" | "reek" => (static_name(tool), &["Ruby"]),
        "phpstan" | "psalm" | "phpcs" | "phan" => (static_name(tool), &["PHP"]),
        "clang-tidy" | "cppcheck" | "scan-build" | "flawfinder" => {
            (static_name(tool), &["C", "C++", "Objective-C"])
        }
        "swiftlint" => ("SwiftLint", &["Swift"]),
        "shellcheck" => ("ShellCheck", &["Shell"]),
        "credo" | "dialyzer" => (static_name(tool), &["Elixir", "Erlang"]),
        "hlint" => ("HLint", &["Haskell"]),
        "luacheck" => ("luacheck", &["Lua"]),
        "dart" | "flutter" if c.is_some_and(|c| c.subcommands(1) == ["analyze"]) => {
            ("dart analyze", &["Dart"])
        }
        "dotnet" if c.is_some_and(|c| c.subcommands(1) == ["format"] || c.has("-warnaserror")) => {
            ("dotnet analyzers", &["C#", "F#"])
        }
        "mix"
            if c.is_some_and(|c| {
                c.subcommands(1) == ["credo"] || c.subcommands(1) == ["dialyzer"]
            }) =>
        {
            ("credo", &["Elixir"])
        }
        "gradle" | "gradlew"
            if c.is_some_and(|c| {
                c.args().iter().any(|a| {
                    a.contains("spotbugs")
                        || a.contains("pmd")
                        || a.contains("detekt")
                        || a.contains("checkstyle")
                })
            }) =>
        {
            ("SpotBugs/PMD (Gradle)", &["Java", "Kotlin"])
        }
        "mvn" | "mvnw"
            if c.is_some_and(|c| {
                c.args().iter().any(|a| {
                    a.contains("spotbugs")
                        || a.contains("pmd")
                        || a.contains("checkstyle")
                        || a.contains("sonar")
                })
            }) =>
        {
            ("SpotBugs/PMD (Maven)", &["Java", "Kotlin"])
        }
        _ => return None,
    })
}

fn static_name(tool: &str) -> &'static str {
    match tool {
        "ruff" => "ruff",
        "flake8" => "flake8",
        "pylint" => "pylint",
        "mypy" => "mypy",
        "pyright" | "basedpyright" => "pyright",
        "bandit" => "bandit",
        "eslint" => "ESLint",
        "biome" => "Biome",
        "oxlint" => "oxlint",
        "tsc" => "tsc --noEmit",
        "golangci-lint" | "golangci/golangci-lint-action" => "golangci-lint",
        "staticcheck" => "staticcheck",
        "gosec" => "gosec",
        "spotbugs" => "SpotBugs",
        "pmd" => "PMD",
        "detekt" => "detekt",
        "rubocop" => "RuboCop",
        "brakeman" => "Brakeman",
        "phpstan" => "PHPStan",
        "psalm" => "Psalm",
        "clang-tidy" => "clang-tidy",
        "cppcheck" => "cppcheck",
        _ => "a static analyser",
    }
}

/// Whether clippy fails the job on warnings: `-D warnings` after `--`,
/// or in RUSTFLAGS somewhere in CI.
fn strict_clippy(f: &Facts, c: &Command) -> bool {
    c.words
        .windows(2)
        .any(|w| w[0] == "-D" && (w[1] == "warnings" || w[1].starts_with("clippy::")))
        || c.words
            .iter()
            .any(|w| w == "-Dwarnings" || w.starts_with("-Dclippy::"))
        || f.ci.lines.iter().any(|l| {
            l.text.contains("RUSTFLAGS")
                && (l.text.contains("-D warnings") || l.text.contains("-Dwarnings"))
        })
}

pub fn sast(f: &Facts) -> CheckResult {
    let source = f.code.source_lines();
    if source == 0 {
        return CheckResult::not_applicable("sast", "no source code to analyse");
    }
    // Language -> (coverage 0..1, evidence).
    let mut covered: BTreeMap<&'static str, (f64, Evidence)> = BTreeMap::new();
    let mut found: Vec<Evidence> = Vec::new();
    let note = |langs: &[&'static str],
                weight: f64,
                e: Evidence,
                covered: &mut BTreeMap<&'static str, (f64, Evidence)>| {
        let targets: Vec<&'static str> = if langs == ["*"] {
            f.code.languages.keys().copied().collect()
        } else {
            langs.to_vec()
        };
        for l in targets {
            let entry = covered.entry(l).or_insert((0.0, e.clone()));
            if weight > entry.0 {
                *entry = (weight, e.clone());
            }
        }
    };
    let pre_commit = pre_commit_hooks(f);
    for (line, action, _) in f.ci.uses() {
        let name = action.to_ascii_lowercase();
        let base = name.split('/').take(2).collect::<Vec<_>>().join("/");
        if let Some((label, langs)) = analyser(&base, None)
            .or_else(|| analyser(name.rsplit('/').next().unwrap_or(&name), None))
        {
            let e = Evidence::file(&line.path, Some(line.line), format!("{label} ({action})"));
            found.push(e.clone());
            note(langs, 1.0, e, &mut covered);
        }
        if base == "pre-commit/action" {
            for (l, e) in &pre_commit {
                note(l, 1.0, e.clone(), &mut covered);
            }
        }
    }
    for (line, cmd) in f.ci.commands() {
        if cmd.tool() == "pre-commit" || cmd.tool() == "prek" {
            for (l, e) in &pre_commit {
                note(l, 1.0, e.clone(), &mut covered);
            }
            continue;
        }
        let Some((label, langs)) = analyser(cmd.tool(), Some(cmd)) else {
            continue;
        };
        let weight = if label == "clippy" && !strict_clippy(f, cmd) {
            0.5
        } else {
            1.0
        };
        let detail = if weight < 1.0 {
            format!("{label}: `{}` (warnings do not fail the job)", cmd.text())
        } else {
            format!("{label}: `{}`", cmd.text())
        };
        let e = Evidence::file(&line.path, Some(line.line), detail);
        found.push(e.clone());
        note(langs, weight, e, &mut covered);
    }
    // pre-commit.ci runs the hooks without a CI file of its own.
    if f.read(".pre-commit-config.yaml")
        .is_some_and(|t| t.lines().any(|l| l.starts_with("ci:")))
    {
        for (l, e) in &pre_commit {
            note(l, 1.0, e.clone(), &mut covered);
        }
    }
    let mut share = 0.0;
    let mut uncovered = Vec::new();
    for (lang, s) in &f.code.languages {
        let c = covered.get(lang).map_or(0.0, |(w, _)| *w);
        share += c * s.source_lines as f64 / source as f64;
        if c == 0.0 && s.source_lines * 20 >= source {
            uncovered.push(*lang);
        }
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    for e in found.iter().chain(pre_commit.iter().map(|(_, e)| e)) {
        if !evidence.contains(e) && evidence.len() < EXAMPLES * 2 {
            evidence.push(e.clone());
        }
    }
    let covered_lines: u64 = f
        .code
        .languages
        .iter()
        .filter(|(l, _)| covered.contains_key(*l))
        .map(|(_, s)| s.source_lines)
        .sum();
    let reason = if covered.is_empty() {
        "no static analysis found in CI (CodeQL, Semgrep, clippy, ruff, ESLint, golangci-lint, ...)"
            .to_string()
    } else {
        let mut r = format!(
            "static analysis in CI covers {} of the source lines",
            percent(covered_lines as usize, source as usize)
        );
        if !uncovered.is_empty() {
            r.push_str(&format!("; none for {}", uncovered.join(", ")));
        }
        if covered.values().any(|(w, _)| *w < 1.0) {
            r.push_str("; clippy runs without -D warnings");
        }
        r
    };
    let _ = count;
    CheckResult::scored("sast", 10.0 * share, reason).with(evidence)
}

/// The analysers among the hooks of `.pre-commit-config.yaml`.
fn pre_commit_hooks(f: &Facts) -> Vec<(&'static [&'static str], Evidence)> {
    let path = ".pre-commit-config.yaml";
    let Some(text) = f.read(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let Some(id) = l.trim().trim_start_matches("- ").strip_prefix("id:") else {
            continue;
        };
        let id = id.trim().trim_matches(['"', '\'']);
        let tool = match id {
            "ruff" | "ruff-check" => "ruff",
            "clippy" => "clippy-driver",
            "golangci-lint" | "golangci-lint-full" => "golangci-lint",
            other => other,
        };
        if let Some((label, langs)) = analyser(tool, None) {
            out.push((
                langs,
                Evidence::file(
                    path,
                    Some(i as u32 + 1),
                    format!("{label} (pre-commit hook)"),
                ),
            ));
        }
    }
    out
}
