//! One commit's evidence put together, for the working tree (`gather`)
//! and for a past commit's copied tree (`past::gather`) alike.

use super::TreeContexts;
use crate::context::Context;
use anyhow::Result;
use techlead_metrics::{Evidence, Source};

/// One commit's evidence: what the tree contexts found in `tree`, the
/// goals read from it, and what git said (the working tree's, or a past
/// commit's copied tree for `snapshot --backfill`).
pub fn assemble(
    tree: &Context,
    repo: String,
    found: TreeContexts,
    commit: Source<techlead_metrics::evidence::Commit>,
    history: Source<Box<techlead_history::Assessment>>,
    practices: Source<Box<techlead_practices::Report>>,
) -> Result<Evidence> {
    let (decisions, boundaries, radar, deps, health, debt) = found;
    let goals = super::goals::gather(tree, &decisions, &radar, &debt)?;
    Ok(Evidence {
        practices,
        repo,
        commit,
        today: tree.today.to_string(),
        decisions,
        boundaries,
        radar,
        deps,
        history,
        health,
        debt,
        goals,
    })
}
