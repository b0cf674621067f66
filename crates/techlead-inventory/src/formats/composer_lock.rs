//! `composer.lock`: JSON `packages` (run time) and `packages-dev` arrays of
//! `{name, version, dist, ...}`; a `path` dist is a local package. `direct`
//! comes from composer.json's `require` and `require-dev`, where `php` and
//! `ext-*`/`lib-*` platform requirements are not packages anyway.

use super::common::{from_manifest, json_error, json_manifest_names};
use crate::{Dep, DepRef, ParseError};
use serde_json::Value;

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| json_error("composer.lock", e))?;
    if !doc.is_object() {
        return Err(ParseError::new(1, "not a composer.lock: not a JSON object"));
    }
    let declared = manifest.map(|m| json_manifest_names(m, &["require"], &["require-dev"]));
    let mut out = Vec::new();
    let mut from = 0;
    for (section, dev) in [("packages", false), ("packages-dev", true)] {
        let Some(list) = doc.get(section).and_then(Value::as_array) else {
            continue;
        };
        for p in list {
            let (Some(name), Some(version)) = (
                p.get("name").and_then(Value::as_str),
                p.get("version").and_then(Value::as_str),
            ) else {
                continue;
            };
            let dist = p
                .get("dist")
                .and_then(|d| d.get("type"))
                .and_then(Value::as_str);
            if dist == Some("path") {
                continue;
            }
            let (direct, _) = from_manifest(name, declared.as_ref());
            // The entry's line: its `"name": "x"`, searched in file order.
            let needle = format!("\"name\": \"{name}\"");
            let at = text[from..].find(&needle).map_or(from, |i| from + i);
            from = at;
            out.push(Dep {
                license: license(p),
                // Platform requirements (`php`, `ext-json`) have no `/`.
                depends: p
                    .get("require")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter(|(n, _)| n.contains('/'))
                    .map(|(n, _)| DepRef::new(n, None))
                    .collect(),
                declared_by: Vec::new(),
                requested: Vec::new(),
                name: name.to_string(),
                version: version.to_string(),
                direct,
                dev: Some(dev),
                line: text[..at].matches('\n').count() as u32 + 1,
                released: p
                    .get("time")
                    .and_then(Value::as_str)
                    .and_then(super::common::iso_date),
            });
        }
    }
    Ok(out)
}

/// `license`: an array of ids the user may choose from (so OR), or one.
fn license(p: &Value) -> Option<String> {
    let l = p.get("license")?;
    if let Some(one) = l.as_str() {
        return Some(one.to_string());
    }
    let all: Vec<&str> = l.as_array()?.iter().filter_map(Value::as_str).collect();
    match all.len() {
        0 => None,
        1 => Some(all[0].to_string()),
        _ => Some(format!("({})", all.join(") OR ("))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn packages_and_dev() {
        let lock = "{\n    \"content-hash\": \"00\",\n    \"packages\": [\n        {\n            \"name\": \"monolog/monolog\",\n            \"version\": \"3.6.0\",\n            \"dist\": {\"type\": \"zip\"}\n        },\n        {\n            \"name\": \"psr/log\",\n            \"version\": \"3.0.0\"\n        },\n        {\n            \"name\": \"acme/local\",\n            \"version\": \"dev-main\",\n            \"dist\": {\"type\": \"path\", \"url\": \"../local\"}\n        }\n    ],\n    \"packages-dev\": [\n        {\n            \"name\": \"phpunit/phpunit\",\n            \"version\": \"11.1.3\"\n        }\n    ]\n}\n";
        let manifest = r#"{ "require": { "php": ">=8.2", "monolog/monolog": "^3.6" }, "require-dev": { "phpunit/phpunit": "^11" } }"#;
        let deps = parse(lock, Some(manifest)).unwrap();
        let rows = crate::formats::common::rows(&deps);
        assert_eq!(
            rows,
            [
                ("monolog/monolog", "3.6.0", Some(true), Some(false), 5),
                ("psr/log", "3.0.0", Some(false), Some(false), 10),
                ("phpunit/phpunit", "11.1.3", Some(true), Some(true), 21),
            ]
        );
        assert_eq!(parse("{\n  \"packages\": [\n", None).unwrap_err().line, 3);
    }

    #[test]
    fn license_time_and_requirements() {
        let lock = r#"{"packages": [
            {"name": "monolog/monolog", "version": "3.6.0", "license": ["MIT"],
             "time": "2024-04-12T21:02:21+00:00",
             "require": {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"}},
            {"name": "psr/log", "version": "3.0.0", "license": ["MIT", "Apache-2.0"]}
        ]}"#;
        let deps = parse(lock, None).unwrap();
        assert_eq!(deps[0].license.as_deref(), Some("MIT"));
        assert_eq!(deps[0].released.as_deref(), Some("2024-04-12"));
        assert_eq!(deps[0].depends, [DepRef::new("psr/log", None)]);
        assert_eq!(deps[1].license.as_deref(), Some("(MIT) OR (Apache-2.0)"));
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, Some(&s));
        }
    }
}
