//! `dependency-updates`: Dependabot or Renovate configured, for the
//! ecosystems in the tree, and their updates merged in the last 12
//! months. Score: configured 5, + 2 × the share of ecosystems the config
//! covers (Renovate covers all it knows), + 3 when updates were merged.
//! Updates merged with no config in the tree (enabled in the host's
//! settings) score 6.

use super::{EXAMPLES, count};
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};
use crate::people::update_bot;

const RENOVATE: &[&str] = &[
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".renovaterc.json5",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".gitlab/renovate.json5",
];

/// Dependabot's ecosystem names for the manifests in the tree, each with
/// the first file that shows it.
pub fn ecosystems(f: &Facts) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for p in f.files() {
        if super::pinned::example(p) {
            continue;
        }
        let name = p.rsplit('/').next().unwrap_or(p);
        let eco = match name {
            "package.json" => "npm",
            "Cargo.toml" => "cargo",
            "go.mod" => "gomod",
            "pyproject.toml" | "Pipfile" | "setup.py" | "setup.cfg" => "pip",
            "Gemfile" => "bundler",
            "composer.json" => "composer",
            "pom.xml" => "maven",
            "build.gradle" | "build.gradle.kts" => "gradle",
            "mix.exs" => "mix",
            "pubspec.yaml" => "pub",
            "Package.swift" => "swift",
            _ if name.starts_with("requirements") && name.ends_with(".txt") => "pip",
            _ if name == "Dockerfile"
                || name.ends_with(".Dockerfile")
                || name.starts_with("Dockerfile.") =>
            {
                "docker"
            }
            _ if name.ends_with(".csproj") || name.ends_with(".fsproj") => "nuget",
            _ if name.ends_with(".tf") => "terraform",
            _ if p.starts_with(".github/workflows/") => "github-actions",
            _ => continue,
        };
        if !out.iter().any(|(e, _)| *e == eco) {
            out.push((eco, p.clone()));
        }
    }
    out
}

pub fn dependency_updates(f: &Facts) -> CheckResult {
    let ecos = ecosystems(f);
    if ecos.is_empty() {
        return CheckResult::not_applicable(
            "dependency-updates",
            "no dependencies to update: no manifest, Dockerfile or workflow",
        );
    }
    let mut evidence = Vec::new();
    let mut score = 0.0;
    let mut said = Vec::new();
    let dependabot = [".github/dependabot.yml", ".github/dependabot.yaml"]
        .into_iter()
        .find(|p| f.has(p));
    let renovate = RENOVATE
        .iter()
        .copied()
        .find(|p| f.has(p))
        .map(str::to_string)
        .or_else(|| {
            f.read("package.json")
                .filter(|t| t.contains("\"renovate\""))
                .map(|_| "package.json".to_string())
        });
    if let Some(path) = dependabot {
        let text = f.read(path).unwrap_or_default();
        let mut covered = Vec::new();
        for (i, l) in text.lines().enumerate() {
            if let Some(v) = l
                .trim()
                .trim_start_matches("- ")
                .strip_prefix("package-ecosystem:")
            {
                let v = v.trim().trim_matches(['"', '\'']).to_string();
                evidence.push(Evidence::file(
                    path,
                    Some(i as u32 + 1),
                    format!("updates {v}"),
                ));
                covered.push(v);
            }
        }
        let missing: Vec<&(&str, String)> = ecos
            .iter()
            .filter(|(e, _)| !covered.iter().any(|c| c == e))
            .collect();
        score += 5.0 + 2.0 * (ecos.len() - missing.len()) as f64 / ecos.len() as f64;
        said.push(format!(
            "Dependabot updates {} of {}",
            covered.len().min(ecos.len() - missing.len()),
            count(ecos.len(), "ecosystem")
        ));
        for (e, p) in missing.iter().take(EXAMPLES) {
            evidence.push(Evidence::file(p, None, format!("{e}: not in {path}")));
        }
    } else if let Some(path) = &renovate {
        score += 7.0;
        said.push("Renovate is configured".to_string());
        evidence.push(Evidence::file(path, None, "Renovate configuration"));
    }
    let merged = merged_updates(f);
    let configured = score > 0.0;
    match (merged.len(), configured, f.history.is_some()) {
        (0, _, false) => said.push("merged updates not measured: no history".into()),
        (0, true, true) => said.push("no update merged in 12 months".into()),
        (0, false, true) => {}
        (n, true, _) => {
            score += 3.0;
            said.push(format!("{} merged in 12 months", count(n, "update")));
        }
        (n, false, _) => {
            score = 6.0;
            said.push(format!(
                "{} merged in 12 months, with no configuration in the tree (enabled in the host's settings?)",
                count(n, "update")
            ));
        }
    }
    if !configured && merged.is_empty() {
        said.insert(0, "neither Dependabot nor Renovate is configured".into());
    }
    evidence.push(Evidence::count(
        "update commits merged in 12 months",
        merged.len() as f64,
    ));
    for (id, who, title) in merged.iter().take(EXAMPLES) {
        evidence.push(Evidence::commit(id, format!("{who}: {title}")));
    }
    CheckResult::scored("dependency-updates", score, said.join("; ")).with(evidence)
}

/// Update bots' commits reachable from HEAD, authored in 12 months.
fn merged_updates(f: &Facts) -> Vec<(String, &'static str, String)> {
    let since = f.days_ago(365);
    f.history
        .map(|h| h.commits.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|c| c.parents.len() <= 1 && c.author.time >= since)
        .filter_map(|c| {
            let bot = update_bot(&c.author.name, &c.author.email)?;
            let title = c.message.lines().next().unwrap_or_default().to_string();
            Some((c.id.clone(), bot, title))
        })
        .collect()
}
