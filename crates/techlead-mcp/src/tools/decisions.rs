//! Decision tools: list, get, search, and the records that name a path.

use super::{Tool, ToolError, tool};
use crate::project::Session;
use crate::{mentions, search};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use techlead_core::InputError;
use techlead_core::check::Env;
use techlead_records::Record;
use techlead_records::folder::Decisions;

pub fn tools() -> Vec<Tool> {
    vec![
        tool(
            "list_decisions",
            "List decision records",
            "List the team's architecture decision records (ADRs), optionally only those with a \
             status (accepted, proposed, superseded, ...), a tag, or a piece of text in the title \
             or body. The records are the JSON of `techlead adr list --format json`.",
            false,
            list,
        ),
        tool(
            "get_decision",
            "Read one decision record",
            "Read one decision record in full: its metadata and its markdown text. `id` is a \
             number (7, 0007, ADR-0007), a file name, or an unambiguous piece of the title.",
            false,
            get,
        ),
        tool(
            "search_decisions",
            "Search decision records",
            "Full-text search over the decision records' titles and bodies, ranked by BM25 \
             (title words count three times). Use it before proposing a decision, to find what \
             the team already decided.",
            false,
            search_tool,
        ),
        tool(
            "decisions_for_path",
            "Decisions that name a path",
            "The decision records that name a file or folder, the module or workspace package \
             holding it, or a technology or package it imports; `path` may also be a module, \
             package or technology name. Each hit says what matched and where.",
            false,
            for_path,
        ),
    ]
}

/// A record as `techlead adr list --format json` writes it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DecisionSummary {
    /// Relative to the project root.
    pub path: String,
    /// The file stem.
    pub id: String,
    pub number: Option<u32>,
    pub title: Option<String>,
    /// Normalised: proposed, accepted, rejected, deprecated, superseded, or
    /// a custom status lowercased.
    pub status: Option<String>,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub decision_makers: Vec<String>,
    pub links: Vec<LinkSummary>,
    /// The log4brains package whose folder holds the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
}

/// A typed link to another record.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LinkSummary {
    /// `supersedes`, `superseded-by`, or a custom kind (`amended-by`).
    pub kind: String,
    /// The target record's id.
    pub target: String,
}

impl From<&Record> for DecisionSummary {
    fn from(r: &Record) -> Self {
        let s = r.summary();
        DecisionSummary {
            path: s.path.to_string(),
            id: s.id.to_string(),
            number: s.number,
            title: s.title.map(str::to_string),
            status: s.status.map(str::to_string),
            date: s.date.map(str::to_string),
            tags: s.tags.to_vec(),
            decision_makers: s.decision_makers.to_vec(),
            links: s
                .links
                .iter()
                .map(|l| LinkSummary {
                    kind: l.kind.clone(),
                    target: l.target.clone(),
                })
                .collect(),
            package: s.package.map(str::to_string),
        }
    }
}

/// The project's records as the CLI reads them for `adr list` (a
/// log4brains monorepo's package folders included); None without a
/// decisions folder.
pub fn load_decisions(session: &Session) -> Result<Option<Decisions>, ToolError> {
    let p = session.project;
    let Some(dir) = techlead_records::check::find_dir(p.root(), p.file(), p.decisions(), None)?
    else {
        return Ok(None);
    };
    Ok(Some(techlead_records::check::read_project(session, &dir)?))
}

/// The records, or the CLI's error for a project without a folder.
pub(crate) fn required(session: &Session) -> Result<Decisions, ToolError> {
    load_decisions(session)?.ok_or_else(no_folder)
}

fn no_folder() -> ToolError {
    ToolError::Input(
        InputError::new("no decisions folder found")
            .with_help("run `techlead init`, or set [decisions] dir in techlead.toml"),
    )
}

