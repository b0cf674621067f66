//! `[boundaries]` in `techlead.toml`: modules, layers and the settings per
//! language. Names are spanned so that a module named in a rule but never
//! declared can be reported at its line.

use serde::Deserialize;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use techlead_core::suggest::did_you_mean;
use techlead_lang::ImportKind;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "boundaries";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoundariesConfig {
    /// Declared modules; a file belongs to the first module whose paths
    /// match it. Files in no module are not checked.
    #[serde(default)]
    pub modules: Vec<ModuleConfig>,
    /// Layers from high to low: a module may depend on its own layer and
    /// on lower ones.
    #[serde(default)]
    pub layers: Vec<Spanned<LayerConfig>>,
    /// Report dependency cycles between modules (default true).
    pub forbid_cycles: Option<bool>,
    /// Whether a `depends_on` list must name the modules of lower layers
    /// too (default true). `false`, as tach has it: a module in a layer
    /// uses lower layers without declaring them.
    pub declare_lower_layers: Option<bool>,
    /// Report declared dependencies that no import uses.
    #[serde(default)]
    pub strict: bool,
    /// Globs of files to leave out of the scan, on top of .gitignore.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Imports of these kinds are not checked (for example
    /// `["type-checking"]`).
    #[serde(default)]
    pub ignore_kinds: Vec<Spanned<String>>,
    /// How imports made by test code are judged (default `separate`).
    #[serde(default)]
    pub tests: TestsMode,
    /// Honour tach's `# tach-ignore` comments as suppressions (set by
    /// `boundaries init` when it imports a tach.toml).
    #[serde(default)]
    pub honour_tach_ignore: bool,
    /// Imports that no rule judges, named by the importing and the
    /// imported files (import-linter's `ignore_imports`; `init` writes
    /// them from its contracts).
    #[serde(default)]
    pub ignore_imports: Vec<Spanned<IgnoredImport>>,
    #[serde(default)]
    pub python: PythonConfig,
    #[serde(default)]
    pub typescript: TypeScriptConfig,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleConfig {
    pub name: Spanned<String>,
    /// Globs relative to the project root. A path without glob characters
    /// means that file or folder and everything below it.
    pub paths: Vec<String>,
    pub layer: Option<Spanned<String>>,
    /// Modules this one may import. Absent: any module (layers and
    /// `cannot_depend_on` still apply). Present: only these.
    pub depends_on: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub cannot_depend_on: Vec<Spanned<String>>,
    /// Packages outside the tree this module may not import, by the name
    /// `boundaries imports --external` shows (a crate, a Python top-level
    /// module, an npm package): import-linter's forbidden third-party
    /// modules.
    #[serde(default)]
    pub cannot_import: Vec<String>,
    /// The public files (globs); other modules importing any other file
    /// of this module bypass its interface. Empty: every file is public.
    #[serde(default)]
    pub interface: Vec<String>,
    /// Only these modules may import this one. Absent: every module.
    pub visible_to: Option<Vec<Spanned<String>>>,
    /// Any module may import a utility module without declaring it.
    #[serde(default)]
    pub utility: bool,
    /// This module's own imports are not checked.
    #[serde(default)]
    pub unchecked: bool,
}

/// One `[[boundaries.ignore_imports]]` entry: an import from a file that
/// `from` matches to a file that `to` matches is left out before any rule
/// (and out of `sync` and the graph). Globs as module `paths` have them:
/// a path without glob characters is that file or folder and everything
/// below it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoredImport {
    pub from: Vec<String>,
    #[serde(default)]
    pub to: Vec<String>,
    /// Packages outside the tree (as `cannot_import` names them) whose
    /// imports from `from` are ignored.
    #[serde(default)]
    pub packages: Vec<String>,
    /// Why the import is accepted; shown when the entry goes stale.
    pub reason: Option<String>,
}

/// `[boundaries] tests`: what the rules make of imports whose importing
/// file is a test (by its path, or a Rust `#[cfg(test)]` module).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TestsMode {
    /// Test code is judged like production code.
    Check,
    /// Test imports are not checked, not drawn, and not synced.
    Ignore,
    /// Production code is judged on its own imports (a cycle must exist
    /// without the tests); test imports are checked apart, each finding
    /// marked as test code and at most a warning.
    #[default]
    Separate,
}

