//! Rust: `crate::`, `self::`, `super::`, child modules named without a
//! prefix (2018 uniform paths), other workspace crates by name (`-` as
//! `_`), and `mod` declarations to `foo.rs` / `foo/mod.rs` / `#[path]`.
//! A path resolves to the file of its longest prefix that is a module;
//! the rest names items inside it.

use super::{Target, Tree, file_name, join, parent};
use crate::Warning;
use crate::walk::SourceFile;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use techlead_lang::{Import, ImportKind, Language};
use techlead_project::cargo::CargoManifest;

struct Crate {
    /// The package name as Cargo.toml writes it.
    name: String,
    /// The folder holding Cargo.toml ("" at the root).
    dir: String,
    /// The library root file, if the crate has one.
    lib: Option<String>,
    /// Dependency names as code writes them (`-` as `_`, renames applied).
    deps: HashSet<String>,
}

pub struct Resolver<'t, 'w> {
    tree: &'t Tree<'w>,
    crates: Vec<Crate>,
    /// Crate name as code writes it -> index into `crates`.
    by_name: HashMap<String, usize>,
    /// `#[path]` modules: "module folder/name" -> the file it names, so
    /// that paths through such a module find it.
    path_mods: HashMap<String, String>,
}

impl<'t, 'w> Resolver<'t, 'w> {
    pub fn new(tree: &'t Tree<'w>, warnings: &mut Vec<Warning>) -> Self {
        let mut crates = Vec::new();
        let mut by_name = HashMap::default();
        for manifest in tree.manifests_named("Cargo.toml") {
            let Some(text) = tree.read(manifest, warnings) else {
                continue;
            };
            let m = match CargoManifest::parse(&text) {
                Ok(m) => m,
                Err(e) => {
                    warnings.push(Warning {
                        path: manifest.to_string(),
                        line: Some(e.line),
                        message: format!("cannot parse: {}", cargo_message(&e.message)),
                    });
                    continue;
                }
            };
            let Some(name) = m.package.as_deref() else {
                continue;
            };
            let dir = parent(manifest).to_string();
            let lib_path = m.lib_path.as_deref().unwrap_or("src/lib.rs");
            let lib = join(&dir, lib_path).filter(|p| tree.has(p));
            let lib_name = m.lib_name.as_deref().unwrap_or(name).replace('-', "_");
            // The key is the name code uses, also for
            // `name = { package = "real-name" }`.
            let deps: HashSet<String> = m.dependencies.iter().map(|d| d.code_name()).collect();
            by_name.insert(lib_name, crates.len());
            crates.push(Crate {
                name: name.to_string(),
                dir,
                lib,
                deps,
            });
        }
        let mut path_mods = HashMap::default();
        for f in tree.files.iter().filter(|f| f.language == Language::Rust) {
            for imp in &f.scan.imports {
                if let (ImportKind::ModDecl, Some(attr)) = (imp.kind, &imp.path_attr)
                    && let Some(target) = join(parent(&f.path), attr)
                {
                    let key = format!("{}/{}", module_dir(&f.path), imp.module.replace("::", "/"));
                    path_mods.insert(key, target);
                }
            }
        }
        Resolver {
            tree,
            crates,
            by_name,
            path_mods,
        }
    }

    /// Each crate's package name and folder.
    pub fn packages(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.crates.iter().map(|c| (c.name.clone(), c.dir.clone()))
    }

    /// The crate a file belongs to: the deepest crate folder above it.
    fn crate_of(&self, path: &str) -> Option<&Crate> {
        self.crates
            .iter()
            .filter(|c| c.dir.is_empty() || path.starts_with(&format!("{}/", c.dir)))
            .max_by_key(|c| c.dir.len())
    }

    pub fn resolve(&self, file: &SourceFile, imp: &Import) -> Target {
        if imp.kind == ImportKind::ModDecl {
            return self.mod_decl(&file.path, imp);
        }
        let segs: Vec<&str> = imp.module.split("::").collect();
        let here = module_dir(&file.path);
        let krate = self.crate_of(&file.path);
        match segs[0] {
            "crate" => {
                let root = self.root_file(&file.path, krate);
                self.walk_from(&root, &segs[1..])
            }
            "self" => self.walk_from(&file.path, &segs[1..]),
            "super" => {
                let supers = segs.iter().take_while(|s| **s == "super").count();
                let mut file_now = file.path.clone();
                for _ in 0..supers {
                    match self.parent_module(&file_now, krate) {
                        Some(p) => file_now = p,
                        None => return Target::Unknown,
                    }
                }
                self.walk_from(&file_now, &segs[supers..])
            }
            first => {
                // A child module of this one (uniform paths).
                if self.child(&here, first).is_some() {
                    return self.walk_from(&file.path, &segs);
                }
                if let Some(&i) = self.by_name.get(first) {
                    return match &self.crates[i].lib {
                        Some(lib) => self.walk_from(lib, &segs[1..]),
                        None => Target::Unknown,
                    };
                }
                // External only when the crate declares it: a path such
                // as `config::load()` may name an item brought in by `use`.
                if krate.is_some_and(|c| c.deps.contains(first)) {
                    return Target::External(first.to_string());
                }
                Target::Unknown
            }
        }
    }

