//! `boundaries sync` (and the end of `boundaries init`): write the
//! dependencies that exist into techlead.toml.
//! Edits go through toml_edit so comments and layout stay as they were;
//! a module whose declared dependencies already match is not touched.

use crate::Analysis;
use crate::modules::Modules;
use std::collections::BTreeSet;
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
/// anyone may use them without declaring it; so are lower layers with
/// `declare_lower_layers = false`).
pub fn used_dependencies(
    modules: &Modules,
    config: &crate::config::BoundariesConfig,
    analysis: &Analysis,
) -> Vec<BTreeSet<String>> {
    let mut used = vec![BTreeSet::new(); modules.modules.len()];
    for c in crate::crossings(modules, config, &analysis.edges) {
        let (from, to) = (&modules.modules[c.from], &modules.modules[c.to]);
        if !to.utility && config.needs_declaring(from.layer, to.layer) {
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
    // toml_edit writes LF and drops a BOM: the result is put back in the
    // file's own style, so only the edited values change.
    let style = techlead_core::eol::Style::of(source);
    let mut doc: DocumentMut = techlead_core::eol::Style::body(source)
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
    Ok((style.apply(&doc.to_string()), changes))
}
