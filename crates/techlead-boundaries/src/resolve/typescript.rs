//! TypeScript and JavaScript: relative specifiers with extension and
//! `index.*` resolution (and `.js` written for a `.ts` file, as ESM
//! TypeScript does), tsconfig `baseUrl`/`paths` following `extends`, and
//! package.json workspaces by package name. Anything else is an external
//! package.

use super::{Target, Tree, join, jsonc, parent};
use crate::Warning;
use crate::config::BoundariesConfig;
use crate::walk::SourceFile;
use rustc_hash::FxHashMap as HashMap;
use techlead_lang::Import;
use techlead_project::npm::PackageJson;

const EXTENSIONS: &[&str] = &[
    ".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs",
];

/// The resolution settings of one tsconfig, with `extends` applied.
#[derive(Debug, Default, Clone)]
struct TsConfig {
    /// Folder `paths` targets are relative to.
    base: Option<String>,
    /// `baseUrl` itself, for bare specifiers.
    base_url: Option<String>,
    paths: Vec<(String, Vec<String>)>,
}

pub struct Resolver<'t, 'w> {
    tree: &'t Tree<'w>,
    /// tsconfig folder -> settings; a file uses the nearest one above it.
    configs: HashMap<String, TsConfig>,
    /// Workspace package name -> (folder, entry file if known).
    packages: HashMap<String, (String, Option<String>)>,
}

impl<'t, 'w> Resolver<'t, 'w> {
    pub fn new(tree: &'t Tree<'w>, config: &BoundariesConfig, warnings: &mut Vec<Warning>) -> Self {
        let tsconfigs: Vec<String> = match &config.typescript.tsconfig {
            Some(list) => list.clone(),
            None => tree
                .manifests_named("tsconfig.json")
                .chain(tree.manifests_named("jsconfig.json"))
                .map(str::to_string)
                .collect(),
        };
        let mut configs = HashMap::default();
        for path in &tsconfigs {
            let cfg = load_tsconfig(tree, path, warnings, 0);
            configs.insert(parent(path).to_string(), cfg);
        }
        let mut packages = HashMap::default();
        for manifest in tree.manifests_named("package.json") {
            if manifest.contains("node_modules/") {
                continue;
            }
            let Some(text) = tree.read(manifest, warnings) else {
                continue;
            };
            let Ok(p) = PackageJson::parse(&text) else {
                warnings.push(Warning {
                    path: manifest.to_string(),
                    line: None,
                    message: "cannot parse package.json".into(),
                });
                continue;
            };
            let Some(name) = p.name.as_deref() else {
                continue;
            };
            let dir = parent(manifest).to_string();
            let entry = p
                .entry_points
                .iter()
                .filter_map(|e| join(&dir, e))
                .find_map(|e| resolve_file(tree, &e));
            packages.insert(name.to_string(), (dir, entry));
        }
        Resolver {
            tree,
            configs,
            packages,
        }
    }

    /// Each workspace package's name and folder.
    pub fn packages(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.packages
            .iter()
            .map(|(name, (dir, _))| (name.clone(), dir.clone()))
    }

    pub fn resolve(&self, file: &SourceFile, imp: &Import) -> Target {
        let spec = imp.module.as_str();
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            return match join(parent(&file.path), spec).and_then(|p| resolve_file(self.tree, &p)) {
                Some(f) => self.tree.target(f),
                None => Target::Unknown,
            };
        }
        if spec.starts_with('/') {
            return Target::Unknown;
        }
        if let Some(cfg) = self.config_for(&file.path) {
            for (pattern, targets) in &cfg.paths {
                let Some(star) = match_pattern(pattern, spec) else {
                    continue;
                };
                for t in targets {
                    let target = t.replacen('*', star, 1);
                    let base = cfg.base.as_deref().unwrap_or("");
                    if let Some(f) = join(base, &target).and_then(|p| resolve_file(self.tree, &p)) {
                        return self.tree.target(f);
                    }
                }
            }
            if let Some(base_url) = &cfg.base_url
                && let Some(f) = join(base_url, spec).and_then(|p| resolve_file(self.tree, &p))
            {
                return self.tree.target(f);
            }
        }
        let name = package_name(spec);
        if let Some((dir, entry)) = self.packages.get(name) {
            let sub = spec[name.len()..].trim_start_matches('/');
            let found = if sub.is_empty() {
                entry.clone().or_else(|| {
                    ["src/index", "index"]
                        .iter()
                        .find_map(|e| join(dir, e).and_then(|p| resolve_file(self.tree, &p)))
                })
            } else {
                join(dir, sub)
                    .and_then(|p| resolve_file(self.tree, &p))
                    .or_else(|| {
                        join(dir, &format!("src/{sub}")).and_then(|p| resolve_file(self.tree, &p))
                    })
            };
            return match found {
                Some(f) => self.tree.target(f),
                None => Target::Unknown,
            };
        }
        Target::External(name.to_string())
    }

    fn config_for(&self, path: &str) -> Option<&TsConfig> {
        let mut dir = parent(path);
        loop {
            if let Some(c) = self.configs.get(dir) {
                return Some(c);
            }
            if dir.is_empty() {
                return None;
            }
            dir = parent(dir);
        }
    }
}

