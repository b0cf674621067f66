//! The contexts' inputs as the CLI reads them, for one call.

use crate::project::Session;
use crate::tools::ToolError;
use techlead_boundaries::{Analysis, Workspace};
use techlead_core::check::Env;
use techlead_radar::Technology;

/// The technology records of `[radar] dir` (none when the folder does not
/// exist).
pub fn technologies(session: &Session) -> Result<Vec<Technology>, ToolError> {
    let root = session.root();
    Ok(techlead_radar::load(
        root,
        &root.join(session.project.radar().dir()),
    )?)
}

/// The tree's imports, resolved, through the incremental cache as
/// `techlead boundaries check` reads them.
pub fn analysis(session: &Session) -> Result<Analysis, ToolError> {
    Ok(techlead_boundaries::analyze_in(
        session,
        session.project.boundaries(),
    )?)
}

/// [`analysis`], keeping the scanned files for checking files that are not
/// written yet.
pub fn workspace(session: &Session) -> Result<Workspace, ToolError> {
    let p = session.project;
    let mut ws = techlead_boundaries::analyze_workspace(
        p.root(),
        p.file(),
        p.boundaries(),
        p.use_cache(),
        &(),
    )?;
    session.defer_cache(ws.analysis.cache.take());
    for w in &ws.analysis.warnings {
        session.note(&format!("warning: {w}"));
    }
    Ok(ws)
}

/// How findings name the configuration file.
pub fn config_name(session: &Session) -> String {
    techlead_boundaries::config_name(session.file())
}
