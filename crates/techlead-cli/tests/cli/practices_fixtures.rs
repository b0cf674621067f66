//! The fixture repositories of the practices tests: a healthy service, a
//! neglected one, a small library by one person, and documentation alone.
//! Dates sit around the tests' today, 2026-01-15.

use super::{commit, git, merge, repo};
use crate::fixture::Project;
use std::process::Command;

pub const CHECKS: &[&str] = &[
    "ci",
    "ci-tests",
    "tests",
    "code-review",
    "codeowners",
    "dependency-updates",
    "pinned-dependencies",
    "security-policy",
    "license",
    "sast",
    "signed-releases",
    "release-cadence",
    "deployment",
    "monitoring",
    "contributing",
    "decisions",
    "architecture-checks",
    "bus-factor",
];

const SHA: &str = "11bd71901bbe5b1630ceea73d27597364c9af683";

const MIT: &str = "MIT License\n\nCopyright (c) 2025 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction.\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.\n";

/// Rust code of `n` functions, and a test file exercising them.
fn rust(name: &str, n: usize) -> (String, String) {
    let mut src = String::new();
    let mut test = format!("use svc::{name};\n\n");
    for i in 0..n {
        src.push_str(&format!(
            "pub fn {name}_{i}(x: u32) -> u32 {{\n    x + {i}\n}}\n\n"
        ));
        test.push_str(&format!(
            "#[test]\nfn {name}_{i}_adds() {{\n    assert_eq!({name}::{name}_{i}(1), {});\n}}\n\n",
            i + 1
        ));
    }
    (src, test)
}

fn workflow() -> String {
    format!(
        "name: ci\non:\n  push:\n  pull_request:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{SHA} # v4\n      - run: cargo test --workspace\n      - run: cargo clippy --all-targets -- -D warnings\n      - run: techlead check\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@{SHA} # v4\n      - uses: actions/attest-build-provenance@{SHA} # v2\n      - run: flyctl deploy --remote-only\n"
    )
}

const CARGO_TOML: &str = "[package]\nname = \"svc\"\nversion = \"1.0.0\"\nedition = \"2021\"\nlicense = \"MIT\"\n\n[dependencies]\nopentelemetry = \"0.27\"\ntracing = \"0.1\"\n";

const CARGO_LOCK: &str = "version = 3\n\n[[package]]\nname = \"opentelemetry\"\nversion = \"0.27.1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n[[package]]\nname = \"svc\"\nversion = \"1.0.0\"\ndependencies = [\n \"opentelemetry\",\n \"tracing\",\n]\n\n[[package]]\nname = \"tracing\"\nversion = \"0.1.41\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";

fn decision(n: u32, title: &str, date: &str) -> String {
    format!(
        "---\nstatus: accepted\ndate: {date}\n---\n\n# {title}\n\n## Context and Problem Statement\n\nWhy {n}.\n"
    )
}

/// Signs tags with an SSH key made for the test; None (and a visible
/// message) without ssh-keygen.
fn signing_key(p: &Project) -> Option<String> {
    let key = p.path(".git/signing-key");
    let _ = std::fs::remove_file(&key);
    let _ = std::fs::remove_file(key.with_extension("pub"));
    match Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(&key)
        .output()
    {
        Ok(o) if o.status.success() => Some(key.to_string_lossy().into_owned()),
        _ => {
            eprintln!(
                "SKIPPED: ssh-keygen is missing, so release tags are not signed in this test"
            );
            None
        }
    }
}