/// `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`.
fn package_name(spec: &str) -> &str {
    let mut parts = spec.splitn(3, '/');
    let first = parts.next().unwrap_or(spec);
    if first.starts_with('@')
        && let Some(second) = parts.next()
    {
        return &spec[..first.len() + 1 + second.len()];
    }
    first
}

/// A tsconfig `paths` pattern against a specifier: the text the `*`
/// stands for, or "" for an exact match.
fn match_pattern<'s>(pattern: &str, spec: &'s str) -> Option<&'s str> {
    match pattern.split_once('*') {
        None => (pattern == spec).then_some(""),
        Some((pre, post)) => {
            if spec.len() >= pre.len() + post.len() && spec.starts_with(pre) && spec.ends_with(post)
            {
                Some(&spec[pre.len()..spec.len() - post.len()])
            } else {
                None
            }
        }
    }
}

/// A path as written to a file in the tree: itself, with each extension,
/// a `.js`-family extension swapped for its TypeScript twin, or the
/// folder's `index.*`.
fn resolve_file(tree: &Tree, path: &str) -> Option<String> {
    if tree.has(path) {
        return Some(path.to_string());
    }
    for (js, tss) in [
        (".js", &[".ts", ".tsx"][..]),
        (".jsx", &[".tsx"][..]),
        (".mjs", &[".mts"][..]),
        (".cjs", &[".cts"][..]),
    ] {
        if let Some(stem) = path.strip_suffix(js) {
            for ts in tss {
                let p = format!("{stem}{ts}");
                if tree.has(&p) {
                    return Some(p);
                }
            }
        }
    }
    for ext in EXTENSIONS {
        let p = format!("{path}{ext}");
        if tree.has(&p) {
            return Some(p);
        }
    }
    for ext in EXTENSIONS {
        let p = if path.is_empty() {
            format!("index{ext}")
        } else {
            format!("{path}/index{ext}")
        };
        if tree.has(&p) {
            return Some(p);
        }
    }
    None
}

fn load_tsconfig(tree: &Tree, path: &str, warnings: &mut Vec<Warning>, depth: u32) -> TsConfig {
    let Some(text) = tree.read(path, warnings) else {
        return TsConfig::default();
    };
    let v: serde_json::Value = match serde_json::from_str(&jsonc::to_json(&text)) {
        Ok(v) => v,
        Err(e) => {
            warnings.push(Warning {
                path: path.to_string(),
                line: Some(e.line() as u32),
                message: format!("cannot parse: {e}"),
            });
            return TsConfig::default();
        }
    };
    let dir = parent(path);
    // `extends` first, then this file's own settings on top. Only
    // relative extends are followed: a package's tsconfig (such as
    // `@tsconfig/node20`) sets compiler options, not paths into our tree.
    let mut cfg = match v.get("extends") {
        Some(serde_json::Value::String(e)) if depth < 16 && e.starts_with('.') => {
            let target = if e.ends_with(".json") {
                e.clone()
            } else {
                format!("{e}.json")
            };
            match join(dir, &target) {
                // Frameworks extend a tsconfig their build writes into a
                // gitignored folder (Nuxt's `.nuxt/tsconfig.json`, SvelteKit's
                // `.svelte-kit/tsconfig.json`): say so in those terms, at
                // the file that extends it.
                Some(p) if !techlead_core::source::exists(&tree.root.join(&p)) => {
                    warnings.push(Warning {
                        path: path.to_string(),
                        line: None,
                        message: format!(
                            "`extends` names {e}, which does not exist (a file a build \
                             generates?): its baseUrl and paths are not applied"
                        ),
                    });
                    TsConfig::default()
                }
                Some(p) => load_tsconfig(tree, &p, warnings, depth + 1),
                None => TsConfig::default(),
            }
        }
        _ => TsConfig::default(),
    };
    let options = v.get("compilerOptions");
    if let Some(base) = options
        .and_then(|o| o.get("baseUrl"))
        .and_then(|b| b.as_str())
        && let Some(b) = join(dir, base)
    {
        cfg.base_url = Some(b.clone());
        cfg.base = Some(b);
    }
    if let Some(paths) = options
        .and_then(|o| o.get("paths"))
        .and_then(|p| p.as_object())
    {
        // Without baseUrl, paths are relative to the tsconfig that sets
        // them (TypeScript 4.1+).
        if cfg.base.is_none() {
            cfg.base = Some(dir.to_string());
        }
        cfg.paths = paths
            .iter()
            .map(|(k, v)| {
                let targets = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|t| t.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                (k.clone(), targets)
            })
            .collect();
        // TypeScript prefers the longest prefix before the `*`.
        cfg.paths
            .sort_by_key(|(k, _)| std::cmp::Reverse(k.split('*').next().map_or(0, str::len)));
    }
    cfg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names() {
        assert_eq!(package_name("@a/b/c"), "@a/b");
        assert_eq!(package_name("lodash/fp"), "lodash");
        assert_eq!(package_name("react"), "react");
        assert_eq!(match_pattern("@app/*", "@app/x/y"), Some("x/y"));
        assert_eq!(match_pattern("exact", "exact"), Some(""));
        assert_eq!(match_pattern("@app/*", "@other/x"), None);
    }
}
