//! `pinned-dependencies`: every manifest has a lockfile (beside it or in
//! a folder above, as workspaces keep one), GitHub Actions are pinned by
//! full commit SHA, and container base images by digest. Score = 10 × the
//! mean of the pinned shares of the parts that apply.

use super::EXAMPLES;
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};

/// Paths of examples, fixtures, tests, templates and vendored code: their
/// manifests are not the project's own.
pub fn example(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|d| {
        matches!(
            d.to_ascii_lowercase().as_str(),
            "examples"
                | "example"
                | "fixtures"
                | "__fixtures__"
                | "testdata"
                | "test-data"
                | "test"
                | "tests"
                | "node_modules"
                | "vendor"
                | "third_party"
                | "templates"
                | "template"
                | "docs"
                | "samples"
                | "integration"
                | "e2e"
        )
    })
}

/// The lockfiles that pin a manifest, by the manifest's file name.
fn lockfiles(manifest: &str) -> Option<&'static [&'static str]> {
    Some(match manifest {
        "package.json" => &[
            "package-lock.json",
            "npm-shrinkwrap.json",
            "yarn.lock",
            "pnpm-lock.yaml",
            "bun.lockb",
            "bun.lock",
        ],
        "Cargo.toml" => &["Cargo.lock"],
        "pyproject.toml" => &[
            "poetry.lock",
            "uv.lock",
            "pdm.lock",
            "pylock.toml",
            "Pipfile.lock",
        ],
        "Pipfile" => &["Pipfile.lock"],
        "go.mod" => &["go.sum"],
        "Gemfile" => &["Gemfile.lock"],
        "composer.json" => &["composer.lock"],
        "mix.exs" => &["mix.lock"],
        "pubspec.yaml" => &["pubspec.lock"],
        "Package.swift" => &["Package.resolved"],
        _ => return None,
    })
}

/// Whether a manifest declares dependencies at all (one without any needs
/// no lockfile).
fn declares(name: &str, text: &str) -> bool {
    match name {
        "package.json" => serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
            ["dependencies", "devDependencies", "optionalDependencies"]
                .iter()
                .any(|k| v[k].as_object().is_some_and(|o| !o.is_empty()))
        }),
        "composer.json" => serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| {
            v["require"]
                .as_object()
                .is_some_and(|o| o.keys().any(|k| k != "php"))
        }),
        "go.mod" => text.lines().any(|l| l.trim_start().starts_with("require")),
        "pyproject.toml" => text.contains("dependencies") || text.contains("[tool.poetry"),
        _ => true,
    }
}

/// A requirements file whose every requirement is pinned with `==`.
fn pinned_requirements(text: &str) -> bool {
    let mut any = false;
    for l in text.lines() {
        let l = l.split('#').next().unwrap_or_default().trim();
        if l.is_empty() || l.starts_with('-') || l.starts_with("--") {
            continue;
        }
        any = true;
        if !l.contains("==") && !l.contains(" @ ") {
            return false;
        }
    }
    any
}

