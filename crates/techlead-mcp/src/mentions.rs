//! Which decision records name a path, a module, a package or a
//! technology. A path brings its own terms: the path, its folders, the
//! module and workspace package that hold it, and the technologies it
//! imports; each record line holding a term (as a whole word or path, any
//! case) is a match. Stronger terms rank first: a record naming the file
//! outranks one naming its module.

use crate::project::Session;
use crate::tools::{DecisionSummary, ToolError, load_decisions};
use schemars::JsonSchema;
use serde::Serialize;
use techlead_boundaries::Analysis;
use techlead_core::check::Env;
use techlead_radar::Technology;

/// What a term stands for, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TermKind {
    /// The path asked about.
    Path,
    /// A folder holding it.
    Folder,
    /// A path the module declares.
    ModulePath,
    /// The workspace package (crate, npm package) holding it.
    Package,
    /// A technology record, or a package it imports.
    Technology,
    /// The declared module holding it.
    Module,
    /// The file's name alone.
    FileName,
    /// The subject as written, when it is none of the above.
    Text,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Match {
    pub term: String,
    pub kind: TermKind,
    /// 1-based line in the record.
    pub line: u32,
    /// The line, trimmed to 200 characters.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Mention {
    pub decision: DecisionSummary,
    pub matches: Vec<Match>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Mentions {
    /// The subject as given.
    pub subject: String,
    /// What the subject was taken as.
    pub kind: TermKind,
    /// The terms searched for.
    pub terms: Vec<Term>,
    /// The records that hold at least one term, strongest match first.
    pub decisions: Vec<Mention>,
}

/// The records that name `subject`: a path inside the root, or else a
/// module, workspace package or technology name, or else the text itself.
pub fn for_subject(session: &Session, subject: &str) -> Result<Mentions, ToolError> {
    let root = session.root();
    let techs = crate::load::technologies(session)?;
    let boundaries = session.project.boundaries();
    let subject = subject.trim();
    let is_module = boundaries
        .modules
        .iter()
        .any(|m| m.name.get_ref() == subject);
    let rel = match crate::paths::inside(root, subject) {
        Ok(rel) if !is_module && root.join(&rel).exists() => Some(rel),
        Err(e @ ToolError::Refused(_)) if !is_module && looks_like_path(subject) => return Err(e),
        _ => None,
    };
    let (kind, terms) = match rel {
        Some(rel) => (TermKind::Path, path_terms(session, &rel, &techs)?),
        None => (TermKind::Text, name_terms(session, subject, &techs)),
    };
    let kind = if kind == TermKind::Text {
        terms.first().map_or(TermKind::Text, |t| t.kind)
    } else {
        kind
    };
    let decisions = match load_decisions(session)? {
        Some(d) => find(session, &d.records, &terms),
        None => Vec::new(),
    };
    Ok(Mentions {
        subject: subject.to_string(),
        kind,
        terms,
        decisions,
    })
}

fn looks_like_path(s: &str) -> bool {
    s.contains('/') || s.contains('\\') || s.starts_with('.')
}

/// The terms for a path: itself, its folders, its module (name and
/// paths), its workspace package and the technologies it imports.
fn path_terms(session: &Session, rel: &str, techs: &[Technology]) -> Result<Vec<Term>, ToolError> {
    let mut terms = vec![Term {
        text: rel.to_string(),
        kind: TermKind::Path,
    }];
    if rel == "." {
        return Ok(terms);
    }
    let parts: Vec<&str> = rel.split('/').collect();
    // Folders of two parts or more: `src` or `crates` alone name too much.
    for n in (2..parts.len()).rev() {
        push(&mut terms, parts[..n].join("/"), TermKind::Folder);
    }
    let name = parts[parts.len() - 1];
    if parts.len() > 1 && name.contains('.') {
        push(&mut terms, name.to_string(), TermKind::FileName);
    }
    let p = session.project;
    if let Some(m) = techlead_boundaries::module_info(p.file(), p.boundaries(), rel)? {
        for path in &m.paths {
            push(
                &mut terms,
                path.trim_end_matches('/').to_string(),
                TermKind::ModulePath,
            );
        }
        push(&mut terms, m.name, TermKind::Module);
    }
    let analysis = crate::load::analysis(session)?;
    if let Some((package, _)) = package_of(&analysis, rel) {
        push(&mut terms, package.to_string(), TermKind::Package);
    }
    for t in imported_technologies(&analysis, rel, techs) {
        push(&mut terms, t.name.clone(), TermKind::Technology);
    }
    terms.sort_by_key(|t| t.kind);
    Ok(terms)
}

/// The deepest workspace package whose folder holds `rel`.
pub fn package_of<'a>(analysis: &'a Analysis, rel: &str) -> Option<(&'a str, &'a str)> {
    analysis
        .packages
        .iter()
        .filter(|(_, folder)| {
            folder.is_empty() || rel == folder || rel.starts_with(&format!("{folder}/"))
        })
        .max_by_key(|(_, folder)| folder.len())
        .map(|(name, folder)| (name.as_str(), folder.as_str()))
}

