//! `[practices]` in `techlead.toml`: the activity window, weights,
//! minimums, levels, release tags and checks that do not apply. Check ids
//! are spanned so that a misspelt one is reported at its line with the
//! closest id. With no section, `techlead check` does not run practices.

use crate::checks::CHECKS;
use crate::model::Level;
use serde::Deserialize;
use std::collections::BTreeMap;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use techlead_core::suggest::did_you_mean;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "practices";

/// Check id to a number (weight or minimum score).
pub type PerCheck = BTreeMap<Spanned<String>, Spanned<f64>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticesConfig {
    /// The level `techlead check` requires (`practices/below-level`).
    pub min_level: Option<Spanned<String>>,
    /// The activity window for review and active contributors (default
    /// "90 days"); `--since` overrides it.
    pub since: Option<Spanned<String>>,
    /// Release tags (globs), as `history delivery --tags`; default
    /// `[history] release_tags`, else v1.2.3 and 1.2.3.
    #[serde(default)]
    pub release_tags: Vec<String>,
    /// Checks that do not apply to this project: reported as n/a.
    #[serde(default)]
    pub skip: Vec<Spanned<String>>,
    /// Weights in the overall score, per check id (0 leaves a check out).
    #[serde(default)]
    pub weights: PerCheck,
    /// Scores `techlead check` requires, per check id
    /// (`practices/check-below-minimum`).
    #[serde(default)]
    pub minimums: PerCheck,
    /// Minimum scores per level, merged over the defaults.
    #[serde(default)]
    pub levels: LevelsConfig,
    /// Commits that change source looked at for tests changing with them
    /// (default 100).
    pub test_commits: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelsConfig {
    #[serde(default)]
    pub bronze: PerCheck,
    #[serde(default)]
    pub silver: PerCheck,
    #[serde(default)]
    pub gold: PerCheck,
}

impl LevelsConfig {
    pub fn of(&self, level: Level) -> Option<&PerCheck> {
        match level {
            Level::Bronze => Some(&self.bronze),
            Level::Silver => Some(&self.silver),
            Level::Gold => Some(&self.gold),
            Level::None => None,
        }
    }
}

impl PracticesConfig {
    pub fn since(&self) -> &str {
        self.since
            .as_ref()
            .map_or("90 days", |s| s.get_ref().as_str())
    }

    pub fn min_level(&self) -> Option<Level> {
        self.min_level
            .as_ref()
            .and_then(|l| Level::parse(l.get_ref()))
    }

    pub fn test_commits(&self) -> usize {
        self.test_commits.unwrap_or(100).max(1)
    }

    pub fn skipped(&self, id: &str) -> bool {
        self.skip.iter().any(|s| s.get_ref() == id)
    }

    /// The weight of a check: configured, else its default.
    pub fn weight(&self, id: &str) -> f64 {
        self.weights
            .iter()
            .find(|(k, _)| k.get_ref() == id)
            .map(|(_, v)| *v.get_ref())
            .or_else(|| CHECKS.iter().find(|c| c.id == id).map(|c| c.weight))
            .unwrap_or(0.0)
    }

    /// Unknown check ids, bad levels, numbers out of range and windows
    /// that do not parse, each at its line.
    pub fn validate(&self, file: &LoadedConfig) -> Vec<InputError> {
        let mut errors = Vec::new();
        let ids = CHECKS.iter().map(|c| c.id);
        let unknown = |errors: &mut Vec<InputError>, key: &Spanned<String>, table: &str| {
            if CHECKS.iter().any(|c| c.id == key.get_ref()) {
                return;
            }
            let mut e = file.error_at(
                key.span().start,
                format!("unknown check `{}` in {table}", key.get_ref()),
            );
            e = match did_you_mean(key.get_ref(), ids.clone()) {
                Some(s) => e.with_help(format!("did you mean `{s}`?")),
                None => e.with_help("docs/guide/practices.md lists the check ids"),
            };
            errors.push(e);
        };
        for s in &self.skip {
            unknown(&mut errors, s, "[practices] skip");
        }
        let tables = [
            ("[practices.weights]", &self.weights, 100.0),
            ("[practices.minimums]", &self.minimums, 10.0),
            ("[practices.levels.bronze]", &self.levels.bronze, 10.0),
            ("[practices.levels.silver]", &self.levels.silver, 10.0),
            ("[practices.levels.gold]", &self.levels.gold, 10.0),
        ];
        for (table, map, max) in tables {
            for (k, v) in map {
                unknown(&mut errors, k, table);
                let n = *v.get_ref();
                if !(0.0..=max).contains(&n) || n.is_nan() {
                    errors.push(file.error_at(
                        v.span().start,
                        format!(
                            "`{}` = {n} in {table}: expected a number from 0 to {max}",
                            k.get_ref()
                        ),
                    ));
                }
            }
        }
        if let Some(l) = &self.min_level
            && Level::parse(l.get_ref()).is_none()
        {
            let mut e = file.error_at(
                l.span().start,
                format!(
                    "unknown level `{}`: expected bronze, silver or gold",
                    l.get_ref()
                ),
            );
            if let Some(s) = did_you_mean(l.get_ref(), ["bronze", "silver", "gold"]) {
                e = e.with_help(format!("did you mean `{s}`?"));
            }
            errors.push(e);
        }
        if let Some(s) = &self.since
            && let Err(why) =
                crate::duration::window_start(s.get_ref(), jiff::civil::date(2000, 1, 1))
            && !why.contains("after today")
        {
            errors.push(file.error_at(s.span().start, format!("[practices] since {why}")));
        }
        errors
    }
}