pub fn pinned_dependencies(f: &Facts) -> CheckResult {
    let mut parts: Vec<(&str, usize, usize)> = Vec::new();
    let mut evidence = Vec::new();
    // Manifests and their lockfiles.
    let (mut manifests, mut locked) = (0, 0);
    let python_pins: Vec<String> = f
        .files()
        .iter()
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name.starts_with("requirements") && name.ends_with(".txt")
                || p.contains("requirements/") && p.ends_with(".txt")
        })
        .filter(|p| f.read(p).is_some_and(|t| pinned_requirements(&t)))
        .cloned()
        .collect();
    for p in f.files() {
        let name = p.rsplit('/').next().unwrap_or(p);
        let Some(locks) = lockfiles(name) else {
            continue;
        };
        if example(p) || !f.read(p).is_some_and(|t| declares(name, &t)) {
            continue;
        }
        manifests += 1;
        let dir = p.rsplit_once('/').map_or("", |(d, _)| d);
        let found = ancestors(dir).find_map(|d| {
            locks
                .iter()
                .map(|l| join(d, l))
                .find(|l| f.has(l))
                .or_else(|| {
                    (name == "pyproject.toml")
                        .then(|| {
                            python_pins
                                .iter()
                                .find(|r| r.starts_with(&join(d, "")))
                                .cloned()
                        })
                        .flatten()
                })
        });
        match found {
            Some(_) => locked += 1,
            None if evidence.len() < EXAMPLES => evidence.push(Evidence::file(
                p,
                None,
                format!("no lockfile ({})", locks.join(", ")),
            )),
            None => {}
        }
    }
    if manifests > 0 {
        parts.push(("manifests with a lockfile", locked, manifests));
    }
    // Actions by SHA.
    let (mut actions, mut by_sha) = (0, 0);
    let mut unpinned_actions = Vec::new();
    for (line, action, r) in f.ci.uses() {
        if action.starts_with("./") || action.starts_with("../") {
            continue;
        }
        actions += 1;
        let pinned = if action.starts_with("docker://") {
            action.contains("@sha256:") || r.starts_with("sha256:")
        } else {
            r.len() == 40 && r.bytes().all(|b| b.is_ascii_hexdigit())
        };
        if pinned {
            by_sha += 1;
        } else {
            unpinned_actions.push(Evidence::file(
                &line.path,
                Some(line.line),
                format!("{action}@{r} is not pinned by SHA"),
            ));
        }
    }
    if actions > 0 {
        parts.push(("actions pinned by SHA", by_sha, actions));
    }
    evidence.extend(unpinned_actions.into_iter().take(EXAMPLES));
    // Base images by digest.
    let (mut images, mut by_digest) = (0, 0);
    let mut unpinned_images = Vec::new();
    for p in f.files().iter().filter(|p| dockerfile(p) && !example(p)) {
        let text = f.read(p).unwrap_or_default();
        for (line, image, pinned) in base_images(&text) {
            images += 1;
            if pinned {
                by_digest += 1;
            } else {
                unpinned_images.push(Evidence::file(
                    p,
                    Some(line),
                    format!("FROM {image} is not pinned by digest"),
                ));
            }
        }
    }
    if images > 0 {
        parts.push(("base images pinned by digest", by_digest, images));
    }
    evidence.extend(unpinned_images.into_iter().take(EXAMPLES));
    if parts.is_empty() {
        return CheckResult::not_applicable(
            "pinned-dependencies",
            "nothing to pin: no manifest with dependencies, GitHub Action or Dockerfile",
        );
    }
    let mean = parts
        .iter()
        .map(|(_, a, b)| *a as f64 / *b as f64)
        .sum::<f64>()
        / parts.len() as f64;
    let reason = parts
        .iter()
        .map(|(what, a, b)| format!("{a} of {b} {what}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut counts: Vec<Evidence> = parts
        .iter()
        .map(|(what, a, b)| Evidence::count(format!("{what} (of {b})"), *a as f64))
        .collect();
    counts.extend(evidence);
    CheckResult::scored("pinned-dependencies", 10.0 * mean, reason).with(counts)
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// `a/b/c`, `a/b`, `a`, `` (the root).
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let d = next?;
        next = if d.is_empty() {
            None
        } else {
            Some(d.rsplit_once('/').map_or("", |(a, _)| a))
        };
        Some(d)
    })
}

pub fn dockerfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "Dockerfile"
        || name == "Containerfile"
        || name.starts_with("Dockerfile.")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

/// The external base images of a Dockerfile: (line, image, pinned by
/// digest). `scratch` and earlier stages are not images to pull;
/// `${VAR}` takes its `ARG` default.
pub fn base_images(text: &str) -> Vec<(u32, String, bool)> {
    let mut stages: Vec<String> = Vec::new();
    let mut args: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        let upper = t.get(..5).map(str::to_ascii_uppercase).unwrap_or_default();
        if upper.starts_with("ARG ") {
            if let Some((k, v)) = t[4..].trim().split_once('=') {
                args.push((k.trim().to_string(), v.trim().trim_matches('"').to_string()));
            }
            continue;
        }
        if upper != "FROM " {
            continue;
        }
        let words: Vec<&str> = t[5..]
            .split_whitespace()
            .filter(|w| !w.starts_with("--"))
            .collect();
        let Some(image) = words.first() else { continue };
        let mut image = image.to_string();
        for (k, v) in &args {
            image = image
                .replace(&format!("${{{k}}}"), v)
                .replace(&format!("${k}"), v);
        }
        if let (Some(as_), Some(name)) = (words.get(1), words.get(2))
            && as_.eq_ignore_ascii_case("as")
        {
            stages.push(name.to_ascii_lowercase());
        }
        if image == "scratch"
            || stages
                .iter()
                .rev()
                .skip(1)
                .any(|s| *s == image.to_ascii_lowercase())
            || (words.len() < 3 && stages.contains(&image.to_ascii_lowercase()))
        {
            continue;
        }
        let pinned = image.contains("@sha256:");
        out.push((i as u32 + 1, image, pinned));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images() {
        let df = "ARG BASE=python:3.12@sha256:abc\nFROM ${BASE} AS build\nRUN x\nFROM build\nFROM scratch\nFROM node:20\n";
        let got: Vec<(u32, String, bool)> = base_images(df);
        assert_eq!(
            got,
            [
                (2, "python:3.12@sha256:abc".to_string(), true),
                (6, "node:20".to_string(), false)
            ]
        );
    }

    #[test]
    fn requirements_pins() {
        assert!(pinned_requirements(
            "# c\nflask==3.0.0\n-r base.txt\nclick==8.1 ; python_version>'3'\n"
        ));
        assert!(!pinned_requirements("flask>=3\n"));
        assert!(!pinned_requirements("\n"));
        assert_eq!(ancestors("a/b").collect::<Vec<_>>(), ["a/b", "a", ""]);
    }
}
