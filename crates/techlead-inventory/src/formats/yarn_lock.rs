//! `yarn.lock`, classic (v1: `"a@^1", a@~1.1:` headers with indented
//! `version "1.2.3"`) and berry (v2+: YAML-like, `"a@npm:^1":` headers with
//! `version: 1.2.3` and `linkType: soft` for workspaces and links). One
//! line scanner reads both; `workspace:`, `portal:`, `link:` and `file:`
//! protocols and soft links are local. `direct` and `dev` come from the
//! package.json beside the lock.

use super::common::from_manifest;
use crate::{Dep, DepRef, ParseError};
use techlead_project::npm::PackageJson;

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let declared = manifest.map(|m| {
        PackageJson::parse(m)
            .map(|p| p.runtime_and_dev())
            .unwrap_or_default()
    });
    let mut out: Vec<Dep> = Vec::new();
    // (name, version) -> its index in `out`: a second entry of one version
    // (yarn berry's `patch:` entry beside the plain one) adds the ranges
    // it resolves to the first.
    let mut seen: std::collections::HashMap<(String, String), usize> = Default::default();
    // The entry being read.
    let mut entry: Option<Entry> = None;
    // An entry without a version is a file cut short (or not a lockfile):
    // refused, as a cut string is, rather than read as fewer packages.
    let finish = |entry: &mut Option<Entry>,
                  out: &mut Vec<Dep>,
                  seen: &mut std::collections::HashMap<(String, String), usize>|
     -> Result<(), ParseError> {
        let Some(Entry {
            name,
            line,
            local,
            version,
            requested,
            depends,
            ..
        }) = entry.take()
        else {
            return Ok(());
        };
        let Some(version) = version else {
            return Err(ParseError::new(
                line,
                format!("the entry for `{name}` has no version"),
            ));
        };
        if local {
            return Ok(());
        }
        if let Some(&i) = seen.get(&(name.clone(), version.clone())) {
            let first: &mut Dep = &mut out[i];
            first.requested.extend(requested);
            return Ok(());
        }
        seen.insert((name.clone(), version.clone()), out.len());
        let (direct, dev) = from_manifest(&name, declared.as_ref());
        out.push(Dep {
            license: None,
            // Ranges for now: resolved to versions below.
            depends,
            declared_by: Vec::new(),
            requested,
            name,
            version,
            direct,
            dev,
            line,
            released: None,
        });
        Ok(())
    };
    for (n, raw) in text.lines().enumerate() {
        let line = n as u32 + 1;
        let raw = raw.trim_end_matches('\r').trim_start_matches('\u{feff}');
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(at) = unterminated(trimmed) {
            return Err(ParseError::new(
                line,
                format!("unterminated string `{}`", &trimmed[at..]),
            ));
        }
        if !raw.starts_with(' ') {
            finish(&mut entry, &mut out, &mut seen)?;
            let Some(header) = trimmed.strip_suffix(':') else {
                return Err(ParseError::new(
                    line,
                    format!("not a yarn.lock entry: `{trimmed}`"),
                ));
            };
            if header == "__metadata" {
                continue;
            }
            let mut specs = header.split(", ").map(|s| s.trim_matches('"'));
            let first = specs.next().unwrap_or(header);
            let (name, range) = split_spec(first)
                .ok_or_else(|| ParseError::new(line, format!("not a package spec: `{first}`")))?;
            let local = ["workspace:", "portal:", "link:", "file:"]
                .iter()
                .any(|p| range.starts_with(p));
            // Every range the header resolves, as package.json writes it
            // (berry prefixes plain ranges with `npm:`).
            let requested = std::iter::once(first)
                .chain(specs)
                .filter_map(split_spec)
                .filter(|(n, _)| *n == name)
                .map(|(_, r)| r.strip_prefix("npm:").unwrap_or(r).to_string())
                .collect();
            entry = Some(Entry {
                name: name.to_string(),
                line,
                local,
                version: None,
                requested,
                depends: Vec::new(),
                in_depends: false,
            });
            continue;
        }
        let Some(e) = entry.as_mut() else {
            continue;
        };
        let indent = raw.len() - raw.trim_start().len();
        // What the entry depends on: `name "range"` (classic) or
        // `name: range` (berry) below its `dependencies:`.
        if indent == 4 && e.in_depends {
            let (name, range) = match trimmed.split_once(": ") {
                Some((n, r)) if !trimmed.starts_with('"') || n.ends_with('"') => (n, r),
                _ => trimmed.split_once(' ').unwrap_or((trimmed, "")),
            };
            let range = range.trim().trim_matches('"');
            e.depends.push(DepRef::new(
                name.trim_matches('"'),
                Some(range.strip_prefix("npm:").unwrap_or(range).to_string()),
            ));
            continue;
        }
        // Only the entry's own fields (two spaces), not nested maps.
        if indent != 2 {
            continue;
        }
        e.in_depends = matches!(
            trimmed.trim_end_matches(':'),
            "dependencies" | "optionalDependencies"
        );
        let (key, value) = match trimmed.split_once(':') {
            Some((k, v)) if !k.contains(' ') => (k, v.trim()),
            _ => trimmed.split_once(' ').unwrap_or((trimmed, "")),
        };
        let value = value.trim().trim_matches('"');
        match key {
            "version" => e.version = Some(value.to_string()),
            "linkType" if value == "soft" => e.local = true,
            _ => {}
        }
    }
    finish(&mut entry, &mut out, &mut seen)?;
    resolve(&mut out);
    Ok(out)
}

