//! `[boundaries]` in `techlead.toml`: modules, layers and the settings per
//! language. Names are spanned so that a module named in a rule but never
//! declared can be reported at its line.

use serde::Deserialize;
use toml::Spanned;

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
