//! `package.json` (name, entry points, the four dependency maps,
//! `workspaces` as an array or as `{ "packages": [...] }`) and
//! `pnpm-workspace.yaml` (`packages:` globs), and which folders a
//! workspace's globs name.

use crate::ManifestError;
use serde_json::Value;
use std::collections::HashSet;

/// The map a package.json declares a dependency in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NpmKind {
    Runtime,
    Dev,
    Peer,
    Optional,
}

impl NpmKind {
    /// package.json's key for this map.
    pub fn key(self) -> &'static str {
        match self {
            NpmKind::Runtime => "dependencies",
            NpmKind::Dev => "devDependencies",
            NpmKind::Peer => "peerDependencies",
            NpmKind::Optional => "optionalDependencies",
        }
    }

    const ALL: [NpmKind; 4] = [
        NpmKind::Runtime,
        NpmKind::Optional,
        NpmKind::Peer,
        NpmKind::Dev,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpmDep {
    pub name: String,
    /// The range as written (`^18.2.0`, `workspace:*`).
    pub range: String,
    pub kind: NpmKind,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackageJson {
    pub name: Option<String>,
    /// The entry fields a bundler or TypeScript would follow, in the order
    /// techlead tries them: `source`, `types`, `typings`, `module`, `main`.
    pub entry_points: Vec<String>,
    pub dependencies: Vec<NpmDep>,
    /// `workspaces` globs (npm, yarn, bun), as written.
    pub workspaces: Vec<String>,
}

impl PackageJson {
    pub fn parse(text: &str) -> Result<Self, ManifestError> {
        // Editors on Windows write a byte-order mark; the tools accept it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let v: Value =
            serde_json::from_str(text).map_err(|e| ManifestError::json("package.json", &e))?;
        let Some(obj) = v.as_object() else {
            return Err(ManifestError::new(
                1,
                "not a package.json: not a JSON object",
            ));
        };
        let mut p = PackageJson {
            name: obj.get("name").and_then(Value::as_str).map(str::to_string),
            ..Default::default()
        };
        for k in ["source", "types", "typings", "module", "main"] {
            if let Some(e) = obj.get(k).and_then(Value::as_str) {
                p.entry_points.push(e.to_string());
            }
        }
        for kind in NpmKind::ALL {
            if let Some(m) = obj.get(kind.key()).and_then(Value::as_object) {
                for (name, range) in m {
                    p.dependencies.push(NpmDep {
                        name: name.clone(),
                        range: range.as_str().unwrap_or_default().to_string(),
                        kind,
                    });
                }
            }
        }
        let ws = match obj.get("workspaces") {
            Some(Value::Object(o)) => o.get("packages"),
            other => other,
        };
        p.workspaces = strings(ws);
        Ok(p)
    }

    /// Names needed at run time (dependencies, optional and peer), and
    /// those declared only as devDependencies.
    pub fn runtime_and_dev(&self) -> (HashSet<String>, HashSet<String>) {
        let mut runtime = HashSet::new();
        let mut dev = HashSet::new();
        for d in &self.dependencies {
            if d.kind == NpmKind::Dev {
                dev.insert(d.name.clone());
            } else {
                runtime.insert(d.name.clone());
            }
        }
        dev.retain(|d| !runtime.contains(d));
        (runtime, dev)
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The `packages:` globs of a `pnpm-workspace.yaml` (`!` negations kept).
pub fn pnpm_workspace_packages(text: &str) -> Result<Vec<String>, ManifestError> {
    let v: Value = serde_saphyr::from_str(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line() as u32);
        let message = e.to_string();
        let first = message.lines().next().unwrap_or("invalid YAML");
        ManifestError::new(line, format!("not a pnpm-workspace.yaml: {first}"))
    })?;
    Ok(strings(v.get("packages")))
}

/// The folders, among `candidates` (relative to the workspace root, `/`
/// separators), that the workspace globs name. `*` stays within one
/// folder, `**` crosses folders, `!pattern` takes folders out; a trailing
/// `/`, `/package.json` or leading `./` is ignored.
pub fn workspace_members<'c>(
    patterns: &[String],
    candidates: impl IntoIterator<Item = &'c str>,
) -> Vec<&'c str> {
    let build = |negated: bool| {
        let mut b = globset::GlobSetBuilder::new();
        for p in patterns {
            let (neg, p) = match p.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, p.as_str()),
            };
            if neg != negated {
                continue;
            }
            let p = p.trim_start_matches("./");
            let p = p.strip_suffix("/package.json").unwrap_or(p);
            let p = p.trim_end_matches('/');
            if let Ok(g) = globset::GlobBuilder::new(p).literal_separator(true).build() {
                b.add(g);
            }
        }
        b.build().unwrap_or_else(|_| globset::GlobSet::empty())
    };
    let (take, drop) = (build(false), build(true));
    candidates
        .into_iter()
        .filter(|c| !c.is_empty() && take.is_match(c) && !drop.is_match(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn manifest_fields() {
        let p = PackageJson::parse(r#"{ "name": "@a/web", "main": "dist/i.js", "types": "i.d.ts", "workspaces": { "packages": ["packages/*"], "nohoist": ["x"] }, "dependencies": { "react": "^18" }, "peerDependencies": { "react-dom": "*" }, "devDependencies": { "react": "^18", "jest": "29" } }"#).unwrap();
        assert_eq!(p.name.as_deref(), Some("@a/web"));
        assert_eq!(p.entry_points, ["i.d.ts", "dist/i.js"]);
        assert_eq!(p.workspaces, ["packages/*"]);
        let (r, d) = p.runtime_and_dev();
        let mut r: Vec<_> = r.into_iter().collect();
        r.sort();
        assert_eq!(r, ["react", "react-dom"]);
        assert_eq!(d.into_iter().collect::<Vec<_>>(), ["jest"]);
        let arr = PackageJson::parse(r#"{ "workspaces": ["apps/*", "packages/**"] }"#).unwrap();
        assert_eq!(arr.workspaces, ["apps/*", "packages/**"]);
        assert_eq!(PackageJson::parse("{\n  \"a\": \n").unwrap_err().line, 3);
        assert!(PackageJson::parse("[1]").is_err());
        let bom = PackageJson::parse("\u{feff}{ \"name\": \"x\" }").unwrap();
        assert_eq!(bom.name.as_deref(), Some("x"));
    }

    #[test]
    fn workspace_globs() {
        let dirs = [
            "",
            "apps/web",
            "apps/web/src",
            "packages/ui",
            "packages/deep/inner",
            "packages/legacy",
            "docs",
        ];
        let pats = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            workspace_members(
                &pats(&["apps/*", "./packages/**/", "!packages/legacy"]),
                dirs
            ),
            ["apps/web", "packages/ui", "packages/deep/inner"]
        );
        assert_eq!(workspace_members(&pats(&["docs"]), dirs), ["docs"]);
        let yaml = "packages:\n  - 'packages/*'\n  - '!**/test/**'\n";
        assert_eq!(
            pnpm_workspace_packages(yaml).unwrap(),
            ["packages/*", "!**/test/**"]
        );
        assert!(pnpm_workspace_packages("packages: [\n").is_err());
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = PackageJson::parse(&s);
            let _ = pnpm_workspace_packages(&s);
        }
    }
}
