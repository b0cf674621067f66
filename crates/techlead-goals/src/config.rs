//! `[goals]` in `techlead.toml`: where goal records live, how far behind
//! its horizon a key result may fall before it is off track, and whether
//! recent decisions must serve a goal.

use serde::Deserialize;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "goals";

/// Share of the horizon a key result may lag by before it is off track.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalsConfig {
    /// The goals folder (default `docs/goals`).
    pub dir: Option<String>,
    /// How far (a share from 0 to 1) a key result's progress may trail the
    /// elapsed share of its horizon before `goals/off-track` (default 0.1:
    /// ten points).
    pub off_track_tolerance: Option<Spanned<f64>>,
    /// Report accepted decisions of the last this many months that serve
    /// no goal (`goals/orphan-decision`; unset: off).
    pub orphan_decision_months: Option<Spanned<u32>>,
}

impl GoalsConfig {
    pub fn dir(&self) -> &str {
        self.dir.as_deref().unwrap_or("docs/goals")
    }

    pub fn tolerance(&self) -> f64 {
        self.off_track_tolerance
            .as_ref()
            .map_or(DEFAULT_TOLERANCE, |t| *t.get_ref())
    }

    pub fn orphan_decision_months(&self) -> Option<u32> {
        self.orphan_decision_months.as_ref().map(|m| *m.get_ref())
    }

    /// Values the types allow but the section does not.
    pub fn validate(&self, file: &LoadedConfig) -> Vec<InputError> {
        let mut errors = Vec::new();
        if let Some(t) = &self.off_track_tolerance
            && !(0.0..=1.0).contains(t.get_ref())
        {
            errors.push(
                file.error_at(
                    t.span().start,
                    format!(
                        "[goals] off_track_tolerance is {}: it is a share from 0 to 1",
                        t.get_ref()
                    ),
                )
                .with_help("0.1 lets a key result trail its horizon by ten points"),
            );
        }
        if let Some(m) = &self.orphan_decision_months
            && *m.get_ref() == 0
        {
            errors.push(
                file.error_at(
                    m.span().start,
                    "[goals] orphan_decision_months is 0: no decision would be looked at"
                        .to_string(),
                )
                .with_help("remove the key to switch goals/orphan-decision off, or give 1 or more"),
            );
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> (LoadedConfig, GoalsConfig) {
        let file = LoadedConfig::parse(Path::new("techlead.toml"), text.to_string()).unwrap();
        let section = file.section(SECTION).unwrap();
        (file, section)
    }

    #[test]
    fn defaults_and_checked_values() {
        let (file, c) = load("");
        assert_eq!((c.dir(), c.tolerance()), ("docs/goals", 0.1));
        assert!(c.validate(&file).is_empty());
        let (file, c) =
            load("[goals]\ndir = \"okr\"\noff_track_tolerance = 1.5\norphan_decision_months = 0\n");
        assert_eq!(c.dir(), "okr");
        let errors = c.validate(&file);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[1].line, Some(4));
    }
}
