//! `license`: a licence file at the root (LICENSE, LICENCE, COPYING,
//! UNLICENSE, `LICENSE-*`, REUSE's `LICENSES/`), its SPDX expression from
//! the text (several licence files make `A OR B`, as dual licensing is
//! written), and the licences the manifests declare compared with it.
//! 10 when identified and every manifest agrees, 7 when a manifest
//! disagrees, 5 when the text is not a licence we know, 3 when only a
//! manifest declares one, 0 with none. A private project (package.json
//! `"private": true`, `publish = false`) with no licence is n/a.

use super::pinned::example;
use crate::facts::Facts;
use crate::model::{CheckResult, Evidence};
use crate::spdx;

fn licence_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if let Some(name) = lower.strip_prefix("licenses/") {
        return !name.contains('/');
    }
    !lower.contains('/')
        && ["license", "licence", "copying", "unlicense"]
            .iter()
            .any(|p| lower.starts_with(p))
}

pub fn license(f: &Facts) -> CheckResult {
    let files: Vec<&String> = f.files().iter().filter(|p| licence_file(p)).collect();
    let declared = declared(f);
    let mut ids: Vec<&'static str> = Vec::new();
    for p in &files {
        let from_name = p
            .strip_prefix("LICENSES/")
            .and_then(|n| spdx::canonical(n.rsplit_once('.').map_or(n, |(s, _)| s)));
        let found = match from_name {
            Some(id) => vec![id],
            None => f.read(p).map(|t| spdx::detect(&t)).unwrap_or_default(),
        };
        for id in found {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    // A GPL text beside the LGPL that refers to it is part of the LGPL.
    if ids.iter().any(|i| i.starts_with("LGPL")) {
        ids.retain(|i| !i.starts_with("GPL"));
    }
    let mut evidence: Vec<Evidence> = declared
        .iter()
        .map(|(p, line, text)| Evidence::file(p, Some(*line), format!("declares {text}")))
        .collect();
    if files.is_empty() {
        if let Some(why) = private(f) {
            return CheckResult::not_applicable(
                "license",
                format!("a private project ({why}): no licence expected"),
            );
        }
        if let Some((p, _, text)) = declared.first() {
            return CheckResult::scored(
                "license",
                3.0,
                format!("{p} declares {text}, but there is no licence file to go with it"),
            )
            .with(evidence);
        }
        return CheckResult::scored("license", 0.0, "no licence file (LICENSE, COPYING, ...)");
    }
    let shown: Vec<&str> = files.iter().map(|p| p.as_str()).collect();
    if ids.is_empty() {
        evidence.insert(
            0,
            Evidence::file(shown[0], None, "not a licence text we know"),
        );
        return CheckResult::scored(
            "license",
            5.0,
            format!("{} is not a licence text we can identify", shown.join(", ")),
        )
        .with(evidence);
    }
    let expression = ids.join(" OR ");
    evidence.insert(
        0,
        Evidence::Spdx {
            expression: expression.clone(),
            path: shown.join(", "),
        },
    );
    let disagreeing: Vec<&(String, u32, String)> = declared
        .iter()
        .filter(|(_, _, text)| {
            let theirs = spdx::parts(text);
            !(theirs.len() == ids.len()
                && theirs.iter().all(|t| ids.iter().any(|i| spdx::same(t, i))))
        })
        .collect();
    if disagreeing.is_empty() {
        let agree = if declared.is_empty() {
            String::new()
        } else {
            match declared.len() {
                1 => "; the manifest agrees".to_string(),
                n => format!("; {n} manifests agree"),
            }
        };
        CheckResult::scored(
            "license",
            10.0,
            format!("{expression} ({}){agree}", shown.join(", ")),
        )
        .with(evidence)
    } else {
        let (p, line, text) = disagreeing[0];
        CheckResult::scored(
            "license",
            7.0,
            format!(
                "{expression} ({}), but {p}:{line} declares {text}{}",
                shown.join(", "),
                if disagreeing.len() > 1 {
                    format!(" (and {} more)", disagreeing.len() - 1)
                } else {
                    String::new()
                }
            ),
        )
        .with(evidence)
    }
}

/// Licences the manifests declare: (manifest, line, as written).
fn declared(f: &Facts) -> Vec<(String, u32, String)> {
    let mut out = Vec::new();
    for p in f.files() {
        if example(p) {
            continue;
        }
        let name = p.rsplit('/').next().unwrap_or(p);
        let found: Vec<(u32, String)> = match name {
            "Cargo.toml" | "pyproject.toml" | "setup.cfg" => toml_like(f, p),
            "package.json" | "composer.json" => json_licence(f, p),
            _ if name.ends_with(".gemspec") => keyed(f, p, &[".license =", ".licenses ="]),
            "pom.xml" => keyed(f, p, &["<name>"])
                .into_iter()
                .filter(|(_, v)| spdx::canonical(v).is_some())
                .collect(),
            _ if name.ends_with(".csproj") => keyed(f, p, &["<PackageLicenseExpression>"]),
            "mix.exs" => keyed(f, p, &["licenses:"]),
            _ => continue,
        };
        for (line, text) in found {
            out.push((p.clone(), line, text));
        }
    }
    out
}

/// `license = "MIT"`, `license = { text = "MIT" }`, and PyPI classifiers.
fn toml_like(f: &Facts, path: &str) -> Vec<(u32, String)> {
    let text = f.read(path).unwrap_or_default();
    let mut out = Vec::new();
    let mut classifiers = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        if let Some(v) = t
            .strip_prefix("license")
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('='))
        {
            let v = v.trim();
            let v = v
                .strip_prefix('{')
                .and_then(|inner| {
                    inner
                        .split_once("text")
                        .map(|(_, r)| r.trim_start_matches([' ', '=']).to_string())
                })
                .unwrap_or_else(|| v.to_string());
            let v = v
                .trim()
                .trim_end_matches('}')
                .trim()
                .trim_matches(['"', '\''])
                .to_string();
            if !v.is_empty() && !v.contains("file") && !v.starts_with('{') {
                out.push((i as u32 + 1, v));
            }
        }
        if let Some(c) = t.split("License :: OSI Approved :: ").nth(1) {
            let c = c.trim_end_matches([',', '"', '\'']).trim();
            if let Some(id) =
                spdx::canonical(c).or_else(|| spdx::canonical(c.split(" (").next().unwrap_or(c)))
            {
                classifiers.push((i as u32 + 1, id.to_string()));
            }
        }
    }
    if out.is_empty() && !classifiers.is_empty() {
        let line = classifiers[0].0;
        let ids: Vec<String> = classifiers.into_iter().map(|(_, id)| id).collect();
        out.push((line, ids.join(" OR ")));
    }
    out
}

