//! `[decisions]` in `techlead.toml`: where the records live, the template
//! for new ones, and the statuses a team adds to the standard ones.

use serde::Deserialize;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "decisions";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DecisionsConfig {
    /// The decisions folder, relative to the project root. Spanned so that
    /// a folder that does not exist can be reported at its line.
    pub dir: Option<Spanned<String>>,
    /// Template for `adr new` when `--template` is not given.
    pub template: Option<Template>,
    /// Statuses accepted besides the standard ones, e.g. `["on hold"]`.
    #[serde(default)]
    pub statuses: Vec<String>,
}

impl DecisionsConfig {
    /// `[decisions] dir` as written.
    pub fn dir(&self) -> Option<&str> {
        self.dir.as_ref().map(|d| d.get_ref().as_str())
    }

    /// An input error pointing at `[decisions] dir` in the config file.
    pub fn dir_error(&self, file: &LoadedConfig, message: impl Into<String>) -> InputError {
        match &self.dir {
            Some(d) => file.error_at(d.span().start, message.into()),
            None => InputError::new(message),
        }
    }
}

/// The record templates `adr new` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    Madr,
    MadrMinimal,
    Nygard,
    Evaluation,
    BuildVsBuy,
}

impl Template {
    /// The name `techlead.toml` and `--template` use.
    pub fn name(self) -> &'static str {
        match self {
            Template::Madr => "madr",
            Template::MadrMinimal => "madr-minimal",
            Template::Nygard => "nygard",
            Template::Evaluation => "evaluation",
            Template::BuildVsBuy => "build-vs-buy",
        }
    }
}