/// A layer: a name, or a table with `closed = true`. A closed layer may
/// not be skipped: modules above it reach the layers below it only
/// through it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LayerConfig {
    Name(String),
    Table(LayerTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerTable {
    pub name: String,
    #[serde(default)]
    pub closed: bool,
}

impl LayerConfig {
    pub fn name(&self) -> &str {
        match self {
            LayerConfig::Name(n) => n,
            LayerConfig::Table(t) => &t.name,
        }
    }

    pub fn closed(&self) -> bool {
        matches!(self, LayerConfig::Table(t) if t.closed)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PythonConfig {
    /// Source roots, relative to the project root. Default: the root and
    /// `src/` when it exists.
    pub roots: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScriptConfig {
    /// tsconfig files to read `baseUrl` and `paths` from. Default: every
    /// `tsconfig.json` in the tree applies to the files below it.
    pub tsconfig: Option<Vec<String>>,
}

impl BoundariesConfig {
    /// Names in the section that point nowhere: a module in `depends_on`,
    /// `cannot_depend_on` or `visible_to` that no module declares, a layer
    /// that `layers` does not list, a module declared twice, an unknown
    /// import kind. Each is an input error at its line: a rule could be
    /// switched off, but a config that names what does not exist would
    /// silently check less than it says.
    pub fn validate(&self, file: &LoadedConfig) -> Vec<InputError> {
        let mut errors = Vec::new();
        let names: Vec<&str> = self
            .modules
            .iter()
            .map(|m| m.name.get_ref().as_str())
            .collect();
        let layers: Vec<&str> = self.layers.iter().map(|l| l.get_ref().name()).collect();
        let mut unknown =
            |what: &str, list: &[&str], s: &Spanned<String>, field: &str, owner: &str| {
                let name = s.get_ref();
                if list.contains(&name.as_str()) {
                    return;
                }
                let help = match did_you_mean(name, list.iter().copied()) {
                    Some(x) => format!("did you mean `{x}`?"),
                    None => format!("declare the {what} in techlead.toml, or remove the name"),
                };
                errors.push(
                    file.error_at(
                        s.span().start,
                        format!("{field} of module `{owner}` names unknown {what} `{name}`"),
                    )
                    .with_help(help),
                );
            };
        for m in &self.modules {
            let owner = m.name.get_ref();
            for s in m.depends_on.iter().flatten() {
                unknown("module", &names, s, "depends_on", owner);
            }
            for s in &m.cannot_depend_on {
                unknown("module", &names, s, "cannot_depend_on", owner);
            }
            for s in m.visible_to.iter().flatten() {
                unknown("module", &names, s, "visible_to", owner);
            }
            if let Some(l) = &m.layer {
                unknown("layer", &layers, l, "layer", owner);
            }
        }
        for (i, m) in self.modules.iter().enumerate() {
            if names[..i].contains(&m.name.get_ref().as_str()) {
                errors.push(
                    file.error_at(
                        m.name.span().start,
                        format!("module `{}` is declared twice", m.name.get_ref()),
                    )
                    .with_help("give each module one declaration; list all its paths there"),
                );
            }
        }
        for i in &self.ignore_imports {
            let entry = i.get_ref();
            if entry.from.is_empty() || (entry.to.is_empty() && entry.packages.is_empty()) {
                errors.push(
                    file.error_at(
                        i.span().start,
                        "[[boundaries.ignore_imports]] needs at least one glob in `from` and in `to` \
                         (or a package in `packages`)"
                            .to_string(),
                    )
                    .with_help(
                        "name the importing files in `from` and the imported ones in `to`, or the \
                         packages outside the tree in `packages`",
                    ),
                );
            }
        }
        for k in &self.ignore_kinds {
            if !ImportKind::ALL.iter().any(|x| x.as_str() == k.get_ref()) {
                let names: Vec<&str> = ImportKind::ALL.iter().map(|k| k.as_str()).collect();
                errors.push(file.error_at(
                    k.span().start,
                    format!(
                        "unknown import kind `{}` in [boundaries] ignore_kinds; expected one of {}",
                        k.get_ref(),
                        names.join(", ")
                    ),
                ));
            }
        }
        errors
    }

    /// Whether importing module `to` from module `from` needs a
    /// `depends_on` entry: not for a lower layer when
    /// `declare_lower_layers = false`.
    pub fn needs_declaring(&self, from: Option<usize>, to: Option<usize>) -> bool {
        match (self.declare_lower_layers, from, to) {
            (Some(false), Some(a), Some(b)) => a >= b,
            _ => true,
        }
    }

    /// The import kinds that `ignore_kinds` names (unknown ones are left
    /// to [`BoundariesConfig::validate`]).
    pub fn ignored_kinds(&self) -> Vec<ImportKind> {
        ImportKind::ALL
            .iter()
            .copied()
            .filter(|x| self.ignore_kinds.iter().any(|k| k.get_ref() == x.as_str()))
            .collect()
    }
}