fn json_licence(f: &Facts, path: &str) -> Vec<(u32, String)> {
    let text = f.read(path).unwrap_or_default();
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let value = match &v["license"] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join(" OR "),
        serde_json::Value::Object(o) => o
            .get("type")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_string(),
        _ => return Vec::new(),
    };
    let upper = value.to_ascii_uppercase();
    if value.is_empty() || upper == "UNLICENSED" || upper.starts_with("SEE LICENSE") {
        return Vec::new();
    }
    let line = text
        .lines()
        .position(|l| l.contains("\"license\""))
        .map_or(1, |i| i as u32 + 1);
    vec![(line, value)]
}

/// The quoted value after one of `keys` on a line.
fn keyed(f: &Facts, path: &str, keys: &[&str]) -> Vec<(u32, String)> {
    let text = f.read(path).unwrap_or_default();
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        for k in keys {
            if let Some(rest) = l.split(k).nth(1) {
                let v = rest
                    .trim()
                    .trim_start_matches(['[', '"', '\''])
                    .split(['"', '\'', ']', '<'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                if !v.is_empty() {
                    out.push((i as u32 + 1, v));
                }
            }
        }
    }
    out
}

/// Why the project looks private, if it does.
fn private(f: &Facts) -> Option<String> {
    if let Some(t) = f.read("package.json")
        && serde_json::from_str::<serde_json::Value>(&t).is_ok_and(|v| v["private"] == true)
    {
        return Some("package.json says \"private\": true".into());
    }
    if f.read("Cargo.toml")
        .is_some_and(|t| t.lines().any(|l| l.replace(' ', "") == "publish=false"))
    {
        return Some("Cargo.toml says publish = false".into());
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn licence_files() {
        assert!(super::licence_file("LICENSE"));
        assert!(super::licence_file("LICENSE-MIT"));
        assert!(super::licence_file("COPYING.LESSER"));
        assert!(super::licence_file("LICENSES/MIT.txt"));
        assert!(!super::licence_file("src/license.rs"));
    }
}
