//! `debt suggest`: the hottest files that no register item covers, by the
//! same interest as items (each file measured on its own), with a `debt
//! add` command line to record each.
//!
//! Candidates are source files in the tree now, changed in the window:
//! code in a language whose comments the scan reads (with a scanner, other
//! C-family languages, shell scripts) that history classifies as source
//! (not a test, docs, generated or vendored; see `[history.kinds]`). A file
//! is covered by any item that is not repaid: an accepted or won't-fix
//! item is a decision about that code, and a repaid one that is hot again
//! is new debt.

use crate::item::DebtItem;
use crate::scan::Reader;
use crate::shell::{flag, quote};
use crate::signals::{Coverage, Evidence, Health, History, Signals, formula, main_of, round2};
use crate::status::Status;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// A hot file and how to record it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub file: String,
    #[serde(flatten)]
    pub signals: Signals,
    /// `techlead debt add ...`, quoted for a POSIX shell.
    pub command: String,
}

/// The `top` hottest uncovered files with an interest of at least
/// `min_interest`, or why history could not say.
pub fn suggest(
    items: &[DebtItem],
    ev: &Evidence,
    top: usize,
    min_interest: f64,
) -> Result<Vec<Suggestion>, String> {
    let (commits, prefix) = match &ev.history {
        History::Read { commits, prefix } => (commits, prefix),
        History::Missing(why) => return Err(format!("history is unavailable: {why}")),
    };
    let covers: Vec<Coverage> = items
        .iter()
        .filter(|i| i.status != Status::Repaid)
        .map(Coverage::of)
        .collect();
    let tree: HashSet<&str> = ev.files.iter().map(String::as_str).collect();
    let candidate = |f: &str| {
        tree.contains(f)
            && ev.is_source(f)
            && matches!(
                Reader::for_path(Path::new(f)),
                Some(Reader::Scanner(_) | Reader::CFamily | Reader::Hash(true))
            )
            && !covers.iter().any(|c| c.covers(f, &ev.module_of))
    };
    let mut per: HashMap<&str, FileStats> = HashMap::new();
    for c in commits.iter().filter(|c| !c.bot) {
        let files: Vec<&str> = c
            .files
            .iter()
            .filter_map(|f| f.strip_prefix(prefix.as_str()))
            .collect();
        let bug = ev.bug_fix.is_match(&c.message);
        let sized = c.files.len() <= ev.max_changeset_size;
        for f in files.iter().copied().filter(|f| candidate(f)) {
            let s = per.entry(f).or_default();
            s.revisions += 1;
            s.bug_fixes += usize::from(bug);
            *s.authors.entry(c.author.as_str()).or_default() += 1;
            if sized {
                s.sized += 1;
                let others: Vec<&str> = files
                    .iter()
                    .copied()
                    .filter(|g| *g != f && ev.is_source(g))
                    .collect();
                if !others.is_empty() {
                    s.coupled += 1;
                }
                for g in others {
                    *s.with.entry(g).or_default() += 1;
                }
            }
        }
    }
    let health = |f: &str| match &ev.health {
        Health::Scored(m) => (m.get(f).copied(), None),
        Health::Missing(why) => (None, Some(why.clone())),
    };
    let mut out: Vec<Suggestion> = per
        .into_iter()
        .map(|(file, s)| {
            let coupling = if s.sized > 0 {
                s.coupled as f64 / s.sized as f64
            } else {
                0.0
            };
            let (h, missing) = health(file);
            let missing = missing.or_else(|| {
                h.is_none()
                    .then(|| "the file has no health score".to_string())
            });
            let main_author = main_of(&s.authors);
            let mut with: Vec<(String, usize)> =
                s.with.iter().map(|(g, n)| (g.to_string(), *n)).collect();
            with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            with.truncate(3);
            let interest = formula(s.revisions, s.bug_fixes, s.authors.len(), coupling, h);
            Suggestion {
                file: file.to_string(),
                command: command(file, main_author.as_deref()),
                signals: Signals {
                    files: 1,
                    revisions: s.revisions,
                    authors: s.authors.len(),
                    bug_fixes: s.bug_fixes,
                    coupling: round2(coupling),
                    coupled_with: with,
                    health: h.map(round2),
                    health_missing: missing,
                    main_author,
                    interest: round2(interest),
                },
            }
        })
        .filter(|s| s.signals.interest >= min_interest)
        .collect();
    out.sort_by(|a, b| {
        b.signals
            .interest
            .total_cmp(&a.signals.interest)
            .then(a.file.cmp(&b.file))
    });
    out.truncate(top);
    Ok(out)
}

#[derive(Default)]
struct FileStats<'c> {
    revisions: usize,
    bug_fixes: usize,
    sized: usize,
    coupled: usize,
    authors: BTreeMap<&'c str, usize>,
    with: BTreeMap<&'c str, usize>,
}

/// `techlead debt add 'Hotspot: FILE' --path FILE --owner WHO`.
pub fn command(file: &str, owner: Option<&str>) -> String {
    let mut s = format!(
        "techlead debt add {} {}",
        quote(&format!("Hotspot: {file}")),
        flag("path", file)
    );
    if let Some(o) = owner {
        s.push(' ');
        s.push_str(&flag("owner", o));
    }
    s
}

#[cfg(test)]
#[path = "suggest_tests.rs"]
mod tests;
