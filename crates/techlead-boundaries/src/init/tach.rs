//! tach's `tach.toml` as a `[boundaries]` section (tach 0.2x/0.3x format:
//! `source_roots`, `layers` with closed layers, `exclude`, `exact`,
//! `forbid_circular_dependencies`, `ignore_type_checking_imports`,
//! `[[modules]]` with `path` or `paths`, `depends_on` as strings or
//! `{ path, deprecated }` tables, `cannot_depend_on`, `layer`,
//! `visibility`, `utility`, `unchecked`, and `[[interfaces]]` with
//! `expose` and `from`).
//!
//! Module names stay tach's dotted paths; a `*` in one (`tach.*`) stands
//! for each module it matches, as in tach, and `**` stays one glob module.
//! tach lets a module use lower layers without declaring them:
//! `declare_lower_layers = false` says the same. tach's interfaces name
//! members, techlead's name files: an `expose` pattern that starts with a
//! submodule makes that submodule public, any other makes the package's
//! `__init__.py` public.

use super::python::{Owners, PyTree, glob_regex, nested_first};
use super::render::{list, quote};
use super::{Proposal, ProposedModule};
use crate::Analysis;
use std::collections::BTreeSet;
use std::path::Path;
use techlead_core::InputError;
use toml::{Table, Value};

const FILE: &str = "tach.toml";

/// Keys of tach.toml read here; others are named in a note.
const KNOWN: &[&str] = &[
    "modules",
    "interfaces",
    "layers",
    "exclude",
    "source_roots",
    "exact",
    "forbid_circular_dependencies",
    "ignore_type_checking_imports",
    "root_module",
    "respect_gitignore",
    "rules",
    "cache",
    "external",
    "disable_logging",
];

