//! Python module names (`shop.orders`, `libs.**`) as the paths techlead
//! modules use, under the source roots of the imported config; and which
//! proposed module owns a path, as `check` will decide it (the first whose
//! paths match).

use super::ProposedModule;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// The scanned files and the source roots (`""` for the project root).
pub struct PyTree<'a> {
    files: &'a [String],
    pub roots: Vec<String>,
}

impl<'a> PyTree<'a> {
    pub fn new(files: &'a [String], roots: &[String]) -> Self {
        let roots = if roots.is_empty() {
            vec![String::new()]
        } else {
            roots
                .iter()
                .map(|r| {
                    let r = r.trim_start_matches("./").trim_end_matches('/');
                    if r == "." {
                        String::new()
                    } else {
                        r.to_string()
                    }
                })
                .collect()
        };
        PyTree { files, roots }
    }

    fn join(root: &str, rel: &str) -> String {
        if root.is_empty() {
            rel.to_string()
        } else {
            format!("{root}/{rel}")
        }
    }

    fn has_file(&self, path: &str) -> bool {
        self.files
            .binary_search_by(|f| f.as_str().cmp(path))
            .is_ok()
    }

    fn has_dir(&self, dir: &str) -> bool {
        let prefix = format!("{dir}/");
        let i = self.files.partition_point(|f| f.as_str() < prefix.as_str());
        self.files.get(i).is_some_and(|f| f.starts_with(&prefix))
    }

    /// The paths of module `dotted`: its package folder and/or its `.py`
    /// file, under the first root that has either. None when no root has
    /// it. Wildcards (`*` one name, `**` any depth) become globs.
    pub fn paths(&self, dotted: &str) -> Option<Vec<String>> {
        let rel = dotted.replace('.', "/");
        if dotted.contains('*') {
            // `a.*` is every child of `a`: the child itself and below it.
            return Some(
                self.roots
                    .iter()
                    .flat_map(|r| {
                        let g = Self::join(r, &rel);
                        let deep = if g.ends_with("**") {
                            None
                        } else {
                            Some(format!("{g}/**"))
                        };
                        [Some(g.clone()), deep, Some(format!("{g}.py"))]
                    })
                    .flatten()
                    .collect(),
            );
        }
        for r in &self.roots {
            let base = Self::join(r, &rel);
            let mut out = Vec::new();
            if self.has_dir(&base) {
                out.push(base.clone());
            }
            // A stub stands for a compiled extension module.
            for file in [format!("{base}.py"), format!("{base}.pyi")] {
                if self.has_file(&file) {
                    out.push(file);
                    break;
                }
            }
            if !out.is_empty() {
                return Some(out);
            }
        }
        None
    }

    /// The files of module `dotted` itself, without its submodules (its
    /// `.py` file or stub, or its package's `__init__.py`), under the
    /// first root that has it; with wildcards (`*` one name, `**` any
    /// depth), globs under each root that has the fixed part. None when
    /// no root has it (a package outside the tree).
    pub fn module_files(&self, dotted: &str) -> Option<Vec<String>> {
        let rel = dotted.replace('.', "/");
        if dotted.contains('*') {
            let fixed: Vec<&str> = dotted.split('.').take_while(|p| !p.contains('*')).collect();
            let out: Vec<String> = self
                .roots
                .iter()
                .filter(|r| fixed.is_empty() || self.has_dir(&Self::join(r, &fixed.join("/"))))
                .flat_map(|r| {
                    let g = Self::join(r, &rel);
                    match g.strip_suffix("/**") {
                        // `a.**`: every module below `a` (and `a`'s own
                        // `__init__.py`, which one glob cannot leave out:
                        // an ignore reaches one module further than
                        // import-linter's).
                        Some(base) => vec![format!("{base}/**/*.py")],
                        None => vec![format!("{g}.py"), format!("{g}/__init__.py")],
                    }
                })
                .collect();
            return (!out.is_empty()).then_some(out);
        }
        self.roots.iter().find_map(|r| {
            let base = Self::join(r, &rel);
            [
                format!("{base}.py"),
                format!("{base}.pyi"),
                format!("{base}/__init__.py"),
            ]
            .into_iter()
            .find(|f| self.has_file(f))
            .map(|f| vec![f])
        })
    }

