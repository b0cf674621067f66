//! import-linter's contracts as a `[boundaries]` section: from
//! `setup.cfg` or `.importlinter` (`[importlinter]` and
//! `[importlinter:contract:<id>]` sections) or `pyproject.toml`
//! (`[tool.importlinter]` with `[[tool.importlinter.contracts]]`).
//!
//! - `layers`: the first contract with at most one container becomes
//!   techlead's `layers`; `a | b` on one line share a layer and may not
//!   import each other, `a : b` share it freely; further layers contracts
//!   become `cannot_depend_on` from each lower layer to each higher one.
//! - `forbidden`: `cannot_depend_on` from each source to each forbidden
//!   module of the tree, `cannot_import` of each forbidden package outside
//!   it (by top-level name; a note lists forbidden submodules of such
//!   packages, which techlead cannot name).
//! - `independence`: each module `cannot_depend_on` the others.
//! - `protected`: `visible_to` the allowed importers.
//! - `acyclic_siblings`: `forbid_cycles` (between declared modules).
//!
//! - `ignore_imports` (of any contract): `[[boundaries.ignore_imports]]`
//!   over the named modules' own files, for every rule.
//!
//! import-linter also forbids indirect chains of imports; techlead checks
//! direct imports between modules (and cycles), which a note says.

use super::ini::{self, Section};
use super::python::{PyTree, nested_first};
use super::{Proposal, ProposedIgnore, ProposedModule};
use crate::Analysis;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use techlead_core::InputError;

/// The import-linter configuration found, in a neutral shape.
pub struct Linter {
    /// The file it came from.
    pub file: String,
    pub root_packages: Vec<String>,
    pub exclude_type_checking: bool,
    pub contracts: Vec<Contract>,
}

pub struct Contract {
    pub id: String,
    pub kind: String,
    /// Every option as a list of lines (a scalar is a one-item list).
    pub options: BTreeMap<String, Vec<String>>,
}

impl Contract {
    fn list(&self, key: &str) -> &[String] {
        self.options.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    fn flag(&self, key: &str) -> Option<bool> {
        let v = self.list(key).first()?.to_lowercase();
        Some(matches!(v.as_str(), "true" | "1" | "yes" | "on"))
    }
}

/// The first of `setup.cfg`, `.importlinter`, `pyproject.toml` that holds
/// import-linter's configuration, as import-linter looks for them.
pub fn find(root: &Path) -> Result<Option<Linter>, InputError> {
    for file in ["setup.cfg", ".importlinter"] {
        let Some(text) = super::read_optional(root, file)? else {
            continue;
        };
        if !text.contains("importlinter") {
            continue;
        }
        let sections = ini::parse(&text)
            .map_err(|(line, msg)| InputError::in_file(file, msg).at(line, None))?;
        if let Some(l) = from_ini(file, &sections) {
            return Ok(Some(l));
        }
    }
    let Some(text) = super::read_optional(root, "pyproject.toml")? else {
        return Ok(None);
    };
    if !text.contains("importlinter") {
        return Ok(None);
    }
    let doc: toml::Table = super::parse_toml("pyproject.toml", &text)?;
    let Some(t) = doc
        .get("tool")
        .and_then(|t| t.get("importlinter"))
        .and_then(|t| t.as_table())
    else {
        return Ok(None);
    };
    Ok(Some(from_toml(t)))
}

fn from_ini(file: &str, sections: &[Section]) -> Option<Linter> {
    let top = sections.iter().find(|s| s.name == "importlinter")?;
    let mut roots = top.lines("root_packages");
    roots.extend(top.get("root_package").map(str::to_string));
    let contracts = sections
        .iter()
        .filter_map(|s| {
            let id = s.name.strip_prefix("importlinter:contract:")?;
            let mut options = BTreeMap::new();
            for (k, _, _) in &s.entries {
                options.insert(k.clone(), s.lines(k));
            }
            Some(Contract {
                id: id.trim().to_string(),
                kind: s.get("type").unwrap_or("").to_string(),
                options,
            })
        })
        .collect();
    Some(Linter {
        file: file.into(),
        root_packages: roots,
        exclude_type_checking: top
            .get("exclude_type_checking_imports")
            .is_some_and(|v| v.eq_ignore_ascii_case("true")),
        contracts,
    })
}

fn from_toml(t: &toml::Table) -> Linter {
    // Lists as lists; a flag or number as its text, as INI has them.
    fn scalar(v: &toml::Value) -> String {
        match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            _ => String::new(),
        }
    }
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        match v {
            Some(toml::Value::Array(a)) => a.iter().map(scalar).collect(),
            Some(other) => vec![scalar(other)],
            None => Vec::new(),
        }
    };
    let mut roots = strings(t.get("root_packages"));
    roots.extend(strings(t.get("root_package")));
    let contracts = t
        .get("contracts")
        .and_then(|c| c.as_array())
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, c)| {
            let c = c.as_table()?;
            let options = c
                .iter()
                .map(|(k, v)| (k.clone(), strings(Some(v))))
                .collect();
            Some(Contract {
                id: c
                    .get("id")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{}", i + 1)),
                kind: c.get("type").and_then(|v| v.as_str()).unwrap_or("").into(),
                options,
            })
        })
        .collect();
    Linter {
        file: "pyproject.toml [tool.importlinter]".into(),
        root_packages: roots,
        exclude_type_checking: t
            .get("exclude_type_checking_imports")
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        contracts,
    }
}

