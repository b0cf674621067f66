//! `adr index` and `adr graph`: views of the whole folder.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::atomic::write_atomic;
use techlead_core::{ExitCode, InputError};
use techlead_records::{graph, index};

pub fn index(ctx: &Context, dir: Option<&Path>, print: bool) -> Result<ExitCode> {
    let decisions = super::load_for_reading(ctx, dir)?;
    let table = index::render_table(&decisions.dir, &decisions.records);
    if print {
        out!("{table}")?;
        return Ok(ExitCode::Clean);
    }
    let readme = index::index_file(&decisions.dir);
    let existing =
        match techlead_core::read::regular_file(&readme, techlead_core::read::RECORD_LIMIT) {
            Ok(bytes) => Some(
                String::from_utf8(bytes)
                    .map_err(|_| InputError::in_file(ctx.rel(&readme), "invalid UTF-8"))?,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(InputError::io(ctx.rel(&readme), &e).into()),
        };
    let updated = index::update_readme(existing.as_deref(), &table);
    if existing.as_deref() == Some(updated.as_str()) {
        ctx.note(format!("unchanged {}", ctx.rel(&readme)));
    } else {
        write_atomic(&readme, updated.as_bytes())
            .map_err(|e| InputError::io_write(ctx.rel(&readme), &e))?;
        let done = if existing.is_some() {
            "updated"
        } else {
            "created"
        };
        ctx.note(format!("{done} {}", ctx.rel(&readme)));
    }
    Ok(ExitCode::Clean)
}

pub fn graph(ctx: &Context, dir: Option<&Path>) -> Result<ExitCode> {
    let format = ctx.output_format();
    let decisions = super::load_for_reading(ctx, dir)?;
    let out = match format {
        Format::Mermaid => graph::mermaid(&decisions.records),
        _ => graph::dot(&decisions.records),
    };
    out!("{out}")?;
    Ok(ExitCode::Clean)
}
