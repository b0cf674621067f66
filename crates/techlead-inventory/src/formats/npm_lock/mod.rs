//! `package-lock.json` and `npm-shrinkwrap.json`, lockfileVersion 1 to 3.
//!
//! v2 and v3 list `packages` keyed by install path: `""` is the root
//! project, `node_modules/a/node_modules/@s/b` is `@s/b` nested under `a`.
//! Keys without `node_modules/` are workspace folders and `link: true`
//! entries point at them: both are local. v1 nests `dependencies` maps.
//!
//! `direct`: a project declares the name and the entry is where it gets
//! it: a top-level entry for the root (or package.json) and for workspace
//! folders without a copy of their own, `packages/web/node_modules/x` for
//! the workspace folder `packages/web`. Those projects declare it
//! (`declared_by`). `dev`: the entry's `dev` flag (`devOptional` is both:
//! unknown).

use crate::{Dep, DepRef, ParseError};
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};

mod reader;

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    // v2 and v3, the common and the large case, read typed and borrowed;
    // v1 and anything that fails goes the general way, for its layout or
    // for the message.
    let manifest: Option<Value> = manifest.and_then(|m| serde_json::from_str(m).ok());
    let manifest = manifest.as_ref().and_then(Value::as_object);
    let mut out = match reader::read(text) {
        Some(packages) => installed(text, &packages, manifest),
        None => legacy(text, manifest)?,
    };
    crate::find::sort_by_index(&mut out, |a, b| a.line.cmp(&b.line));
    // The first entry of each name and version, told without copying them.
    let mut seen = FxHashSet::default();
    let keep: Vec<bool> = out
        .iter()
        .map(|d| seen.insert((d.name.as_str(), d.version.as_str())))
        .collect();
    drop(seen);
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    Ok(out)
}

/// v2/v3: the `packages` entries.
fn installed(
    text: &str,
    packages: &reader::Packages,
    manifest: Option<&Map<String, Value>>,
) -> Vec<Dep> {
    // Install path -> its entry; a key written twice keeps its last
    // entry, as a JSON object read into a map does.
    let mut index: FxHashMap<&str, &reader::Entry> = FxHashMap::default();
    index.reserve(packages.entries.len());
    for e in &packages.entries {
        index.insert(&e.key, e);
    }
    let node_modules = NodeModules::new();
    // Workspace folders ("" the root) and the names each declares, and
    // the installed entries with where `node_modules/` starts.
    let mut folders: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
    let mut installed = Vec::with_capacity(packages.entries.len());
    // Only a file with a key written twice needs each entry looked up.
    let repeated = index.len() != packages.entries.len();
    for e in &packages.entries {
        if repeated && !std::ptr::eq(index[&*e.key], e) {
            continue;
        }
        match node_modules.rfind(&e.key) {
            Some(idx) => installed.push((idx, e)),
            None if e.object => {
                let names = folders.entry(&e.key).or_default();
                for range in e.needs.iter().chain([&e.dev_needs]) {
                    names.extend(packages.names(range).iter().map(|n| &**n));
                }
            }
            None => {}
        }
    }
    if let Some(m) = manifest {
        let names = folders.entry("").or_default();
        for section in SECTIONS {
            if let Some(m) = m.get(section).and_then(Value::as_object) {
                names.extend(m.keys().map(String::as_str));
            }
        }
    }
    // Name -> the folders that declare it.
    let mut by_name: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (folder, names) in &folders {
        for n in names {
            by_name.entry(n).or_default().push(folder);
        }
    }
    let mut lines = Lines::new(text);
    let mut candidate = String::new();
    let mut out = Vec::with_capacity(installed.len());
    for (idx, e) in installed {
        let key: &str = &e.key;
        let name = &key[idx + "node_modules/".len()..];
        if !e.object || e.link || name.is_empty() {
            continue;
        }
        let Some(version) = e.version.as_deref() else {
            continue;
        };
        if is_local(version) {
            continue;
        }
        let declaring = by_name.get(name).map_or(&[][..], Vec::as_slice);
        let mut declared_by: Vec<String> = if declaring.is_empty() {
            Vec::new()
        } else if idx == 0 {
            // Hoisted: every project that declares it and has no copy of
            // its own.
            declaring
                .iter()
                .filter(|f| {
                    f.is_empty() || !index.contains_key(&*format!("{f}/node_modules/{name}"))
                })
                .map(|f| f.to_string())
                .collect()
        } else {
            let folder = key[..idx].trim_end_matches('/');
            if !folder.contains("node_modules") && declaring.contains(&folder) {
                vec![folder.to_string()]
            } else {
                Vec::new()
            }
        };
        declared_by.sort();
        out.push(Dep {
            license: e.license.as_deref().map(str::to_string),
            depends: edges(&index, packages, e, &node_modules, &mut candidate),
            direct: Some(!declared_by.is_empty()),
            declared_by,
            requested: Vec::new(),
            name: name.to_string(),
            version: version.to_string(),
            dev: if e.dev_optional { None } else { Some(e.dev) },
            line: lines.of(&e.key),
            released: None,
        });
    }
    out
}

