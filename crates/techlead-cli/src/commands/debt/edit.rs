//! `debt add`, `debt status` and `debt link`: the commands that write an
//! item. Every value is checked before any file is touched; decisions and
//! modules must exist. Each holds the register folder's lock from reading
//! the items to writing, so two runs take turns and neither loses the
//! other's change; an edit is written only if the file still holds what
//! was read.

use super::{DebtDir, folder, load};
use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::atomic::Transaction;
use techlead_core::lock::Lock;
use techlead_core::suggest::did_you_mean;
use techlead_core::{ExitCode, InputError};
use techlead_debt::edit::Field;
use techlead_debt::new::NewItem;
use techlead_debt::{DebtItem, Status};

pub struct Add {
    pub title: String,
    pub owner: Option<String>,
    pub principal: Option<String>,
    pub interest: Option<String>,
    pub target: Option<String>,
    pub paths: Vec<String>,
    pub modules: Vec<String>,
    pub decisions: Vec<String>,
    pub goals: Vec<String>,
    pub tags: Vec<String>,
}

pub fn add(ctx: &Context, dir: &DebtDir, a: Add) -> Result<ExitCode> {
    let modules = known_modules(ctx, &a.modules)?;
    let decisions = known_decisions(ctx, &a.decisions)?;
    let new = NewItem {
        title: &a.title,
        status: None,
        owner: a.owner.as_deref().filter(|o| !o.trim().is_empty()),
        created: &ctx.today,
        target: a.target.as_deref(),
        principal: a.principal.as_deref(),
        interest: a.interest.as_deref(),
        paths: &a.paths,
        modules: &modules,
        decisions: &decisions,
        goals: &a.goals,
        tags: &a.tags,
    };
    techlead_debt::new::validate(&new)?;
    let folder = folder(ctx, dir);
    std::fs::create_dir_all(&folder).map_err(|e| InputError::io_write(ctx.rel(&folder), &e))?;
    let _lock = lock(ctx, &folder)?;
    let taken: Vec<u32> = load(ctx, dir)?.iter().filter_map(|i| i.number).collect();
    let path = techlead_debt::new::create(&folder, &taken, &new)?;
    let item = techlead_debt::item::read(&ctx.root, &path)?;
    print_item(ctx, &item, || ctx.rel(&path))
}

pub fn status(ctx: &Context, dir: &DebtDir, id: &str, to: &str, reason: &str) -> Result<ExitCode> {
    let to = Status::parse(to).ok_or_else(|| {
        let mut err = InputError::new(format!("unknown status `{to}`"));
        err = match did_you_mean(&to.to_lowercase(), Status::ALL.iter().map(|s| s.as_str())) {
            Some(s) => err.with_help(format!("did you mean `{s}`? (one of: {})", Status::list())),
            None => err.with_help(format!("use one of: {}", Status::list())),
        };
        err
    })?;
    let _lock = lock(ctx, &folder(ctx, dir))?;
    let items = load(ctx, dir)?;
    let item = techlead_debt::resolve(&items, id)?;
    if item.status == to {
        ctx.note(format!("{} is already {to}", item.id));
        return print_item(ctx, item, String::new);
    }
    let text = read(item)?;
    let new = techlead_debt::edit::set_status(&text, item, to, &ctx.today, reason);
    write(
        ctx,
        item,
        &text,
        new,
        format!("{}: {} → {to}", item.path, item.status),
    )
}

pub struct Links {
    pub paths: Vec<String>,
    pub modules: Vec<String>,
    pub decisions: Vec<String>,
    pub goals: Vec<String>,
    pub tags: Vec<String>,
}