/// Replaces each edge's range with the version whose entry resolves it;
/// a range no entry resolves (a workspace package) is left out.
fn resolve(out: &mut [Dep]) {
    let mut by_range: std::collections::HashMap<(String, String), String> = Default::default();
    for d in out.iter() {
        for r in &d.requested {
            by_range.insert((d.name.clone(), r.clone()), d.version.clone());
        }
    }
    for d in out.iter_mut() {
        d.depends = std::mem::take(&mut d.depends)
            .into_iter()
            .filter_map(|e| {
                let range = e.version.unwrap_or_default();
                let version = by_range.get(&(e.name.clone(), range))?;
                Some(DepRef::new(e.name, Some(version.clone())))
            })
            .collect();
    }
}

/// One entry of the lockfile, as its lines are read.
struct Entry {
    name: String,
    /// The header's line.
    line: u32,
    /// A workspace, portal, link or file package, or a soft link.
    local: bool,
    version: Option<String>,
    /// The ranges the header resolves (`^4.17.21` for `lodash@^4.17.21`).
    requested: Vec<String>,
    /// Its dependencies, by name and range.
    depends: Vec<DepRef>,
    /// The lines being read are under its `dependencies:`.
    in_depends: bool,
}

/// The byte offset of a `"` that opens a string the line does not close
/// (a lockfile cut inside `version "4.17`), if any. Both lockfile
/// generations write strings on one line, with `\"` for a quote inside.
fn unterminated(line: &str) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if open.is_some() => escaped = !escaped,
            '"' if !escaped => open = if open.is_some() { None } else { Some(i) },
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    open
}

/// `@scope/name@^1.0` -> (`@scope/name`, `^1.0`); `a@npm:1` -> (`a`, `npm:1`).
fn split_spec(spec: &str) -> Option<(&str, &str)> {
    let at = spec.get(1..)?.find('@')? + 1;
    let name = &spec[..at];
    (!name.is_empty()).then(|| (name, &spec[at + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::common::rows;
    use proptest::prelude::*;

    const MANIFEST: &str = r#"{ "dependencies": { "@babel/core": "^7", "lodash": "^4" }, "devDependencies": { "jest": "^29" } }"#;

    #[test]
    fn classic() {
        let lock = "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.12.3\":\n  version \"7.24.5\"\n  resolved \"https://registry.yarnpkg.com/@babel/core/-/core-7.24.5.tgz#abc\"\n  dependencies:\n    \"@babel/code-frame\" \"^7.24.2\"\n    lodash \"^4.17.21\"\n\njest@^29.7.0:\n  version \"29.7.0\"\n\nlodash@^4.17.21, lodash@~4.17.0:\n  version \"4.17.21\"\n\nms@2.1.2:\n  version \"2.1.2\"\n\nmy-lib@file:../my-lib:\n  version \"1.0.0\"\n";
        let deps = parse(lock, Some(MANIFEST)).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("@babel/core", "7.24.5", Some(true), Some(false), 5),
                ("jest", "29.7.0", Some(true), Some(true), 12),
                ("lodash", "4.17.21", Some(true), Some(false), 15),
                ("ms", "2.1.2", Some(false), None, 18),
            ]
        );
        assert_eq!(
            deps[0].depends,
            [DepRef::new("lodash", Some("4.17.21".into()))],
            "`@babel/code-frame` has no entry here"
        );
    }

    #[test]
    fn berry() {
        let lock = "# This file is generated by running \"yarn install\" inside your project.\n\n__metadata:\n  version: 8\n  cacheKey: 10c0\n\n\"@babel/core@npm:^7.12.3\":\n  version: 7.24.5\n  resolution: \"@babel/core@npm:7.24.5\"\n  dependencies:\n    \"@babel/code-frame\": \"npm:^7.24.2\"\n    lodash: \"npm:^4.17.21\"\n  languageName: node\n  linkType: hard\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n  resolution: \"app@workspace:.\"\n  linkType: soft\n\n\"lodash@npm:^4.17.21\":\n  version: 4.17.21\n  resolution: \"lodash@npm:4.17.21\"\n  linkType: hard\n";
        let deps = parse(lock, Some(MANIFEST)).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("@babel/core", "7.24.5", Some(true), Some(false), 7),
                ("lodash", "4.17.21", Some(true), Some(false), 21),
            ]
        );
        assert_eq!(
            deps[0].depends,
            [DepRef::new("lodash", Some("4.17.21".into()))]
        );
        assert_eq!(
            parse("lodash@^4:\n  version \"1\"\nnot an entry\n", None)
                .unwrap_err()
                .line,
            3
        );
    }

    #[test]
    fn a_lockfile_cut_short_is_refused_with_its_line() {
        let cut = "# yarn lockfile v1\n\nlodash@^4.17.21:\n  version \"4.17";
        let err = parse(cut, None).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("unterminated"), "{}", err.message);
        let cut_header = "\"lodash@^4.17.21, lodash@~4.17\n  version \"4.17.21\"\n";
        assert_eq!(parse(cut_header, None).unwrap_err().line, 1);
        let no_version = "lodash@^4:\n  version \"4.17.21\"\n\nms@^2:\n  resolved \"x\"\n";
        let err = parse(no_version, None).unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (4, "the entry for `ms` has no version")
        );
        assert!(unterminated(r#"  version "a\"b""#).is_none());
        assert!(parse("\"a\\\"b@^1\":\n  version \"1\"\n", None).is_ok());
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, Some(&s));
        }
    }
}