/// v1, and every file the typed reader turned down: read into a
/// `serde_json::Value`, whose errors carry the line.
fn legacy(text: &str, manifest: Option<&Map<String, Value>>) -> Result<Vec<Dep>, ParseError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| ParseError::new(e.line() as u32, format!("not a package-lock.json: {e}")))?;
    let obj = doc
        .as_object()
        .ok_or_else(|| ParseError::new(1, "not a package-lock.json: not a JSON object"))?;
    let mut out = Vec::new();
    if let Some(deps) = obj.get("dependencies").and_then(Value::as_object) {
        let mut declared = HashSet::new();
        if let Some(m) = manifest {
            declared_names(m, &mut declared);
        }
        v1(
            deps,
            &declared,
            &mut KeyLines::new(text),
            &mut Vec::new(),
            &mut out,
        );
    }
    Ok(out)
}

const SECTIONS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

/// v1: `dependencies` maps nest under the packages that need them.
/// `scopes` are the enclosing `dependencies` maps, innermost last, where
/// a `requires` name resolves as Node looks it up.
fn v1<'a>(
    deps: &'a Map<String, Value>,
    declared: &HashSet<String>,
    lines: &mut KeyLines,
    scopes: &mut Vec<&'a Map<String, Value>>,
    out: &mut Vec<Dep>,
) {
    let top = scopes.is_empty();
    scopes.push(deps);
    for (name, entry) in deps {
        let Some(e) = entry.as_object() else {
            continue;
        };
        let nested = e.get("dependencies").and_then(Value::as_object);
        if let Some(version) = e.get("version").and_then(Value::as_str)
            && !is_local(version)
        {
            let requires = e.get("requires").and_then(Value::as_object);
            let depends = requires
                .into_iter()
                .flatten()
                .filter_map(|(dep, _)| {
                    let found = nested
                        .and_then(|n| n.get(dep))
                        .or_else(|| scopes.iter().rev().find_map(|s| s.get(dep)))?;
                    let v = found.get("version").and_then(Value::as_str)?;
                    (!is_local(v)).then(|| DepRef::new(dep, Some(v.to_string())))
                })
                .collect();
            out.push(Dep {
                license: None,
                depends,
                declared_by: Vec::new(),
                requested: Vec::new(),
                name: name.clone(),
                version: version.to_string(),
                direct: Some(top && declared.contains(name)),
                dev: dev_flag(e),
                line: lines.find(name),
                released: None,
            });
        }
        if let Some(nested) = nested {
            v1(nested, declared, lines, scopes, out);
        }
    }
    scopes.pop();
}

