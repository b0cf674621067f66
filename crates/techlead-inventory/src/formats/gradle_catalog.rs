//! Gradle version catalogs (`gradle/libs.versions.toml`, any
//! `*.versions.toml`): `[libraries]` in every form, with versions from
//! `[versions]` by reference and rich versions (`prefer`, else `strictly`,
//! else `require`). `[plugins]` and `[bundles]` are not packages. A
//! catalog entry is a declared, direct dependency; whether it is for tests
//! is decided where it is used, so `dev` is unknown.

use super::common::toml_error;
use crate::{Dep, ParseError};

/// Gradle version catalogs: `libs.versions.toml` and any `*.versions.toml`.
pub fn matches(name: &str) -> bool {
    name.ends_with(".versions.toml")
}

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let doc: toml::Table =
        toml::from_str(text).map_err(|e| toml_error(text, "Gradle version catalog", e))?;
    let versions = doc.get("versions").and_then(|v| v.as_table());
    let Some(libraries) = doc.get("libraries").and_then(|l| l.as_table()) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (alias, lib) in libraries {
        let (module, version) = match lib {
            // "group:artifact:version" or "group:artifact"
            toml::Value::String(s) => {
                let mut parts = s.splitn(3, ':');
                let (g, a) = (
                    parts.next().unwrap_or_default(),
                    parts.next().unwrap_or_default(),
                );
                (
                    format!("{g}:{a}"),
                    parts.next().unwrap_or_default().to_string(),
                )
            }
            toml::Value::Table(t) => {
                let module = match (t.get("module"), t.get("group"), t.get("name")) {
                    (Some(m), _, _) => m.as_str().unwrap_or_default().to_string(),
                    (None, Some(g), Some(n)) => format!(
                        "{}:{}",
                        g.as_str().unwrap_or_default(),
                        n.as_str().unwrap_or_default()
                    ),
                    _ => {
                        return Err(ParseError::new(
                            key_line(text, alias),
                            format!("library `{alias}` names no module"),
                        ));
                    }
                };
                (module, version_of(t.get("version"), versions))
            }
            _ => {
                return Err(ParseError::new(
                    key_line(text, alias),
                    format!("library `{alias}` is neither a string nor a table"),
                ));
            }
        };
        out.push(Dep {
            license: None,
            depends: Vec::new(),
            declared_by: Vec::new(),
            requested: Vec::new(),
            name: module,
            version,
            direct: Some(true),
            dev: None,
            line: key_line(text, alias),
            released: None,
        });
    }
    out.sort_by_key(|d| d.line);
    // Two aliases for one module (mockito's `bnd-gradle` and
    // `gradleplugin-bnd`) are one package: the first alias is listed.
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert((d.name.clone(), d.version.clone())));
    Ok(out)
}

/// `version = "1.0"`, `version.ref = "x"`, or a rich version table.
fn version_of(v: Option<&toml::Value>, versions: Option<&toml::Table>) -> String {
    match v {
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Table(t)) => {
            if let Some(r) = t.get("ref").and_then(|r| r.as_str()) {
                return version_of(versions.and_then(|vs| vs.get(r)), None);
            }
            ["prefer", "strictly", "require"]
                .iter()
                .find_map(|k| t.get(*k).and_then(|x| x.as_str()))
                .unwrap_or_default()
                .to_string()
        }
        _ => String::new(),
    }
}

/// The line of `alias =` (or `alias.module =`) in the `[libraries]` table.
fn key_line(text: &str, alias: &str) -> u32 {
    let mut in_libraries = false;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        if t.starts_with('[') {
            in_libraries = t == "[libraries]";
            continue;
        }
        let key = t
            .split(['=', '.'])
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches('"');
        if in_libraries && key == alias {
            return i as u32 + 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::common::rows;
    use proptest::prelude::*;

    #[test]
    fn every_library_form() {
        let catalog = "[versions]\nkotlin = \"2.0.0\"\njunit = { strictly = \"[5.9, 6.0[\", prefer = \"5.10.2\" }\n\n[libraries]\nguava = \"com.google.guava:guava:33.2.0-jre\"\nslf4j = { module = \"org.slf4j:slf4j-api\", version = \"2.0.13\" }\nkotlin-stdlib = { module = \"org.jetbrains.kotlin:kotlin-stdlib\", version.ref = \"kotlin\" }\njunit-jupiter = { group = \"org.junit.jupiter\", name = \"junit-jupiter\", version.ref = \"junit\" }\nbom-managed = { module = \"com.fasterxml.jackson.core:jackson-databind\" }\n\n[bundles]\ntesting = [\"junit-jupiter\"]\n\n[plugins]\nkotlin-jvm = { id = \"org.jetbrains.kotlin.jvm\", version.ref = \"kotlin\" }\n";
        assert_eq!(
            rows(&parse(catalog, None).unwrap()),
            [
                ("com.google.guava:guava", "33.2.0-jre", Some(true), None, 6),
                ("org.slf4j:slf4j-api", "2.0.13", Some(true), None, 7),
                (
                    "org.jetbrains.kotlin:kotlin-stdlib",
                    "2.0.0",
                    Some(true),
                    None,
                    8
                ),
                (
                    "org.junit.jupiter:junit-jupiter",
                    "5.10.2",
                    Some(true),
                    None,
                    9
                ),
                (
                    "com.fasterxml.jackson.core:jackson-databind",
                    "",
                    Some(true),
                    None,
                    10
                ),
            ]
        );
        let two_aliases = "[versions]\nbnd = \"7.1.0\"\n[libraries]\nbnd-gradle = { module = \"biz.aQute.bnd:biz.aQute.bnd.gradle\", version.ref = \"bnd\" }\ngradleplugin-bnd = { module = \"biz.aQute.bnd:biz.aQute.bnd.gradle\", version.ref = \"bnd\" }\nbnd-old = \"biz.aQute.bnd:biz.aQute.bnd.gradle:6.4.0\"\n";
        assert_eq!(
            rows(&parse(two_aliases, None).unwrap()),
            [
                (
                    "biz.aQute.bnd:biz.aQute.bnd.gradle",
                    "7.1.0",
                    Some(true),
                    None,
                    4
                ),
                (
                    "biz.aQute.bnd:biz.aQute.bnd.gradle",
                    "6.4.0",
                    Some(true),
                    None,
                    6
                ),
            ]
        );
        assert_eq!(
            parse("[libraries]\nx = { version = \"1\" }\n", None)
                .unwrap_err()
                .line,
            2
        );
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
