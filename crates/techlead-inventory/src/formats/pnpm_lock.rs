//! `pnpm-lock.yaml`, lockfileVersion 5.x, 6.0 and 9.0.
//!
//! Importers (`importers:` in workspaces, top-level `dependencies` in a
//! single v5 project) map each project's dependencies to resolved
//! versions; `link:`, `file:` and `workspace:` versions are local. Package
//! keys are `/name/1.2.3` (v5), `/name@1.2.3` (v6) or `name@1.2.3` (v9),
//! with peer suffixes `(react@18.2.0)` or `_react@18.2.0` stripped.
//!
//! `direct`: an importer lists it. `dev`: only under importers'
//! devDependencies, else the package's own `dev` flag (v5/v6).
//!
//! pnpm 11 writes its own "env lockfile" (the package manager itself and
//! config dependencies) as a first YAML document before the project's:
//! that document is not the project's dependencies and is skipped.

use crate::{Dep, DepRef, ParseError};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let (doc, text, below) = project_document(text)?;
    let Some(obj) = doc.as_object() else {
        return Err(ParseError::new(1, "not a pnpm-lock.yaml: not a mapping"));
    };
    // (name, version) pairs that importers use, and which importers (by
    // folder, "" for the lockfile's own) use them at run time or for
    // development.
    let mut runtime: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut dev: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut importers: Vec<(&str, &Value)> = Vec::new();
    match obj.get("importers").and_then(Value::as_object) {
        Some(map) => importers.extend(map.iter().map(|(k, v)| (k.as_str(), v))),
        None => importers.push((".", &doc)),
    }
    for (folder, imp) in importers {
        let folder = folder.trim_start_matches("./");
        let folder = if folder == "." { "" } else { folder };
        for (section, is_dev) in [
            ("dependencies", false),
            ("optionalDependencies", false),
            ("devDependencies", true),
        ] {
            let Some(deps) = imp.get(section).and_then(Value::as_object) else {
                continue;
            };
            for (name, v) in deps {
                // v5: "1.2.3"; v6/v9: { specifier, version }.
                let version = v
                    .get("version")
                    .and_then(Value::as_str)
                    .or_else(|| v.as_str())
                    .unwrap_or_default();
                if is_local(version) {
                    continue;
                }
                let key = (name.clone(), strip_peers(version).to_string());
                if is_dev { &mut dev } else { &mut runtime }
                    .entry(key)
                    .or_default()
                    .push(folder.to_string());
            }
        }
    }
    // `time:` (with `resolution-mode: time-based`, or `publish-time`
    // settings) records when each resolved version was published, keyed
    // as the packages are.
    let mut released: std::collections::HashMap<(String, String), String> = Default::default();
    if let Some(times) = obj.get("time").and_then(Value::as_object) {
        for (key, t) in times {
            let (Some((name, version)), Some(t)) = (split_key(key), t.as_str()) else {
                continue;
            };
            if let Some(date) = super::common::iso_date(t) {
                released.insert((name.to_string(), strip_peers(version).to_string()), date);
            }
        }
    }
    let edges = edges(obj);
    let lines = key_lines(text);
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut out = Vec::new();
    if let Some(packages) = obj.get("packages").and_then(Value::as_object) {
        for (key, entry) in packages {
            let Some((name, version)) = split_key(key) else {
                continue;
            };
            if is_local(version) {
                continue;
            }
            let version = strip_peers(version);
            let pair = (name.to_string(), version.to_string());
            let (direct, is_dev) = if runtime.contains_key(&pair) {
                (true, Some(false))
            } else if dev.contains_key(&pair) {
                (true, Some(true))
            } else {
                (false, entry.get("dev").and_then(Value::as_bool))
            };
            let mut declared_by: Vec<String> = runtime
                .get(&pair)
                .into_iter()
                .chain(dev.get(&pair))
                .flatten()
                .cloned()
                .collect();
            declared_by.sort();
            declared_by.dedup();
            if !seen.insert(pair.clone()) {
                continue;
            }
            out.push(Dep {
                license: None,
                depends: edges.get(&pair).cloned().unwrap_or_default(),
                declared_by,
                requested: Vec::new(),
                released: released.get(&pair).cloned(),
                name: pair.0,
                version: pair.1,
                direct: Some(direct),
                dev: is_dev,
                line: below + lines.get(key.as_str()).copied().unwrap_or(1),
            });
        }
    }
    out.sort_by_key(|d| d.line);
    Ok(out)
}

