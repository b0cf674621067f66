//! `composer.lock`: JSON `packages` (run time) and `packages-dev` arrays of
//! `{name, version, dist, ...}`; a `path` dist is a local package. `direct`
//! comes from composer.json's `require` and `require-dev`, where `php` and
//! `ext-*`/`lib-*` platform requirements are not packages anyway.

use super::common::{from_manifest, json_error, json_manifest_names};
use crate::{Dep, ParseError};
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
                declared_by: Vec::new(),
                requested: Vec::new(),
                name: name.to_string(),
                version: version.to_string(),
                direct,
                dev: Some(dev),
                line: text[..at].matches('\n').count() as u32 + 1,
                released: None,
            });
        }
    }
    Ok(out)
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

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, Some(&s));
        }
    }
}
