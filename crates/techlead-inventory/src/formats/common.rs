//! Small pieces several parsers share.

use crate::ParseError;
use std::collections::HashSet;

/// The 1-based line of each line equal to `header` (such as
/// `[[package]]`), in order: TOML parsers keep no positions, so the
/// n-th table is found by the n-th header.
pub fn header_lines(text: &str, header: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> u32 {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

/// A TOML parse error with its line.
pub fn toml_error(text: &str, what: &str, e: toml::de::Error) -> ParseError {
    let line = e.span().map_or(1, |s| line_of(text, s.start));
    ParseError::new(line, format!("not a {what}: {}", e.message()))
}

/// A JSON parse error with its line.
pub fn json_error(what: &str, e: serde_json::Error) -> ParseError {
    ParseError::new(e.line().max(1) as u32, format!("not a {what}: {e}"))
}

/// PEP 503 normalisation: lowercase, runs of `-`, `_` and `.` as one `-`.
pub fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The package name at the start of a PEP 508 requirement string
/// (`requests[socks]>=2 ; python_version<"3.9"` is `requests`).
pub fn pep508_name(req: &str) -> &str {
    let req = req.trim();
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    &req[..end]
}

/// Names a pyproject.toml declares, normalised: (runtime, dev-only).
/// Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and groups,
/// PEP 621 `[project] dependencies` and optional dependencies, and PEP 735
/// `[dependency-groups]` (dev).
pub fn pyproject_names(text: &str) -> (HashSet<String>, HashSet<String>) {
    let mut runtime = HashSet::new();
    let mut dev = HashSet::new();
    let Ok(doc) = toml::from_str::<toml::Table>(text) else {
        return (runtime, dev);
    };
    let keys = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|d| d.as_table())
            .map(|t| {
                t.keys()
                    .filter(|k| *k != "python")
                    .map(|k| pep503(k))
                    .collect()
            })
            .unwrap_or_default()
    };
    let reqs = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|d| d.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|r| r.as_str())
                    .map(|r| pep503(pep508_name(r)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let poetry = doc.get("tool").and_then(|t| t.get("poetry"));
    runtime.extend(keys(poetry.and_then(|p| p.get("dependencies"))));
    dev.extend(keys(poetry.and_then(|p| p.get("dev-dependencies"))));
    if let Some(groups) = poetry
        .and_then(|p| p.get("group"))
        .and_then(|g| g.as_table())
    {
        for (name, group) in groups {
            let names = keys(group.get("dependencies"));
            if name == "main" {
                runtime.extend(names);
            } else {
                dev.extend(names);
            }
        }
    }
    let project = doc.get("project");
    runtime.extend(reqs(project.and_then(|p| p.get("dependencies"))));
    if let Some(extras) = project
        .and_then(|p| p.get("optional-dependencies"))
        .and_then(|o| o.as_table())
    {
        for list in extras.values() {
            runtime.extend(reqs(Some(list)));
        }
    }
    for groups in [
        doc.get("dependency-groups"),
        doc.get("tool")
            .and_then(|t| t.get("uv"))
            .and_then(|u| u.get("dev-dependencies")),
    ]
    .into_iter()
    .flatten()
    {
        match groups {
            toml::Value::Table(t) => {
                for list in t.values() {
                    dev.extend(reqs(Some(list)));
                }
            }
            toml::Value::Array(_) => dev.extend(reqs(Some(groups))),
            _ => {}
        }
    }
    dev.retain(|d| !runtime.contains(d));
    (runtime, dev)
}

/// Names a JSON manifest declares under the given runtime and dev keys
/// (package.json, composer.json).
pub fn json_manifest_names(
    text: &str,
    runtime_keys: &[&str],
    dev_keys: &[&str],
) -> (HashSet<String>, HashSet<String>) {
    let mut runtime = HashSet::new();
    let mut dev = HashSet::new();
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return (runtime, dev);
    };
    for (keys, set) in [(runtime_keys, &mut runtime), (dev_keys, &mut dev)] {
        for k in keys {
            if let Some(m) = v.get(*k).and_then(|m| m.as_object()) {
                set.extend(m.keys().cloned());
            }
        }
    }
    dev.retain(|d| !runtime.contains(d));
    (runtime, dev)
}

/// `direct` and `dev` from what a manifest declares.
pub fn from_manifest(
    name: &str,
    manifest: Option<&(HashSet<String>, HashSet<String>)>,
) -> (Option<bool>, Option<bool>) {
    match manifest {
        None => (None, None),
        Some((runtime, _)) if runtime.contains(name) => (Some(true), Some(false)),
        Some((_, dev)) if dev.contains(name) => (Some(true), Some(true)),
        Some(_) => (Some(false), None),
    }
}

/// A dependency as a tuple, for compact test assertions.
#[cfg(test)]
pub type Row<'a> = (&'a str, &'a str, Option<bool>, Option<bool>, u32);

#[cfg(test)]
pub fn rows(deps: &[crate::Dep]) -> Vec<Row<'_>> {
    deps.iter()
        .map(|d| (d.name.as_str(), d.version.as_str(), d.direct, d.dev, d.line))
        .collect()
}

/// The YYYY-MM-DD at the start of an ISO 8601 timestamp, if it is one.
pub fn iso_date(t: &str) -> Option<String> {
    let d = t.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pep503("Flask_Cors..x"), "flask-cors-x");
        assert_eq!(pep508_name("requests[socks]>=2 ; x"), "requests");
        let (r, d) = pyproject_names(
            "[project]\ndependencies = [\"Requests>=2\"]\n[project.optional-dependencies]\ncli = [\"click\"]\n[dependency-groups]\ndev = [\"pytest>=8\"]\n[tool.poetry.dependencies]\npython = \"^3.11\"\nhttpx = \"*\"\n[tool.poetry.group.test.dependencies]\nhypothesis = \"*\"\n",
        );
        let mut r: Vec<_> = r.into_iter().collect();
        r.sort();
        let mut d: Vec<_> = d.into_iter().collect();
        d.sort();
        assert_eq!(r, ["click", "httpx", "requests"]);
        assert_eq!(d, ["hypothesis", "pytest"]);
    }
}
