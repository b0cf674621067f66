//! Go: an import path under a module's path (from its go.mod) is the
//! package folder below that module; other paths are external. Standard
//! library packages (no dot in the first element) are left out.

use super::{Target, Tree, join, parent};
use crate::Warning;
use techlead_lang::Import;
use techlead_project::gomod::GoMod;

pub struct Resolver<'t, 'w> {
    tree: &'t Tree<'w>,
    /// (module path, folder), longest module path first.
    modules: Vec<(String, String)>,
}

impl<'t, 'w> Resolver<'t, 'w> {
    pub fn new(tree: &'t Tree<'w>, warnings: &mut Vec<Warning>) -> Self {
        let mut modules = Vec::new();
        for manifest in tree.manifests_named("go.mod") {
            let Some(text) = tree.read(manifest, warnings) else {
                continue;
            };
            match GoMod::parse(&text) {
                Ok(GoMod {
                    module: Some(m), ..
                }) => modules.push((m, parent(manifest).to_string())),
                Ok(_) => warnings.push(Warning {
                    path: manifest.to_string(),
                    line: None,
                    message: "no `module` line".into(),
                }),
                Err(e) => warnings.push(Warning {
                    path: manifest.to_string(),
                    line: Some(e.line),
                    message: format!("cannot parse: {}", e.message),
                }),
            }
        }
        modules.sort_by_key(|(m, _)| std::cmp::Reverse(m.len()));
        Resolver { tree, modules }
    }

    pub fn resolve(&self, imp: &Import) -> Target {
        let path = imp.module.as_str();
        for (module, dir) in &self.modules {
            let rest = if path == module {
                ""
            } else if let Some(r) = path
                .strip_prefix(module.as_str())
                .and_then(|r| r.strip_prefix('/'))
            {
                r
            } else {
                continue;
            };
            return match join(dir, rest) {
                Some(d) => match self.tree.dirs.get(d.as_str()) {
                    Some(dir) => Target::Files(vec![dir.clone()]),
                    None => Target::Unknown,
                },
                None => Target::Unknown,
            };
        }
        let first = path.split('/').next().unwrap_or_default();
        if first.contains('.') {
            Target::External(path.to_string())
        } else {
            Target::Unknown
        }
    }
}