/// A service with every practice in place.
pub fn healthy() -> Project {
    let p = repo();
    let (lib, _) = rust("core", 6);
    let (store, store_tests) = rust("store", 8);
    commit(
        &p,
        "Alice",
        "Alice",
        "2025-02-01",
        "start the service",
        &[
            (".github/workflows/ci.yml", &workflow()),
            (
                ".github/dependabot.yml",
                "version: 2\nupdates:\n  - package-ecosystem: cargo\n    directory: /\n  - package-ecosystem: github-actions\n    directory: /\n  - package-ecosystem: docker\n    directory: /\n",
            ),
            (".github/CODEOWNERS", "* @alice @bob @carol\n"),
            (".github/pull_request_template.md", "## What and why\n"),
            (".github/ISSUE_TEMPLATE/bug.md", "## Steps\n"),
            ("CONTRIBUTING.md", "# Contributing\n"),
            ("CODE_OF_CONDUCT.md", "# Code of conduct\n"),
            (
                "SECURITY.md",
                "# Security\n\nReport vulnerabilities to security@example.com.\n",
            ),
            ("LICENSE", MIT),
            ("Cargo.toml", CARGO_TOML),
            ("Cargo.lock", CARGO_LOCK),
            (
                "Dockerfile",
                "FROM rust:1.80@sha256:5a1c7e6f0f0c1b0d3e2a9f8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d\nCOPY . .\n",
            ),
            ("fly.toml", "app = \"svc\"\n"),
            (
                "ops/alerts.yml",
                "groups:\n  - name: svc\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors[5m]) > 1\n",
            ),
            (
                "techlead.toml",
                "[[boundaries.modules]]\nname = \"core\"\npaths = [\"src\"]\n\n[[boundaries.modules]]\nname = \"tests\"\npaths = [\"tests\"]\n",
            ),
            ("src/lib.rs", &format!("pub mod store;\n{lib}")),
            ("src/store.rs", &store),
            ("tests/store.rs", &store_tests),
        ],
    );
    let key = signing_key(&p);
    let tag = |name: &str, date: &str| {
        let when = format!("{date}T12:00:00Z");
        match &key {
            Some(k) => {
                let signing = format!("user.signingkey={k}");
                git(
                    &p,
                    "Alice",
                    "Alice",
                    &when,
                    &[
                        "-c",
                        "gpg.format=ssh",
                        "-c",
                        &signing,
                        "tag",
                        "-s",
                        name,
                        "-m",
                        name,
                    ],
                );
            }
            None => {
                git(
                    &p,
                    "Alice",
                    "Alice",
                    &when,
                    &["tag", "-a", name, "-m", name],
                );
            }
        }
    };
    // Monthly releases, each on a merged pull request.
    let months = [
        "2025-03", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10",
    ];
    for (i, m) in months.iter().enumerate() {
        let (src, tests) = rust(&format!("feature{i}"), 3);
        let who = ["Alice", "Bob", "Carol"][i % 3];
        merge(
            &p,
            who,
            "Alice",
            &format!("{m}-03"),
            &format!(
                "Merge pull request #{} from {}/feature{i}",
                i + 1,
                who.to_lowercase()
            ),
            &[
                (&format!("src/feature{i}.rs"), &src),
                (&format!("tests/feature{i}.rs"), &tests),
            ],
        );
        tag(&format!("v1.{i}.0"), &format!("{m}-04"));
    }
    let people = [
        ("Bob", "api", 8),
        ("Carol", "auth", 8),
        ("Alice", "cache", 4),
        ("Bob", "api2", 4),
    ];
    for (i, (who, name, n)) in people.iter().enumerate() {
        let (src, tests) = rust(name, *n);
        merge(
            &p,
            who,
            "Alice",
            &format!("2025-11-{:02}", 3 + i * 5),
            &format!(
                "Merge pull request #{} from {}/{name}",
                20 + i,
                who.to_lowercase()
            ),
            &[
                (&format!("src/{name}.rs"), &src),
                (&format!("tests/{name}.rs"), &tests),
            ],
        );
    }
    merge(
        &p,
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        "Alice",
        "2025-12-01",
        "Merge pull request #30 from example/dependabot/cargo/tracing-0.1.41",
        &[("Cargo.lock", &CARGO_LOCK.replace("0.1.41", "0.1.42"))],
    );
    merge(
        &p,
        "Carol",
        "Alice",
        "2025-12-10",
        "Merge pull request #31 from carol/decisions",
        &[
            (
                "docs/decisions/0001-rust-for-the-service.md",
                &decision(1, "Rust for the service", "2025-11-20"),
            ),
            (
                "docs/decisions/0002-fly-for-hosting.md",
                &decision(2, "Fly for hosting", "2025-12-10"),
            ),
        ],
    );
    p
}

/// A service with none of the practices, and seven people pushing to
/// main: one wrote it all, six fixed a line each.
pub fn neglected() -> Project {
    let p = repo();
    let mut app = String::from("import util\n");
    for i in 0..10_000 {
        app.push_str(&format!("value_{i} = util.compute({i})\n"));
    }
    let mut files: Vec<(String, String)> = vec![
        ("app.py".into(), app),
        (
            "util.py".into(),
            "def compute(x):\n    return x * 2\n".into(),
        ),
        (
            "pyproject.toml".into(),
            "[project]\nname = \"shop\"\nversion = \"0.1.0\"\ndependencies = [\"flask>=3\"]\n"
                .into(),
        ),
        ("README.md".into(), "# Shop\n".into()),
    ];
    for i in 0..8 {
        files.push((
            format!("shop/part{i}.py"),
            format!("def part_{i}():\n    return {i}\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    commit(&p, "Alice", "Alice", "2025-10-20", "the shop", &refs);
    for (i, who) in ["Bob", "Carol", "Dan", "Erin", "Frank", "Grace"]
        .iter()
        .enumerate()
    {
        let f = format!("shop/part{i}.py");
        commit(
            &p,
            who,
            who,
            &format!("2025-11-{:02}", 2 + i * 3),
            &format!("fix part {i}"),
            &[(&f, &format!("def part_{i}():\n    return {i} + 1\n"))],
        );
    }
    commit(
        &p,
        "Alice",
        "Alice",
        "2025-12-20",
        "tweak util",
        &[("util.py", "def compute(x):\n    return x * 3\n")],
    );
    p
}

/// A small Rust library by one person, released once long ago.
pub fn library() -> Project {
    let p = repo();
    let (src, _) = rust("tiny", 3);
    let lib = format!(
        "{src}#[cfg(test)]\nmod tests {{\n    #[test]\n    fn adds() {{\n        assert_eq!(super::tiny_0(1), 1);\n    }}\n}}\n"
    );
    commit(
        &p,
        "Lib Dev",
        "Lib Dev",
        "2024-09-01",
        "tiny library",
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nlicense = \"MIT\"\n",
            ),
            ("LICENSE", MIT),
            ("src/lib.rs", &lib),
        ],
    );
    git(
        &p,
        "Lib Dev",
        "Lib Dev",
        "2024-10-01T10:00:00Z",
        &["tag", "v0.1.0"],
    );
    commit(
        &p,
        "Lib Dev",
        "Lib Dev",
        "2025-11-10",
        "docs",
        &[("README.md", "# tiny\n")],
    );
    commit(
        &p,
        "Lib Dev",
        "Lib Dev",
        "2025-12-10",
        "one more",
        &[("src/lib.rs", &lib.replace("x + 2", "x + 2 + 0"))],
    );
    p
}

/// Documentation only: nothing to build, pin or release.
pub fn docs_only() -> Project {
    let p = repo();
    commit(
        &p,
        "Alice",
        "Alice",
        "2025-12-01",
        "notes",
        &[("README.md", "# Notes\n"), ("docs/guide.md", "# Guide\n")],
    );
    p
}