/// What an installed entry depends on, resolved as Node resolves it: in
/// its own `node_modules`, then in each enclosing one up to the root's.
/// Workspace links are local and left out.
/// `candidate` is a buffer for the paths tried, kept between entries.
fn edges(
    index: &FxHashMap<&str, &reader::Entry>,
    packages: &reader::Packages,
    e: &reader::Entry,
    node_modules: &NodeModules,
    candidate: &mut String,
) -> Vec<DepRef> {
    let mut out = Vec::new();
    for dep in e.needs.iter().flat_map(|r| packages.names(r)) {
        let mut dir: &str = &e.key;
        let found = loop {
            candidate.clear();
            if !dir.is_empty() {
                candidate.push_str(dir);
                candidate.push('/');
            }
            candidate.push_str("node_modules/");
            candidate.push_str(dep);
            if let Some(entry) = index.get(candidate.as_str()) {
                break Some(entry);
            }
            if dir.is_empty() {
                break None;
            }
            dir = match node_modules.rfind(dir) {
                Some(i) => dir[..i].trim_end_matches('/'),
                None => dir.rfind('/').map_or("", |i| &dir[..i]),
            };
        };
        let Some(found) = found else { continue };
        if found.link {
            continue;
        }
        if let Some(v) = found.version.as_deref()
            && !is_local(v)
        {
            out.push(DepRef::new(&**dep, Some(v.to_string())));
        }
    }
    out
}

fn declared_names(obj: &Map<String, Value>, into: &mut HashSet<String>) {
    for section in SECTIONS {
        if let Some(m) = obj.get(section).and_then(Value::as_object) {
            into.extend(m.keys().cloned());
        }
    }
}

fn dev_flag(e: &Map<String, Value>) -> Option<bool> {
    if e.get("devOptional").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    Some(e.get("dev").and_then(Value::as_bool) == Some(true))
}

/// The last `node_modules/` in an install path: one searcher built once
/// for the whole lockfile rather than one per key.
struct NodeModules(memchr::memmem::FinderRev<'static>);

impl NodeModules {
    fn new() -> Self {
        NodeModules(memchr::memmem::FinderRev::new("node_modules/"))
    }

    fn rfind(&self, path: &str) -> Option<usize> {
        self.0.rfind(path)
    }
}

/// Versions that point into the repository rather than at a registry.
fn is_local(version: &str) -> bool {
    version.starts_with("file:")
        || version.starts_with("link:")
        || version.starts_with("workspace:")
}

/// The line of an entry's key. A key without escapes is a slice of the
/// text, so its line is the number of newlines before it, counted on from
/// the previous key's (entries come in file order). A key with escapes
/// was decoded into a string of its own: it is looked up by its text.
struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    by_text: Option<KeyLines<'a>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            at: 0,
            line: 1,
            by_text: None,
        }
    }

    fn of(&mut self, key: &str) -> u32 {
        let text = self.text;
        let offset = (key.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        // Inside the text: borrowed from it (a decoded key lives elsewhere).
        if offset < text.len() {
            if offset < self.at {
                (self.at, self.line) = (0, 1);
            }
            let between = &text.as_bytes()[self.at..offset];
            self.line += memchr::memchr_iter(b'\n', between).count() as u32;
            self.at = offset;
            return self.line;
        }
        self.by_text
            .get_or_insert_with(|| KeyLines::new(text))
            .find(key)
    }
}

/// Lines of `"key": {` occurrences, to point at an entry. serde_json
/// keeps no positions, so one pass over the text indexes every object key
/// (strings lexed properly, escapes included); a key seen several times
/// hands out its lines in file order.
///
/// A lockfile of 100,000 entries has 100,000 keys: they are borrowed from
/// the text (only a key with escapes is decoded into a string of its own),
/// hashed with FxHash, and a key's first line needs no list.
struct KeyLines<'a> {
    lines: FxHashMap<Cow<'a, str>, (Option<u32>, VecDeque<u32>)>,
}

