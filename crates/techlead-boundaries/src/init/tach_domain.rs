//! tach's `tach.domain.toml` files: modules and interfaces declared next
//! to the code, their paths relative to the domain (the folder's module),
//! `[root]` for the domain's own module, `//a.b` for a path outside it
//! and `<domain_root>` for the domain itself. Each is turned into the
//! tables tach.toml would hold, with absolute module paths.

use super::python::PyTree;
use std::path::Path;
use techlead_core::InputError;
use toml::{Table, Value};

const FILE: &str = "tach.domain.toml";

/// What the domain files hold: module tables, interface tables (with
/// absolute paths, as tach.toml would), and the files read.
pub type Gathered = (Vec<Table>, Vec<Table>, Vec<String>);

/// Module and interface tables of every domain file under the source
/// roots and not `excluded`, with absolute paths, and the files read.
pub fn gather(
    root: &Path,
    tree: &PyTree,
    files: &[String],
    excluded: &globset::GlobSet,
) -> Result<Gathered, InputError> {
    let mut dirs = std::collections::BTreeSet::new();
    for f in files {
        let mut d = super::super::resolve::parent(f);
        while !d.is_empty() && dirs.insert(d) {
            d = super::super::resolve::parent(d);
        }
    }
    let (mut modules, mut interfaces, mut read) = (Vec::new(), Vec::new(), Vec::new());
    for dir in dirs {
        let rel = format!("{dir}/{FILE}");
        if excluded.is_match(dir) || excluded.is_match(&rel) {
            continue;
        }
        let Some(text) = super::read_optional(root, &rel)? else {
            continue;
        };
        let Some(domain) = tree.module_of_dir(dir) else {
            continue;
        };
        let doc: Table = super::parse_toml(&rel, &text)?;
        let name = |p: &str| -> String {
            if p == "<domain_root>" {
                domain.clone()
            } else {
                format!("{domain}.{p}")
            }
        };
        let dep = |p: &str| -> String {
            match p.strip_prefix("//") {
                Some(abs) => abs.to_string(),
                None => name(p),
            }
        };
        let map_deps = |t: &mut Table, key: &str| {
            if let Some(Value::Array(a)) = t.get_mut(key) {
                for v in a.iter_mut() {
                    match v {
                        Value::String(s) => *s = dep(s),
                        Value::Table(d) => {
                            if let Some(Value::String(s)) = d.get_mut("path") {
                                *s = dep(s);
                            }
                        }
                        _ => {}
                    }
                }
            }
        };
        let mut push = |mut t: Table| {
            for key in ["depends_on", "cannot_depend_on", "visibility"] {
                map_deps(&mut t, key);
            }
            modules.push(t);
        };
        if let Some(Value::Table(r)) = doc.get("root") {
            let mut t = r.clone();
            t.insert("path".into(), Value::String(domain.clone()));
            push(t);
        }
        for m in doc
            .get("modules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(m) = m.as_table() else { continue };
            let mut t = m.clone();
            if let Some(Value::String(p)) = t.get_mut("path") {
                *p = name(p);
            }
            if let Some(Value::Array(ps)) = t.get_mut("paths") {
                for p in ps.iter_mut() {
                    if let Value::String(s) = p {
                        *s = name(s);
                    }
                }
            }
            push(t);
        }
        for i in doc
            .get("interfaces")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(i) = i.as_table() else { continue };
            let mut t = i.clone();
            if let Some(Value::Array(from)) = t.get_mut("from") {
                for f in from.iter_mut() {
                    if let Value::String(s) = f {
                        // `from` is a regex; the domain's path is literal.
                        *s = if s == "<domain_root>" {
                            regex::escape(&domain)
                        } else {
                            format!("{}\\.{s}", regex::escape(&domain))
                        };
                    }
                }
            } else {
                // No `from`: the domain's interfaces are its own.
                t.insert(
                    "from".into(),
                    Value::Array(vec![Value::String(format!(
                        "{}(\\..*)?",
                        regex::escape(&domain)
                    ))]),
                );
            }
            interfaces.push(t);
        }
        read.push(rel);
    }
    Ok((modules, interfaces, read))
}
