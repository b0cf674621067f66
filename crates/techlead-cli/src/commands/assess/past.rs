//! The evidence of a past commit, from git objects only: the commit's tree
//! is read through gix ([`techlead_history::tree`], as a
//! [`techlead_core::source::SourceTree`]) and mounted at an empty scratch
//! folder outside the repository ([`techlead_core::source::mount`]): the
//! contexts run on that folder with the commit's own techlead.toml and
//! read each file's blob when they ask for it, as they would read it from
//! a checkout. Nothing of the repository is written (no checkout, no
//! index, no ref) and no file is copied: the scratch folder holds only the
//! empty `.git` that marks its top. The history is walked up to the
//! commit, with the activity windows ending on its day; the practices
//! scorecard reads the commit's tree and the log up to it.

use crate::cli::{ColorChoice, GlobalArgs};
use crate::context::Context;
use techlead_metrics::Evidence;
use techlead_metrics::evidence::Commit;

/// The evidence of `commit` and the notes to show about it (its
/// configuration missing or invalid there). Err: why the commit is
/// skipped (its tree or a blob cannot be read, a record that cannot be
/// parsed at that commit).
pub fn gather(ctx: &Context, commit: &Commit) -> Result<(Evidence, Vec<String>), String> {
    let trees = techlead_history::tree::Trees::open(&ctx.root).map_err(|e| e.to_string())?;
    let tree = std::sync::Arc::new(trees.at(&commit.id).map_err(|e| e.to_string())?.shared());
    let scratch = tempfile::Builder::new()
        .prefix("techlead-backfill-")
        .tempdir()
        .map_err(|e| format!("a scratch folder for the commit's files: {e}"))?;
    let root = scratch.path().join("tree");
    // A `.git` folder marks the mount's top, so that no techlead.toml or
    // repository above the scratch folder is taken for the project's.
    std::fs::create_dir_all(root.join(".git")).map_err(|e| e.to_string())?;
    let mounted = techlead_core::source::mount(&root, tree.clone());
    let mut notes = Vec::new();
    let date = techlead_history::revision::date_of(commit.time);
    let inner = at_commit(ctx, &root, scratch.path(), &mut notes)?;
    let inner = Context {
        today: crate::Today::fixed(date),
        ..inner
    };
    // The mount is gone after this commit: its scans are not kept.
    let memo = techlead_health::Memo::in_memory();
    let found = super::tree_contexts(&inner, &memo).map_err(|e| e.to_string())?;
    let history = super::history::assess_at(ctx, &inner, commit, Some(&commit.id), &memo);
    let evidence = super::assemble::assemble(
        &inner,
        super::repo_name(ctx),
        found,
        Ok(commit.clone()),
        history,
        super::quality::practices_at(&inner, &ctx.root, &commit.id),
    )
    .map_err(|e| e.to_string())?;
    drop(mounted);
    // Numbers that miss a file a context read would be wrong without
    // showing it: the commit is skipped with the reason. A blob no context
    // reads (an image a partial clone left out) costs nothing.
    if let Some((first, rest)) = tree.failures().split_first() {
        return Err(match rest.len() {
            0 => first.clone(),
            n => format!("{first}, and {n} more"),
        });
    }
    Ok((evidence, notes))
}

/// The context of the mounted tree: its techlead.toml, or the defaults
/// (with a note) when the commit has none or one this build cannot read.
/// Quiet, and without caches: the mount is gone after this commit.
fn at_commit(
    ctx: &Context,
    root: &std::path::Path,
    scratch: &std::path::Path,
    notes: &mut Vec<String>,
) -> Result<Context, String> {
    let global = |config: Option<std::path::PathBuf>| GlobalArgs {
        repo: Some(root.to_path_buf()),
        config,
        quiet: true,
        no_cache: true,
        color: ColorChoice::Never,
    };
    let has_config = techlead_core::source::exists(&root.join(techlead_core::paths::CONFIG_FILE));
    if has_config {
        match Context::new(&global(None), ctx.format, ctx.formats) {
            Ok(c) => return Ok(c),
            Err(e) => notes.push(format!(
                "the commit's techlead.toml cannot be read, the defaults are used: {}",
                first_line(&e.to_string())
            )),
        }
    } else {
        notes.push("no techlead.toml in the commit, the defaults are used".into());
    }
    let empty = scratch.join("defaults.toml");
    std::fs::write(&empty, "").map_err(|e| e.to_string())?;
    Context::new(&global(Some(empty)), ctx.format, ctx.formats).map_err(|e| e.to_string())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}
