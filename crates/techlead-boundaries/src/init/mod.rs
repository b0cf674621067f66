//! `boundaries init`: a first `[boundaries]` section. An architecture the
//! team already wrote down wins: tach's `tach.toml`, then import-linter's
//! contracts (`.importlinter`, `setup.cfg`, `pyproject.toml`), each
//! translated with a note for whatever techlead cannot express. Otherwise
//! modules are discovered: workspace packages (Cargo, pnpm, yarn, npm), or
//! on a single package its first-level subpackages.

mod discover;
mod importlinter;
mod ini;
mod python;
mod render;
mod tach;
mod tach_domain;
mod workspaces;

pub use render::render;

use crate::Analysis;
use std::path::Path;
use techlead_core::InputError;

/// A proposed `[boundaries]` section.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Where it comes from: `tach.toml`, `.importlinter`, ... or
    /// `discovered`.
    pub source: String,
    /// Keys of `[boundaries]` with their TOML values, in order.
    pub settings: Vec<(String, String)>,
    /// `[boundaries.python] roots`, when the source names them.
    pub python_roots: Option<Vec<String>>,
    pub modules: Vec<ProposedModule>,
    /// `[[boundaries.ignore_imports]]` entries.
    pub ignore_imports: Vec<ProposedIgnore>,
    /// What the source says that techlead.toml cannot express (or
    /// expresses differently), one sentence each.
    pub notes: Vec<String>,
}

impl Proposal {
    /// Whether the modules come from a config the team wrote (their
    /// `depends_on` is theirs), rather than from discovery (filled by
    /// `sync` from the imports).
    pub fn imported(&self) -> bool {
        self.source != DISCOVERED
    }
}

pub const DISCOVERED: &str = "discovered";

/// An import the source config accepts: globs of the importing and the
/// imported files, and why (the source's own words).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProposedIgnore {
    pub from: Vec<String>,
    pub to: Vec<String>,
    /// Packages outside the tree (instead of `to`).
    pub packages: Vec<String>,
    pub reason: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ProposedModule {
    pub name: String,
    pub paths: Vec<String>,
    pub layer: Option<String>,
    /// `None`: any module; discovered modules get `Some([])` for `sync`
    /// to fill.
    pub depends_on: Option<Vec<String>>,
    pub cannot_depend_on: Vec<String>,
    /// Packages outside the tree it may not import.
    pub cannot_import: Vec<String>,
    pub visible_to: Option<Vec<String>>,
    pub interface: Vec<String>,
    pub utility: bool,
    pub unchecked: bool,
    /// Comment lines written above the module.
    pub comments: Vec<String>,
}

/// The section to propose for the analysed tree at `root`: imported from
/// tach or import-linter when their config is there, else discovered.
/// A foreign config that does not parse is an input error with its line.
pub fn propose(root: &Path, analysis: &Analysis) -> Result<Proposal, InputError> {
    let mut other = Vec::new();
    let linter = importlinter::find(root)?;
    if let Some(text) = read_optional(root, "tach.toml")? {
        let mut p = tach::import(root, &text, analysis)?;
        if let Some(l) = &linter {
            other.push(format!(
                "{} also holds import-linter contracts; they were not imported (tach.toml was)",
                l.file
            ));
        }
        p.notes.extend(other);
        return Ok(p);
    }
    if let Some(l) = linter {
        return importlinter::import(&l, analysis);
    }
    Ok(discover::discover(root, analysis))
}

/// The text of `rel` under `root`, None when it does not exist. A file
/// that exists but cannot be read (not a regular file, too large, not
/// UTF-8) is an input error: silently ignoring it would propose another
/// architecture than the one written down.
fn read_optional(root: &Path, rel: &str) -> Result<Option<String>, InputError> {
    match techlead_core::read::regular_text(&root.join(rel), techlead_core::read::CONFIG_LIMIT) {
        Ok(text) => Ok(Some(match text.strip_prefix('\u{feff}') {
            Some(body) => body.to_string(),
            None => text,
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(InputError::io(rel, &e)),
    }
}

/// A foreign TOML file (tach.toml, pyproject.toml), or an input error
/// naming it and the line.
fn parse_toml(file: &str, text: &str) -> Result<toml::Table, InputError> {
    toml::from_str(text).map_err(|e| {
        let err = InputError::in_file(file, e.message().to_string());
        match e.span() {
            Some(s) => err.at(
                text[..s.start.min(text.len())].matches('\n').count() + 1,
                None,
            ),
            None => err,
        }
    })
}