/// Collects modules by name as the contracts mention them.
struct Builder<'t> {
    tree: PyTree<'t>,
    modules: BTreeMap<String, ProposedModule>,
    missing: BTreeSet<String>,
}

impl Builder<'_> {
    /// The module named `name`, declared on first mention; None (and
    /// noted) when the tree has no such module.
    fn module(&mut self, name: &str) -> Option<&mut ProposedModule> {
        if !self.modules.contains_key(name) {
            let paths = self.tree.paths(name);
            let Some(paths) = paths else {
                self.missing.insert(name.to_string());
                return None;
            };
            self.modules.insert(
                name.to_string(),
                ProposedModule {
                    name: name.to_string(),
                    paths,
                    ..Default::default()
                },
            );
        }
        self.modules.get_mut(name)
    }

    fn forbid(&mut self, from: &str, to: &str) {
        if from == to || self.module(to).is_none() {
            return;
        }
        if let Some(m) = self.module(from)
            && !m.cannot_depend_on.iter().any(|x| x == to)
        {
            m.cannot_depend_on.push(to.to_string());
        }
    }
}

/// The source roots that hold the root packages: the folders above their
/// `__init__.py` (or module file), shallowest first.
fn roots_of(files: &[String], packages: &[String]) -> Vec<String> {
    let mut roots = Vec::new();
    for p in packages {
        let top = p.split('.').next().unwrap_or(p);
        let found = files
            .iter()
            .filter_map(|f| {
                let parent = f
                    .strip_suffix(&format!("{top}/__init__.py"))
                    .or_else(|| f.strip_suffix(&format!("{top}.py")))?;
                (parent.is_empty() || parent.ends_with('/'))
                    .then(|| parent.trim_end_matches('/').to_string())
            })
            .min_by_key(|r| (r.matches('/').count(), r.len()));
        if let Some(r) = found
            && !roots.contains(&r)
        {
            roots.push(r);
        }
    }
    roots
}

