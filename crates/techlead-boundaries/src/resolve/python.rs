//! Python, with grimp's semantics (the engine of import-linter), so that
//! the graphs agree:
//! - every `.py` file under a source root is a module named by its path
//!   (`pkg/__init__.py` is `pkg`); folders without `__init__.py` are
//!   namespace packages and need nothing special;
//! - an imported name resolves to that module if it exists, else to its
//!   parent (`from a.b import C`, where `C` is an object in `a.b`);
//! - relative imports count dots from the importing module's package.

use super::{Target, Tree};
use crate::config::BoundariesConfig;
use crate::walk::SourceFile;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use techlead_lang::{Import, Language};

pub struct Resolver {
    /// Dotted module name -> file.
    modules: HashMap<String, Arc<str>>,
    /// File -> its dotted module name.
    names: HashMap<String, String>,
}

impl Resolver {
    pub fn new(tree: &Tree, config: &BoundariesConfig) -> Self {
        let roots: Vec<String> = match &config.python.roots {
            Some(r) => r
                .iter()
                .map(|s| s.trim_matches('/').trim_start_matches("./").to_string())
                .map(|s| if s == "." { String::new() } else { s })
                .collect(),
            None => {
                let mut r = vec![String::new()];
                if tree
                    .dirs
                    .keys()
                    .any(|d| *d == "src" || d.starts_with("src/"))
                {
                    r.push("src".to_string());
                }
                r
            }
        };
        let mut modules = HashMap::default();
        let mut names = HashMap::default();
        for f in tree.files.iter().filter(|f| f.language == Language::Python) {
            // The deepest root that holds the file names it.
            let Some(root) = roots
                .iter()
                .filter(|r| r.is_empty() || f.path.starts_with(&format!("{r}/")))
                .max_by_key(|r| r.len())
            else {
                continue;
            };
            let rel = if root.is_empty() {
                f.path.as_str()
            } else {
                &f.path[root.len() + 1..]
            };
            let Some(name) = module_name(rel) else {
                continue;
            };
            // `a.py` wins over `a/__init__.py`'s twin only if both exist;
            // Python itself prefers the package.
            let path = tree
                .file(&f.path)
                .unwrap_or_else(|| Arc::from(f.path.as_str()));
            if rel.ends_with("__init__.py") || rel.ends_with("__init__.pyi") {
                modules.insert(name.clone(), path);
            } else {
                modules.entry(name.clone()).or_insert(path);
            }
            names.insert(f.path.clone(), name);
        }
        Resolver { modules, names }
    }

    pub fn resolve(&self, file: &SourceFile, imp: &Import) -> Target {
        let dots = imp.module.bytes().take_while(|&b| b == b'.').count();
        // Most imports are absolute: borrow, do not copy.
        let absolute: std::borrow::Cow<str> = if dots == 0 {
            std::borrow::Cow::Borrowed(imp.module.as_str())
        } else {
            let Some(own) = self.names.get(&file.path) else {
                return Target::Unknown;
            };
            let is_package =
                file.path.ends_with("__init__.py") || file.path.ends_with("__init__.pyi");
            // The package of the importing module, then one level up per
            // further dot.
            let mut base: Vec<&str> = own.split('.').collect();
            if !is_package {
                base.pop();
            }
            for _ in 1..dots {
                if base.pop().is_none() {
                    return Target::Unknown;
                }
            }
            let rest = &imp.module[dots..];
            let mut s = base.join(".");
            if !rest.is_empty() {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(rest);
            }
            if s.is_empty() {
                return Target::Unknown;
            }
            std::borrow::Cow::Owned(s)
        };
        let mut files = Vec::new();
        if imp.names.is_empty() || imp.names.iter().any(|n| n == "*") {
            if let Some(f) = self.internal(&absolute) {
                files.push(f);
            }
        } else {
            // One buffer for every `module.name` candidate.
            let mut candidate = String::with_capacity(absolute.len() + 32);
            candidate.push_str(&absolute);
            candidate.push('.');
            let base = candidate.len();
            for name in &imp.names {
                candidate.truncate(base);
                candidate.push_str(name);
                if let Some(f) = self.modules.get(candidate.as_str()) {
                    files.push(f.clone());
                } else if let Some(f) = self.modules.get(&*absolute) {
                    files.push(f.clone());
                }
            }
        }
        if !files.is_empty() {
            if files.len() > 1 {
                files.sort();
                files.dedup();
            }
            return Target::Files(files);
        }
        if dots > 0 {
            return Target::Unknown;
        }
        let top = absolute.split('.').next().unwrap_or_default();
        if self.modules.contains_key(top) || top.is_empty() {
            // Inside an internal package, but no such module.
            Target::Unknown
        } else {
            Target::External(top.to_string())
        }
    }

    /// The module itself, else its parent (an object inside a module).
    fn internal(&self, module: &str) -> Option<Arc<str>> {
        if let Some(f) = self.modules.get(module) {
            return Some(f.clone());
        }
        let parent = &module[..module.rfind('.')?];
        self.modules.get(parent).cloned()
    }
}

/// `a/b/c.py` -> `a.b.c`; `a/b/__init__.py` -> `a.b`. None for names that
/// are not importable (`setup.py` at a root is still `setup`).
fn module_name(rel: &str) -> Option<String> {
    let stem = rel
        .strip_suffix(".py")
        .or_else(|| rel.strip_suffix(".pyi"))?;
    let stem = stem
        .strip_suffix("/__init__")
        .unwrap_or(if stem == "__init__" { "" } else { stem });
    if stem.is_empty() || stem.split('/').any(|p| p.contains('.') || p.contains('-')) {
        return None;
    }
    Some(stem.replace('/', "."))
}

#[cfg(test)]
mod tests {
    #[test]
    fn module_names() {
        assert_eq!(super::module_name("a/b/c.py").as_deref(), Some("a.b.c"));
        assert_eq!(
            super::module_name("a/b/__init__.py").as_deref(),
            Some("a.b")
        );
        assert_eq!(super::module_name("__init__.py"), None);
        assert_eq!(super::module_name("my-scripts/x.py"), None);
    }
}
