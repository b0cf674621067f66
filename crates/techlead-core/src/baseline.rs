//! `.techlead/baseline.toml`: violations a team has recorded to pay down
//! later. `check` then fails only on new ones, reports entries that no
//! longer match anything (stale), and counts the burn-down.
//!
//! The file is deterministic and merge-friendly: one entry per line,
//! sorted, no line numbers. An entry matches a finding by fingerprint
//! (rule + file + what is wrong), which survives line moves.

use crate::config::LoadedConfig;
use crate::error::InputError;
use crate::findings::{Finding, Location, RuleInfo, Severity};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const PATH: &str = ".techlead/baseline.toml";

pub static STALE: RuleInfo = RuleInfo {
    id: "baseline/stale-entry",
    default_severity: Severity::Warning,
    summary: "An entry in `.techlead/baseline.toml` matches no current finding: the violation it recorded was fixed.",
};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
}

impl Entry {
    pub fn of(f: &Finding) -> Entry {
        Entry {
            rule: f.rule.clone(),
            path: f
                .location
                .as_ref()
                .map(|l| l.path.clone())
                .unwrap_or_default(),
            fingerprint: f.fingerprint.clone(),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    violations: Vec<Entry>,
}

#[derive(Debug, Default)]
pub struct Baseline {
    pub entries: Vec<Entry>,
    /// The text as read, to point stale entries at their line.
    source: String,
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings the baseline suppressed.
    pub known: usize,
    /// Entries that matched nothing (reported as findings too).
    pub stale: usize,
}

impl Baseline {
    /// Reads the baseline under `root`; an absent file is an empty one.
    pub fn load(root: &Path) -> Result<Self, InputError> {
        let path = root.join(PATH);
        let source = match crate::read::regular_file(&path, crate::read::CONFIG_LIMIT) {
            Ok(b) => String::from_utf8(b).map_err(|e| {
                let (line, col) = crate::text_pos::line_col(
                    &String::from_utf8_lossy(e.as_bytes()),
                    e.utf8_error().valid_up_to(),
                );
                InputError::in_file(PATH, "invalid UTF-8").at(line, Some(col))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Baseline::default()),
            Err(e) => return Err(InputError::io(PATH, &e)),
        };
        let file: File = toml::from_str(&source).map_err(|e| {
            let line = e
                .span()
                .map(|s| crate::text_pos::line_col(&source, s.start).0)
                .unwrap_or(1);
            InputError::in_file(PATH, e.message().to_string()).at(line, None)
        })?;
        Ok(Baseline {
            entries: file.violations,
            source,
        })
    }

    /// Records `findings` as the known violations of one family of rules
    /// (`family` is an id prefix such as `boundaries/`): the family's old
    /// entries in the baseline under `root` are replaced, every other
    /// entry is kept, and the file is written atomically.
    pub fn record(root: &Path, family: &str, findings: &[Finding]) -> Result<(), InputError> {
        let old = Baseline::load(root)?;
        let mut entries: Vec<Entry> = old
            .entries
            .into_iter()
            .filter(|e| !e.rule.starts_with(family))
            .collect();
        entries.extend(findings.iter().map(Entry::of));
        let path = root.join(PATH);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| InputError::io_write(".techlead", &e))?;
        }
        crate::atomic::write_atomic(&path, Self::render_entries(entries).as_bytes())
            .map_err(|e| InputError::io_write(PATH, &e))
    }

    /// The baseline of `findings` as file text: sorted, one entry a line.
    pub fn render(findings: &[Finding]) -> String {
        Self::render_entries(findings.iter().map(Entry::of).collect())
    }

    /// Entries as file text: sorted, deduplicated, one entry a line.
    pub fn render_entries(mut entries: Vec<Entry>) -> String {
        entries.sort();
        entries.dedup();
        let mut s = String::from(
            "# Known violations that `techlead check` tolerates until they are fixed.\n\
             # Written by `boundaries baseline` and `health --write-baseline`, one entry a line, sorted.\n\
             # An entry that matches nothing any more is reported as stale: delete it.\n\
             violations = [\n",
        );
        for e in &entries {
            s.push_str(&format!(
                "  {{ rule = {}, path = {}, fingerprint = {} }},\n",
                quote(&e.rule),
                quote(&e.path),
                quote(&e.fingerprint)
            ));
        }
        s.push_str("]\n");
        s
    }

    /// Drops findings the baseline knows and adds a stale-entry finding for
    /// each entry of a rule that ran (`ran` is rule-id prefixes, such as
    /// `boundaries/`) that matched nothing.
    pub fn apply(&self, findings: Vec<Finding>, ran: &[&str]) -> (Vec<Finding>, Applied) {
        let mut applied = Applied::default();
        let mut matched = vec![false; self.entries.len()];
        let mut out = Vec::with_capacity(findings.len());
        for f in findings {
            match self
                .entries
                .iter()
                .position(|e| e.fingerprint == f.fingerprint)
            {
                Some(i) => {
                    matched[i] = true;
                    applied.known += 1;
                }
                None => out.push(f),
            }
        }
        for (i, e) in self.entries.iter().enumerate() {
            if matched[i] || !ran.iter().any(|p| e.rule.starts_with(p)) {
                continue;
            }
            applied.stale += 1;
            let line = self
                .source
                .lines()
                .position(|l| l.contains(&e.fingerprint))
                .map_or(1, |n| n as u32 + 1);
            // Only `boundaries baseline` writes entries, and only its own.
            let help = if e.rule.starts_with("boundaries/") {
                "delete the entry (or rerun `techlead boundaries baseline`) so the fix cannot regress unnoticed"
            } else {
                "delete the entry so the fix cannot regress unnoticed"
            };
            out.push(Finding::new(
                STALE.id,
                STALE.default_severity,
                format!(
                    "`{}` in {} is fixed: the baseline entry matches nothing",
                    e.rule, e.path
                ),
                Some(Location::line(PATH, line)),
                help,
                &e.fingerprint,
            ));
        }
        (out, applied)
    }

    /// What a findings command reports: the baseline applied first, then
    /// `[checks.severity]`. In this order `baseline/stale-entry` is
    /// re-levelled or switched off like any rule, and findings of a rule
    /// switched off still match their entries, which are therefore not
    /// called fixed.
    pub fn apply_configured(
        &self,
        config: &LoadedConfig,
        findings: Vec<Finding>,
        ran: &[&str],
    ) -> (Vec<Finding>, Applied) {
        let (out, applied) = self.apply(findings, ran);
        (config.apply_severities(out), applied)
    }
}

/// What a findings command reports, in output order: the project's
/// baseline applied, then `[checks.severity]`, then sorted. `ran` names
/// the rule families that ran (see [`Baseline::apply`]).
pub fn settle(
    root: &Path,
    config: &LoadedConfig,
    findings: Vec<Finding>,
    ran: &[&str],
) -> Result<(Vec<Finding>, Applied), InputError> {
    let baseline = Baseline::load(root)?;
    let (mut findings, applied) = baseline.apply_configured(config, findings, ran);
    crate::findings::sort(&mut findings);
    Ok((findings, applied))
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, path: &str, key: &str) -> Finding {
        Finding::new(
            rule,
            Severity::Error,
            "m",
            Some(Location::line(path, 3)),
            "h",
            key,
        )
    }

