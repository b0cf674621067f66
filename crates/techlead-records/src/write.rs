//! The writes that create and link records, for every front end: `adr new`
//! and `adr link` on the command line, `propose_decision` and
//! `link_decisions` in the MCP server. Inputs are checked before any file
//! is touched; new files are created exclusively under the folder's lock,
//! and edits are committed in one transaction (all files or none, each
//! still as it was read), keeping every byte they do not mean to change.

use crate::config::{DecisionsConfig, Template};
use crate::edit::{self, link_title, relative_href};
use crate::folder::{Decisions, Naming};
use crate::model::Record;
use crate::new::{self as create, NameScheme};
use crate::templates::NewRecord;
use std::path::{Path, PathBuf};
use techlead_core::InputError;
use techlead_core::atomic::Transaction;
use techlead_core::config::LoadedConfig;
use techlead_core::lock::Lock;

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

/// The folder's lock, held while a command reads records to change them
/// and until its writes are committed: two edits at once take turns.
pub fn lock(root: &Path, dir: &Path) -> Result<Lock, InputError> {
    Lock::exclusive(dir)
        .map_err(|e| InputError::io(techlead_core::paths::display_rel(root, dir), &e))
}

/// Creates a record in `decisions`' folder with the next number (or
/// date-slug) and returns its path; the caller holds the folder's
/// [`lock`]. `configured` is `[decisions] template`.
pub fn new_record(
    root: &Path,
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
    create::create(&decisions.dir, scheme, &numbers, &stems, template, rec).map_err(|mut e| {
        // Messages name files relative to the root.
        e.path = e
            .path
            .map(|p| techlead_core::paths::display_rel(root, &p).into());
        e
    })
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

/// `src` gets "KIND [tgt](...)", and `tgt` gets "REVERSE [src](...)":
/// `reverse` when given, else the usual verb's reverse (`Amends`,
/// `Amended by`). Returns the files that change (none when both links are
/// already there); the caller holds the folder's [`lock`].
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
    let src_text = crate::folder::read_text(src)?;
    let tgt_text = crate::folder::read_text(tgt)?;
    // Links are two-way: the usual verbs have a known reverse.
    let reverse = reverse.or_else(|| edit::reverse_kind(kind.trim()));
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
    Ok(changed([
        (src, src_text, src_out),
        (tgt, tgt_text, tgt_out),
    ]))
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

/// Writes the edits in one transaction under `root`: all of them or none,
/// each file still as it was read. Returns what it wrote, for notes.
pub fn apply(root: &Path, edits: &[Edit]) -> Result<Vec<String>, InputError> {
    let mut tx = Transaction::new(root);
    for e in edits {
        tx.replace(&e.path, e.before.as_bytes(), e.after.clone());
    }
    let done = tx.describe();
    tx.commit()?;
    Ok(done)
}
