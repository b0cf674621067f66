//! `techlead.toml`: discovery, strict parsing, and errors that point at the
//! line. Every section is optional; every command works without the file.

use crate::error::InputError;
use crate::findings::{Finding, RuleInfo, Severity};
use crate::suggest::did_you_mean;
use crate::text_pos::line_col;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksConfig {
    /// Which checks `techlead check` runs; all that apply when absent.
    pub run: Option<Vec<Spanned<String>>>,
    /// Severity per rule id: "error", "warning", "note" or "off".
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// The configuration file: its text, where it came from, and the kernel's
/// own `[checks]` section. Each context owns its section's type and reads
/// it with [`LoadedConfig::section`], so errors point at the line in the
/// file whichever crate defines the section.
#[derive(Debug, Default)]
pub struct LoadedConfig {
    pub checks: ChecksConfig,
    pub path: Option<PathBuf>,
    source: String,
}

/// Sections the kernel reads itself.
pub const KERNEL_SECTIONS: &[&str] = &["checks"];

impl LoadedConfig {
    /// Reads and parses `path`, naming it `shown` in messages (relative to
    /// the project root). Every problem is an [`InputError`] with the file,
    /// the line, and a suggestion where one helps.
    pub fn load(path: &Path, shown: &Path) -> Result<Self, InputError> {
        let bytes = crate::read::regular_file(path, crate::read::CONFIG_LIMIT)
            .map_err(|e| InputError::io(shown, &e))?;
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
        // Syntax first, for the whole file; sections are typed later by
        // the contexts that own them.
        toml::de::DeTable::parse(&source).map_err(|e| toml_error(path, &source, &e))?;
        let mut loaded = LoadedConfig {
            checks: ChecksConfig::default(),
            path: Some(path.to_path_buf()),
            source,
        };
        loaded.checks = loaded.section("checks")?;
        for (rule, level) in &loaded.checks.severity {
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

    /// The section `[name]` as its owner's type, or its default when the
    /// file (or the section) is absent. Errors name the file, the line and
    /// the closest valid key.
    pub fn section<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, InputError> {
        let path = self.path.as_deref().unwrap_or(Path::new("techlead.toml"));
        let doc = match toml::de::DeTable::parse(&self.source) {
            Ok(doc) => doc,
            Err(e) => return Err(toml_error(path, &self.source, &e)),
        };
        match doc.get_ref().get(name) {
            None => Ok(T::default()),
            Some(value) => T::deserialize(toml::de::ValueDeserializer::from(value.clone()))
                .map_err(|e| toml_error(path, &self.source, &e)),
        }
    }

    /// Top-level keys that no known section claims, as errors at their
    /// line with the closest known name.
    pub fn unknown_sections(&self, known: &[&str]) -> Vec<InputError> {
        let Ok(doc) = toml::de::DeTable::parse(&self.source) else {
            return Vec::new();
        };
        let mut keys: Vec<_> = doc.get_ref().keys().collect();
        keys.sort_by_key(|k| k.span().start);
        keys.into_iter()
            .filter(|k| !known.contains(&k.get_ref().as_ref()))
            .map(|k| {
                let name: &str = k.get_ref().as_ref();
                let mut err = self.error_at(
                    k.span().start,
                    format!(
                        "unknown section `{name}`, expected one of {}",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                if let Some(s) = did_you_mean(name, known.iter().copied()) {
                    err = err.with_help(format!("did you mean `{s}`?"));
                }
                err
            })
            .collect()
    }

    /// The 1-based line of a byte offset in the config file (from a
    /// spanned value), for findings that point into `techlead.toml`.
    pub fn line_of(&self, offset: usize) -> u32 {
        line_col(&self.source, offset).0 as u32
    }

    /// An input error at byte `offset` of the config file.
    pub fn error_at(&self, offset: usize, message: String) -> InputError {
        let (line, col) = line_col(&self.source, offset);
        match &self.path {
            Some(p) => InputError::in_file(p, message).at(line, Some(col)),
            None => InputError::new(message),
        }
    }

    /// Checks rule ids in `[checks.severity]` and names in `[checks] run`
    /// against what this build knows. Every problem is returned, not only
    /// the first, so one run shows all that needs fixing.
    pub fn validate(&self, rules: &[RuleInfo], checks: &[&str]) -> Vec<InputError> {
        let mut errors = Vec::new();
        for rule in self.checks.severity.keys() {
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
                errors.push(err);
            }
        }
        for name in self.checks.run.iter().flatten() {
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
                errors.push(err);
            }
        }
        errors
    }

    /// Whether `check` should run under `[checks] run`.
    pub fn runs(&self, check: &str) -> bool {
        match &self.checks.run {
            None => true,
            Some(list) => list.iter().any(|n| n.get_ref() == check),
        }
    }

    /// The severity configured for `rule`: `Some(None)` when it is off,
    /// `None` when the rule's default applies.
    pub fn severity_of(&self, rule: &str) -> Option<Option<Severity>> {
        self.checks
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

    /// A section as a context crate would define it.
    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Demo {
        dir: Option<toml::Spanned<String>>,
        #[serde(default)]
        statuses: Vec<String>,
        mode: Option<Mode>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Mode {
        Nygard,
    }

    #[test]
    fn empty_config_is_valid() {
        let c = parse("").unwrap();
        assert!(c.section::<Demo>("demo").unwrap().dir.is_none());
        assert!(c.runs("decisions"));
        assert!(LoadedConfig::default().section::<Demo>("demo").is_ok());
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let err = parse("[demo]\ndir = \n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn unknown_sections_point_at_line_and_suggest() {
        let c = parse("[demo]\ndir = \"x\"\n\n[dmeo]\ndir = \"x\"\n[checks]\n").unwrap();
        let errs = c.unknown_sections(&["demo", "checks"]);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(4));
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `demo`?"));
        assert!(
            errs[0].to_string().starts_with("techlead.toml:4:"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn section_errors_point_into_the_file_and_suggest() {
        let c = parse("# x\n[demo]\ndri = \"x\"\n").unwrap();
        let err = c.section::<Demo>("demo").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.help.as_deref(), Some("did you mean `dir`?"));

        let c = parse("[demo]\ndir = 3\n").unwrap();
        let err = c.section::<Demo>("demo").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("string"), "{}", err.message);

        let c = parse("[demo]\nmode = \"nygrad\"\n").unwrap();
        let err = c.section::<Demo>("demo").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `nygard`?"));
    }

    #[test]
    fn spans_in_sections_are_offsets_in_the_file() {
        let c = parse("[checks]\n\n[demo]\nstatuses = []\ndir = \"d\"\n").unwrap();
        let demo: Demo = c.section("demo").unwrap();
        let dir = demo.dir.unwrap();
        assert_eq!(dir.get_ref(), "d");
        assert_eq!(c.line_of(dir.span().start), 5);
        assert!(demo.statuses.is_empty());
        assert!(demo.mode.is_none());
    }

    #[test]
    fn bad_severity_and_unknown_rules_are_all_reported() {
        let err = parse("[checks.severity]\n\"decisions/x\" = \"eror\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(err.help.as_deref(), Some("did you mean `error`?"));

        let c = parse(
            "[checks]\nrun = [\"decison\"]\n[checks.severity]\n\"decisions/unknown-statu\" = \"off\"\n\"x/y\" = \"off\"\n",
        )
        .unwrap();
        let rules = [RuleInfo {
            id: "decisions/unknown-status",
            default_severity: Severity::Warning,
            summary: "",
        }];
        let errs = c.validate(&rules, &["decisions"]);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(errs[0].line, Some(4));
        assert_eq!(
            errs[0].help.as_deref(),
            Some("did you mean `decisions/unknown-status`?")
        );
        assert_eq!(
            errs[1].help.as_deref(),
            Some("run `techlead rules` to list the rule ids")
        );
        assert_eq!(errs[2].line, Some(2));
        assert_eq!(errs[2].help.as_deref(), Some("did you mean `decisions`?"));
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
