//! `boundaries sync` and `boundaries init`: write the dependencies that
//! exist into techlead.toml, and discover modules for a first config.
//! Edits go through toml_edit so comments and layout stay as they were;
//! a module whose declared dependencies already match is not touched.

use crate::Analysis;
use crate::modules::Modules;
use crate::resolve::{file_name, parent};
use std::collections::{BTreeMap, BTreeSet};
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use toml_edit::{Array, DocumentMut, Item, Value};

/// What `sync` changed in one module.
#[derive(Debug, PartialEq, Eq)]
pub struct ModuleChange {
    pub module: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// The modules each module really imports (utility modules left out:
/// anyone may use them without declaring it).
pub fn used_dependencies(
    modules: &Modules,
    config: &crate::config::BoundariesConfig,
    analysis: &Analysis,
) -> Vec<BTreeSet<String>> {
    let mut used = vec![BTreeSet::new(); modules.modules.len()];
    for c in crate::crossings(modules, config, &analysis.edges) {
        if !modules.modules[c.to].utility {
            used[c.from].insert(modules.modules[c.to].name.clone());
        }
    }
    used
}

/// Rewrites `depends_on` of every checked module in `source` (the text
/// of techlead.toml) to the modules it imports. Returns the new text and
/// the changes; the text is byte-identical when nothing changed.
pub fn sync(
    source: &str,
    loaded: &LoadedConfig,
    config: &crate::config::BoundariesConfig,
    analysis: &Analysis,
) -> Result<(String, Vec<ModuleChange>), InputError> {
    let modules = Modules::compile(loaded, config)?;
    let used = used_dependencies(&modules, config, analysis);
    let mut doc: DocumentMut = source
        .parse()
        .map_err(|e: toml_edit::TomlError| InputError::new(format!("techlead.toml: {e}")))?;
    let mut changes = Vec::new();
    let Some(tables) = doc
        .get_mut("boundaries")
        .and_then(|b| b.get_mut("modules"))
        .and_then(Item::as_array_of_tables_mut)
    else {
        return Ok((source.to_string(), changes));
    };
    for table in tables.iter_mut() {
        let Some(name) = table
            .get("name")
            .and_then(|n| n.as_str())
            .map(str::to_string)
        else {
            continue;
        };
        if table.get("unchecked").and_then(|u| u.as_bool()) == Some(true) {
            continue;
        }
        let Some(i) = modules.index(&name) else {
            continue;
        };
        let declared: BTreeSet<String> = table
            .get("depends_on")
            .and_then(|d| d.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let had_list = table.contains_key("depends_on");
        if had_list && declared == used[i] {
            continue;
        }
        let mut array = Array::new();
        for dep in &used[i] {
            array.push(dep.as_str());
        }
        match table.get_mut("depends_on") {
            Some(item) => {
                // Keep the comment and spacing around the old value.
                let decor = item.as_value().map(|v| v.decor().clone());
                let mut value = Value::Array(array);
                if let Some(d) = decor {
                    *value.decor_mut() = d;
                }
                *item = Item::Value(value);
            }
            None => {
                table.insert("depends_on", Item::Value(Value::Array(array)));
            }
        }
        changes.push(ModuleChange {
            module: name,
            added: used[i].difference(&declared).cloned().collect(),
            removed: declared.difference(&used[i]).cloned().collect(),
        });
    }
    if changes.is_empty() {
        return Ok((source.to_string(), changes));
    }
    Ok((doc.to_string(), changes))
}

/// A module found by `init`: a name and the folder it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub name: String,
    pub path: String,
}

/// Modules for a first config: each Rust crate and each JS/TS workspace
/// package by its manifest; the remaining source files by folder, below
/// their common folder (descending while there is only one).
pub fn discover(analysis: &Analysis) -> Vec<Discovered> {
    discover_with(analysis, &analysis.packages)
}

fn discover_with(analysis: &Analysis, manifests: &[(String, String)]) -> Vec<Discovered> {
    let mut found: Vec<Discovered> = manifests
        .iter()
        .filter(|(_, dir)| !dir.is_empty())
        .map(|(name, dir)| Discovered {
            name: name.clone(),
            path: dir.clone(),
        })
        .collect();
    let covered = |path: &str, found: &[Discovered]| {
        found
            .iter()
            .any(|d| path.starts_with(&format!("{}/", d.path)))
    };
    let rest: Vec<&str> = analysis
        .scanned
        .iter()
        .map(String::as_str)
        .filter(|p| !covered(p, &found))
        .collect();
    if !rest.is_empty() {
        let mut common = parent(rest[0]).to_string();
        for p in &rest[1..] {
            while !(common.is_empty() || p.starts_with(&format!("{common}/"))) {
                common = parent(&common).to_string();
            }
        }
        // Group by the first folder below the common one; descend while
        // everything sits in one folder.
        loop {
            let mut groups: BTreeMap<String, usize> = BTreeMap::new();
            for p in &rest {
                let below = if common.is_empty() {
                    *p
                } else {
                    &p[common.len() + 1..]
                };
                if let Some((first, _)) = below.split_once('/') {
                    *groups.entry(first.to_string()).or_default() += 1;
                }
            }
            if groups.len() == 1 {
                let only = groups.into_keys().next().unwrap_or_default();
                common = if common.is_empty() {
                    only
                } else {
                    format!("{common}/{only}")
                };
                continue;
            }
            for dir in groups.into_keys() {
                let path = if common.is_empty() {
                    dir.clone()
                } else {
                    format!("{common}/{dir}")
                };
                found.push(Discovered { name: dir, path });
            }
            break;
        }
    }
    // Names must be unique: qualify clashes with the parent folder.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for d in &found {
        *seen.entry(d.name.clone()).or_default() += 1;
    }
    for d in &mut found {
        if seen[&d.name] > 1 {
            let parent_name = file_name(parent(&d.path));
            if !parent_name.is_empty() {
                d.name = format!("{parent_name}/{}", d.name);
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The `[[boundaries.modules]]` tables for discovered modules, to append
/// to techlead.toml (with a `[boundaries]` header if it has none).
pub fn init_text(found: &[Discovered], has_section: bool) -> String {
    let mut s = String::new();
    if !has_section {
        s.push_str(
            "\n[boundaries]\n\
             # Modules found by `techlead boundaries init`. Rename them, add layers\n\
             # (high to low), `interface` and `visible_to`; `techlead boundaries sync`\n\
             # rewrites each depends_on from the imports the code has.\n\
             forbid_cycles = true\n",
        );
    }
    for d in found {
        s.push_str(&format!(
            "\n[[boundaries.modules]]\nname = {}\npaths = [{}]\ndepends_on = []\n",
            quote(&d.name),
            quote(&d.path)
        ));
    }
    s
}

fn quote(s: &str) -> String {
    Value::from(s).to_string().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(paths: &[&str]) -> Analysis {
        Analysis {
            root: std::path::PathBuf::new(),
            files: paths.len(),
            packages: Vec::new(),
            scanned: paths.iter().map(|s| s.to_string()).collect(),
            languages: Vec::new(),
            scanned_languages: Vec::new(),
            edges: Vec::new(),
            externals: Vec::new(),
            warnings: Vec::new(),
            suppressions: Vec::new(),
            cache: None,
        }
    }

    #[test]
    fn discovery_descends_single_folders() {
        let a = analysis(&[
            "src/shop/orders/a.py",
            "src/shop/orders/b.py",
            "src/shop/billing/c.py",
            "src/shop/__init__.py",
        ]);
        let names: Vec<(String, String)> = discover_with(&a, &[])
            .into_iter()
            .map(|d| (d.name, d.path))
            .collect();
        assert_eq!(
            names,
            [
                ("billing".to_string(), "src/shop/billing".to_string()),
                ("orders".to_string(), "src/shop/orders".to_string())
            ]
        );
    }

    #[test]
    fn manifests_win_and_clashes_are_qualified() {
        let a = analysis(&["crates/a/src/lib.rs", "web/x/api/a.ts", "web/y/api/b.ts"]);
        let found = discover_with(&a, &[("a".into(), "crates/a".into())]);
        let names: Vec<&str> = found.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["a", "x", "y"]);
        let text = init_text(&found, false);
        assert!(text.contains("[boundaries]\n"));
        assert!(text.contains("name = \"x\"\npaths = [\"web/x\"]"));
    }
}
