//! `Pipfile.lock`: JSON with `default` (run time) and `develop` maps of
//! name to `{"version": "==1.2.3", ...}`; `editable`, `path` and `file`
//! entries are local. `direct` comes from the Pipfile's `[packages]` and
//! `[dev-packages]`.

use super::common::json_error;
use crate::{Dep, ParseError};
use serde_json::Value;
use std::collections::HashSet;
use techlead_project::pep503;

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| json_error("Pipfile.lock", e))?;
    if !doc.is_object() {
        return Err(ParseError::new(1, "not a Pipfile.lock: not a JSON object"));
    }
    let declared: Option<HashSet<String>> = manifest.map(|m| {
        toml::from_str::<toml::Table>(m)
            .map(|t| {
                ["packages", "dev-packages"]
                    .iter()
                    .filter_map(|s| t.get(*s).and_then(|v| v.as_table()))
                    .flat_map(|t| t.keys().map(|k| pep503(k)))
                    .collect()
            })
            .unwrap_or_default()
    });
    let mut out: Vec<Dep> = Vec::new();
    for (section, dev) in [("default", false), ("develop", true)] {
        let Some(map) = doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        for (name, entry) in map {
            let local = ["editable", "path", "file"]
                .iter()
                .any(|k| entry.get(*k).is_some());
            if local {
                continue;
            }
            let version = entry
                .get("version")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let version = version.strip_prefix("==").unwrap_or(version);
            if let Some(existing) = out.iter_mut().find(|d| &d.name == name) {
                // Listed in both: needed at run time.
                existing.dev = Some(false);
                continue;
            }
            out.push(Dep {
                license: None,
                depends: Vec::new(),
                declared_by: Vec::new(),
                requested: Vec::new(),
                name: name.clone(),
                version: version.to_string(),
                direct: declared.as_ref().map(|d| d.contains(&pep503(name))),
                dev: Some(dev),
                line: key_line(text, section, name),
                released: None,
            });
        }
    }
    out.sort_by_key(|d| d.line);
    Ok(out)
}

/// The line of `"name": {` after the `"section"` key.
fn key_line(text: &str, section: &str, name: &str) -> u32 {
    let start = text.find(&format!("\"{section}\"")).unwrap_or(0);
    let needle = format!("\"{name}\"");
    let at = text[start..].find(&needle).map_or(start, |i| start + i);
    text[..at].matches('\n').count() as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_and_develop() {
        let lock = "{\n    \"_meta\": {\"hash\": {\"sha256\": \"00\"}, \"pipfile-spec\": 6},\n    \"default\": {\n        \"requests\": {\"hashes\": [], \"version\": \"==2.32.3\"},\n        \"idna\": {\"version\": \"==3.7\"},\n        \"mylib\": {\"editable\": true, \"path\": \".\"}\n    },\n    \"develop\": {\n        \"pytest\": {\"version\": \"==8.2.0\"},\n        \"idna\": {\"version\": \"==3.7\"}\n    }\n}\n";
        let pipfile = "[packages]\nrequests = \"*\"\n[dev-packages]\npytest = \"*\"\n";
        let deps = parse(lock, Some(pipfile)).unwrap();
        let rows = crate::formats::common::rows(&deps);
        assert_eq!(
            rows,
            [
                ("requests", "2.32.3", Some(true), Some(false), 4),
                ("idna", "3.7", Some(false), Some(false), 5),
                ("pytest", "8.2.0", Some(true), Some(true), 9),
            ]
        );
        assert_eq!(parse("{\n\"default\": {\n", None).unwrap_err().line, 3);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, Some(&s));
        }
    }
}
