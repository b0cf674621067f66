//! `[debt]` in `techlead.toml`: where the register lives, how interest is
//! read from history, and what the scan leaves out. The section's presence
//! switches the debt rules on in `techlead check` (as a register with
//! items does).

use serde::Deserialize;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "debt";

/// A commit whose message matches this is a bug fix: a word starting
/// with fix, bug, hotfix or revert, in any case (`Fixes #12`, `bugfix:`,
/// `Revert "..."`), but not `prefix` or `debug`.
pub const DEFAULT_BUG_FIX_PATTERN: &str = r"(?i)\b(fix|bug|hotfix|revert)";
pub const DEFAULT_WINDOW_DAYS: u32 = 90;
pub const DEFAULT_MAX_CHANGESET: usize = 30;
pub const DEFAULT_HOTSPOT_MIN_INTEREST: f64 = 20.0;
pub const DEFAULT_HOTSPOT_TOP: usize = 10;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DebtConfig {
    /// The register folder (default `docs/debt`).
    pub dir: Option<String>,
    /// Days of history the interest signals read (default 90).
    pub window_days: Option<u32>,
    /// A regular expression over the whole commit message: a commit it
    /// matches counts as a bug fix.
    pub bug_fix_pattern: Option<Spanned<String>>,
    /// Commits changing more files than this are left out of coupling
    /// (a mass rename couples everything with everything; default 30).
    pub max_changeset_size: Option<usize>,
    /// Report hot files that no item covers (`debt/unregistered-hotspot`;
    /// default false).
    #[serde(default)]
    pub unregistered_hotspots: bool,
    /// The interest a file needs to count as a hotspot for that rule
    /// (default 20).
    pub hotspot_min_interest: Option<f64>,
    /// How many of the hottest uncovered files that rule looks at
    /// (default 10).
    pub hotspot_top: Option<usize>,
    /// Globs (relative to the project root) the marker scan leaves out.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
}

impl DebtConfig {
    pub fn dir(&self) -> &str {
        self.dir.as_deref().unwrap_or("docs/debt")
    }

    pub fn window_days(&self) -> u32 {
        self.window_days.unwrap_or(DEFAULT_WINDOW_DAYS)
    }

    pub fn max_changeset_size(&self) -> usize {
        self.max_changeset_size.unwrap_or(DEFAULT_MAX_CHANGESET)
    }

    pub fn hotspot_min_interest(&self) -> f64 {
        self.hotspot_min_interest
            .unwrap_or(DEFAULT_HOTSPOT_MIN_INTEREST)
    }

    pub fn hotspot_top(&self) -> usize {
        self.hotspot_top.unwrap_or(DEFAULT_HOTSPOT_TOP)
    }

    /// The bug-fix pattern, compiled. [`DebtConfig::validate`] has
    /// reported a pattern that does not compile, so here it falls back to
    /// the default.
    pub fn bug_fix(&self) -> regex::Regex {
        self.bug_fix_pattern
            .as_ref()
            .and_then(|p| regex::Regex::new(p.get_ref()).ok())
            .unwrap_or_else(|| {
                regex::Regex::new(DEFAULT_BUG_FIX_PATTERN).expect("the default pattern compiles")
            })
    }

    /// The scan's excludes, compiled.
    pub fn excludes(&self) -> globset::GlobSet {
        let mut b = globset::GlobSetBuilder::new();
        for g in &self.exclude {
            if let Ok(glob) = glob(g.get_ref()) {
                b.add(glob);
            }
        }
        b.build().unwrap_or_else(|_| globset::GlobSet::empty())
    }

    /// Values that would make the register read less than it says: a
    /// bug-fix pattern or an exclude that does not compile, a window of
    /// no days. Each is an input error at its line.
    pub fn validate(&self, file: &LoadedConfig) -> Vec<InputError> {
        let mut errors = Vec::new();
        if let Some(p) = &self.bug_fix_pattern
            && let Err(e) = regex::Regex::new(p.get_ref())
        {
            let first = e.to_string();
            let last = first.lines().last().unwrap_or("invalid").trim().to_string();
            errors.push(
                file.error_at(
                    p.span().start,
                    format!("bug_fix_pattern is not a regular expression: {last}"),
                )
                .with_help(format!("the default is {DEFAULT_BUG_FIX_PATTERN:?}")),
            );
        }
        for g in &self.exclude {
            if let Err(e) = glob(g.get_ref()) {
                errors
                    .push(file.error_at(g.span().start, format!("exclude `{}`: {e}", g.get_ref())));
            }
        }
        if self.window_days == Some(0) {
            errors.push(InputError::new("[debt] window_days must be at least 1"));
        }
        errors
    }
}

/// A glob as techlead reads them everywhere: `*` stays within a folder.
pub fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> (LoadedConfig, DebtConfig) {
        let loaded = LoadedConfig::parse(Path::new("techlead.toml"), text.to_string()).unwrap();
        let c: DebtConfig = loaded.section(SECTION).unwrap();
        (loaded, c)
    }

    #[test]
    fn defaults_and_the_bug_fix_pattern() {
        let (_, c) = load("");
        assert_eq!(c.dir(), "docs/debt");
        let re = c.bug_fix();
        for m in [
            "Fix crash",
            "bugfix: x",
            "Revert \"a\"",
            "hotfix",
            "fixes #3",
        ] {
            assert!(re.is_match(m), "{m}");
        }
        for m in ["add prefix", "debug output", "suffix"] {
            assert!(!re.is_match(m), "{m}");
        }
    }

    #[test]
    fn bad_values_are_errors_at_their_line() {
        let (loaded, c) =
            load("[debt]\ndir = \"d\"\nbug_fix_pattern = \"(fix\"\nexclude = [\"a/{b\"]\n");
        let errors = c.validate(&loaded);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0].message.contains("not a regular expression"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[1].line, Some(4));
    }
}