pub fn import(l: &Linter, analysis: &Analysis) -> Result<Proposal, InputError> {
    let roots = roots_of(&analysis.scanned, &l.root_packages);
    let mut p = Proposal {
        source: l.file.clone(),
        ..Default::default()
    };
    // techlead's default roots are the project root and src/.
    if roots.iter().any(|r| !r.is_empty() && r != "src") {
        p.python_roots = Some(
            roots
                .iter()
                .map(|r| if r.is_empty() { ".".into() } else { r.clone() })
                .collect(),
        );
    }
    let mut b = Builder {
        tree: PyTree::new(&analysis.scanned, &roots),
        modules: BTreeMap::new(),
        missing: BTreeSet::new(),
    };
    let mut layers_done = false;
    let mut global_layers: Vec<String> = Vec::new();
    // (contract id, `importer -> imported` as written), in order.
    let mut ignored_imports: Vec<(String, String)> = Vec::new();
    let mut other = BTreeSet::new();
    let mut cycles = false;
    let mut exhaustive = Vec::new();
    let mut as_modules = Vec::new();
    // Forbidden submodules of packages outside the tree: `id` (modules).
    let mut outside: Vec<String> = Vec::new();
    for c in &l.contracts {
        ignored_imports.extend(
            c.list("ignore_imports")
                .iter()
                .map(|i| (c.id.clone(), i.clone())),
        );
        if c.flag("as_packages") == Some(false) {
            as_modules.push(c.id.clone());
        }
        match c.kind.as_str() {
            "layers" => {
                let containers = c.list("containers");
                if c.flag("exhaustive") == Some(true) {
                    exhaustive.push(c.id.clone());
                }
                let global = !layers_done && containers.len() <= 1;
                layers_done |= global;
                let prefixes: Vec<String> = if containers.is_empty() {
                    vec![String::new()]
                } else {
                    containers.iter().map(|c| format!("{c}.")).collect()
                };
                for prefix in &prefixes {
                    // Each line: one layer of one or more modules.
                    let mut levels: Vec<Vec<String>> = Vec::new();
                    for line in c.list("layers") {
                        let independent = line.contains('|');
                        let names: Vec<String> = line
                            .split(['|', ':'])
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .filter_map(|n| {
                                let optional = n.starts_with('(') && n.ends_with(')');
                                let n = n.trim_matches(['(', ')']).trim();
                                let full = format!("{prefix}{n}");
                                if optional && b.tree.paths(&full).is_none() {
                                    return None;
                                }
                                b.module(&full).map(|_| full)
                            })
                            .collect();
                        if independent {
                            for a in &names {
                                for z in &names {
                                    b.forbid(a, z);
                                }
                            }
                        }
                        if names.is_empty() {
                            // An optional layer this tree does not have.
                            continue;
                        }
                        levels.push(names);
                        let layer = line
                            .split(['|', ':'])
                            .map(|n| n.trim().trim_matches(['(', ')']).trim())
                            .collect::<Vec<_>>()
                            .join("+");
                        if global {
                            for n in levels.last().into_iter().flatten() {
                                if let Some(m) = b.modules.get_mut(n) {
                                    m.layer = Some(layer.clone());
                                }
                            }
                            if !global_layers.contains(&layer) {
                                global_layers.push(layer);
                            }
                        }
                    }
                    if !global {
                        for (hi, higher) in levels.iter().enumerate() {
                            for lower in &levels[hi + 1..] {
                                for lo in lower {
                                    for h in higher {
                                        b.forbid(lo, h);
                                    }
                                }
                            }
                        }
                    }
                }
                if !global {
                    other.insert(format!(
                        "layers contract `{}` is written as cannot_depend_on from each lower layer to each higher one \
                         (techlead has one list of layers{})",
                        c.id,
                        if containers.len() > 1 { ", and these layers repeat per container" } else { "" }
                    ));
                }
            }
            "forbidden" => {
                let sources = c.list("source_modules").to_vec();
                let mut dotted = Vec::new();
                for f in c.list("forbidden_modules") {
                    if b.tree.paths(f).is_some() {
                        for s in &sources {
                            b.forbid(s, f);
                        }
                    } else if f.contains(['.', '*']) {
                        // techlead names a package outside the tree by its
                        // top-level name only.
                        dotted.push(f.clone());
                    } else {
                        for s in &sources {
                            if let Some(m) = b.module(s)
                                && !m.cannot_import.contains(f)
                            {
                                m.cannot_import.push(f.clone());
                            }
                        }
                    }
                }
                if !dotted.is_empty() {
                    outside.push(format!("`{}` ({})", c.id, dotted.join(", ")));
                }
            }
            "independence" => {
                let mods = c.list("modules").to_vec();
                for a in &mods {
                    for z in &mods {
                        b.forbid(a, z);
                    }
                }
            }
            "protected" => {
                let allowed: Vec<String> = c
                    .list("allowed_importers")
                    .iter()
                    .filter(|a| b.module(a).is_some())
                    .cloned()
                    .collect();
                for m in c.list("protected_modules") {
                    if let Some(m) = b.module(m) {
                        m.visible_to = Some(allowed.clone());
                    }
                }
            }
            "acyclic_siblings" => {
                cycles = true;
                other.insert(format!(
                    "acyclic_siblings contract `{}` becomes forbid_cycles = true, which checks cycles between the \
                     declared modules, not between the siblings of every package",
                    c.id
                ));
            }
            kind => {
                other.insert(format!(
                    "contract `{}` of type `{kind}` has no counterpart",
                    c.id
                ));
            }
        }
    }
    if !global_layers.is_empty() {
        let quoted: Vec<String> = global_layers
            .iter()
            .map(|l| super::render::quote(l))
            .collect();
        p.settings
            .push(("layers".into(), format!("[{}]", quoted.join(", "))));
    }
    p.settings
        .push(("forbid_cycles".into(), cycles.to_string()));
    if l.exclude_type_checking {
        p.settings
            .push(("ignore_kinds".into(), "[\"type-checking\"]".into()));
    }
    p.notes.push(
        "import-linter also forbids indirect chains of imports; techlead checks the direct imports between \
         modules (and cycles between them)"
            .into(),
    );
    p.notes.extend(other);
    if !outside.is_empty() {
        // One note: third-party isolation contracts are common, and a
        // line each would bury the other notes.
        p.notes.push(format!(
            "cannot_import names a package outside the tree by its top-level name, so these \
             forbidden modules were not carried over: {}",
            outside.join(", ")
        ));
    }
    if !ignored_imports.is_empty() {
        let (entries, notes) = ignores(&b.tree, &ignored_imports);
        p.ignore_imports = entries;
        p.notes.extend(notes);
    }
    if !exhaustive.is_empty() {
        p.notes.push(format!(
            "exhaustive layers (contract {}) are not checked: a new sibling module is in no layer",
            exhaustive.join(", ")
        ));
    }
    if !as_modules.is_empty() {
        p.notes.push(format!(
            "as_packages = false (contract {}): techlead modules always include their subpackages",
            as_modules.join(", ")
        ));
    }
    if !b.missing.is_empty() {
        p.notes.push(format!(
            "modules named in contracts but not found in the tree: {}",
            b.missing.iter().cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    let mut modules: Vec<ProposedModule> = b.modules.into_values().collect();
    inherit(&mut modules);
    nested_first(&mut modules);
    p.modules = modules;
    Ok(p)
}

/// import-linter's `ignore_imports` (`importer -> imported`, each a module
/// or a `*`/`**` pattern) as `[[boundaries.ignore_imports]]` entries over
/// the modules' own files, one per distinct expression; with notes for
/// what differs: they apply to every rule rather than to their contract,
/// a package outside the tree is named by `packages` (a submodule of one
/// needs no entry: `cannot_import` forbids whole packages), and
/// expressions whose importer is no module of the tree are dropped.
fn ignores(tree: &PyTree, listed: &[(String, String)]) -> (Vec<ProposedIgnore>, Vec<String>) {
    let mut by_expr: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut order = Vec::new();
    let (mut external, mut unknown, mut malformed) = (0, BTreeSet::new(), BTreeSet::new());
    for (contract, expr) in listed {
        let Some((from, to)) = expr.split_once("->") else {
            malformed.insert(expr.clone());
            continue;
        };
        let (from, to) = (from.trim().to_string(), to.trim().to_string());
        let Some(_) = tree.module_files(&from) else {
            unknown.insert(from);
            continue;
        };
        if tree.module_files(&to).is_none() && to.contains(['.', '*']) {
            // A submodule of a package outside the tree: techlead names
            // such packages by their top-level name only, and forbids no
            // submodule (see `cannot_import`), so there is nothing to
            // ignore.
            external += 1;
            continue;
        }
        let key = (from, to);
        let ids = by_expr.entry(key.clone()).or_default();
        if ids.is_empty() {
            order.push(key);
        }
        if !ids.contains(contract) {
            ids.push(contract.clone());
        }
    }
    let entries: Vec<ProposedIgnore> = order
        .into_iter()
        .map(|(from, to)| {
            let ids = &by_expr[&(from.clone(), to.clone())];
            let to_files = tree.module_files(&to);
            ProposedIgnore {
                from: tree.module_files(&from).unwrap_or_default(),
                // Not in the tree: a package outside it, by name.
                packages: if to_files.is_none() {
                    vec![to.clone()]
                } else {
                    Vec::new()
                },
                to: to_files.unwrap_or_default(),
                reason: format!(
                    "import-linter contract{} {}: ignore_imports {from} -> {to}",
                    if ids.len() == 1 { "" } else { "s" },
                    ids.join(", ")
                ),
            }
        })
        .collect();
    let mut notes = Vec::new();
    if !entries.is_empty() {
        notes.push(format!(
            "ignore_imports: {} written as [[boundaries.ignore_imports]] over the modules' files; \
             import-linter ignores an import for its contract only, techlead for every rule",
            techlead_core::words::count(entries.len() as u64, "import")
        ));
    }
    if external > 0 {
        notes.push(format!(
            "ignore_imports: no entry for {} of submodules of packages outside the tree \
             (cannot_import forbids whole packages)",
            techlead_core::words::count(external as u64, "import")
        ));
    }
    if !unknown.is_empty() {
        notes.push(format!(
            "ignore_imports from modules not found in the tree were dropped: {}",
            unknown.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if !malformed.is_empty() {
        notes.push(format!(
            "ignore_imports without `->` were dropped: {}",
            malformed.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    (entries, notes)
}

/// import-linter's modules are packages with their descendants, and
/// techlead's modules share no file: a module nested in another (named
/// below it) takes the outer one's layer and constraints, and forbidding
/// a package forbids the modules nested in it too.
fn inherit(modules: &mut [ProposedModule]) {
    let names: Vec<String> = modules.iter().map(|m| m.name.clone()).collect();
    let below = |outer: &str, inner: &str| inner.starts_with(&format!("{outer}."));
    let related = |a: &str, b: &str| a == b || below(a, b) || below(b, a);
    let snapshot: Vec<ProposedModule> = modules.to_vec();
    for m in modules.iter_mut() {
        // Outer modules first, so the nearest one's layer wins.
        let mut outers: Vec<&ProposedModule> = snapshot
            .iter()
            .filter(|o| below(&o.name, &m.name))
            .collect();
        outers.sort_by_key(|o| o.name.len());
        for o in outers {
            if o.layer.is_some() {
                m.layer = o.layer.clone();
            }
            for c in &o.cannot_depend_on {
                if !m.cannot_depend_on.contains(c) {
                    m.cannot_depend_on.push(c.clone());
                }
            }
            for c in &o.cannot_import {
                if !m.cannot_import.contains(c) {
                    m.cannot_import.push(c.clone());
                }
            }
            if m.visible_to.is_none() {
                m.visible_to = o.visible_to.clone();
            }
        }
        let forbidden = m.cannot_depend_on.clone();
        for f in &forbidden {
            for n in names.iter().filter(|n| below(f, n)) {
                if !m.cannot_depend_on.contains(n) {
                    m.cannot_depend_on.push(n.clone());
                }
            }
        }
        let own = m.name.clone();
        // A package may use what it contains (as_packages sharing).
        m.cannot_depend_on.retain(|c| !related(&own, c));
        m.cannot_depend_on.sort();
        if let Some(v) = &mut m.visible_to {
            let extra: Vec<String> = names
                .iter()
                .filter(|n| v.iter().any(|a| below(a, n)))
                .cloned()
                .collect();
            v.extend(extra);
            v.sort();
            v.dedup();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str) -> ProposedModule {
        ProposedModule {
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn nested_modules_take_the_outer_layer_and_constraints() {
        let mut outer = m("pkg.violations");
        outer.layer = Some("violations".into());
        outer.cannot_depend_on = vec!["pkg.presets".into(), "pkg.violations.oop".into()];
        let mut mods = vec![
            outer,
            m("pkg.violations.oop"),
            m("pkg.presets"),
            m("pkg.presets.topics"),
        ];
        inherit(&mut mods);
        assert_eq!(
            mods[0].cannot_depend_on,
            ["pkg.presets", "pkg.presets.topics"]
        );
        assert_eq!(mods[1].layer.as_deref(), Some("violations"));
        assert_eq!(
            mods[1].cannot_depend_on,
            ["pkg.presets", "pkg.presets.topics"]
        );
        assert!(mods[3].cannot_depend_on.is_empty());
    }
}
