//! Technology records: `docs/radar/<id>.md` with front matter `name`,
//! `quadrant`, `ring`, `packages` (`["cargo:tokio", "npm:react"]`),
//! `purpose`, `decision` (an ADR id), `tags`, `evaluation`, `date`; the
//! body is the rationale, and a `## History` section keeps one dated line
//! per ring move.

pub mod check;
pub mod config;
pub mod edit;
pub mod evaluate;
pub mod evidence;
pub mod exchange;
pub mod import;
pub mod movement;
#[cfg(test)]
mod mutation_tests;
pub mod new;
pub mod policy;

pub use movement::Movement;

use serde::Serialize;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::paths::display_rel;
use techlead_markdown::front_matter;

/// A `eco:name` package a technology covers, with its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageRef {
    pub ecosystem: String,
    pub name: String,
    #[serde(skip)]
    pub line: u32,
}

/// One ring move from the `## History` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub date: String,
    /// The line as written, after the date.
    pub text: String,
}

/// A technology record as read.
#[derive(Debug, Clone, Serialize)]
pub struct Technology {
    /// The file stem.
    pub id: String,
    /// Relative to the project root, `/` separators.
    pub path: String,
    pub name: String,
    /// Lowercased, as written when unknown.
    pub quadrant: Option<String>,
    pub ring: Option<String>,
    pub packages: Vec<PackageRef>,
    pub purpose: Option<String>,
    pub decision: Option<String>,
    pub tags: Vec<String>,
    /// Whether the record holds an `evaluation`.
    pub evaluated: bool,
    /// The `evaluation` mapping as written (weights, scores, skills...).
    #[serde(skip)]
    pub evaluation: Option<serde_json::Value>,
    /// The front matter `date`, YYYY-MM-DD.
    pub date: Option<String>,
    pub history: Vec<Move>,
    /// The first paragraph of the rationale: a one-line description for
    /// exports.
    pub summary: Option<String>,
    #[serde(skip)]
    pub abs_path: PathBuf,
    #[serde(skip)]
    pub lines: Lines,
}

/// Where fields sit, for findings and edits.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub quadrant: Option<u32>,
    pub ring: Option<u32>,
    pub purpose: Option<u32>,
    pub name: Option<u32>,
}

impl Technology {
    /// Added on or after `since` and never moved: its first date (history
    /// or `date:`) is that recent and no history line records a move.
    pub fn is_new_since(&self, since: &str) -> bool {
        let first = self
            .history
            .first()
            .map(|m| m.date.as_str())
            .or(self.date.as_deref());
        first.is_some_and(|d| d >= since) && self.history.iter().all(|m| !m.text.contains('→'))
    }

    /// When the technology entered its current ring: the last history
    /// line's date, else the front matter `date`.
    pub fn since(&self) -> Option<&str> {
        self.history
            .last()
            .map(|m| m.date.as_str())
            .or(self.date.as_deref())
    }
}

/// Reads every `*.md` record in `dir` (README.md and templates excepted),
/// sorted by file name. A folder that does not exist holds no records.
pub fn load(root: &Path, dir: &Path) -> Result<Vec<Technology>, InputError> {
    let paths = techlead_markdown::records::files(root, dir)?;
    paths.iter().map(|p| read(root, p)).collect()
}

pub fn read(root: &Path, path: &Path) -> Result<Technology, InputError> {
    let rel = display_rel(root, path);
    let text = techlead_markdown::records::read_text(&rel, path)?;
    parse(&rel, path, &text)
}