    /// The modules (packages and files, at any level) whose dotted names
    /// match `pattern` (`*` one name, `**` any), sorted.
    pub fn expand(&self, pattern: &str) -> Vec<String> {
        let re = glob_regex(pattern);
        let mut out = std::collections::BTreeSet::new();
        for r in &self.roots {
            let prefix = if r.is_empty() {
                String::new()
            } else {
                format!("{r}/")
            };
            for f in self
                .files
                .iter()
                .filter_map(|f| f.strip_prefix(prefix.as_str()))
            {
                let Some(stem) = f.strip_suffix(".py") else {
                    continue;
                };
                let parts: Vec<&str> = stem.split('/').filter(|p| *p != "__init__").collect();
                for n in 1..=parts.len() {
                    let name = parts[..n].join(".");
                    if re.is_match(&name) {
                        out.insert(name);
                    }
                }
            }
        }
        out.into_iter().collect()
    }

    /// The dotted module of folder `dir` under one of the roots.
    pub fn module_of_dir(&self, dir: &str) -> Option<String> {
        self.roots.iter().find_map(|r| {
            let rel = if r.is_empty() {
                dir
            } else {
                dir.strip_prefix(r.as_str())?.strip_prefix('/')?
            };
            (!rel.is_empty()).then(|| rel.replace('/', "."))
        })
    }

    /// A path inside module `dotted` (a glob's fixed part), for asking
    /// which proposed module owns it.
    pub fn probe(&self, dotted: &str) -> String {
        let fixed: Vec<&str> = dotted.split('.').take_while(|p| !p.contains('*')).collect();
        let rel = fixed.join("/");
        for r in &self.roots {
            let base = Self::join(r, &rel);
            if self.has_file(&format!("{base}.py")) {
                return format!("{base}.py");
            }
            if self.has_dir(&base) {
                return format!("{base}/__init__.py");
            }
        }
        format!("{}/__init__.py", Self::join(&self.roots[0], &rel))
    }
}

/// A module glob (`libs.**`, `a.*.b`) as a regex over dotted names.
pub fn glob_regex(pattern: &str) -> regex::Regex {
    let mut re = String::from("^");
    for (i, part) in pattern.split('.').enumerate() {
        if i > 0 {
            re.push_str(r"\.");
        }
        match part {
            // `a.**` is `a` and everything below it.
            "**" if i > 0 => {
                re.truncate(re.len() - 2);
                re.push_str(r"(\..+)?");
            }
            "**" => re.push_str(".+"),
            "*" => re.push_str(r"[^.]+"),
            p => re.push_str(&regex::escape(p)),
        }
    }
    re.push('$');
    regex::Regex::new(&re).unwrap_or_else(|_| regex::Regex::new("^$").expect("valid"))
}

/// Which proposed module owns a path: the first whose paths match it, as
/// `check` assigns files.
pub struct Owners {
    set: GlobSet,
    owner: Vec<usize>,
}

impl Owners {
    pub fn new(modules: &[ProposedModule]) -> Owners {
        let mut b = GlobSetBuilder::new();
        let mut owner = Vec::new();
        for (i, m) in modules.iter().enumerate() {
            for p in &m.paths {
                let literal = !p.contains(['*', '?', '[', '{']);
                let mut add = |pat: &str| {
                    if let Ok(g) = GlobBuilder::new(pat).literal_separator(true).build() {
                        b.add(g);
                        owner.push(i);
                    }
                };
                add(p);
                if literal {
                    add(&format!("{p}/**"));
                }
            }
        }
        Owners {
            set: b.build().unwrap_or_else(|_| GlobSet::empty()),
            owner,
        }
    }

    pub fn of(&self, path: &str) -> Option<usize> {
        self.set
            .matches(path)
            .into_iter()
            .map(|g| self.owner[g])
            .min()
    }
}

