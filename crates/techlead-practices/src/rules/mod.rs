//! The practices rules of `techlead check`, one file each. They read a
//! finished assessment and the `[practices]` settings, and point into
//! techlead.toml, where the level or minimum they enforce is set.

mod architecture_outpaces_team;
mod below_level;
mod check_below_minimum;

pub use check_below_minimum::not_passing;

use crate::config::PracticesConfig;
use crate::model::Report;
use techlead_core::Location;
use techlead_core::check::Rule;
use techlead_core::config::LoadedConfig;

/// What the rules look at.
pub struct PracticesCx<'a> {
    pub report: &'a Report,
    pub config: &'a PracticesConfig,
    /// The configuration file, for the lines of the settings.
    pub file: &'a LoadedConfig,
}

impl PracticesCx<'_> {
    /// The configuration file at the line of a byte offset.
    fn at(&self, offset: usize) -> Option<Location> {
        let path = self
            .file
            .path
            .as_ref()?
            .to_string_lossy()
            .replace('\\', "/");
        Some(Location::line(path, self.file.line_of(offset)))
    }
}

pub static RULES: &[&dyn for<'a> Rule<PracticesCx<'a>>] = &[
    &below_level::BelowLevel,
    &check_below_minimum::CheckBelowMinimum,
    &architecture_outpaces_team::ArchitectureOutpacesTeam,
];
