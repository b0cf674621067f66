//! The contexts' result types as the tools return them, with JSON Schemas.
//! Each serialises exactly as the context's own type does (the JSON the
//! CLI prints); the contexts themselves stay free of schema code. The
//! protocol tests compare both.

use schemars::JsonSchema;
use serde::Serialize;
use techlead_core::{Finding, Location};

/// A finding, as `techlead check --format json` writes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FindingOut {
    /// The rule id, `family/name`; its page is docs/rules/<id>.md.
    pub rule: String,
    /// error, warning or note, after `[checks.severity]`.
    pub severity: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationOut>,
    pub help: String,
    /// Stable across line moves: what the baseline matches on.
    pub fingerprint: String,
    /// The source line the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LocationOut {
    /// Relative to the project root, `/` separators.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

impl From<Finding> for FindingOut {
    fn from(f: Finding) -> Self {
        FindingOut {
            rule: f.rule,
            severity: f.severity.as_str().to_string(),
            message: f.message,
            location: f.location.map(LocationOut::from),
            help: f.help,
            fingerprint: f.fingerprint,
            snippet: f.snippet,
        }
    }
}

impl From<Location> for LocationOut {
    fn from(l: Location) -> Self {
        LocationOut {
            path: l.path,
            line: l.line,
            column: l.column,
        }
    }
}

pub fn findings(list: Vec<Finding>) -> Vec<FindingOut> {
    list.into_iter().map(FindingOut::from).collect()
}

/// A declared module, as `techlead.toml` declares it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ModuleOut {
    pub name: String,
    /// Globs relative to the project root; a plain path means that file or
    /// folder and everything below it.
    pub paths: Vec<String>,
    pub layer: Option<String>,
    /// The modules it may import; absent: any (layers and
    /// `cannot_depend_on` still apply).
    pub depends_on: Option<Vec<String>>,
    pub cannot_depend_on: Vec<String>,
    /// The only modules that may import it; absent: every module.
    pub visible_to: Option<Vec<String>>,
    /// Its public files; empty: every file is public.
    pub interface: Vec<String>,
    /// Any module may import it without declaring it.
    pub utility: bool,
    /// Its own imports are not checked.
    pub unchecked: bool,
}

impl From<techlead_boundaries::ModuleInfo> for ModuleOut {
    fn from(m: techlead_boundaries::ModuleInfo) -> Self {
        ModuleOut {
            name: m.name,
            paths: m.paths,
            layer: m.layer,
            depends_on: m.depends_on,
            cannot_depend_on: m.cannot_depend_on,
            visible_to: m.visible_to,
            interface: m.interface,
            utility: m.utility,
            unchecked: m.unchecked,
        }
    }
}

/// A technology record, as `techlead radar list --format json` writes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TechnologyOut {
    pub id: String,
    pub path: String,
    pub name: String,
    pub quadrant: Option<String>,
    /// adopt, trial, assess, hold (or the configured rings).
    pub ring: Option<String>,
    pub packages: Vec<PackageRefOut>,
    pub purpose: Option<String>,
    /// The decision record that set it.
    pub decision: Option<String>,
    pub tags: Vec<String>,
    pub evaluated: bool,
    pub date: Option<String>,
    pub history: Vec<MoveOut>,
    /// The first paragraph of the rationale.
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PackageRefOut {
    pub ecosystem: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MoveOut {
    pub date: String,
    pub text: String,
}

impl From<&techlead_radar::Technology> for TechnologyOut {
    fn from(t: &techlead_radar::Technology) -> Self {
        TechnologyOut {
            id: t.id.clone(),
            path: t.path.clone(),
            name: t.name.clone(),
            quadrant: t.quadrant.clone(),
            ring: t.ring.clone(),
            packages: t
                .packages
                .iter()
                .map(|p| PackageRefOut {
                    ecosystem: p.ecosystem.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            purpose: t.purpose.clone(),
            decision: t.decision.clone(),
            tags: t.tags.clone(),
            evaluated: t.evaluated,
            date: t.date.clone(),
            history: t
                .history
                .iter()
                .map(|m| MoveOut {
                    date: m.date.clone(),
                    text: m.text.clone(),
                })
                .collect(),
            summary: t.summary.clone(),
        }
    }
}

/// A package in use, as `techlead deps --format json` writes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PackageOut {
    /// cargo, go, maven, npm, packagist, pypi, rubygems.
    pub ecosystem: String,
    pub name: String,
    pub version: String,
    /// A direct dependency of a project in the tree; null: unknown.
    pub direct: Option<bool>,
    /// Only for development and tests; null: unknown.
    pub dev: Option<bool>,
    /// The lockfile or manifest it comes from.
    pub source: String,
    /// The folders of the manifests that declare it.
    pub declared_by: Vec<String>,
    /// The licence as the inventory read it (SPDX when it reads as one);
    /// null where nothing says.
    pub license: Option<String>,
}

impl From<&techlead_inventory::Package> for PackageOut {
    fn from(p: &techlead_inventory::Package) -> Self {
        PackageOut {
            ecosystem: p.ecosystem.as_str().to_string(),
            name: p.name.clone(),
            version: p.version.clone(),
            direct: p.direct,
            dev: p.dev,
            source: p.source.clone(),
            declared_by: p.declared_by.clone(),
            license: p.license.as_ref().map(|l| l.shown().to_string()),
        }
    }
}
