//! Java: a class is its file's declared package plus the file name, so
//! source roots need no configuration. `import a.b.C` is C's file (or the
//! outer class's file for a nested class), `import a.b.*` every class of
//! package `a.b` in the tree, and anything else an external package.
//!
//! A multi-project build has one package in many projects, and sometimes
//! one class twice (guava's `guava/` and `android/guava/`). A class is
//! then the copy nearest the importer (the longest shared folder path, then the shortest path),
//! and another project's tests (`src/test/java`) are never on the
//! importer's class path: mockito-core's `import org.mockito.*` is not a
//! use of the `org.mockito` tests of `mockito-integration-tests`.

use super::{Target, Tree};
use crate::test_code::is_test_path;
use crate::walk::SourceFile;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use techlead_lang::{Import, Language};

pub struct Resolver {
    /// Fully qualified class name -> its files (usually one).
    classes: HashMap<String, Vec<Arc<str>>>,
    /// Package -> the simple names of its classes.
    packages: HashMap<String, Vec<String>>,
}

impl Resolver {
    pub fn new(tree: &Tree) -> Self {
        let mut classes: HashMap<String, Vec<Arc<str>>> = HashMap::default();
        let mut packages: HashMap<String, Vec<String>> = HashMap::default();
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
            let copies = classes.entry(fq).or_default();
            if copies.is_empty() {
                packages.entry(pkg).or_default().push(stem.to_string());
            }
            copies.push(path);
        }
        Resolver { classes, packages }
    }

    pub fn resolve(&self, from: &SourceFile, imp: &Import) -> Target {
        let name = imp.module.as_str();
        if let Some(pkg) = name.strip_suffix(".*") {
            if let Some(stems) = self.packages.get(pkg) {
                let files: Vec<Arc<str>> = stems
                    .iter()
                    .filter_map(|s| self.nearest(&from.path, &format!("{pkg}.{s}"), true))
                    .collect();
                if !files.is_empty() {
                    return Target::Files(files);
                }
                return Target::Unknown;
            }
            // `import a.b.Outer.*`: the nested classes of a class.
            if let Some(f) = self.class(&from.path, pkg) {
                return Target::Files(vec![f]);
            }
            return Target::External(pkg.to_string());
        }
        if let Some(f) = self.class(&from.path, name) {
            return Target::Files(vec![f]);
        }
        match name.rfind('.') {
            Some(i) if self.packages.contains_key(&name[..i]) => Target::Unknown,
            Some(i) => Target::External(name[..i].to_string()),
            None => Target::Unknown,
        }
    }

    /// The class or, for nested classes, the outermost class in the tree.
    fn class(&self, from: &str, name: &str) -> Option<Arc<str>> {
        let mut n = name;
        loop {
            if let Some(f) = self.nearest(from, n, false) {
                return Some(f);
            }
            n = &n[..n.rfind('.')?];
        }
    }

    /// The copy of a class nearest `from`, among those on its class path.
    /// When every copy is another project's test, a named class still
    /// resolves to the nearest (the import says it is in the tree); a
    /// wildcard's class does not.
    fn nearest(&self, from: &str, class: &str, wildcard: bool) -> Option<Arc<str>> {
        let copies = self.classes.get(class)?;
        let visible = copies.iter().filter(|c| on_class_path(from, c));
        // Ties go to the shorter path: guava's `guava/` over `android/guava/`.
        let near = |c: &&Arc<str>| (shared_prefix(from, c), std::cmp::Reverse(c.len()));
        match visible.max_by_key(near) {
            Some(c) => Some(c.clone()),
            None if wildcard => None,
            None => copies.iter().max_by_key(near).cloned(),
        }
    }
}

/// A test class is on the class path of its own project only: the folder
/// before its `src/` (`mockito-integration-tests/programmatic-tests`).
fn on_class_path(from: &str, class: &str) -> bool {
    !is_test_path(class) || project(from) == project(class)
}

fn project(path: &str) -> &str {
    if path.starts_with("src/") {
        return "";
    }
    match path.find("/src/") {
        Some(i) => &path[..i],
        None => super::parent(path),
    }
}

/// The number of leading folders two paths share.
fn shared_prefix(a: &str, b: &str) -> usize {
    a.split('/')
        .zip(b.split('/'))
        .take_while(|(x, y)| x == y)
        .count()
}