/// The project's document of the lockfile, its text and how many lines
/// come before it: the whole text, or with several YAML documents (pnpm
/// 11's env lockfile first) the first whose importers are not only the
/// package manager's and config dependencies.
fn project_document(text: &str) -> Result<(Value, &str, u32), ParseError> {
    // Document starts: `---` lines at column 0 (pnpm writes no other).
    let mut starts: Vec<(usize, u32)> = vec![(0, 0)];
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i > 0 && l.trim_end() == "---" {
            starts.push((offset, i as u32));
        }
        offset += l.len();
    }
    let mut last = None;
    for (n, &(start, below)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(text.len(), |s| s.0);
        let part = &text[start..end];
        let doc: Value = serde_saphyr::from_str_with_options(part, options()).map_err(|e| {
            let line = below + e.location().map_or(1, |l| l.line() as u32);
            let message = e.to_string();
            let message = message.lines().next().unwrap_or("invalid YAML").to_string();
            ParseError::new(line, format!("not a pnpm-lock.yaml: {message}"))
        })?;
        if starts.len() == 1 || !env_only(&doc) {
            return Ok((doc, part, below));
        }
        last = Some((doc, part, below));
    }
    Ok(last.expect("at least one document"))
}

/// pnpm's env lockfile: importers that hold only `configDependencies` and
/// `packageManagerDependencies`.
fn env_only(doc: &Value) -> bool {
    let Some(importers) = doc.get("importers").and_then(Value::as_object) else {
        return false;
    };
    importers.values().all(|imp| {
        imp.as_object().is_some_and(|m| {
            m.keys()
                .all(|k| k == "configDependencies" || k == "packageManagerDependencies")
        })
    })
}

fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    // Lockfiles of large monorepos hold far more nodes than a config file;
    // the other limits (depth, aliases) keep their protective defaults.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 50_000_000;
    budget.max_events = 100_000_000;
    o.budget = Some(budget);
    o
}

/// What each package depends on: the `dependencies` and
/// `optionalDependencies` of its entry under `packages` (v5, v6) or
/// `snapshots` (v9), name to resolved version (an alias's version is
/// `name@version` itself, or `/name/version` in v5).
fn edges(obj: &serde_json::Map<String, Value>) -> HashMap<(String, String), Vec<DepRef>> {
    let mut out: HashMap<(String, String), Vec<DepRef>> = HashMap::new();
    for section in ["packages", "snapshots"] {
        for (key, entry) in obj
            .get(section)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let Some((name, version)) = split_key(key) else {
                continue;
            };
            let pair = (name.to_string(), strip_peers(version).to_string());
            for deps in ["dependencies", "optionalDependencies"] {
                for (dep, v) in entry
                    .get(deps)
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let Some(v) = v.as_str().filter(|v| !is_local(v)) else {
                        continue;
                    };
                    let edge = match split_key(v) {
                        Some((n, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => {
                            DepRef::new(n, Some(strip_peers(v).to_string()))
                        }
                        _ => DepRef::new(dep, Some(strip_peers(v).to_string())),
                    };
                    let list = out.entry(pair.clone()).or_default();
                    if !list.contains(&edge) {
                        list.push(edge);
                    }
                }
            }
        }
    }
    out
}

/// `/name/1.2.3` (v5), `/name@1.2.3` (v6), `name@1.2.3` (v9), scoped names
/// too.
fn split_key(key: &str) -> Option<(&str, &str)> {
    let k = key.strip_prefix('/').unwrap_or(key);
    let search_from = usize::from(k.starts_with('@'));
    if let Some(at) = k[search_from..].find('@').map(|i| i + search_from) {
        // `name@version` (v6/v9): the name has no `(` and at most the one
        // `/` of a scope; otherwise the `@` belongs to a v5 peer suffix.
        let name = &k[..at];
        let slashes = name.matches('/').count();
        if !name.contains('(') && slashes == usize::from(name.starts_with('@')) {
            return Some((name, &k[at + 1..]));
        }
    }
    // v5: the version follows the last `/` before any peer suffix.
    let base = k.split('(').next().unwrap_or(k);
    let slash = base.rfind('/')?;
    (slash > 0).then(|| (&k[..slash], &k[slash + 1..]))
}

/// `1.2.3(react@18.2.0)` and `1.2.3_react@18.2.0` are `1.2.3`.
fn strip_peers(version: &str) -> &str {
    let v = version.split('(').next().unwrap_or(version);
    v.split('_').next().unwrap_or(v)
}

fn is_local(version: &str) -> bool {
    ["link:", "file:", "workspace:"]
        .iter()
        .any(|p| version.starts_with(p))
}

