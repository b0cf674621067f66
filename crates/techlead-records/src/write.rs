//! The writes that create and link records, for every front end: `adr new`
//! and `adr link` on the command line, `propose_decision` and
//! `link_decisions` in the MCP server. Inputs are checked before any file
//! is touched; new files are created exclusively and edits replace whole
//! files atomically, keeping every byte they do not mean to change.

use crate::config::{DecisionsConfig, Template};
use crate::edit::{self, link_title, relative_href};
use crate::folder::{Decisions, Naming};
use crate::model::Record;
use crate::new::{self as create, NameScheme};
use crate::templates::NewRecord;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::atomic::write_atomic;
use techlead_core::config::LoadedConfig;

/// Where `adr new` puts records when the project has no decisions folder.
pub const DEFAULT_DIR: &str = "docs/decisions";

/// The folder a new record goes to: the project's decisions folder, else
/// [`DEFAULT_DIR`] under `root`, created. The flag says it was created.
pub fn folder_for_new(
    root: &Path,
    file: &LoadedConfig,
    config: &DecisionsConfig,
    dir_arg: Option<&Path>,
) -> Result<(PathBuf, bool), InputError> {
    if let Some(d) = crate::check::find_dir(root, file, config, dir_arg)? {
        return Ok((d, false));
    }
    let d = root.join(DEFAULT_DIR);
    std::fs::create_dir_all(&d)
        .map_err(|e| InputError::in_file(DEFAULT_DIR, format!("cannot create: {e}")))?;
    Ok((d, true))
}

/// A record to create.
#[derive(Debug, Clone, Default)]
pub struct NewArgs {
    pub title: String,
    pub status: String,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    /// None: `[decisions] template`, else the folder's own style.
    pub template: Option<Template>,
}

/// A title is one non-empty line: checked before any folder is created.
pub fn check_title(title: &str) -> Result<(), InputError> {
    let title = title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(InputError::new("the title must be one non-empty line"));
    }
    Ok(())
}

/// Creates a record in `decisions`' folder with the next number (or
/// date-slug) and returns its path. `configured` is `[decisions] template`.
pub fn new_record(
    decisions: &Decisions,
    configured: Option<Template>,
    args: NewArgs,
    today: &str,
) -> Result<PathBuf, InputError> {
    check_title(&args.title)?;
    let template = args
        .template
        .or(configured)
        .unwrap_or_else(|| decisions.style_template());
    let scheme = match decisions.naming {
        Naming::Numbered { width } => NameScheme::Numbered { width },
        Naming::DateSlug => NameScheme::DateSlug,
    };
    let numbers: Vec<u32> = decisions.records.iter().filter_map(|r| r.number).collect();
    let stems: Vec<String> = decisions.records.iter().map(|r| r.id.clone()).collect();
    let rec = NewRecord {
        number: None,
        title: args.title.trim().to_string(),
        date: today.to_string(),
        status: args.status.trim().to_string(),
        tags: args.tags,
        deciders: args.deciders,
        supersedes: None,
    };
    create::create(&decisions.dir, scheme, &numbers, &stems, template, rec)
}

/// One file's new text, computed before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub path: PathBuf,
    /// Relative to the project root, `/` separators.
    pub rel_path: String,
    pub before: String,
    pub after: String,
}

/// A record's text; the folder load already refused invalid UTF-8, this
/// guards a change in between.
pub fn read_text(record: &Record) -> Result<String, InputError> {
    let bytes = std::fs::read(&record.path).map_err(|e| InputError::io(&record.rel_path, &e))?;
    String::from_utf8(bytes).map_err(|_| InputError::in_file(&record.rel_path, "invalid UTF-8"))
}

/// `src` gets "KIND [tgt](...)"; with `reverse`, `tgt` gets "REVERSE
/// [src](...)". Returns the files that change (none when both links are
/// already there).
pub fn link(
    decisions: &Decisions,
    src: &str,
    kind: &str,
    tgt: &str,
    reverse: Option<&str>,
) -> Result<Vec<Edit>, InputError> {
    for k in std::iter::once(kind).chain(reverse) {
        if k.trim().is_empty() || k.contains(['\n', '\r', '[', ']']) {
            return Err(InputError::new(format!("invalid link kind `{k}`")));
        }
    }
    let src = decisions.resolve(src)?;
    let tgt = decisions.resolve(tgt)?;
    let src_text = read_text(src)?;
    let tgt_text = read_text(tgt)?;
    let src_out = edit::add_link(
        &src_text,
        src,
        kind.trim(),
        &link_title(tgt),
        &relative_href(&src.path, &tgt.path),
    );
    let add_reverse = |text: &str, record: &Record| match reverse {
        Some(rev) => edit::add_link(
            text,
            record,
            rev.trim(),
            &link_title(src),
            &relative_href(&tgt.path, &src.path),
        ),
        None => text.to_string(),
    };
    if src.path == tgt.path {
        // A record linked to itself: one file gets both lines.
        let reread = crate::parse::parse_text(&src.rel_path, &src.path, &src_out)
            .unwrap_or_else(|_| src.clone());
        let both = add_reverse(&src_out, &reread);
        return Ok(changed([(src, src_text, both)]));
    }
    let tgt_out = add_reverse(&tgt_text, tgt);
    Ok(changed([(src, src_text, src_out), (tgt, tgt_text, tgt_out)]))
}

/// The edits that change their file.
fn changed<const N: usize>(edits: [(&Record, String, String); N]) -> Vec<Edit> {
    edits
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(r, before, after)| Edit {
            path: r.path.clone(),
            rel_path: r.rel_path.clone(),
            before,
            after,
        })
        .collect()
}

/// Writes each edit atomically, in order.
pub fn apply(edits: &[Edit]) -> Result<(), InputError> {
    for e in edits {
        write_atomic(&e.path, e.after.as_bytes()).map_err(|err| InputError::io(&e.rel_path, &err))?;
    }
    Ok(())
}
