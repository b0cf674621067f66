//! Java: a class is its file's declared package plus the file name, so
//! source roots need no configuration. `import a.b.C` is C's file (or the
//! outer class's file for a nested class), `import a.b.*` every class of
//! package `a.b` in the tree, and anything else an external package.

use super::{Target, Tree};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use techlead_lang::{Import, Language};

pub struct Resolver {
    /// Fully qualified class name -> file.
    classes: HashMap<String, Arc<str>>,
    /// Package -> its files.
    packages: HashMap<String, Vec<Arc<str>>>,
}

impl Resolver {
    pub fn new(tree: &Tree) -> Self {
        let mut classes = HashMap::default();
        let mut packages: HashMap<String, Vec<Arc<str>>> = HashMap::default();
        for f in tree.files.iter().filter(|f| f.language == Language::Java) {
            let stem = super::file_name(&f.path).trim_end_matches(".java");
            let pkg = f.scan.package.clone().unwrap_or_default();
            let fq = if pkg.is_empty() {
                stem.to_string()
            } else {
                format!("{pkg}.{stem}")
            };
            let path = tree
                .file(&f.path)
                .unwrap_or_else(|| Arc::from(f.path.as_str()));
            classes.insert(fq, path.clone());
            packages.entry(pkg).or_default().push(path);
        }
        Resolver { classes, packages }
    }

    pub fn resolve(&self, imp: &Import) -> Target {
        let name = imp.module.as_str();
        if let Some(pkg) = name.strip_suffix(".*") {
            if let Some(files) = self.packages.get(pkg) {
                return Target::Files(files.clone());
            }
            // `import a.b.Outer.*`: the nested classes of a class.
            if let Some(f) = self.class(pkg) {
                return Target::Files(vec![f]);
            }
            return Target::External(pkg.to_string());
        }
        if let Some(f) = self.class(name) {
            return Target::Files(vec![f]);
        }
        match name.rfind('.') {
            Some(i) if self.packages.contains_key(&name[..i]) => Target::Unknown,
            Some(i) => Target::External(name[..i].to_string()),
            None => Target::Unknown,
        }
    }

    /// The class or, for nested classes, the outermost class in the tree.
    fn class(&self, name: &str) -> Option<Arc<str>> {
        let mut n = name;
        loop {
            if let Some(f) = self.classes.get(n) {
                return Some(f.clone());
            }
            n = &n[..n.rfind('.')?];
        }
    }
}