impl<'a> KeyLines<'a> {
    fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut lines: FxHashMap<Cow<'a, str>, (Option<u32>, VecDeque<u32>)> = FxHashMap::default();
        let (mut i, mut line) = (0, 1u32);
        while i < b.len() {
            match b[i] {
                b'\n' => line += 1,
                b'"' => {
                    let start = i + 1;
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        if b[i] == b'\\' {
                            i += 1;
                        } else if b[i] == b'\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    let end = i.min(b.len());
                    // An entry is `"key": {`; `"key": "^1.0"` is a requirement.
                    let rest = text.get(end + 1..).unwrap_or("").trim_start();
                    let is_entry = rest
                        .strip_prefix(':')
                        .is_some_and(|r| r.trim_start().starts_with('{'));
                    if is_entry && let Some(raw) = text.get(start..end) {
                        // Only a key with escapes needs decoding.
                        let key = if raw.contains('\\') {
                            Cow::Owned(
                                serde_json::from_str::<String>(&format!("\"{raw}\""))
                                    .unwrap_or_else(|_| raw.to_string()),
                            )
                        } else {
                            Cow::Borrowed(raw)
                        };
                        match lines.entry(key).or_default() {
                            (first @ None, _) => *first = Some(line),
                            (Some(_), more) => more.push_back(line),
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        KeyLines { lines }
    }

    fn find(&mut self, key: &str) -> u32 {
        self.lines
            .get_mut(key)
            .and_then(|(first, more)| first.take().or_else(|| more.pop_front()))
            .unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::formats::common::rows;

    const V3: &str = r#"{
  "name": "web",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "web",
      "workspaces": ["packages/ui"],
      "dependencies": { "@scope/pkg": "^2.0.0", "react": "^18.2.0" },
      "devDependencies": { "typescript": "^5.4.0" }
    },
    "node_modules/@scope/pkg": { "version": "2.1.0" },
    "node_modules/@web/ui": { "resolved": "packages/ui", "link": true },
    "node_modules/react": {
      "version": "18.2.0",
      "dependencies": { "loose-envify": "^1.1.0" }
    },
    "node_modules/react/node_modules/loose-envify": { "version": "1.3.0" },
    "node_modules/loose-envify": { "version": "1.4.0" },
    "node_modules/typescript": { "version": "5.4.5", "dev": true },
    "node_modules/fsevents": { "version": "2.3.3", "devOptional": true, "optional": true },
    "packages/ui": { "name": "@web/ui", "version": "0.0.1" }
  }
}
"#;

    #[test]
    fn v3_packages() {
        let deps = parse(V3, None).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("@scope/pkg", "2.1.0", Some(true), Some(false), 12),
                ("react", "18.2.0", Some(true), Some(false), 14),
                ("loose-envify", "1.3.0", Some(false), Some(false), 18),
                ("loose-envify", "1.4.0", Some(false), Some(false), 19),
                ("typescript", "5.4.5", Some(true), Some(true), 20),
                ("fsevents", "2.3.3", Some(false), None, 21),
            ]
        );
    }