/// The line of each key under `packages:` (quoted or not), in one pass.
fn key_lines(text: &str) -> std::collections::HashMap<&str, u32> {
    let mut out = std::collections::HashMap::new();
    let mut inside = false;
    for (i, l) in text.lines().enumerate() {
        if !l.starts_with(' ') && !l.trim().is_empty() {
            inside = l.trim_end() == "packages:";
            continue;
        }
        // Keys of the packages map are indented two spaces.
        if inside && l.len() > 2 && l.starts_with("  ") && !l.starts_with("   ") {
            let t = l.trim();
            let t = t
                .strip_suffix(':')
                .unwrap_or(t.split(": ").next().unwrap_or(t));
            out.entry(t.trim_matches(|c| c == '\'' || c == '"'))
                .or_insert(i as u32 + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::common::rows;
    use proptest::prelude::*;

    #[test]
    fn pnpm_11s_env_lockfile_document_is_not_the_projects() {
        let env = "---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n    packageManagerDependencies:\n      pnpm:\n        specifier: 11.10.0\n        version: 11.10.0\n\npackages:\n\n  pnpm@11.10.0:\n    resolution: {integrity: sha512-00}\n\nsnapshots:\n\n  pnpm@11.10.0: {}\n\n";
        let project = "---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      react:\n        specifier: ^18.2.0\n        version: 18.2.0\n\npackages:\n\n  react@18.2.0:\n    resolution: {integrity: sha512-00}\n\nsnapshots:\n\n  react@18.2.0: {}\n";
        let deps = parse(&format!("{env}{project}"), None).unwrap();
        let names: Vec<(&str, u32, Option<bool>)> = deps
            .iter()
            .map(|d| (d.name.as_str(), d.line, d.direct))
            .collect();
        // react@18.2.0 is on line 14 of the project's document, which
        // starts after the env document's 21 lines.
        assert_eq!(names, [("react", 21 + 14, Some(true))]);
        assert_eq!(
            format!("{env}{project}").lines().nth(21 + 14 - 1),
            Some("  react@18.2.0:")
        );
        // A broken second document is reported at its own line.
        let err = parse(&format!("{env}---\nimporters: [\n"), None).unwrap_err();
        assert!(err.line > 21, "{err:?}");
        // The env document alone is all there is: read as it is.
        assert_eq!(parse(env, None).unwrap().len(), 1);
    }

    #[test]
    fn v9_workspace() {
        let lock = "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n\nimporters:\n\n  .:\n    devDependencies:\n      typescript:\n        specifier: ^5.4.0\n        version: 5.4.5\n\n  packages/web:\n    dependencies:\n      '@acme/ui':\n        specifier: workspace:*\n        version: link:../ui\n      react:\n        specifier: ^18.2.0\n        version: 18.2.0\n\npackages:\n\n  js-tokens@4.0.0:\n    resolution: {integrity: sha512-00}\n\n  react@18.2.0:\n    resolution: {integrity: sha512-00}\n\n  typescript@5.4.5:\n    resolution: {integrity: sha512-00}\n    hasBin: true\n\nsnapshots:\n\n  js-tokens@4.0.0: {}\n\n  react@18.2.0:\n    dependencies:\n      js-tokens: 4.0.0\n";
        let deps = parse(lock, None).unwrap();
        let by: Vec<&[String]> = deps.iter().map(|d| d.declared_by.as_slice()).collect();
        assert_eq!(
            by,
            [&[][..], &["packages/web".to_string()], &["".to_string()]]
        );
        assert_eq!(
            rows(&deps),
            [
                ("js-tokens", "4.0.0", Some(false), None, 25),
                ("react", "18.2.0", Some(true), Some(false), 28),
                ("typescript", "5.4.5", Some(true), Some(true), 31),
            ]
        );
        assert_eq!(
            deps[1].depends,
            [DepRef::new("js-tokens", Some("4.0.0".into()))]
        );
    }

    #[test]
    fn v6_and_v5_keys() {
        let v6 = "lockfileVersion: '6.0'\n\ndependencies:\n  '@scope/pkg':\n    specifier: ^1.0.0\n    version: 1.0.0(react@18.2.0)\n\npackages:\n\n  /@scope/pkg@1.0.0(react@18.2.0):\n    resolution: {integrity: sha512-00}\n    dev: false\n\n  /ms@2.1.3:\n    resolution: {integrity: sha512-00}\n    dev: true\n";
        let timed = format!(
            "{v6}\ntime:\n  /@scope/pkg@1.0.0: '2023-05-02T10:00:00.000Z'\n  /ms@2.1.3: '2022-12-05T21:06:11.191Z'\n"
        );
        let deps = parse(&timed, None).unwrap();
        assert_eq!(deps[0].released.as_deref(), Some("2023-05-02"));
        assert_eq!(deps[1].released.as_deref(), Some("2022-12-05"));
        assert_eq!(parse(v6, None).unwrap()[0].released, None);
        assert_eq!(
            rows(&parse(v6, None).unwrap()),
            [
                ("@scope/pkg", "1.0.0", Some(true), Some(false), 10),
                ("ms", "2.1.3", Some(false), Some(true), 14),
            ]
        );
        let v5 = "lockfileVersion: 5.4\n\nspecifiers:\n  lodash: ^4.17.21\n\ndependencies:\n  lodash: 4.17.21\n\npackages:\n\n  /lodash/4.17.21:\n    resolution: {integrity: sha512-00}\n    dev: false\n\n  /@babel/core/7.24.5_react@18.2.0:\n    resolution: {integrity: sha512-00}\n    dev: true\n";
        assert_eq!(
            rows(&parse(v5, None).unwrap()),
            [
                ("lodash", "4.17.21", Some(true), Some(false), 11),
                ("@babel/core", "7.24.5", Some(false), Some(true), 15),
            ]
        );
        assert!(parse("packages:\n  a: [\n", None).is_err());
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
