//! `Cargo.toml`: the package, its library target, its dependencies (also
//! target-specific ones, renamed ones by their `package`, and
//! `workspace = true` ones resolved against the workspace root) and the
//! workspace's members and shared dependencies.

use crate::ManifestError;
use std::collections::HashSet;
use toml::{Table, Value};

/// Which section a dependency is declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DepKind {
    Normal,
    Dev,
    Build,
}

/// One dependency as a Cargo.toml declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CargoDep {
    /// The key: the name code uses (with `-` where the crate has it).
    pub key: String,
    /// The package on its registry: `package = "..."` for a renamed
    /// dependency, else the key. A `workspace = true` dependency is
    /// renamed only in the workspace root (see [`CargoManifest::resolve`]).
    pub package: String,
    pub kind: DepKind,
    /// `cfg(...)` or a target triple, for `[target.X.dependencies]`.
    pub target: Option<String>,
    /// `name = { workspace = true }`: inherited from the workspace root.
    pub workspace: bool,
}

impl CargoDep {
    /// The name code writes in paths (`serde_json` for `serde-json`).
    pub fn code_name(&self) -> String {
        self.key.replace('-', "_")
    }
}

/// What a Cargo.toml declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CargoManifest {
    /// `[package] name`; None for a virtual workspace manifest.
    pub package: Option<String>,
    /// `[lib] name`, if set.
    pub lib_name: Option<String>,
    /// `[lib] path`, if set (Cargo's default is `src/lib.rs`).
    pub lib_path: Option<String>,
    pub dependencies: Vec<CargoDep>,
    /// `[workspace] members` globs, as written.
    pub workspace_members: Vec<String>,
    /// `[workspace.dependencies]`, for members' `workspace = true`.
    pub workspace_dependencies: Vec<CargoDep>,
}

impl CargoManifest {
    pub fn parse(text: &str) -> Result<Self, ManifestError> {
        // Editors on Windows write a byte-order mark; the tools accept it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc: Table =
            toml::from_str(text).map_err(|e| ManifestError::toml(text, "Cargo.toml", &e))?;
        let str_of = |t: Option<&Value>, k: &str| {
            t.and_then(|t| t.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let mut m = CargoManifest {
            package: str_of(doc.get("package"), "name"),
            lib_name: str_of(doc.get("lib"), "name"),
            lib_path: str_of(doc.get("lib"), "path"),
            ..Default::default()
        };
        collect(&doc, None, &mut m.dependencies);
        if let Some(targets) = doc.get("target").and_then(Value::as_table) {
            for (target, t) in targets {
                if let Some(t) = t.as_table() {
                    collect(t, Some(target), &mut m.dependencies);
                }
            }
        }
        if let Some(ws) = doc.get("workspace").and_then(Value::as_table) {
            m.workspace_members = ws
                .get("members")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            if let Some(deps) = ws.get("dependencies").and_then(Value::as_table) {
                section(deps, DepKind::Normal, None, &mut m.workspace_dependencies);
            }
        }
        Ok(m)
    }

    /// The registry package of a dependency: `workspace = true` ones take
    /// the workspace root's `package` rename, if the root is known.
    pub fn resolve(&self, dep: &CargoDep, workspace_root: Option<&CargoManifest>) -> String {
        if dep.workspace
            && let Some(w) = workspace_root
                .and_then(|r| r.workspace_dependencies.iter().find(|w| w.key == dep.key))
        {
            return w.package.clone();
        }
        dep.package.clone()
    }

    /// Registry package names this manifest needs at run or build time,
    /// and those it names only as dev-dependencies.
    pub fn runtime_and_dev(
        &self,
        workspace_root: Option<&CargoManifest>,
    ) -> (HashSet<String>, HashSet<String>) {
        let mut runtime = HashSet::new();
        let mut dev = HashSet::new();
        for d in &self.dependencies {
            let name = self.resolve(d, workspace_root);
            if d.kind == DepKind::Dev {
                dev.insert(name);
            } else {
                runtime.insert(name);
            }
        }
        dev.retain(|d| !runtime.contains(d));
        (runtime, dev)
    }
}

fn collect(table: &Table, target: Option<&str>, out: &mut Vec<CargoDep>) {
    for (name, kind) in [
        ("dependencies", DepKind::Normal),
        ("build-dependencies", DepKind::Build),
        ("dev-dependencies", DepKind::Dev),
    ] {
        if let Some(deps) = table.get(name).and_then(Value::as_table) {
            section(deps, kind, target, out);
        }
    }
}

fn section(deps: &Table, kind: DepKind, target: Option<&str>, out: &mut Vec<CargoDep>) {
    for (key, value) in deps {
        let package = value
            .get("package")
            .and_then(Value::as_str)
            .unwrap_or(key)
            .to_string();
        out.push(CargoDep {
            key: key.clone(),
            package,
            kind,
            target: target.map(str::to_string),
            workspace: value.get("workspace").and_then(Value::as_bool) == Some(true),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn packages_renames_targets_and_workspaces() {
        let root = CargoManifest::parse("[workspace]\nmembers = [\"crates/*\"]\n[workspace.dependencies]\njson = { package = \"serde_json\", version = \"1\" }\nanyhow = \"1\"\n").unwrap();
        assert_eq!(root.package, None);
        assert_eq!(root.workspace_members, ["crates/*"]);
        let m = CargoManifest::parse("[package]\nname = \"app-x\"\n[lib]\nname = \"appx\"\npath = \"lib.rs\"\n[dependencies]\nmy-serde = { package = \"serde\", version = \"1\" }\njson.workspace = true\nanyhow = { workspace = true }\n[dev-dependencies]\ninsta = \"1\"\nanyhow = \"1\"\n[target.'cfg(unix)'.build-dependencies]\ncc = \"1\"\n").unwrap();
        assert_eq!(m.package.as_deref(), Some("app-x"));
        assert_eq!(
            (m.lib_name.as_deref(), m.lib_path.as_deref()),
            (Some("appx"), Some("lib.rs"))
        );
        let cc = m.dependencies.iter().find(|d| d.key == "cc").unwrap();
        assert_eq!(
            (cc.kind, cc.target.as_deref()),
            (DepKind::Build, Some("cfg(unix)"))
        );
        let renamed = m
            .dependencies
            .iter()
            .find(|d| d.package == "serde")
            .unwrap();
        assert_eq!(renamed.code_name(), "my_serde");
        let (r, d) = m.runtime_and_dev(Some(&root));
        let mut r: Vec<_> = r.into_iter().collect();
        r.sort();
        assert_eq!(r, ["anyhow", "cc", "serde", "serde_json"]);
        assert_eq!(d.into_iter().collect::<Vec<_>>(), ["insta"]);
        let (r, _) = m.runtime_and_dev(None);
        assert!(r.contains("json"), "without the root, the key is the name");
        assert_eq!(
            CargoManifest::parse("[package]\nname = \n")
                .unwrap_err()
                .line,
            2
        );
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = CargoManifest::parse(&s);
        }
    }
}