/// A record's text; records that cannot be read count as empty for text
/// questions, with a note.
pub fn text_of(session: &Session, r: &Record) -> String {
    match techlead_records::folder::read_text(r) {
        Ok(t) => t,
        Err(e) => {
            session.note(&format!("warning: {e}"));
            String::new()
        }
    }
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListArgs {
    /// Only records with this status (case-insensitive).
    pub status: Option<String>,
    /// Only records with this tag (case-insensitive).
    pub tag: Option<String>,
    /// Only records whose title or body holds this text (case-insensitive).
    pub text: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ListOutput {
    pub decisions: Vec<DecisionSummary>,
    pub count: usize,
}

fn list(session: &Session, args: ListArgs) -> Result<ListOutput, ToolError> {
    let decisions = required(session)?;
    let status = args.status.map(|s| s.to_lowercase());
    let tag = args.tag.map(|s| s.to_lowercase());
    let text = args.text.map(|s| s.to_lowercase());
    let picked: Vec<DecisionSummary> = decisions
        .records
        .iter()
        .filter(|r| {
            status
                .as_ref()
                .is_none_or(|s| r.status.as_deref() == Some(s.as_str()))
        })
        .filter(|r| {
            tag.as_ref()
                .is_none_or(|t| r.tags.iter().any(|x| x.to_lowercase() == *t))
        })
        .filter(|r| {
            text.as_ref()
                .is_none_or(|t| text_of(session, r).to_lowercase().contains(t.as_str()))
        })
        .map(DecisionSummary::from)
        .collect();
    Ok(ListOutput {
        count: picked.len(),
        decisions: picked,
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetArgs {
    /// A number (7, 0007, ADR-0007), a file name, or a piece of the title.
    pub id: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GetOutput {
    pub decision: DecisionSummary,
    /// The record's markdown, as written.
    pub text: String,
    /// The resource that serves the same text.
    pub uri: String,
}

fn get(session: &Session, args: GetArgs) -> Result<GetOutput, ToolError> {
    let decisions = required(session)?;
    let r = decisions.resolve(&args.id)?;
    let text = techlead_records::folder::read_text(r)?;
    Ok(GetOutput {
        decision: r.into(),
        text,
        uri: crate::resources::decision_uri(&r.id),
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    /// Words to look for; every record holding at least one is ranked.
    pub query: String,
    /// At most this many results (default 10, at most 100).
    pub limit: Option<usize>,
    /// Only records with this status (case-insensitive).
    pub status: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchOutput {
    /// How results are ranked: `bm25` (k1 = 1.2, b = 0.75, title words
    /// counted three times).
    pub ranking: String,
    /// The query's words as searched (lowercased, stop words dropped,
    /// plurals folded).
    pub terms: Vec<String>,
    pub results: Vec<SearchHit>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchHit {
    pub decision: DecisionSummary,
    pub score: f64,
    /// The query terms this record holds.
    pub matched: Vec<String>,
    /// The first line of the body that holds a matched term.
    pub snippet: Option<String>,
}

fn search_tool(session: &Session, args: SearchArgs) -> Result<SearchOutput, ToolError> {
    let decisions = required(session)?;
    let status = args.status.map(|s| s.to_lowercase());
    let limit = args.limit.unwrap_or(10).clamp(1, 100);
    let records: Vec<&Record> = decisions
        .records
        .iter()
        .filter(|r| {
            status
                .as_ref()
                .is_none_or(|s| r.status.as_deref() == Some(s.as_str()))
        })
        .collect();
    let texts: Vec<String> = records.iter().map(|r| text_of(session, r)).collect();
    let docs: Vec<search::Doc> = records
        .iter()
        .zip(&texts)
        .map(|(r, t)| search::Doc {
            title: r.title.as_deref().unwrap_or(&r.id),
            body: t,
        })
        .collect();
    let index = search::Index::new(&docs);
    let terms = search::terms(&args.query);
    if terms.is_empty() {
        return Err(ToolError::BadArguments(
            "the query has no searchable words".into(),
        ));
    }
    let results = index
        .rank(&terms)
        .into_iter()
        .take(limit)
        .map(|hit| SearchHit {
            decision: records[hit.doc].into(),
            score: (hit.score * 1000.0).round() / 1000.0,
            snippet: search::snippet(&texts[hit.doc], &hit.matched),
            matched: hit.matched,
        })
        .collect();
    Ok(SearchOutput {
        ranking: search::RANKING.to_string(),
        terms,
        results,
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForPathArgs {
    /// A file or folder relative to the project root; or a module, package
    /// or technology name.
    pub path: String,
}

fn for_path(session: &Session, args: ForPathArgs) -> Result<mentions::Mentions, ToolError> {
    mentions::for_subject(session, &args.path)
}

/// The records for an edit, read from their files (no cache) under the
/// folder's lock, as the CLI's edits read them.
pub fn required_for_edit(
    session: &Session,
) -> Result<(Decisions, techlead_core::lock::Lock), ToolError> {
    let p = session.project;
    let dir = techlead_records::check::find_dir(p.root(), p.file(), p.decisions(), None)?
        .ok_or_else(no_folder)?;
    let lock = techlead_records::write::lock(p.root(), &dir)?;
    Ok((techlead_records::folder::load(p.root(), &dir)?, lock))
}

/// The `n` records that rank best for `query`: (id, title, status).
pub fn related_decisions(
    session: &Session,
    query: &str,
    n: usize,
) -> Result<Vec<(String, String, String)>, ToolError> {
    let Some(decisions) = load_decisions(session)? else {
        return Ok(Vec::new());
    };
    let texts: Vec<String> = decisions
        .records
        .iter()
        .map(|r| text_of(session, r))
        .collect();
    let docs: Vec<search::Doc> = decisions
        .records
        .iter()
        .zip(&texts)
        .map(|(r, t)| search::Doc {
            title: r.title.as_deref().unwrap_or(&r.id),
            body: t,
        })
        .collect();
    Ok(search::Index::new(&docs)
        .rank(&search::terms(query))
        .into_iter()
        .take(n)
        .map(|h| {
            let r = &decisions.records[h.doc];
            (
                r.id.clone(),
                r.title.clone().unwrap_or_default(),
                r.status.clone().unwrap_or_else(|| "no status".into()),
            )
        })
        .collect())
}

/// A new record as `adr new` would write it for `title` today, in the
/// configured template (else the folder's style).
pub fn template_text(session: &Session, title: &str) -> Result<String, ToolError> {
    let p = session.project;
    let template = match (p.decisions().template, load_decisions(session)?) {
        (Some(t), _) => t,
        (None, Some(d)) => d.style_template(),
        (None, None) => techlead_records::config::Template::Madr,
    };
    Ok(techlead_records::templates::render(
        template,
        &techlead_records::templates::NewRecord {
            number: None,
            title: title.to_string(),
            date: p.today().to_string(),
            status: "proposed".into(),
            ..Default::default()
        },
    ))
}
