//! The inventory's data: what a parser returns and the published shape.

use serde::Serialize;

/// The ecosystems the inventory knows, as the JSON names them; declared
/// in alphabetical order so that sorting by ecosystem is alphabetical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    Cargo,
    Go,
    Maven,
    Npm,
    Packagist,
    Pypi,
    Rubygems,
}

impl Ecosystem {
    /// Every ecosystem, in name order.
    pub const ALL: [Ecosystem; 7] = [
        Ecosystem::Cargo,
        Ecosystem::Go,
        Ecosystem::Maven,
        Ecosystem::Npm,
        Ecosystem::Packagist,
        Ecosystem::Pypi,
        Ecosystem::Rubygems,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Cargo => "cargo",
            Ecosystem::Npm => "npm",
            Ecosystem::Pypi => "pypi",
            Ecosystem::Go => "go",
            Ecosystem::Rubygems => "rubygems",
            Ecosystem::Maven => "maven",
            Ecosystem::Packagist => "packagist",
        }
    }
}

/// One dependency as a parser reads it from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dep {
    /// The package name as its registry spells it (`@scope/name` for npm,
    /// `group:artifact` for Maven, the module path for Go).
    pub name: String,
    /// The resolved version; for manifests without a lock (pom.xml,
    /// requirements.txt without `==`), the version or range as written.
    pub version: String,
    /// A direct dependency of a project in the tree (true), only pulled
    /// in by others (false), or unknown (None).
    pub direct: Option<bool>,
    /// Only needed for development and tests (true), needed at run time
    /// (false), or unknown (None).
    pub dev: Option<bool>,
    /// 1-based line in the file where the package is recorded, for
    /// findings that point at it.
    pub line: u32,
    /// When this version was published (YYYY-MM-DD), where the lockfile
    /// records it: uv.lock's `upload-time`, pnpm's `time:` block.
    pub released: Option<String>,
    /// The folders, relative to the lockfile's folder (`""` for that
    /// folder itself), of the projects that declare the package, where
    /// the lockfile says (pnpm importers, npm workspace entries). Empty
    /// when the lockfile does not say: the inventory fills it in.
    pub declared_by: Vec<String>,
    /// The ranges the lockfile says resolve to this version, as manifests
    /// write them (yarn.lock headers: `lodash@^4.17.21`); empty where the
    /// lockfile does not say.
    pub requested: Vec<String>,
    /// The license the lockfile records for this version, as written
    /// (package-lock.json v2/v3 and composer.lock entries); None where the
    /// lockfile does not say.
    pub license: Option<String>,
    /// The packages of the same file this one depends on, where the
    /// lockfile records it, for the SBOM's dependency graph.
    pub depends: Vec<DepRef>,
}

/// A dependency edge inside one lockfile: the package `name`, at
/// `version` where the lockfile says which (None: the one version of that
/// name the file holds).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DepRef {
    pub name: String,
    pub version: Option<String>,
}

impl DepRef {
    pub fn new(name: impl Into<String>, version: Option<String>) -> Self {
        DepRef {
            name: name.into(),
            version,
        }
    }
}

/// The published shape: the JSON of `techlead deps` is an array of these.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Package {
    pub ecosystem: Ecosystem,
    pub name: String,
    pub version: String,
    pub direct: Option<bool>,
    pub dev: Option<bool>,
    /// The lockfile or manifest, relative to the repository root.
    pub source: String,
    /// The folders (relative to the repository root, `.` for the root) of
    /// the manifests that declare the package: workspace members included;
    /// empty for a package only pulled in by others, or when no file says.
    pub declared_by: Vec<String>,
    #[serde(skip)]
    pub line: u32,
    /// See [`Dep::requested`]; not part of the `deps` JSON contract.
    #[serde(skip)]
    pub requested: Vec<String>,
    /// Publication date where the lockfile records it; not part of the
    /// `deps` JSON contract.
    #[serde(skip)]
    pub released: Option<String>,
    /// The license: the SPDX expression, normalised, where one is known
    /// (see [`crate::license`]); in the `deps` JSON as `license`, the
    /// expression or, when it is not one, the text as found; null when
    /// unknown.
    #[serde(serialize_with = "crate::license::serialize")]
    pub license: Option<crate::license::License>,
    /// See [`Dep::depends`]; not part of the `deps` JSON contract.
    #[serde(skip)]
    pub depends: Vec<DepRef>,
}

/// A file that does not parse: what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub message: String,
}

impl ParseError {
    pub fn new(line: u32, message: impl Into<String>) -> Self {
        ParseError {
            line,
            message: message.into(),
        }
    }
}
