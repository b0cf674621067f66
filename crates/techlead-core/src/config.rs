//! `techlead.toml`: discovery, strict parsing, and errors that point at the
//! line. Every section is optional; every command works without the file.

pub use crate::boundaries_config::*;
use crate::error::InputError;
use crate::findings::{Finding, RuleInfo, Severity};
pub use crate::radar_config::*;
use crate::suggest::did_you_mean;
use crate::text_pos::line_col;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub decisions: DecisionsConfig,
    #[serde(default)]
    pub checks: ChecksConfig,
    #[serde(default)]
    pub boundaries: BoundariesConfig,
    #[serde(default)]
    pub radar: RadarConfig,
}

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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksConfig {
    /// Which checks `techlead check` runs; all that apply when absent.
    pub run: Option<Vec<Spanned<String>>>,
    /// Severity per rule id: "error", "warning", "note" or "off".
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A parsed config plus where it came from, for later errors that point at
/// a line (unknown rule ids are only known once the rules are).
#[derive(Debug, Default)]
pub struct LoadedConfig {
    pub config: Config,
    pub path: Option<PathBuf>,
    source: String,
}

impl LoadedConfig {
    /// Reads and parses `path`, naming it `shown` in messages (relative to
    /// the project root). Every problem is an [`InputError`] with the file,
    /// the line, and a suggestion where one helps.
    pub fn load(path: &Path, shown: &Path) -> Result<Self, InputError> {
        let bytes = std::fs::read(path).map_err(|e| InputError::io(shown, &e))?;
        let source = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            InputError::in_file(shown, "invalid UTF-8").at(line, Some(col))
        })?;
        Self::parse(shown, source)
    }

    pub fn parse(path: &Path, source: String) -> Result<Self, InputError> {
        let config: Config = toml::from_str(&source).map_err(|e| toml_error(path, &source, &e))?;
        let loaded = LoadedConfig {
            config,
            path: Some(path.to_path_buf()),
            source,
        };
        for (rule, level) in &loaded.config.checks.severity {
            if !matches!(
                level.get_ref().as_str(),
                "error" | "warning" | "note" | "off"
            ) {
                let mut err = loaded.error_at(
                    level.span().start,
                    format!(
                        "invalid severity `{}` for `{}`: expected error, warning, note or off",
                        level.get_ref(),
                        rule.get_ref()
                    ),
                );
                if let Some(s) = did_you_mean(level.get_ref(), ["error", "warning", "note", "off"])
                {
                    err = err.with_help(format!("did you mean `{s}`?"));
                }
                return Err(err);
            }
        }
        Ok(loaded)
    }

    /// The 1-based line of a byte offset in the config file (from a
    /// spanned value), for findings that point into `techlead.toml`.
    pub fn line_of(&self, offset: usize) -> u32 {
        line_col(&self.source, offset).0 as u32
    }

    fn error_at(&self, offset: usize, message: String) -> InputError {
        let (line, col) = line_col(&self.source, offset);
        match &self.path {
            Some(p) => InputError::in_file(p, message).at(line, Some(col)),
            None => InputError::new(message),
        }
    }

    /// Checks rule ids in `[checks.severity]` and names in `[checks] run`
    /// against what this build knows.
    pub fn validate(&self, rules: &[RuleInfo], checks: &[&str]) -> Result<(), InputError> {
        for rule in self.config.checks.severity.keys() {
            if !rules.iter().any(|r| r.id == rule.get_ref()) {
                let mut err = self.error_at(
                    rule.span().start,
                    format!("unknown rule id `{}` in [checks.severity]", rule.get_ref()),
                );
                if let Some(s) = did_you_mean(rule.get_ref(), rules.iter().map(|r| r.id)) {
                    err = err.with_help(format!("did you mean `{s}`?"));
                } else {
                    err = err.with_help("run `techlead rules` to list the rule ids");
                }
                return Err(err);
            }
        }
        for name in self.config.checks.run.iter().flatten() {
            if !checks.contains(&name.get_ref().as_str()) {
                let mut err = self.error_at(
                    name.span().start,
                    format!(
                        "unknown check `{}` in [checks] run: expected one of {}",
                        name.get_ref(),
                        checks.join(", ")
                    ),
                );
                if let Some(s) = did_you_mean(name.get_ref(), checks.iter().copied()) {
                    err = err.with_help(format!("did you mean `{s}`?"));
                }
                return Err(err);
            }
        }
        Ok(())
    }

    /// `[decisions] dir` as written.
    pub fn decisions_dir(&self) -> Option<&str> {
        self.config
            .decisions
            .dir
            .as_ref()
            .map(|d| d.get_ref().as_str())
    }

    /// An input error pointing at `[decisions] dir` in the config file.
    pub fn decisions_dir_error(&self, message: impl Into<String>) -> InputError {
        match &self.config.decisions.dir {
            Some(d) => self.error_at(d.span().start, message.into()),
            None => InputError::new(message),
        }
    }

    /// Whether `check` should run under `[checks] run`.
    pub fn runs(&self, check: &str) -> bool {
        match &self.config.checks.run {
            None => true,
            Some(list) => list.iter().any(|n| n.get_ref() == check),
        }
    }

    /// The severity configured for `rule`: `Some(None)` when it is off,
    /// `None` when the rule's default applies.
    pub fn severity_of(&self, rule: &str) -> Option<Option<Severity>> {
        self.config
            .checks
            .severity
            .iter()
            .find(|(k, _)| k.get_ref() == rule)
            .map(|(_, v)| Severity::parse(v.get_ref()))
    }

    /// Applies `[checks.severity]`: drops findings of rules set to "off" and
    /// re-levels the others.
    pub fn apply_severities(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| match self.severity_of(&f.rule) {
                None => Some(f),
                Some(None) => None,
                Some(Some(s)) => {
                    f.severity = s;
                    Some(f)
                }
            })
            .collect()
    }
}

