//! What the server asks of the composition root, and what one tool call
//! runs in.
//!
//! The CLI stays the one place that composes the contexts (ADR 0002): it
//! opens the project (configuration read and validated, every section
//! typed) and hands over its check registry through [`Project`]. The
//! server opens the project afresh for every call, so an edited
//! `techlead.toml` counts at once and a broken one is an error of that
//! call, not of the server.

use std::path::Path;
use std::sync::Mutex;
use techlead_boundaries::config::BoundariesConfig;
use techlead_core::RuleInfo;
use techlead_core::cache::Pending;
use techlead_core::check::{Check, Env, Progress};
use techlead_core::config::LoadedConfig;
use techlead_health::HealthConfig;
use techlead_history::config::HistoryConfig;
use techlead_radar::config::RadarConfig;
use techlead_records::config::DecisionsConfig;

/// A project as the CLI opened it.
pub trait Project: Env {
    fn decisions(&self) -> &DecisionsConfig;
    fn boundaries(&self) -> &BoundariesConfig;
    fn radar(&self) -> &RadarConfig;
    fn history(&self) -> &HistoryConfig;
    /// `[health]`, None when the section is absent (default limits).
    fn health(&self) -> Option<&HealthConfig>;
    /// The configuration file in use, absolute; None when there is none.
    fn config_file(&self) -> Option<&Path>;
    /// Every check of the registry, in the order `techlead check` runs them.
    fn checks(&self) -> Vec<Box<dyn Check + '_>>;
    /// Every rule the registry knows.
    fn rules(&self) -> Vec<&'static RuleInfo>;
    /// Every goal evaluated, as `techlead goals list --format json` gives
    /// them; empty when the project keeps no goals. Key results are bound
    /// to metrics of every context, which only the composition root
    /// gathers, so it is asked here.
    fn goals(&self) -> anyhow::Result<Vec<techlead_goals::GoalStatus>>;
    /// `[deps]`: the licence policy and the online cache's lifetime.
    fn deps(&self) -> &techlead_inventory::config::DepsConfig;
    /// The cargo home whose registry sources give crates' licences.
    fn cargo_home(&self) -> Option<std::path::PathBuf>;
    /// The radar's Hold ring, as the deps check sees it.
    fn radar_hold(&self) -> Vec<techlead_inventory::check::Hold>;
}

/// Opens the project for one call; the error is shown to the caller.
pub type Open = dyn Fn() -> anyhow::Result<Box<dyn Project>> + Send + Sync;

/// One tool call: the project, and what the call noted on the way. Notes
/// that the CLI prints on stderr (an unreadable lockfile, a file the scan
/// skipped) come back with the result instead, so the assistant sees
/// what the answer is missing.
pub struct Session<'p> {
    pub project: &'p dyn Project,
    pub state: &'p crate::State,
    notes: Mutex<Vec<String>>,
    caches: Mutex<Vec<Pending>>,
}

impl<'p> Session<'p> {
    pub fn new(project: &'p dyn Project, state: &'p crate::State) -> Self {
        Session {
            project,
            state,
            notes: Mutex::new(Vec::new()),
            caches: Mutex::new(Vec::new()),
        }
    }

    /// The notes so far, at most [`crate::tools::MAX_NOTES`] and a count
    /// of the rest.
    pub fn take_notes(&self) -> Vec<String> {
        let mut notes = std::mem::take(&mut *self.notes.lock().unwrap_or_else(|e| e.into_inner()));
        let max = crate::tools::MAX_NOTES;
        if notes.len() > max {
            let more = notes.len() - max;
            notes.truncate(max);
            notes.push(format!("... and {more} more notes"));
        }
        notes
    }

    /// After a call that succeeded: writes the caches it updated. A cache
    /// only saves time, so a failure is a note.
    pub fn save_caches(&self) {
        let pending = std::mem::take(&mut *self.caches.lock().unwrap_or_else(|e| e.into_inner()));
        for p in pending {
            let rel = p.rel_path();
            if let Err(e) = p.save() {
                self.note(&format!("warning: {rel}: cache not written: {e}"));
            }
        }
    }

    /// A path for answers: relative to the root, `/` separators.
    pub fn rel(&self, path: &Path) -> String {
        techlead_core::paths::display_rel(self.project.root(), path)
    }
}

impl Env for Session<'_> {
    fn root(&self) -> &Path {
        self.project.root()
    }

    fn file(&self) -> &LoadedConfig {
        self.project.file()
    }

    fn today(&self) -> &str {
        self.project.today()
    }

    fn use_cache(&self) -> bool {
        self.project.use_cache()
    }

    fn defer_cache(&self, pending: Option<Pending>) {
        self.caches
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(pending);
    }

    fn note(&self, message: &str) {
        self.notes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message.to_string());
    }

    fn progress(&self, _label: &str) -> Box<dyn Progress + '_> {
        // Nobody watches a spinner in a protocol stream.
        Box::new(())
    }
}
