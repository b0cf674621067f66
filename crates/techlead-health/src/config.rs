//! `[health]` in `techlead.toml`: the limits a function and a file may
//! reach, and the files to leave out. The section's presence is what turns
//! the `health/*` rules on; `techlead health` reads the same limits.

use crate::score::Thresholds;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "health";

/// `[health]`. Every key is optional; a missing limit takes its default
/// ([`Thresholds::default`]). Limits are spanned so that a zero can be
/// reported at its line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthConfig {
    /// Highest cyclomatic complexity a function may have
    /// (`health/complex-function` above it).
    pub max_complexity: Option<Spanned<u32>>,
    /// Most lines of code (NLOC) a function may have
    /// (`health/long-function` above it).
    pub max_nloc: Option<Spanned<u32>>,
    /// Deepest nesting of control structures a function may have
    /// (`health/deep-nesting` above it).
    pub max_nesting: Option<Spanned<u32>>,
    /// Most parameters a function may take (`health/too-many-params`
    /// above it).
    pub max_params: Option<Spanned<u32>>,
    /// Most lines of code a file may have before its size costs health.
    pub max_file_loc: Option<Spanned<u32>>,
    /// Globs (relative to the project root) of files to leave out, on top
    /// of .gitignore. A path without glob characters means that file or
    /// folder and everything below it.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
}

impl HealthConfig {
    /// The limits, each from the section or its default.
    pub fn thresholds(&self) -> Thresholds {
        let d = Thresholds::default();
        let get = |v: &Option<Spanned<u32>>, default: u32| {
            v.as_ref().map_or(default, |s| *s.get_ref()).max(1)
        };
        Thresholds {
            complexity: get(&self.max_complexity, d.complexity),
            nloc: get(&self.max_nloc, d.nloc),
            nesting: get(&self.max_nesting, d.nesting),
            params: get(&self.max_params, d.params),
            file_loc: get(&self.max_file_loc, d.file_loc),
        }
    }

    /// The exclude globs as written.
    pub fn exclude_patterns(&self) -> Vec<String> {
        self.exclude.iter().map(|s| s.get_ref().clone()).collect()
    }

    /// A limit of 0 (nothing could pass it, and health divides by it) and
    /// an exclude glob that does not parse, each an input error at its
    /// line.
    pub fn validate(&self, file: &LoadedConfig) -> Vec<InputError> {
        let mut errors = Vec::new();
        let limits = [
            ("max_complexity", &self.max_complexity),
            ("max_nloc", &self.max_nloc),
            ("max_nesting", &self.max_nesting),
            ("max_params", &self.max_params),
            ("max_file_loc", &self.max_file_loc),
        ];
        for (key, value) in limits {
            if let Some(v) = value
                && *v.get_ref() == 0
            {
                errors.push(
                    file.error_at(v.span().start, format!("[health] {key} must be at least 1"))
                        .with_help(
                            "a limit is the highest value allowed: 0 would report every function",
                        ),
                );
            }
        }
        for g in &self.exclude {
            if let Err(e) = exclude_globs(std::slice::from_ref(g.get_ref())) {
                errors.push(file.error_at(
                    g.span().start,
                    format!("[health] exclude: invalid glob `{}`: {e}", g.get_ref()),
                ));
            }
        }
        errors
    }
}

/// Files health never measures, before `[health] exclude`: minified and
/// generated code is no one's to keep healthy (a 47,000-line `babel.min.js`
/// in mobx's docs made its average health 3.3 of 10). Minified code
/// under another name is skipped by its lines, and generated code by its
/// header ([`crate::walk`]). Vendored copies are other projects' code
/// too (`go mod vendor`'s `vendor/`, prometheus's
/// `web/ui/react-app/src/vendor/flot/jquery.flot.js` among its least
/// healthy files). The lists are techlead-core's, shared with history and
/// the debt scan.
pub fn default_excludes() -> impl Iterator<Item = &'static str> {
    use techlead_core::generated::{GENERATED, VENDORED};
    GENERATED.iter().chain(VENDORED).copied()
}

/// Globs relative to the root, as `[boundaries] exclude` reads them: a
/// pattern without glob characters means that path and everything below
/// it, and `*` stays within one folder.
pub fn exclude_globs(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim_start_matches("./").trim_end_matches('/');
        let glob = |pat: &str| -> Result<Glob, globset::Error> {
            GlobBuilder::new(pat).literal_separator(true).build()
        };
        b.add(glob(p)?);
        if !p.contains(['*', '?', '[', '{']) {
            b.add(glob(&format!("{p}/**"))?);
        }
    }
    b.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> (LoadedConfig, Result<HealthConfig, InputError>) {
        let loaded = LoadedConfig::parse(Path::new("techlead.toml"), text.to_string()).unwrap();
        let section = loaded.section(SECTION);
        (loaded, section)
    }

    #[test]
    fn missing_limits_take_their_defaults() {
        let (_, c) = load("[health]\nmax_params = 6\n");
        let t = c.unwrap().thresholds();
        assert_eq!(
            t,
            Thresholds {
                params: 6,
                ..Thresholds::default()
            }
        );
    }

    #[test]
    fn zero_and_bad_globs_are_errors_at_their_line() {
        let (loaded, c) = load("[health]\nmax_nloc = 0\nexclude = [\"a/[b\"]\n");
        let errors = c.unwrap().validate(&loaded);
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{shown:?}");
        assert_eq!(errors[0].line, Some(2));
        assert!(
            shown[0].contains("max_nloc must be at least 1"),
            "{shown:?}"
        );
        assert_eq!(errors[1].line, Some(3));
        assert!(shown[1].contains("invalid glob `a/[b`"), "{shown:?}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let (_, c) = load("[health]\nmax_complexty = 3\n");
        let e = c.unwrap_err().to_string();
        assert!(e.contains("max_complexity"), "{e}");
    }

    #[test]
    fn a_literal_exclude_covers_its_folder() {
        let g = exclude_globs(&["vendor/".into(), "**/*_pb2.py".into()]).unwrap();
        assert!(g.is_match("vendor/a/b.go"));
        assert!(g.is_match("vendor"));
        assert!(g.is_match("x/y_pb2.py"));
        assert!(!g.is_match("src/vendor.go"));
    }
}