    /// `mod foo;` in a file: `#[path]` relative to the file's folder, else
    /// `foo.rs` or `foo/mod.rs` in the module's folder.
    fn mod_decl(&self, path: &str, imp: &Import) -> Target {
        if let Some(attr) = &imp.path_attr {
            return match join(parent(path), attr) {
                Some(p) if self.tree.has(&p) => self.tree.target(p),
                _ => Target::Unknown,
            };
        }
        let mut dir = module_dir(path);
        let segs: Vec<&str> = imp.module.split("::").collect();
        for seg in &segs[..segs.len() - 1] {
            dir = format!("{dir}/{seg}");
        }
        match self.child(&dir, segs[segs.len() - 1]) {
            Some(f) => self.tree.target(f),
            None => Target::Unknown,
        }
    }

    /// From a module's file, follow `segs` down through child modules as
    /// far as they exist; the deepest one found is the target.
    fn walk_from(&self, file: &str, segs: &[&str]) -> Target {
        let mut current = file.to_string();
        for seg in segs {
            if *seg == "*" || *seg == "self" {
                break;
            }
            match self.child(&module_dir(&current), seg) {
                Some(f) => current = f,
                None => break,
            }
        }
        self.tree.target(current)
    }

    /// The file of child module `name` of the module whose folder is
    /// `dir`: `dir/name.rs` or `dir/name/mod.rs`.
    fn child(&self, dir: &str, name: &str) -> Option<String> {
        let base = if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        };
        if let Some(target) = self.path_mods.get(&base)
            && self.tree.has(target)
        {
            return Some(target.clone());
        }
        let flat = format!("{base}.rs");
        if self.tree.has(&flat) {
            return Some(flat);
        }
        let nested = format!("{base}/mod.rs");
        self.tree.has(&nested).then_some(nested)
    }

    /// The crate root for `crate::` paths in `path`: `main.rs` for itself,
    /// the lib root for other files under `src/`, else the nearest
    /// `main.rs`/`lib.rs` above (integration tests with submodules), else
    /// the file itself.
    fn root_file(&self, path: &str, krate: Option<&Crate>) -> String {
        let name = file_name(path);
        if name == "main.rs" || name == "lib.rs" {
            return path.to_string();
        }
        if let Some(c) = krate {
            let src = if c.dir.is_empty() {
                "src/".to_string()
            } else {
                format!("{}/src/", c.dir)
            };
            if path.starts_with(&src)
                && !path[src.len()..].starts_with("bin/")
                && let Some(lib) = &c.lib
            {
                return lib.clone();
            }
        }
        let mut dir = parent(path);
        loop {
            for root in ["main.rs", "lib.rs"] {
                let candidate = if dir.is_empty() {
                    root.to_string()
                } else {
                    format!("{dir}/{root}")
                };
                if self.tree.has(&candidate) {
                    return candidate;
                }
            }
            if dir.is_empty() || krate.is_some_and(|c| c.dir == dir) {
                return path.to_string();
            }
            dir = parent(dir);
        }
    }

    /// The file of the parent module, or None at a crate root.
    fn parent_module(&self, path: &str, krate: Option<&Crate>) -> Option<String> {
        let name = file_name(path);
        if name == "main.rs" || name == "lib.rs" {
            return None;
        }
        // `a/b.rs` and `a/b/mod.rs` are both children of module folder `a`.
        let own_dir = if name == "mod.rs" {
            parent(path)
        } else {
            &path[..path.len() - 3]
        };
        let parent_dir = parent(own_dir);
        let root = self.root_file(path, krate);
        if parent(&root) == parent_dir {
            return Some(root);
        }
        let flat = format!("{parent_dir}.rs");
        if self.tree.has(&flat) {
            return Some(flat);
        }
        let nested = format!("{parent_dir}/mod.rs");
        self.tree.has(&nested).then_some(nested)
    }
}

/// The folder that holds a module's children: the file's own folder for
/// `lib.rs`, `main.rs` and `mod.rs`, else `a/b` for `a/b.rs`.
fn module_dir(path: &str) -> String {
    match file_name(path) {
        "lib.rs" | "main.rs" | "mod.rs" => parent(path).to_string(),
        _ => path.strip_suffix(".rs").unwrap_or(path).to_string(),
    }
}

/// The reader's message without its `not a Cargo.toml: ` prefix, as
/// boundaries has always worded it.
fn cargo_message(message: &str) -> &str {
    message
        .strip_prefix("not a Cargo.toml: ")
        .unwrap_or(message)
}