/// Orders modules so that a module nested in another comes first (the
/// first match owns a file), glob modules last; otherwise by name.
pub fn nested_first(modules: &mut [ProposedModule]) {
    let key = |m: &ProposedModule| {
        let glob = m.paths.iter().any(|p| p.contains('*'));
        let first = m.paths.first().cloned().unwrap_or_default();
        // `\u{10FFFF}` after a path sorts it after every path below it.
        (glob, format!("{}\u{10FFFF}", first.trim_end_matches(".py")))
    };
    modules.sort_by_key(key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_own_files_leave_its_submodules_out() {
        let files: Vec<String> = [
            "src/shop/__init__.py",
            "src/shop/orders/__init__.py",
            "src/shop/orders/api.py",
            "src/shop/stubs.pyi",
        ]
        .map(String::from)
        .to_vec();
        let t = PyTree::new(&files, &["src".to_string(), ".".to_string()]);
        let one = |f: &str| Some(vec![f.to_string()]);
        assert_eq!(
            t.module_files("shop.orders"),
            one("src/shop/orders/__init__.py")
        );
        assert_eq!(
            t.module_files("shop.orders.api"),
            one("src/shop/orders/api.py")
        );
        assert_eq!(t.module_files("shop.stubs"), one("src/shop/stubs.pyi"));
        assert_eq!(t.module_files("requests"), None);
        assert_eq!(
            t.module_files("shop.*.api"),
            Some(vec![
                "src/shop/*/api.py".to_string(),
                "src/shop/*/api/__init__.py".to_string()
            ])
        );
        assert_eq!(
            t.module_files("shop.**"),
            Some(vec!["src/shop/**/*.py".to_string()])
        );
        assert_eq!(t.module_files("other.*"), None);
    }

    #[test]
    fn dotted_names_to_paths() {
        let files: Vec<String> = [
            "python/tach/__init__.py",
            "python/tach/cli.py",
            "python/tach/parsing/__init__.py",
            "python/tach/parsing/config.py",
        ]
        .map(String::from)
        .to_vec();
        let t = PyTree::new(&files, &["python".to_string()]);
        assert_eq!(
            t.paths("tach.cli"),
            Some(vec!["python/tach/cli.py".to_string()])
        );
        assert_eq!(
            t.paths("tach.parsing"),
            Some(vec!["python/tach/parsing".to_string()])
        );
        assert_eq!(t.paths("tach.nope"), None);
        assert_eq!(
            t.paths("tach.*"),
            Some(vec![
                "python/tach/*".to_string(),
                "python/tach/*/**".to_string(),
                "python/tach/*.py".to_string()
            ])
        );
        assert_eq!(
            t.probe("tach.parsing.**"),
            "python/tach/parsing/__init__.py"
        );
        assert_eq!(t.expand("*"), ["tach"]);
        assert_eq!(t.expand("tach.*"), ["tach.cli", "tach.parsing"]);
        assert_eq!(
            t.expand("tach.**"),
            ["tach", "tach.cli", "tach.parsing", "tach.parsing.config"]
        );
        assert!(glob_regex("a.*.b").is_match("a.x.b") && !glob_regex("a.*.b").is_match("a.x.y.b"));
        assert_eq!(t.probe("tach.cli"), "python/tach/cli.py");
        let mut mods: Vec<ProposedModule> = ["tach", "tach.parsing", "*", "tach.cli"]
            .iter()
            .map(|n| ProposedModule {
                name: n.to_string(),
                paths: t.paths(n).unwrap_or_else(|| vec![t.probe(n)]),
                ..Default::default()
            })
            .collect();
        mods[0].paths = vec!["python/tach".into()];
        nested_first(&mut mods);
        let names: Vec<&str> = mods.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["tach.cli", "tach.parsing", "tach", "*"]);
        let owners = Owners::new(&mods);
        assert_eq!(owners.of("python/tach/parsing/config.py"), Some(1));
        assert_eq!(owners.of("python/tach/show.py"), Some(2));
    }
}
