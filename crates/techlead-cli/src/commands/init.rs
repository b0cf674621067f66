//! `techlead init`: scaffold a commented techlead.toml and the decisions
//! folder with ADR 0001. It never overwrites: a second run reports what
//! exists and exits 0.

use crate::context::Context;
use anyhow::{Context as _, Result};
use std::io::ErrorKind;
use std::path::Path;
use techlead_core::ExitCode;
use techlead_core::atomic::create_new_atomic;
use techlead_core::paths::CONFIG_FILE;
use techlead_records::folder;

const DEFAULT_DIR: &str = "docs/decisions";
const FIRST_RECORD: &str = "0001-record-architecture-decisions.md";

pub fn run(ctx: &Context) -> Result<ExitCode> {
    // Adopt an existing folder (adr-tools, MADR, log4brains) rather than
    // starting a second one beside it.
    let existing = folder::find_dir(&ctx.root, ctx.decisions.dir());
    let dir = existing
        .clone()
        .unwrap_or_else(|| ctx.root.join(DEFAULT_DIR));
    let dir_rel = ctx.rel(&dir);

    // Records already there keep their style: `adr new` must write what
    // the folder holds, so the detected template is what init records.
    let records = existing
        .as_ref()
        .map(|d| folder::load(&ctx.root, d))
        .transpose()?
        .filter(|d| !d.records.is_empty());
    let template = match &records {
        Some(d) => (
            d.style_template().name(),
            format!("detected from the records in {dir_rel}"),
        ),
        None => ("madr", "MADR 4, with YAML front matter".to_string()),
    };
    let statuses = records
        .as_ref()
        .map(|d| extra_statuses(&d.records))
        .unwrap_or_default();
    let config_path = ctx.root.join(CONFIG_FILE);
    create(
        ctx,
        &config_path,
        config_text(&dir_rel, template, &statuses).as_bytes(),
    )?;

    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {dir_rel}"))?;
    let has_records = records.is_some();
    if has_records {
        outln!("exists  {dir_rel} (holds decision records; ADR 0001 not added)")?;
    } else {
        let today = ctx.today.clone();
        create(
            ctx,
            &dir.join(FIRST_RECORD),
            first_record(&today).as_bytes(),
        )?;
    }
    Ok(ExitCode::Clean)
}

fn create(ctx: &Context, path: &Path, bytes: &[u8]) -> Result<()> {
    match create_new_atomic(path, bytes) {
        Ok(()) => outln!("created {}", ctx.rel(path))?,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            outln!("exists  {} (left unchanged)", ctx.rel(path))?
        }
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", ctx.rel(path))),
    }
    Ok(())
}

/// The statuses the records use beyond the standard ones, so that the
/// first `check` does not flag the team's own vocabulary (MADR's
/// `on hold`); one that looks like a misspelt standard status
/// (`acepted`) is left for the lint to point out.
fn extra_statuses(records: &[techlead_records::Record]) -> Vec<String> {
    use techlead_records::parse::KNOWN_STATUSES;
    let mut out: Vec<String> = Vec::new();
    for status in records.iter().filter_map(|r| r.status.as_deref()) {
        let status = status.trim();
        let known = KNOWN_STATUSES
            .iter()
            .any(|k| k.eq_ignore_ascii_case(status));
        let typo =
            techlead_core::suggest::did_you_mean(status, KNOWN_STATUSES.iter().copied()).is_some();
        if !status.is_empty()
            && !known
            && !typo
            && !out.iter().any(|s| s.eq_ignore_ascii_case(status))
        {
            out.push(status.to_string());
        }
    }
    out.sort();
    out
}

fn config_text(dir: &str, (template, why): (&str, String), statuses: &[String]) -> String {
    let statuses = if statuses.is_empty() {
        "statuses = []".to_string()
    } else {
        let quoted: Vec<String> = statuses
            .iter()
            // A JSON string is a TOML basic string: same escapes.
            .map(|s| serde_json::Value::String(s.clone()).to_string())
            .collect();
        format!(
            "# (these are the ones the records in {dir} use)\nstatuses = [{}]",
            quoted.join(", ")
        )
    };
    format!(
        r#"# techlead configuration. Every section is optional: techlead works with
# defaults and auto-detection when a key is absent.
# Reference: `techlead config docs`; JSON Schema for editors: `techlead config schema`.

[decisions]
# Folder of architecture decision records, relative to this file.
dir = "{dir}"
# Template for `techlead adr new`: madr, madr-minimal, nygard, evaluation,
# build-vs-buy ({why}).
template = "{template}"
# Statuses accepted besides proposed, accepted, rejected, deprecated,
# superseded, draft and reverted, e.g. ["on hold"].
{statuses}

[checks]
# Checks that `techlead check` runs (default: all that apply).
# run = ["decisions"]

# Severity per rule id: "error", "warning", "note" or "off".
# `techlead rules` lists the ids.
[checks.severity]
# "decisions/filename-title-mismatch" = "off"
"#
    )
}

fn first_record(date: &str) -> String {
    format!(
        r#"---
status: accepted
date: {date}
---

# Record architecture decisions

## Context and Problem Statement

We make architectural decisions on this project every week. Without a record,
the reasons behind them are lost when people move on, and newcomers either
accept past decisions blindly or reverse them without knowing what they cost.

## Decision Outcome

We record every significant decision as an Architecture Decision Record in
this folder, in the MADR format (https://adr.github.io/madr/), and manage the
records with `techlead adr` (`new`, `status`, `supersede`, `lint`).

### Consequences

* Good, because the context and the trade-offs of each decision stay next to
  the code they shaped.
* Good, because `techlead check` lints the records in CI.
* Bad, because writing a record takes time; keep each one short.
"#
    )
}
