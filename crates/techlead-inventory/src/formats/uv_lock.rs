//! `uv.lock`: `[[package]]` tables whose `source` says where they come
//! from: `registry`, `git` and `url` are external; `editable`, `virtual`,
//! `directory`, `path` and `workspace` are the project's own packages,
//! whose `dependencies`, `optional-dependencies` and `dev-dependencies`
//! say what is direct and what is dev.

use super::common::{header_lines, toml_error};
use crate::{Dep, DepRef, ParseError};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use techlead_project::pep503;
use techlead_project::pypi::is_dev_extra;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Package>,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    version: Option<String>,
    #[serde(default)]
    source: BTreeMap<String, toml::Value>,
    #[serde(default)]
    dependencies: Vec<Named>,
    #[serde(default, rename = "optional-dependencies")]
    optional: BTreeMap<String, Vec<Named>>,
    #[serde(default, rename = "dev-dependencies")]
    dev: BTreeMap<String, Vec<Named>>,
    sdist: Option<Dist>,
    #[serde(default)]
    wheels: Vec<Dist>,
}

/// A file of a release; uv records when it was uploaded (since uv 0.6).
#[derive(Deserialize)]
struct Dist {
    #[serde(rename = "upload-time")]
    upload_time: Option<toml::Value>,
}

impl Package {
    /// The release's date: the earliest upload of its files.
    fn released(&self) -> Option<String> {
        self.sdist
            .iter()
            .chain(&self.wheels)
            .filter_map(|d| {
                let t = match d.upload_time.as_ref()? {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) => d.to_string(),
                    _ => return None,
                };
                super::common::iso_date(&t)
            })
            .min()
    }
}

#[derive(Deserialize)]
struct Named {
    name: String,
    /// Written where the lock holds several versions of the name.
    version: Option<String>,
}

const LOCAL: &[&str] = &["editable", "virtual", "directory", "path", "workspace"];

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let lock: Lock = toml::from_str(text).map_err(|e| toml_error(text, "uv.lock", e))?;
    let lines = header_lines(text, "[[package]]");
    let is_local = |p: &Package| p.source.keys().any(|k| LOCAL.contains(&k.as_str()));
    let mut runtime = HashSet::new();
    let mut dev = HashSet::new();
    for p in lock.package.iter().filter(|p| is_local(p)) {
        runtime.extend(p.dependencies.iter().map(|d| pep503(&d.name)));
        // Extras named for development (`dev`, `test`, `docs`, ...) are dev.
        for (extra, list) in &p.optional {
            let set = if is_dev_extra(extra) {
                &mut dev
            } else {
                &mut runtime
            };
            set.extend(list.iter().map(|d| pep503(&d.name)));
        }
        for list in p.dev.values() {
            dev.extend(list.iter().map(|d| pep503(&d.name)));
        }
    }
    let mut out = Vec::new();
    for (i, p) in lock.package.iter().enumerate() {
        if is_local(p) {
            continue;
        }
        let name = pep503(&p.name);
        let (direct, is_dev) = if runtime.contains(&name) {
            (true, Some(false))
        } else if dev.contains(&name) {
            (true, Some(true))
        } else {
            (false, None)
        };
        out.push(Dep {
            license: None,
            depends: p
                .dependencies
                .iter()
                .map(|d| DepRef::new(&d.name, d.version.clone()))
                .collect(),
            declared_by: Vec::new(),
            requested: Vec::new(),
            name: p.name.clone(),
            version: p.version.clone().unwrap_or_default(),
            direct: Some(direct),
            dev: is_dev,
            line: lines.get(i).copied().unwrap_or(1),
            released: p.released(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn local_packages_give_direct_and_dev() {
        let lock = "version = 1\nrequires-python = \">=3.12\"\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [\n    { name = \"httpx\" },\n]\n\n[package.optional-dependencies]\ncli = [\n    { name = \"click\" },\n]\n\n[package.dev-dependencies]\ndev = [\n    { name = \"pytest\" },\n]\n\n[[package]]\nname = \"httpx\"\nversion = \"0.27.0\"\nsource = { registry = \"https://pypi.org/simple\" }\ndependencies = [\n    { name = \"anyio\" },\n]\nsdist = { url = \"https://files.pythonhosted.org/httpx-0.27.0.tar.gz\", hash = \"sha256:aa\", size = 1, upload-time = \"2024-02-21T13:07:52.434Z\" }\nwheels = [\n    { url = \"https://files.pythonhosted.org/httpx-0.27.0-py3-none-any.whl\", hash = \"sha256:bb\", size = 1, upload-time = \"2024-02-21T13:07:50.000Z\" },\n]\n\n[[package]]\nname = \"anyio\"\nversion = \"4.4.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"click\"\nversion = \"8.1.7\"\nsource = { git = \"https://github.com/pallets/click?rev=8.1.7#abc\" }\n\n[[package]]\nname = \"pytest\"\nversion = \"8.2.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"shared\"\nversion = \"0.1.0\"\nsource = { virtual = \"libs/shared\" }\n";
        let deps = parse(lock, None).unwrap();
        let rows: Vec<(&str, bool, Option<bool>, u32)> = deps
            .iter()
            .map(|d| (d.name.as_str(), d.direct == Some(true), d.dev, d.line))
            .collect();
        assert_eq!(
            rows,
            [
                ("httpx", true, Some(false), 22),
                ("anyio", false, None, 34),
                ("click", true, Some(false), 39),
                ("pytest", true, Some(true), 44),
            ]
        );
        assert_eq!(deps[0].released.as_deref(), Some("2024-02-21"));
        assert_eq!(deps[0].depends, [DepRef::new("anyio", None)]);
        assert_eq!(
            deps[1].released, None,
            "an older uv recorded no upload time"
        );
        assert!(parse("[[package]]\nname = \"x\"\nsource = 3\n", None).is_err());
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
