//! The evidence of the contexts that judge the code itself: health, the
//! debt register and the practices scorecard.

use crate::context::Context;
use anyhow::Result;
use techlead_metrics::evidence::Debt;
use techlead_metrics::{Absent, Source};

/// The debt register's items; absent when there is none and `[debt]` is
/// not configured.
pub fn debt(ctx: &Context) -> Result<Source<Debt>> {
    let items = techlead_debt::load(&ctx.root, &ctx.root.join(ctx.debt.dir()))?;
    if items.is_empty() && !ctx.debt_configured {
        return Ok(Err(Absent::new(format!(
            "no debt register in {}",
            ctx.debt.dir()
        ))
        .setup("techlead debt add TITLE --owner WHO --principal 2-4d")));
    }
    Ok(Ok(Debt { items }))
}

/// Code health needs no set-up: every source file is measured with the
/// `[health]` limits, or the defaults; a file `memo` holds a scan of for
/// its content is not scanned again.
pub fn health(
    ctx: &Context,
    memo: &techlead_health::Memo,
) -> Result<Source<techlead_health::Report>> {
    let options = ctx
        .health
        .as_ref()
        .map(techlead_health::Options::from_config)
        .unwrap_or_default();
    Ok(Ok(techlead_health::measure_in(ctx, &[], &options, memo)?))
}

/// The scans of source files kept in `.techlead/cache/health.bin`, shared
/// by health and the hotspots; none read or kept with `--no-cache`.
pub fn memo(ctx: &Context) -> techlead_health::Memo {
    match ctx.no_cache {
        true => techlead_health::Memo::in_memory(),
        false => techlead_health::Memo::load(&ctx.root),
    }
}

/// The practices scorecard, with `[practices]` or its defaults: it applies
/// to every repository, configured or not.
pub fn practices(ctx: &Context) -> Source<Box<techlead_practices::Report>> {
    practices_in(ctx, None)
}

/// The scorecard at a past commit of the repository at `repo`; `ctx` is
/// the context of that commit's files.
pub fn practices_at(
    ctx: &Context,
    repo: &std::path::Path,
    commit: &str,
) -> Source<Box<techlead_practices::Report>> {
    practices_in(ctx, Some((repo, commit)))
}

fn practices_in(
    ctx: &Context,
    past: Option<(&std::path::Path, &str)>,
) -> Source<Box<techlead_practices::Report>> {
    let default = techlead_practices::config::PracticesConfig::default();
    let config = ctx.practices.as_ref().unwrap_or(&default);
    let settings = super::super::practices::Settings::of(ctx, config);
    super::super::practices::assess_in(ctx, &settings, None, past)
        .map(Box::new)
        .map_err(|e| super::absent_from(&e))
}
