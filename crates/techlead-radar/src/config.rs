//! `[radar]` in `techlead.toml`: where technology records live, the rings
//! and quadrants, and the policy settings.

use serde::Deserialize;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "radar";

/// ThoughtWorks' rings, from "use it" to "stop using it".
pub const DEFAULT_RINGS: [&str; 4] = ["adopt", "trial", "assess", "hold"];
/// ThoughtWorks' quadrants.
pub const DEFAULT_QUADRANTS: [&str; 4] = [
    "techniques",
    "tools",
    "platforms",
    "languages-and-frameworks",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RadarConfig {
    /// The technology records folder (default `docs/radar`).
    pub dir: Option<String>,
    /// Rings from "use" to "stop" (default adopt, trial, assess, hold).
    /// The last ring is the Hold ring for `radar/hold-in-use`.
    pub rings: Option<Vec<String>>,
    pub quadrants: Option<Vec<String>>,
    /// Months a technology may stay in Assess or Trial before
    /// `radar/stale-assessment` (default 6).
    pub stale_after_months: Option<u32>,
    /// Report direct dependencies that no technology record covers
    /// (`radar/unevaluated-direct-dependency`; default false).
    #[serde(default)]
    pub require_evaluation: bool,
}

impl RadarConfig {
    pub fn dir(&self) -> &str {
        self.dir.as_deref().unwrap_or("docs/radar")
    }

    pub fn rings(&self) -> Vec<String> {
        match &self.rings {
            Some(r) if !r.is_empty() => r.iter().map(|s| s.to_ascii_lowercase()).collect(),
            _ => DEFAULT_RINGS.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn quadrants(&self) -> Vec<String> {
        match &self.quadrants {
            Some(q) if !q.is_empty() => q.iter().map(|s| s.to_ascii_lowercase()).collect(),
            _ => DEFAULT_QUADRANTS.iter().map(|s| s.to_string()).collect(),
        }
    }
}