    #[test]
    fn record_replaces_one_family_and_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let cycle = finding("boundaries/cycle", "a.rs", "x");
        let old = finding("health/long-function", "b.py", "f");
        Baseline::record(dir.path(), "boundaries/", std::slice::from_ref(&cycle)).unwrap();
        Baseline::record(dir.path(), "health/", &[old]).unwrap();
        let new = finding("health/deep-nesting", "c.py", "g");
        Baseline::record(dir.path(), "health/", std::slice::from_ref(&new)).unwrap();
        let prints: Vec<String> = Baseline::load(dir.path())
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.fingerprint)
            .collect();
        assert_eq!(prints, [cycle.fingerprint, new.fingerprint]);
    }

    #[test]
    fn render_parse_apply() {
        let a = finding("boundaries/cycle", "a.rs", "x");
        let b = finding("boundaries/undeclared-dependency", "b \"q\".rs", "y");
        let text = Baseline::render(&[b.clone(), a.clone(), a.clone()]);
        assert_eq!(text.matches("fingerprint").count(), 2);
        assert!(text.find("cycle").unwrap() < text.find("undeclared").unwrap());
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".techlead")).unwrap();
        std::fs::write(dir.path().join(PATH), &text).unwrap();
        let base = Baseline::load(dir.path()).unwrap();
        assert_eq!(base.entries[1].path, "b \"q\".rs");
        // a is still there, b was fixed, c is new.
        let c = finding("boundaries/cycle", "c.rs", "z");
        let (left, applied) = base.apply(vec![a, c.clone()], &["boundaries/"]);
        assert_eq!(applied, Applied { known: 1, stale: 1 });
        assert_eq!(left[0], c);
        assert_eq!(left[1].rule, "baseline/stale-entry");
        assert_eq!(left[1].location.as_ref().unwrap().line, Some(6));
        // Entries of checks that did not run are not stale.
        let (_, applied) = base.apply(vec![], &["decisions/"]);
        assert_eq!(applied.stale, 0);
    }

    #[test]
    fn broken_baseline_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".techlead")).unwrap();
        std::fs::write(
            dir.path().join(PATH),
            "violations = [\n  { rule = 1 },\n]\n",
        )
        .unwrap();
        let err = Baseline::load(dir.path()).unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