/// The technology records covering a package that `rel` (a file, or the
/// files under a folder) imports.
pub fn imported_technologies<'t>(
    analysis: &Analysis,
    rel: &str,
    techs: &'t [Technology],
) -> Vec<&'t Technology> {
    let under = |f: &str| f == rel || f.starts_with(&format!("{rel}/"));
    let mut out: Vec<&Technology> = techs
        .iter()
        .filter(|t| {
            analysis
                .externals
                .iter()
                .filter(|x| under(&x.from))
                .any(|x| t.packages.iter().any(|p| same_import(&p.name, &x.name)))
        })
        .collect();
    out.dedup_by(|a, b| a.id == b.id);
    out
}

/// A radar package name and an import name: crates import with `_` what
/// they publish with `-`; scoped npm imports carry a subpath.
fn same_import(package: &str, import: &str) -> bool {
    let fold = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    fold(package) == fold(import)
        || import
            .strip_prefix(package)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The terms for a name: a module (its name and paths), a technology (its
/// name and packages), or the text as written.
fn name_terms(session: &Session, name: &str, techs: &[Technology]) -> Vec<Term> {
    let mut terms = Vec::new();
    if let Some(m) = techlead_boundaries::module_named(session.project.boundaries(), name) {
        push(&mut terms, m.name, TermKind::Module);
        for path in &m.paths {
            push(
                &mut terms,
                path.trim_end_matches('/').to_string(),
                TermKind::ModulePath,
            );
        }
        return terms;
    }
    if let Ok(t) = techlead_radar::resolve(techs, name) {
        push(&mut terms, t.name.clone(), TermKind::Technology);
        for p in &t.packages {
            push(&mut terms, p.name.clone(), TermKind::Technology);
        }
        return terms;
    }
    push(&mut terms, name.to_string(), TermKind::Text);
    terms
}

fn push(terms: &mut Vec<Term>, text: String, kind: TermKind) {
    if !text.is_empty() && !terms.iter().any(|t| t.text.eq_ignore_ascii_case(&text)) {
        terms.push(Term { text, kind });
    }
}

/// The records holding any term, strongest match kind first, then most
/// matches, then record order.
pub fn find(
    session: &Session,
    records: &[techlead_records::Record],
    terms: &[Term],
) -> Vec<Mention> {
    let mut out: Vec<(TermKind, usize, Mention)> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let text = crate::tools::text_of(session, r);
        let matches = matches_in(&text, terms);
        if let Some(best) = matches.iter().map(|m| m.kind).min() {
            out.push((
                best,
                i,
                Mention {
                    decision: r.into(),
                    matches,
                },
            ));
        }
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.2.matches.len().cmp(&a.2.matches.len()))
            .then(a.1.cmp(&b.1))
    });
    out.into_iter().map(|(_, _, m)| m).collect()
}

/// Every line holding a term, once per line and term.
pub fn matches_in(text: &str, terms: &[Term]) -> Vec<Match> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        for t in terms {
            // A folder is named by any path below it, too.
            let folder = matches!(t.kind, TermKind::Folder | TermKind::ModulePath);
            if holds(&lower, &t.text.to_lowercase(), folder) {
                out.push(Match {
                    term: t.text.clone(),
                    kind: t.kind,
                    line: n as u32 + 1,
                    text: line.trim().chars().take(200).collect(),
                });
            }
        }
    }
    out
}

/// `needle` in `hay` with no word or path character right before or after
/// it: `core` is in "the core kernel" and "`core`", not in "score" or
/// "core-api". With `below`, a `/` may follow: `src/a` is in `src/a/b.rs`.
fn holds(hay: &str, needle: &str, below: bool) -> bool {
    if needle.is_empty() {
        return false;
    }
    let joins = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '/');
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        // A path term may end a sentence: `src/lib.rs.` still counts.
        let after_ok = match after {
            None => true,
            Some('.') => hay[end + 1..]
                .chars()
                .next()
                .is_none_or(|c| !joins(c) && c != '.'),
            Some('/') => below,
            Some(c) => !joins(c),
        };
        if before.is_none_or(|c| !joins(c) && c != '.') && after_ok {
            return true;
        }
        from = start + needle.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_paths_only() {
        assert!(holds("the core kernel", "core", false));
        assert!(holds("see `core`.", "core", false));
        assert!(!holds("the score", "core", false));
        assert!(!holds("core-api", "core", false));
        assert!(holds(
            "moved to crates/techlead-core.",
            "crates/techlead-core",
            false
        ));
        assert!(!holds(
            "crates/techlead-core/src",
            "crates/techlead-core/s",
            true
        ));
        assert!(!holds("a/crates/x", "crates/x", true));
        assert!(holds("src/lib.rs, then", "src/lib.rs", false));
        assert!(!holds("src/lib.rsx", "src/lib.rs", false));
        assert!(holds("`src/a/b.rs`", "src/a", true));
        assert!(!holds("`src/a/b.rs`", "src/a", false));
    }

    #[test]
    fn matches_name_lines() {
        let terms = [Term {
            text: "PostgreSQL".into(),
            kind: TermKind::Technology,
        }];
        let m = matches_in("# Title\n\nWe use postgresql here.\n", &terms);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].line, 3);
    }
}
