//! `adr new`: the next number (or date-slug), created exclusively so two
//! runs at the same moment get two files, then the path on stdout.

use crate::cli::TemplateArg;
use crate::context::Context;
use anyhow::{Context as _, Result};
use std::path::Path;
use techlead_core::ExitCode;
use techlead_core::InputError;
use techlead_records::config::Template;
use techlead_records::folder::{self, Naming};
use techlead_records::new::{self as create, NameScheme};
use techlead_records::templates::NewRecord;

pub struct Args {
    pub title: String,
    pub template: Option<TemplateArg>,
    pub supersedes: Option<String>,
    pub status: String,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
}

const DEFAULT_DIR: &str = "docs/decisions";

pub fn run(ctx: &Context, dir_arg: Option<&Path>, args: Args) -> Result<ExitCode> {
    let title = args.title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(InputError::new("the title must be one non-empty line").into());
    }
    let dir = match super::find_dir(ctx, dir_arg)? {
        Some(d) => d,
        None => {
            let d = ctx.root.join(DEFAULT_DIR);
            std::fs::create_dir_all(&d).with_context(|| format!("cannot create {DEFAULT_DIR}"))?;
            ctx.note(format!("created {DEFAULT_DIR}"));
            d
        }
    };
    // Held until the supersede edit is committed.
    let _lock = techlead_core::lock::Lock::exclusive(&dir)
        .map_err(|e| InputError::io(ctx.rel(&dir), &e))?;
    let decisions = folder::load(&ctx.root, &dir)?;
    let old = match &args.supersedes {
        Some(id) => Some(decisions.resolve(id)?.clone()),
        None => None,
    };
    let template = match args.template {
        Some(t) => to_template(t),
        None => ctx
            .decisions
            .template
            .unwrap_or_else(|| decisions.style_template()),
    };
    let scheme = match decisions.naming {
        Naming::Numbered { width } => NameScheme::Numbered { width },
        Naming::DateSlug => NameScheme::DateSlug,
    };
    let numbers: Vec<u32> = decisions.records.iter().filter_map(|r| r.number).collect();
    let stems: Vec<String> = decisions.records.iter().map(|r| r.id.clone()).collect();
    let rec = NewRecord {
        number: None,
        title: title.to_string(),
        date: ctx.today.clone(),
        status: args.status.trim().to_string(),
        tags: args.tags,
        deciders: args.deciders,
        supersedes: None,
    };
    let path = create::create(&decisions.dir, scheme, &numbers, &stems, template, rec).map_err(
        |mut e| {
            // Messages name files relative to the root.
            e.path = e.path.map(|p| ctx.rel(&p).into());
            e
        },
    )?;
    if let Some(old) = old {
        // The new record and the superseded one change together: when the
        // second edit fails, the new file goes again.
        let linked = techlead_core::read::regular_file(&path, folder::RECORD_LIMIT)
            .map_err(|e| InputError::io(ctx.rel(&path), &e).into())
            .and_then(|bytes| {
                let new_record = techlead_records::parse::parse_record(&ctx.root, &path, &bytes)?;
                super::edit::apply_supersede(ctx, &old, &new_record)
            });
        if let Err(e) = linked {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
    }
    outln!("{}", ctx.rel(&path))?;
    Ok(ExitCode::Clean)
}

fn to_template(t: TemplateArg) -> Template {
    match t {
        TemplateArg::Madr => Template::Madr,
        TemplateArg::MadrMinimal => Template::MadrMinimal,
        TemplateArg::Nygard => Template::Nygard,
        TemplateArg::Evaluation => Template::Evaluation,
        TemplateArg::BuildVsBuy => Template::BuildVsBuy,
    }
}