    #[test]
    fn edges_resolve_as_node_does_and_licenses_are_read() {
        let deps = parse(V3, None).unwrap();
        let react = deps.iter().find(|d| d.name == "react").unwrap();
        assert_eq!(
            react.depends,
            [DepRef::new("loose-envify", Some("1.3.0".into()))],
            "its own nested copy, not the hoisted 1.4.0"
        );
        let lock = r#"{"lockfileVersion": 3, "packages": {
            "": {"dependencies": {"a": "1"}},
            "node_modules/a": {"version": "1.0.0", "license": "MIT", "dependencies": {"b": "^2", "ui": "*", "gone": "1"}},
            "node_modules/b": {"version": "2.0.0", "license": "(MIT OR Apache-2.0)"},
            "node_modules/ui": {"resolved": "packages/ui", "link": true}
        }}"#;
        let deps = parse(lock, None).unwrap();
        assert_eq!(deps[0].depends, [DepRef::new("b", Some("2.0.0".into()))]);
        assert_eq!(deps[0].license.as_deref(), Some("MIT"));
        assert_eq!(deps[1].license.as_deref(), Some("(MIT OR Apache-2.0)"));
        let v1 = r#"{"lockfileVersion": 1, "dependencies": {
            "a": {"version": "1.0.0", "requires": {"b": "^1", "c": "^1"},
                  "dependencies": {"b": {"version": "1.5.0"}}},
            "b": {"version": "2.0.0"},
            "c": {"version": "1.1.0"}
        }}"#;
        let deps = parse(v1, None).unwrap();
        assert_eq!(
            deps[0].depends,
            [
                DepRef::new("b", Some("1.5.0".into())),
                DepRef::new("c", Some("1.1.0".into()))
            ]
        );
    }

    #[test]
    fn workspace_members_declare_packages() {
        let lock = r#"{
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "mono", "workspaces": ["packages/*"], "devDependencies": { "typescript": "^5" } },
    "node_modules/lodash": { "version": "4.17.21" },
    "node_modules/react": { "version": "18.2.0" },
    "node_modules/typescript": { "version": "5.4.5", "dev": true },
    "node_modules/web": { "resolved": "packages/web", "link": true },
    "packages/legacy": { "name": "legacy", "dependencies": { "react": "^17" } },
    "packages/legacy/node_modules/react": { "version": "17.0.2" },
    "packages/web": { "name": "web", "dependencies": { "react": "^18", "lodash": "^4" } }
  }
}
"#;
        let deps = parse(lock, None).unwrap();
        let got: Vec<(&str, &str, Option<bool>, Vec<&str>)> = deps
            .iter()
            .map(|d| {
                let by = d.declared_by.iter().map(String::as_str).collect();
                (d.name.as_str(), d.version.as_str(), d.direct, by)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("lodash", "4.17.21", Some(true), vec!["packages/web"]),
                ("react", "18.2.0", Some(true), vec!["packages/web"]),
                ("typescript", "5.4.5", Some(true), vec![""]),
                ("react", "17.0.2", Some(true), vec!["packages/legacy"]),
            ]
        );
    }

    #[test]
    fn v1_nested_dependencies_with_manifest() {
        let v1 = "{\r\n  \"name\": \"old\",\r\n  \"lockfileVersion\": 1,\r\n  \"dependencies\": {\r\n    \"lodash\": { \"version\": \"4.17.21\" },\r\n    \"mocha\": {\r\n      \"version\": \"10.0.0\",\r\n      \"dev\": true,\r\n      \"dependencies\": { \"ms\": { \"version\": \"2.1.3\", \"dev\": true } }\r\n    },\r\n    \"local\": { \"version\": \"file:../local\" }\r\n  }\r\n}\r\n";
        let manifest =
            r#"{ "dependencies": { "lodash": "^4" }, "devDependencies": { "mocha": "10" } }"#;
        let deps = parse(v1, Some(manifest)).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("lodash", "4.17.21", Some(true), Some(false), 5),
                ("mocha", "10.0.0", Some(true), Some(true), 6),
                ("ms", "2.1.3", Some(false), Some(true), 9),
            ]
        );
    }

    #[test]
    fn keys_with_escapes_find_their_lines() {
        let lock = "{\"lockfileVersion\": 3, \"packages\": {\n\"\": {},\n\"node_modules/\\u0061\": {\"version\": \"1.0.0\"},\n\"node_modules/b\": {\"version\": \"2.0.0\"}\n}}\n";
        let deps = parse(lock, None).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("a", "1.0.0", Some(false), Some(false), 3),
                ("b", "2.0.0", Some(false), Some(false), 4),
            ]
        );
    }

    #[test]
    fn fields_of_unexpected_types_are_absent_and_repeated_keys_keep_the_last() {
        // As `Value::as_str`/`as_bool` read them: never an error.
        let lock = r#"{"lockfileVersion": 3, "packages": {
"": {"dependencies": {"a": 1, "b": "^1", "c": "^1", "d": "*"}},
"node_modules/a": {"version": "1.0.0", "link": "true", "dev": "yes", "license": {"type": "MIT"},
  "dependencies": {"c": "^1", "b": "^1", "c": "^2"}, "peerDependencies": ["b"]},
"node_modules/b": {"version": 2, "license": "MIT"},
"node_modules/c": {"version": "3.0.0", "dev": true, "devOptional": null},
"node_modules/c": {"version": "3.1.0"},
"node_modules/d": "not an entry",
"node_modules/e": null
}}"#;
        let deps = parse(lock, None).unwrap();
        assert_eq!(
            rows(&deps),
            [
                ("a", "1.0.0", Some(true), Some(false), 3),
                ("c", "3.1.0", Some(true), Some(false), 7),
            ]
        );
        assert_eq!(deps[0].license, None);
        // Sorted and without repeats, as a map's keys; b has no version.
        assert_eq!(deps[0].depends, [DepRef::new("c", Some("3.1.0".into()))]);
    }

    #[test]
    fn lines_count_across_crlf_and_compact_files() {
        let lock = "{\r\n\"lockfileVersion\": 3,\r\n\"packages\": {\"\": {},\r\n\r\n\"node_modules/a\": {\"version\": \"1.0.0\"}, \"node_modules/b\": {\"version\": \"2.0.0\"},\r\n\"node_modules/\\u0063\": {\"version\": \"3.0.0\"}, \"node_modules/d\": {\"version\": \"4.0.0\"}}}";
        let deps = parse(lock, None).unwrap();
        let lines: Vec<(&str, u32)> = deps.iter().map(|d| (d.name.as_str(), d.line)).collect();
        assert_eq!(lines, [("a", 5), ("b", 5), ("c", 6), ("d", 6)]);
    }

    #[test]
    fn broken_json_names_the_line() {
        let err = parse(
            "{\n  \"packages\": {\n    \"node_modules/a\": { \"version\": \n",
            None,
        )
        .unwrap_err();
        assert_eq!(err.line, 4);
        assert!(parse("[1, 2]", None).is_err());
    }

    proptest! {
        #[test]
        fn layout_changes_only_lines(
            names in proptest::collection::vec("[a-d]{1,2}", 1..8),
            nested in proptest::collection::vec(any::<bool>(), 8),
            flags in proptest::collection::vec(0u8..4, 8),
        ) {
            // The same lockfile compact and pretty-printed: the same
            // packages, versions, flags and edges.
            let mut packages = serde_json::Map::new();
            packages.insert(String::new(), serde_json::json!({"dependencies": {names[0].clone(): "*"}}));
            for (i, name) in names.iter().enumerate() {
                let key = if nested[i] && i > 0 {
                    format!("node_modules/{}/node_modules/{name}", names[i - 1])
                } else {
                    format!("node_modules/{name}")
                };
                let deps: serde_json::Map<String, Value> =
                    names.iter().rev().map(|n| (n.clone(), Value::from("*"))).collect();
                let mut entry = serde_json::json!({"version": format!("1.{i}.0"), "dependencies": deps});
                match flags[i] {
                    1 => entry["dev"] = Value::Bool(true),
                    2 => entry["devOptional"] = Value::Bool(true),
                    3 => entry["link"] = Value::Bool(true),
                    _ => {}
                }
                packages.insert(key, entry);
            }
            let doc = serde_json::json!({"lockfileVersion": 3, "packages": packages});
            let unlined = |text: &str| {
                let mut deps = parse(text, None).unwrap();
                for d in &mut deps {
                    d.line = 0;
                }
                deps.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
                deps
            };
            let compact = unlined(&serde_json::to_string(&doc).unwrap());
            let pretty = unlined(&serde_json::to_string_pretty(&doc).unwrap());
            prop_assert_eq!(compact, pretty);
        }

        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, Some(&s));
        }
    }
}
