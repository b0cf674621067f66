//! The declared modules, compiled: which module a file belongs to, and
//! each module's rules in a form quick to ask.

use crate::config::BoundariesConfig;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;

pub struct Module {
    pub name: String,
    /// Index into the layers, 0 the highest.
    pub layer: Option<usize>,
    pub depends_on: Option<Vec<String>>,
    pub cannot_depend_on: Vec<String>,
    /// Packages outside the tree it may not import.
    pub cannot_import: Vec<String>,
    pub interface: Option<GlobSet>,
    pub visible_to: Option<Vec<String>>,
    pub utility: bool,
    pub unchecked: bool,
}

pub struct Layer {
    pub name: String,
    pub closed: bool,
}

pub struct Modules {
    pub modules: Vec<Module>,
    pub layers: Vec<Layer>,
    /// Every module's path globs in one set, so a file is matched once
    /// rather than once per module; `owner` maps a glob to its module.
    matcher: GlobSet,
    owner: Vec<usize>,
    /// `[[boundaries.ignore_imports]]`, compiled.
    pub ignored: crate::ignored::IgnoredImports,
}

impl Modules {
    pub fn compile(loaded: &LoadedConfig, config: &BoundariesConfig) -> Result<Self, InputError> {
        let layers: Vec<Layer> = config
            .layers
            .iter()
            .map(|l| Layer {
                name: l.get_ref().name().to_string(),
                closed: l.get_ref().closed(),
            })
            .collect();
        let mut modules = Vec::new();
        let mut all = GlobSetBuilder::new();
        let mut owner = Vec::new();
        for m in &config.modules {
            let names =
                |v: &[toml::Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect();
            for g in glob_list(loaded, &m.paths, m.name.span().start)? {
                all.add(g);
                owner.push(modules.len());
            }
            let interface = if m.interface.is_empty() {
                None
            } else {
                Some(globs(loaded, &m.interface, m.name.span().start)?)
            };
            modules.push(Module {
                name: m.name.get_ref().clone(),
                layer: m
                    .layer
                    .as_ref()
                    .and_then(|l| layers.iter().position(|x| &x.name == l.get_ref())),
                depends_on: m.depends_on.as_deref().map(names),
                cannot_depend_on: names(&m.cannot_depend_on),
                cannot_import: m.cannot_import.clone(),
                interface,
                visible_to: m.visible_to.as_deref().map(names),
                utility: m.utility,
                unchecked: m.unchecked,
            });
        }
        let matcher = all
            .build()
            .map_err(|e| bad_glob(loaded, 0, e.to_string()))?;
        Ok(Modules {
            modules,
            layers,
            matcher,
            owner,
            ignored: crate::ignored::IgnoredImports::compile(loaded, config)?,
        })
    }

    /// The first declared module whose paths match the file.
    pub fn module_of(&self, path: &str) -> Option<usize> {
        self.matcher
            .matches(path)
            .into_iter()
            .map(|g| self.owner[g])
            .min()
    }

    /// For Go edges, which point at package folders: the folder itself or
    /// any file in it.
    pub fn module_of_target(&self, path: &str, is_dir: bool) -> Option<usize> {
        self.module_of(path).or_else(|| {
            if is_dir {
                self.module_of(&format!("{path}/_.go"))
            } else {
                None
            }
        })
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.modules.iter().position(|m| m.name == name)
    }
}

/// Globs relative to the root. A pattern without glob characters means
/// that path and everything below it. `*` stays within one folder.
pub fn globs(loaded: &LoadedConfig, patterns: &[String], at: usize) -> Result<GlobSet, InputError> {
    let mut b = GlobSetBuilder::new();
    for g in glob_list(loaded, patterns, at)? {
        b.add(g);
    }
    b.build().map_err(|e| bad_glob(loaded, at, e.to_string()))
}

fn glob_list(
    loaded: &LoadedConfig,
    patterns: &[String],
    at: usize,
) -> Result<Vec<Glob>, InputError> {
    let mut b = Vec::new();
    for p in patterns {
        let p = p.trim_start_matches("./").trim_end_matches('/');
        let literal = !p.contains(['*', '?', '[', '{']);
        let mut add = |pat: &str| -> Result<(), InputError> {
            let g: Glob = GlobBuilder::new(pat)
                .literal_separator(true)
                .build()
                .map_err(|e| bad_glob(loaded, at, e.to_string()))?;
            b.push(g);
            Ok(())
        };
        add(p)?;
        if literal {
            add(&format!("{p}/**"))?;
        }
    }
    Ok(b)
}

fn bad_glob(loaded: &LoadedConfig, at: usize, msg: String) -> InputError {
    let shown = loaded
        .path
        .as_deref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "techlead.toml".into());
    InputError::in_file(shown, format!("invalid glob: {msg}")).at(loaded.line_of(at) as usize, None)
}
