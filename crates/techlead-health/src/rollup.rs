//! Health per group of files: a `[boundaries]` module (the CLI composes
//! the boundaries context's `modules_of`) or a folder. A group's health is
//! its files' health weighted by their lines of code, so a large unhealthy
//! file weighs more than a small healthy one, as CodeScene's average code
//! health weighs by size.

use crate::FileHealth;
use crate::listing::SortKey;
use serde::Serialize;
use std::collections::BTreeMap;

/// One group's totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The module's name, or the folder's path (`.` for the root).
    pub name: String,
    pub files: usize,
    pub loc: u64,
    pub functions: usize,
    /// The files' health weighted by lines of code, two decimals.
    pub health: f64,
    /// The least healthy file's health and path.
    pub worst: f64,
    pub worst_file: String,
}

/// The folder of `path` cut to `depth` components (`.` for files at the
/// root), as history's `--by-folder` groups.
pub fn folder_of(path: &str, depth: usize) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let folder = parts[..parts.len().saturating_sub(1).min(depth)].join("/");
    if folder.is_empty() {
        ".".into()
    } else {
        folder
    }
}

/// The files grouped by `group` (files in no group are left out and
/// counted), sorted by `key`: health lowest first by default, `loc`
/// biggest first, `path` by name; keys about functions sort by health.
pub fn rollup<'a>(
    files: impl IntoIterator<Item = &'a FileHealth>,
    group: impl Fn(&str) -> Option<String>,
    key: SortKey,
) -> (Vec<Group>, usize) {
    let mut groups: BTreeMap<String, Vec<&FileHealth>> = BTreeMap::new();
    let mut left_out = 0;
    for f in files {
        match group(&f.path) {
            Some(name) => groups.entry(name).or_default().push(f),
            None => left_out += 1,
        }
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(name, members)| {
            let worst = members
                .iter()
                .min_by(|a, b| a.health.total_cmp(&b.health).then(a.path.cmp(&b.path)))
                .expect("a group has a file");
            Group {
                files: members.len(),
                loc: members.iter().map(|f| u64::from(f.loc)).sum(),
                functions: members.iter().map(|f| f.functions.len()).sum(),
                health: weighted_health(members.iter().copied()).unwrap_or(worst.health),
                worst: worst.health,
                worst_file: worst.path.clone(),
                name,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let first = match key {
            SortKey::Path => a.name.cmp(&b.name),
            SortKey::Loc => b.loc.cmp(&a.loc),
            _ => std::cmp::Ordering::Equal,
        };
        first
            .then(a.health.total_cmp(&b.health))
            .then(a.worst.total_cmp(&b.worst))
            .then_with(|| a.name.cmp(&b.name))
    });
    (out, left_out)
}

/// Health weighted by lines of code, two decimals; the plain mean when no
/// file has a line of code, None without files.
pub fn weighted_health<'a>(files: impl Iterator<Item = &'a FileHealth>) -> Option<f64> {
    let (mut sum, mut weight, mut plain, mut n) = (0.0, 0.0, 0.0, 0usize);
    for f in files {
        sum += f.health * f64::from(f.loc);
        weight += f64::from(f.loc);
        plain += f.health;
        n += 1;
    }
    let mean = match (n, weight > 0.0) {
        (0, _) => return None,
        (_, true) => sum / weight,
        (_, false) => plain / n as f64,
    };
    Some((mean * 100.0).round() / 100.0)
}