pub fn parse(rel: &str, path: &Path, text: &str) -> Result<Technology, InputError> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fm = front_matter::read(rel, text)?;
    let fields = fm.as_ref().map(|f| &f.fields);
    let get = |k: &str| fields.and_then(|f| f.get(k));
    let value = |k: &str| {
        get(k)
            .map(|f| f.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut packages = Vec::new();
    if let Some(f) = get("packages") {
        for p in &f.list {
            let (eco, name) = p.split_once(':').unwrap_or(("", p));
            packages.push(PackageRef {
                ecosystem: eco.trim().to_ascii_lowercase(),
                name: name.trim().to_string(),
                line: f.line,
            });
        }
    }
    let body_start = fm.as_ref().map_or(0, |f| f.end);
    Ok(Technology {
        name: value("name").unwrap_or_else(|| id.clone()),
        id,
        path: rel.to_string(),
        quadrant: value("quadrant").map(|q| q.to_ascii_lowercase()),
        ring: value("ring").map(|r| r.to_ascii_lowercase()),
        packages,
        purpose: value("purpose").map(|p| p.to_ascii_lowercase()),
        decision: value("decision"),
        tags: get("tags").map(|t| t.list.clone()).unwrap_or_default(),
        evaluated: get("evaluation").is_some(),
        evaluation: get("evaluation").and_then(|f| serde_json::from_str(&f.value).ok()),
        date: value("date").and_then(|d| techlead_markdown::dates::first_date(&d)),
        history: history(&text[body_start.min(text.len())..]),
        summary: summary(&text[body_start.min(text.len())..]),
        abs_path: path.to_path_buf(),
        lines: Lines {
            quadrant: get("quadrant").map(|f| f.line),
            ring: get("ring").map(|f| f.line),
            purpose: get("purpose").map(|f| f.line),
            name: get("name").map(|f| f.line),
        },
    })
}

/// The first paragraph under `## Rationale`, else the first paragraph of
/// the body that is not a heading, joined into one line.
fn summary(body: &str) -> Option<String> {
    let mut in_rationale = false;
    let mut fallback: Option<String> = None;
    let mut para: Vec<&str> = Vec::new();
    let mut result: Option<String> = None;
    let flush = |para: &mut Vec<&str>| -> Option<String> {
        let s = para.join(" ").trim().to_string();
        para.clear();
        (!s.is_empty()).then_some(s)
    };
    for line in body.lines().chain(std::iter::once("")) {
        let t = line.trim();
        if t.starts_with('#') {
            if let Some(p) = flush(&mut para) {
                if in_rationale {
                    result.get_or_insert(p.clone());
                }
                fallback.get_or_insert(p);
            }
            in_rationale = t
                .trim_start_matches('#')
                .trim()
                .eq_ignore_ascii_case("rationale");
            continue;
        }
        if t.is_empty() {
            if let Some(p) = flush(&mut para) {
                if in_rationale {
                    result.get_or_insert(p.clone());
                }
                fallback.get_or_insert(p);
            }
            continue;
        }
        if !t.starts_with("- ") || !para.is_empty() {
            para.push(t);
        }
    }
    result.or(fallback)
}

/// The dated bullet lines of a `## History` section.
fn history(body: &str) -> Vec<Move> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with('#') {
            inside = t
                .trim_start_matches('#')
                .trim()
                .eq_ignore_ascii_case("history");
            continue;
        }
        if !inside {
            continue;
        }
        let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) else {
            continue;
        };
        if let Some(date) = techlead_markdown::dates::first_date(item) {
            let text = item
                .split_once(':')
                .map_or(item, |(_, rest)| rest)
                .trim()
                .to_string();
            out.push(Move { date, text });
        }
    }
    out
}

/// The technology that `key` names: its id, its name (any case), or an
/// unambiguous piece of either.
pub fn resolve<'t>(techs: &'t [Technology], key: &str) -> Result<&'t Technology, InputError> {
    let k = key.to_ascii_lowercase();
    if let Some(t) = techs
        .iter()
        .find(|t| t.id.to_ascii_lowercase() == k || t.name.to_ascii_lowercase() == k)
    {
        return Ok(t);
    }
    let matches: Vec<&Technology> = techs
        .iter()
        .filter(|t| {
            t.id.to_ascii_lowercase().contains(&k) || t.name.to_ascii_lowercase().contains(&k)
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(
            InputError::new(format!("no technology record matches `{key}`"))
                .with_help("`techlead radar list` shows them"),
        ),
        many => Err(InputError::new(format!(
            "`{key}` matches {} technologies: {}",
            many.len(),
            many.iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// A file name for a technology: lowercase words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if c == '+' {
            s.push_str("plus");
        } else if c == '#' {
            s.push_str("sharp");
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_and_history() {
        let text = "---\nname: PostgreSQL\nquadrant: Platforms\nring: trial\npackages: [\"cargo:tokio-postgres\", \"npm:pg\"]\npurpose: relational-database\ndecision: \"0007\"\ntags: [data]\nevaluation:\n  fit: 4\ndate: 2026-01-10\n---\n\nWhy we use it.\n\n## History\n\n- 2026-02-01: assess → trial: the pilot went well\n- not dated\n\n## Notes\n- 2026-03-01: not history\n";
        let t = parse(
            "docs/radar/postgresql.md",
            Path::new("docs/radar/postgresql.md"),
            text,
        )
        .unwrap();
        assert_eq!(t.name, "PostgreSQL");
        assert_eq!(t.quadrant.as_deref(), Some("platforms"));
        assert_eq!(t.packages[1].ecosystem, "npm");
        assert_eq!(t.packages[1].name, "pg");
        assert!(t.evaluated);
        assert_eq!(t.history.len(), 1);
        assert_eq!(t.since(), Some("2026-02-01"));
        assert_eq!(t.lines.ring, Some(4));
        assert_eq!(slug("C# / .NET"), "csharp-net");
        assert_eq!(slug("C++"), "cplusplus");
    }
}

/// Whether `eco_a:name_a` and `eco_b:name_b` name one package. Names
/// compare as their registries do: PyPI by the normalised name of PEP 503
/// (case, and runs of `-`, `_`, `.`, do not matter), others exactly.
pub fn same_package(eco_a: &str, name_a: &str, eco_b: &str, name_b: &str) -> bool {
    eco_a == eco_b
        && if eco_a == "pypi" {
            techlead_project::pypi::pep503(name_a) == techlead_project::pypi::pep503(name_b)
        } else {
            name_a == name_b
        }
}

#[cfg(test)]
mod package_tests {
    use super::same_package;

    #[test]
    fn pypi_names_compare_normalised() {
        assert!(same_package(
            "pypi",
            "typing_extensions",
            "pypi",
            "Typing-Extensions"
        ));
        assert!(same_package(
            "pypi",
            "zope.interface",
            "pypi",
            "zope__interface"
        ));
        assert!(!same_package("npm", "Lodash", "npm", "lodash"));
        assert!(!same_package("pypi", "a", "npm", "a"));
    }
}