pub fn link(ctx: &Context, dir: &DebtDir, id: &str, l: Links, remove: bool) -> Result<ExitCode> {
    let mut fields: Vec<(Field, Vec<String>)> = vec![
        (Field::Paths, l.paths),
        (Field::Goals, l.goals),
        (Field::Tags, l.tags),
    ];
    if remove {
        fields.push((Field::Modules, l.modules));
        fields.push((Field::Decisions, l.decisions));
    } else {
        for p in &fields[0].1 {
            techlead_debt::item::check_path(p)
                .map_err(|e| InputError::new(format!("--path {e}")))?;
        }
        fields.push((Field::Modules, known_modules(ctx, &l.modules)?));
        fields.push((Field::Decisions, known_decisions(ctx, &l.decisions)?));
    }
    if fields.iter().all(|(_, v)| v.is_empty()) {
        return Err(InputError::new("nothing to link")
            .with_help("give --path, --module, --decision, --goal or --tag")
            .into());
    }
    let _lock = lock(ctx, &folder(ctx, dir))?;
    let items = load(ctx, dir)?;
    let item = techlead_debt::resolve(&items, id)?;
    let read_text = read(item)?;
    let mut text = read_text.clone();
    let mut changed = false;
    let mut current = item.clone();
    for (field, values) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        let (new, did) = techlead_debt::edit::link(&text, &current, *field, values, remove);
        if did {
            current = techlead_debt::item::parse(&item.path, &item.abs_path, &new)?;
            text = new;
            changed = true;
        }
    }
    if !changed {
        ctx.note(format!("{} is unchanged", item.path));
        return print_item(ctx, item, String::new);
    }
    write(
        ctx,
        item,
        &read_text,
        text,
        format!("{}: links updated", item.path),
    )
}

/// The register folder's lock (see `techlead_core::lock`); a folder not
/// made yet needs none.
fn lock(ctx: &Context, folder: &std::path::Path) -> Result<Option<Lock>> {
    if !folder.is_dir() {
        return Ok(None);
    }
    Ok(Some(
        Lock::exclusive(folder).map_err(|e| InputError::io(ctx.rel(folder), &e))?,
    ))
}

fn read(item: &DebtItem) -> Result<String> {
    Ok(
        techlead_core::read::regular_text(&item.abs_path, techlead_core::read::RECORD_LIMIT)
            .map_err(|e| InputError::io(&item.path, &e))?,
    )
}

/// Writes the item's new text, which must read back as an item, if the
/// file still holds `old`.
fn write(
    ctx: &Context,
    item: &DebtItem,
    old: &str,
    text: String,
    note: String,
) -> Result<ExitCode> {
    let updated = techlead_debt::item::parse(&item.path, &item.abs_path, &text)?;
    let mut tx = Transaction::new(&ctx.root);
    tx.replace(&item.abs_path, old.as_bytes(), text);
    tx.commit()?;
    ctx.note(format!("updated {note}"));
    print_item(ctx, &updated, String::new)
}

/// With `--format json` the item as it is now; in text what `text` says
/// (the new path for `add`, nothing for edits).
fn print_item(ctx: &Context, item: &DebtItem, text: impl Fn() -> String) -> Result<ExitCode> {
    if ctx.output_format() == Format::Json {
        outln!("{}", serde_json::to_string_pretty(item)?)?;
    } else {
        let t = text();
        if !t.is_empty() {
            outln!("{t}")?;
        }
    }
    Ok(ExitCode::Clean)
}

/// Module names must be `[boundaries]` modules.
fn known_modules(ctx: &Context, names: &[String]) -> Result<Vec<String>> {
    let declared: Vec<&str> = ctx
        .boundaries
        .modules
        .iter()
        .map(|m| m.name.get_ref().as_str())
        .collect();
    for n in names {
        if !declared.contains(&n.as_str()) {
            let mut err = InputError::new(format!("--module `{n}` is not a [boundaries] module"));
            err = match did_you_mean(n, declared.iter().copied()) {
                Some(s) => err.with_help(format!("did you mean `{s}`?")),
                None if declared.is_empty() => {
                    err.with_help("declare modules in [boundaries] of techlead.toml, or use --path")
                }
                None => err.with_help(format!("modules: {}", declared.join(", "))),
            };
            return Err(err.into());
        }
    }
    Ok(names.to_vec())
}

/// Decisions must exist; they are written by number (`0012`), or by file
/// stem when unnumbered.
fn known_decisions(ctx: &Context, ids: &[String]) -> Result<Vec<String>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let decisions = super::super::adr::load_for_reading(ctx, None)?;
    ids.iter()
        .map(|id| {
            let r = decisions.resolve(id)?;
            Ok(r.number.map_or_else(|| r.id.clone(), |n| format!("{n:04}")))
        })
        .collect()
}
