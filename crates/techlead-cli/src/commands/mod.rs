//! One module per command group; `run` dispatches.

mod adr;
mod assess;
mod backfill;
mod boundaries;
mod check;
mod ci;
mod debt;
mod deps;
mod findings_out;
mod generate;
mod goals;
mod health;
mod health_baseline;
mod history;
mod init;
#[cfg(feature = "mcp")]
mod mcp;
mod org;
mod org_list;
mod org_report;
mod practices;
mod push;
mod radar;
pub mod registry;
mod report;
mod rules;
mod snapshot;
mod trend;

use crate::cli::{Command, Parsed};
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;

/// Rule ids and check names in techlead.toml must be ones the registry
/// knows.
fn validate(ctx: &Context) -> Result<()> {
    let errors = ctx.config.validate(
        &registry::rules(ctx)
            .into_iter()
            .copied()
            .collect::<Vec<_>>(),
        &registry::check_names(ctx),
    );
    if !errors.is_empty() {
        return Err(techlead_core::error::InputErrors(errors).into());
    }
    Ok(())
}

pub fn run(parsed: Parsed) -> Result<ExitCode> {
    let cli = parsed.cli;
    // These need no project, so a broken techlead.toml cannot stop them.
    match &cli.command {
        Command::Completions { shell } => return generate::completions(*shell),
        Command::Man { out } => return generate::man(out),
        Command::Config(cmd) => return generate::config(cmd),
        _ => {}
    }
    let mut ctx = Context::new(&cli.global, parsed.format, parsed.formats)?;
    ctx.online = match &cli.command {
        Command::Check { online, .. } => *online,
        Command::Snapshot(args) => args.online,
        Command::Report(args) => args.online,
        _ => false,
    };
    validate(&ctx)?;
    let result = match cli.command {
        Command::Init => init::run(&ctx),
        Command::Check { paths, .. } => check::run(&ctx, &paths),
        Command::Ci(cmd) => ci::run(&ctx, cmd),
        Command::Adr(cmd) => adr::run(&ctx, cmd),
        Command::Boundaries(cmd) => boundaries::run(&ctx, cmd),
        Command::Deps(args) => deps::run(&ctx, &args),
        Command::Radar(cmd) => radar::run(&ctx, cmd),
        Command::Debt(cmd) => debt::run(&ctx, cmd),
        Command::Goals(cmd) => goals::run(&ctx, cmd),
        Command::History(args) => history::run(&ctx, args),
        Command::Practices { since } => practices::run(&ctx, since.as_deref()),
        Command::Snapshot(args) => snapshot::run(&ctx, args),
        Command::Trend(args) => trend::run(&ctx, &args.metric),
        Command::Org(cmd) => org::run(&ctx, cmd),
        Command::Report(args) => report::run(&ctx, args),
        Command::Health(args) => health::run(&ctx, args),
        Command::Rules => rules::run(&ctx),
        #[cfg(feature = "mcp")]
        Command::Mcp(args) => mcp::run(&cli.global, args),
        Command::Completions { .. } | Command::Man { .. } | Command::Config(_) => {
            unreachable!("handled above")
        }
    };
    // Caches are written only after a command succeeded (exit 0 or 1): one
    // that stops on bad input touches no file.
    if matches!(result, Ok(ExitCode::Clean | ExitCode::Findings)) {
        crate::context::save_caches(ctx.quiet);
    }
    result
}