pub fn import(root: &Path, text: &str, analysis: &Analysis) -> Result<Proposal, InputError> {
    let doc: Table = super::parse_toml(FILE, text)?;
    let bad = |what: &str| InputError::in_file(FILE, format!("{what}: not as tach documents it"));
    let mut p = Proposal {
        source: FILE.into(),
        ..Default::default()
    };
    let strings = |v: Option<&Value>, what: &str| -> Result<Vec<String>, InputError> {
        match v {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| x.as_str().map(str::to_string).ok_or_else(|| bad(what)))
                .collect(),
            Some(_) => Err(bad(what)),
        }
    };
    let roots = strings(doc.get("source_roots"), "source_roots")?;
    let tree = PyTree::new(&analysis.scanned, &roots);
    if !roots.is_empty() {
        p.python_roots = Some(
            tree.roots
                .iter()
                .map(|r| if r.is_empty() { ".".into() } else { r.clone() })
                .collect(),
        );
    }

    // Layers, high to low; a closed one as a table, as techlead writes it.
    let mut layers = Vec::new();
    let mut layer_values = Vec::new();
    for l in doc
        .get("layers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match l {
            Value::String(s) => {
                layers.push(s.clone());
                layer_values.push(quote(s));
            }
            Value::Table(t) => {
                let name = t
                    .get("name")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("layers"))?;
                layers.push(name.to_string());
                let closed = t.get("closed").and_then(Value::as_bool).unwrap_or(false);
                layer_values.push(if closed {
                    format!("{{ name = {}, closed = true }}", quote(name))
                } else {
                    quote(name)
                });
            }
            _ => return Err(bad("layers")),
        }
    }
    if !layers.is_empty() {
        p.settings
            .push(("layers".into(), format!("[{}]", layer_values.join(", "))));
        p.settings
            .push(("declare_lower_layers".into(), "false".into()));
    }
    let cycles = doc
        .get("forbid_circular_dependencies")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    p.settings
        .push(("forbid_cycles".into(), cycles.to_string()));
    if doc.get("exact").and_then(Value::as_bool) == Some(true) {
        p.settings.push(("strict".into(), "true".into()));
    }
    let excludes = strings(doc.get("exclude"), "exclude")?;
    // tach matches a pattern against a path's beginning: the folder
    // itself and everything below it.
    let mut globs = Vec::new();
    for e in &excludes {
        let e = e.trim_start_matches("./").trim_end_matches('/');
        globs.push(e.to_string());
        globs.push(format!("{e}/**"));
    }
    if !globs.is_empty() {
        p.settings.push(("exclude".into(), list(&globs)));
    }
    let excluded = {
        let mut b = globset::GlobSetBuilder::new();
        for g in &globs {
            if let Ok(g) = globset::GlobBuilder::new(g).literal_separator(true).build() {
                b.add(g);
            }
        }
        b.build().unwrap_or_else(|_| globset::GlobSet::empty())
    };
    if doc
        .get("ignore_type_checking_imports")
        .and_then(Value::as_bool)
        .unwrap_or(true)
    {
        p.settings
            .push(("ignore_kinds".into(), "[\"type-checking\"]".into()));
    }
    p.settings
        .push(("honour_tach_ignore".into(), "true".into()));

    // tach.toml's own tables, then those of every tach.domain.toml.
    let (domain_modules, domain_interfaces, domains) =
        super::tach_domain::gather(root, &tree, &analysis.scanned, &excluded)?;
    let module_tables: Vec<Table> = doc
        .get("modules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|m| m.as_table().cloned().ok_or_else(|| bad("[[modules]]")))
        .chain(domain_modules.into_iter().map(Ok))
        .collect::<Result<_, _>>()?;
    let interface_tables: Vec<Table> = doc
        .get("interfaces")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.as_table().cloned())
        .chain(domain_interfaces)
        .collect();
    if !domains.is_empty() {
        p.source = format!("{FILE} and {}", domains.join(", "));
    }
    let mut modules: Vec<ProposedModule> = Vec::new();
    let mut deprecated = BTreeSet::new();
    let mut missing = Vec::new();
    let mut externals = BTreeSet::new();
    // Names declared without a wildcard: a wildcard module does not
    // redeclare them (tach lets the concrete entry win).
    let explicit: BTreeSet<String> = module_tables
        .iter()
        .flat_map(|t| {
            let mut v: Vec<String> = t
                .get("path")
                .and_then(Value::as_str)
                .map(str::to_string)
                .into_iter()
                .collect();
            v.extend(strings(t.get("paths"), "modules.paths").unwrap_or_default());
            v
        })
        .filter(|n| !n.contains('*'))
        .collect();
    for t in &module_tables {
        let mut names = strings(t.get("paths"), "modules.paths")?;
        if let Some(path) = t.get("path").and_then(Value::as_str) {
            names.insert(0, path.to_string());
        }
        let depends_on = match t.get("depends_on") {
            None => None,
            Some(Value::Array(a)) => Some(
                a.iter()
                    .map(|d| match d {
                        Value::String(s) => Ok(s.clone()),
                        Value::Table(d) => {
                            let path = d
                                .get("path")
                                .and_then(Value::as_str)
                                .ok_or_else(|| bad("depends_on"))?;
                            if d.get("deprecated").and_then(Value::as_bool) == Some(true) {
                                deprecated.insert(path.to_string());
                            }
                            Ok(path.to_string())
                        }
                        _ => Err(bad("depends_on")),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Some(_) => return Err(bad("depends_on")),
        };
        let cannot: Vec<String> = t
            .get("cannot_depend_on")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|d| {
                d.as_str()
                    .or_else(|| d.get("path")?.as_str())
                    .map(str::to_string)
            })
            .collect();
        for key in ["depends_on_external", "cannot_depend_on_external"] {
            if t.contains_key(key) {
                externals.insert(key);
            }
        }
        // `a.*` is each module it matches; `**` stays one glob module.
        let names: Vec<String> = names
            .into_iter()
            .flat_map(|n| {
                if n.contains('*') && !n.contains("**") {
                    tree.expand(&n)
                        .into_iter()
                        .filter(|x| {
                            !explicit.contains(x)
                                && !tree
                                    .paths(x)
                                    .unwrap_or_default()
                                    .iter()
                                    .any(|p| excluded.is_match(p))
                        })
                        .collect()
                } else {
                    vec![n]
                }
            })
            .collect();
        for name in names {
            if modules.iter().any(|m| m.name == name) {
                continue;
            }
            let paths = match tree.paths(&name) {
                Some(p) => p,
                None => {
                    missing.push(name.clone());
                    vec![
                        tree.probe(&name)
                            .trim_end_matches("/__init__.py")
                            .to_string(),
                    ]
                }
            };
            modules.push(ProposedModule {
                name: name.clone(),
                paths,
                layer: t.get("layer").and_then(Value::as_str).map(str::to_string),
                depends_on: depends_on.clone(),
                cannot_depend_on: cannot.clone(),
                visible_to: t
                    .get("visibility")
                    .map(|_| strings(t.get("visibility"), "visibility"))
                    .transpose()?,
                utility: t.get("utility").and_then(Value::as_bool).unwrap_or(false),
                unchecked: t.get("unchecked").and_then(Value::as_bool).unwrap_or(false),
                ..Default::default()
            });
        }
    }
    nested_first(&mut modules);
    resolve_names(&mut modules, &tree, &mut p.notes);
    interfaces(&interface_tables, &mut modules, &tree, &mut p.notes);
    if !missing.is_empty() {
        p.notes.push(format!(
            "modules not found under the source roots (kept, matching no file): {}",
            missing.join(", ")
        ));
    }
    if !externals.is_empty() {
        p.notes.push(format!(
            "{} (third-party packages per module) were not carried over: techlead has no allow-list \
             of packages; write forbidden ones as a module's cannot_import (by import name)",
            externals.into_iter().collect::<Vec<_>>().join(" and ")
        ));
    }
    if !deprecated.is_empty() {
        p.notes.push(format!(
            "dependencies marked `deprecated` are plain dependencies in techlead (no deprecation warning): {}",
            deprecated.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    other_notes(&doc, &mut p.notes);
    p.modules = modules;
    Ok(p)
}

/// Turns tach's dependency and visibility paths into module names: a
/// declared module by its path, otherwise the module that owns the path
/// (a glob module such as `*` owns the packages it matches); `<root>` and
/// names no module owns are dropped with a note.
fn resolve_names(modules: &mut [ProposedModule], tree: &PyTree, notes: &mut Vec<String>) {
    let owners = Owners::new(modules);
    let names: Vec<String> = modules.iter().map(|m| m.name.clone()).collect();
    let mut dropped = BTreeSet::new();
    let globbed = std::cell::RefCell::new(BTreeSet::new());
    let resolve = |dep: &str, dropped: &mut BTreeSet<String>| -> Vec<String> {
        if names.iter().any(|n| n == dep) {
            return vec![dep.to_string()];
        }
        if dep.contains('*') {
            let re = glob_regex(dep);
            let hits: Vec<String> = names.iter().filter(|n| re.is_match(n)).cloned().collect();
            if hits.len() > 1 {
                globbed.borrow_mut().insert(dep.to_string());
            }
            if !hits.is_empty() {
                return hits;
            }
        }
        match owners.of(&tree.probe(dep)) {
            Some(i) => vec![names[i].clone()],
            None => {
                dropped.insert(dep.to_string());
                Vec::new()
            }
        }
    };
    for m in modules.iter_mut() {
        let own = m.name.clone();
        let fix = |list: &[String], dropped: &mut BTreeSet<String>| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for d in list {
                for n in resolve(d, dropped) {
                    if n != own && !out.contains(&n) {
                        out.push(n);
                    }
                }
            }
            out
        };
        if let Some(d) = &m.depends_on {
            m.depends_on = Some(fix(d, &mut dropped));
        }
        m.cannot_depend_on = fix(&m.cannot_depend_on, &mut dropped);
        if let Some(v) = &m.visible_to {
            m.visible_to = Some(fix(v, &mut dropped));
        }
    }
    let globbed = globbed.into_inner();
    if !globbed.is_empty() {
        notes.push(format!(
            "dependencies written as globs became every module they match (with strict = true, techlead reports \
             each one no import uses): {}",
            globbed.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if dropped.contains("<root>") {
        notes.push(
            "`<root>` (code in no module) has no counterpart: techlead does not check files in no module, \
             so dependencies on it were dropped"
                .into(),
        );
        dropped.remove("<root>");
    }
    if !dropped.is_empty() {
        notes.push(format!(
            "names in depends_on, cannot_depend_on or visibility that no module covers were dropped: {}",
            dropped.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
}

/// `[[interfaces]]`: each module that `from` matches (all when absent)
/// gets the files its `expose` patterns name as its interface.
fn interfaces(
    tables: &[Table],
    modules: &mut [ProposedModule],
    tree: &PyTree,
    notes: &mut Vec<String>,
) {
    let mut member_only = BTreeSet::new();
    let mut unsupported = BTreeSet::new();
    for t in tables {
        let pats = |key: &str| -> Vec<String> {
            t.get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let expose = pats("expose");
        let from: Vec<regex::Regex> = pats("from")
            .iter()
            .filter_map(|f| regex::Regex::new(&format!("^(?:{f})$")).ok())
            .collect();
        for key in ["visibility", "exclusive", "data_types"] {
            if t.contains_key(key) {
                unsupported.insert(key);
            }
        }
        for m in modules.iter_mut() {
            if !(t.get("from").is_none() || from.iter().any(|r| r.is_match(&m.name))) {
                continue;
            }
            let Some(package) = m
                .paths
                .iter()
                .find(|p| !p.contains('*') && !p.ends_with(".py") && !p.ends_with(".pyi"))
            else {
                // A module file: tach restricts which names it exports;
                // the file stays public as a whole.
                member_only.insert(m.name.clone());
                continue;
            };
            for e in &expose {
                let head = e.split('.').next().unwrap_or("");
                let plain =
                    !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || c == '_');
                let sub = format!("{}.{head}", m.name);
                let file = match tree.paths(&sub) {
                    // `services.*`: the submodule and what it holds.
                    Some(p) if plain && e.len() > head.len() => p,
                    // `logger`, where `from pkg import logger` may well
                    // reach the submodule of that name: both are public.
                    Some(mut p) if plain => {
                        p.push(format!("{package}/__init__.py"));
                        p
                    }
                    _ => vec![format!("{package}/__init__.py")],
                };
                for f in file {
                    if !m.interface.contains(&f) {
                        m.interface.push(f);
                    }
                }
            }
        }
    }
    if !member_only.is_empty() {
        notes.push(format!(
            "interfaces name members; techlead's name files, so these single-file modules stay public as a whole: {}",
            member_only.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if !unsupported.is_empty() {
        notes.push(format!(
            "interface settings with no counterpart: {} (each interface applies to every importer)",
            unsupported.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
}

fn other_notes(doc: &Table, notes: &mut Vec<String>) {
    let root = doc
        .get("root_module")
        .and_then(Value::as_str)
        .unwrap_or("ignore");
    if root != "ignore" {
        notes.push(format!(
            "root_module = \"{root}\": techlead never checks code in no module (tach's \"ignore\")"
        ));
    }
    if doc.get("respect_gitignore").and_then(Value::as_bool) == Some(false) {
        notes.push(
            "respect_gitignore = false: techlead always skips what .gitignore ignores".into(),
        );
    }
    if let Some(rules) = doc.get("rules").and_then(Value::as_table) {
        for (k, v) in rules {
            let v = v.as_str().unwrap_or("?");
            let what = match k.as_str() {
                "unused_ignore_directives" => format!(
                    "rules.unused_ignore_directives = \"{v}\": techlead reports unused `tach-ignore` comments as \
                     boundaries/unused-suppression (a warning; set its severity in [checks.severity])"
                ),
                "require_ignore_directive_reasons" => format!(
                    "rules.require_ignore_directive_reasons = \"{v}\": techlead does not require reasons; \
                     `techlead boundaries suppressions` lists the comments without one"
                ),
                other => format!("rules.{other} = \"{v}\" has no counterpart"),
            };
            notes.push(what);
        }
    }
    for (key, what) in [
        (
            "external",
            "[external] (third-party packages): see `techlead deps` and the radar",
        ),
        ("cache", "[cache] (tach's test cache) has no counterpart"),
    ] {
        if doc.contains_key(key) {
            notes.push(what.into());
        }
    }
    let unknown: Vec<&str> = doc
        .keys()
        .map(String::as_str)
        .filter(|k| !KNOWN.contains(k))
        .collect();
    if !unknown.is_empty() {
        notes.push(format!("tach.toml keys not read: {}", unknown.join(", ")));
    }
}
