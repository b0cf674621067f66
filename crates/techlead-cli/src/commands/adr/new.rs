//! `adr new`: the next number (or date-slug), created exclusively so two
//! runs at the same moment get two files, then the path on stdout.

use crate::cli::TemplateArg;
use crate::context::Context;
use anyhow::Result;
use std::path::Path;
use techlead_core::ExitCode;
use techlead_core::InputError;
use techlead_records::config::Template;
use techlead_records::folder;
use techlead_records::write;

pub struct Args {
    pub title: String,
    pub template: Option<TemplateArg>,
    pub supersedes: Option<String>,
    pub status: String,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
}

pub fn run(ctx: &Context, dir_arg: Option<&Path>, args: Args) -> Result<ExitCode> {
    write::check_title(&args.title)?;
    let (dir, created) = write::folder_for_new(&ctx.root, &ctx.config, &ctx.decisions, dir_arg)?;
    if created {
        ctx.note(format!("created {}", write::DEFAULT_DIR));
    }
    // Held until the supersede edit is committed.
    let _lock = write::lock(&ctx.root, &dir)?;
    let decisions = folder::load(&ctx.root, &dir)?;
    let old = match &args.supersedes {
        Some(id) => Some(decisions.resolve(id)?.clone()),
        None => None,
    };
    let new = write::NewArgs {
        title: args.title,
        status: args.status,
        tags: args.tags,
        deciders: args.deciders,
        template: args.template.map(to_template),
    };
    let path = write::new_record(
        &ctx.root,
        &decisions,
        ctx.decisions.template,
        new,
        &ctx.today,
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