/// Turns a toml/serde error into a message with file:line and, for unknown
/// keys or values, the closest valid spelling.
fn toml_error(path: &Path, source: &str, err: &toml::de::Error) -> InputError {
    let message = err.message().trim().to_string();
    let mut out = InputError::in_file(path, message.clone());
    if let Some(span) = err.span() {
        let (line, col) = line_col(source, span.start);
        out = out.at(line, Some(col));
    }
    if let Some(s) = suggestion_from_message(&message) {
        out = out.with_help(format!("did you mean `{s}`?"));
    }
    out
}

/// serde words unknown keys and values as "unknown field `x`, expected one
/// of `a`, `b`" (or "expected `a` or `b`"); pick the closest expected word.
fn suggestion_from_message(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field ")
        .or_else(|| message.strip_prefix("unknown variant "))?;
    let ticked: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let (input, expected) = ticked.split_first()?;
    did_you_mean(input, expected.iter().copied()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<LoadedConfig, InputError> {
        LoadedConfig::parse(Path::new("techlead.toml"), src.to_string())
    }

    #[test]
    fn empty_config_is_valid() {
        let c = parse("").unwrap();
        assert!(c.config.decisions.dir.is_none());
        assert!(c.runs("decisions"));
    }

    #[test]
    fn unknown_section_points_at_line_and_suggests() {
        let err = parse("\n[decison]\ndir = \"x\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `decisions`?"));
        assert!(err.to_string().starts_with("techlead.toml:2:"), "{err}");
    }

    #[test]
    fn unknown_key_in_section_suggests() {
        let err = parse("[decisions]\ndri = \"x\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `dir`?"));
    }

    #[test]
    fn wrong_type_points_at_value() {
        let err = parse("[decisions]\ndir = 3\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("string"), "{}", err.message);
    }

    #[test]
    fn bad_template_value_suggests() {
        let err = parse("[decisions]\ntemplate = \"nygrad\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `nygard`?"));
    }

    #[test]
    fn bad_severity_and_unknown_rule() {
        let err = parse("[checks.severity]\n\"decisions/x\" = \"eror\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `error`?"));

        let c = parse("[checks.severity]\n\"decisions/unknown-statu\" = \"off\"\n").unwrap();
        let rules = [RuleInfo {
            id: "decisions/unknown-status",
            default_severity: Severity::Warning,
            summary: "",
        }];
        let err = c.validate(&rules, &["decisions"]).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `decisions/unknown-status`?")
        );
    }

    #[test]
    fn severities_are_applied() {
        let c = parse("[checks.severity]\n\"a/off\" = \"off\"\n\"a/up\" = \"error\"\n").unwrap();
        let f = |r: &str| Finding::new(r, Severity::Note, "m", None, "h", "k");
        let out = c.apply_severities(vec![f("a/off"), f("a/up"), f("a/same")]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].severity, Severity::Error);
        assert_eq!(out[1].severity, Severity::Note);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// The published JSON Schema and the parser must accept the same keys:
    /// every key the schema names parses, and the schema names every key
    /// that parses.
    #[test]
    fn published_schema_matches_the_parser() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/techlead.schema.json")).unwrap();
        let sections = schema["properties"].as_object().unwrap();
        let mut keys = Vec::new();
        for (section, spec) in sections {
            for key in spec["properties"].as_object().unwrap().keys() {
                keys.push((section.clone(), key.clone()));
            }
        }
        keys.sort();
        let expected = [
            ("boundaries", "exclude"),
            ("boundaries", "forbid_cycles"),
            ("boundaries", "ignore_kinds"),
            ("boundaries", "layers"),
            ("boundaries", "modules"),
            ("boundaries", "python"),
            ("boundaries", "strict"),
            ("boundaries", "typescript"),
            ("checks", "run"),
            ("checks", "severity"),
            ("decisions", "dir"),
            ("decisions", "statuses"),
            ("decisions", "template"),
            ("radar", "dir"),
            ("radar", "quadrants"),
            ("radar", "require_evaluation"),
            ("radar", "rings"),
            ("radar", "stale_after_months"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(
            keys, expected,
            "update docs/techlead.schema.json and this test together"
        );
        let src = "[decisions]\ndir = \"d\"\ntemplate = \"nygard\"\nstatuses = [\"on hold\"]\n\
                   [checks]\nrun = [\"decisions\"]\n[checks.severity]\n\"decisions/x\" = \"off\"\n";
        LoadedConfig::parse(Path::new("techlead.toml"), src.to_string()).unwrap();
        // Every key of a module and of the boundaries section parses.
        let module_keys = sections["boundaries"]["properties"]["modules"]["items"]["properties"]
            .as_object()
            .unwrap();
        let mut module = String::from("[[boundaries.modules]]\n");
        for key in module_keys.keys() {
            let value = match key.as_str() {
                "name" | "layer" => "\"x\"",
                "utility" | "unchecked" => "true",
                _ => "[\"x\"]",
            };
            module.push_str(&format!("{key} = {value}\n"));
        }
        let src = format!(
            "[boundaries]\nlayers = [\"a\", {{ name = \"b\", closed = true }}]\nforbid_cycles = true\n\
             strict = true\nexclude = [\"x\"]\nignore_kinds = [\"type-only\"]\n\
             python = {{ roots = [\"src\"] }}\ntypescript = {{ tsconfig = [\"tsconfig.json\"] }}\n{module}"
        );
        LoadedConfig::parse(Path::new("techlead.toml"), src).unwrap();
        let templates = &sections["decisions"]["properties"]["template"]["enum"];
        for t in templates.as_array().unwrap() {
            let src = format!("[decisions]\ntemplate = {t}\n");
            LoadedConfig::parse(Path::new("techlead.toml"), src).unwrap();
        }
    }
}
