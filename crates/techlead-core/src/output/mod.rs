//! Output backends for findings, side by side: one file per format. Each
//! takes the findings (already sorted and severity-adjusted) and the rule
//! descriptors, and returns the whole document as a string for stdout.

mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;
mod text;

use crate::findings::{Finding, RuleInfo};
pub(crate) use crate::terminal::visible_controls;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingsFormat {
    Text,
    Json,
    Sarif,
    Junit,
    Github,
    /// GitLab Code Quality (a Code Climate JSON subset).
    Gitlab,
}

impl FindingsFormat {
    pub const NAMES: [&'static str; 6] = ["text", "json", "sarif", "junit", "github", "gitlab"];

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            "sarif" => Some(Self::Sarif),
            "junit" => Some(Self::Junit),
            "github" => Some(Self::Github),
            "gitlab" => Some(Self::Gitlab),
            _ => None,
        }
    }
}

/// What every backend may need besides the findings.
#[derive(Debug, Clone)]
pub struct RenderOptions<'a> {
    /// ANSI colours in text output.
    pub color: bool,
    /// The tool version, for SARIF's `tool.driver.version`.
    pub version: &'a str,
    /// Name of the run, e.g. `check` or `adr lint`, for JUnit's suite name.
    pub run_name: &'a str,
    /// Rules among those passed that the run did not evaluate, with why:
    /// JUnit shows them as skipped test cases, not passing ones.
    pub skipped: &'a [(&'a str, String)],
}

pub fn render(
    format: FindingsFormat,
    findings: &[Finding],
    rules: &[RuleInfo],
    opts: &RenderOptions<'_>,
) -> String {
    match format {
        FindingsFormat::Text => text::render(findings, opts),
        FindingsFormat::Json => json::render(findings),
        FindingsFormat::Sarif => sarif::render(findings, rules, opts),
        FindingsFormat::Junit => junit::render(findings, rules, opts),
        FindingsFormat::Github => github::render(findings),
        FindingsFormat::Gitlab => gitlab::render(findings),
    }
}

/// The message followed by its help text, for formats that have a single
/// text field per finding (SARIF, JUnit, GitHub annotations).
fn message_with_help(f: &Finding) -> String {
    if f.help.is_empty() {
        f.message.clone()
    } else {
        format!("{}\n\nhelp: {}", f.message, f.help)
    }
}

/// A rule that a report covers: one that was checked (its descriptor was
/// passed in), or one that only shows up in a finding.
struct RuleEntry<'a> {
    id: &'a str,
    info: Option<&'a RuleInfo>,
}

/// Every rule passed in (in the given order, duplicates dropped), then every
/// rule referenced by a finding but not passed (in order of appearance), so
/// SARIF's `ruleIndex` and JUnit's per-rule test cases cover all of them.
fn rules_in_play<'a>(findings: &'a [Finding], rules: &'a [RuleInfo]) -> Vec<RuleEntry<'a>> {
    let mut seen = std::collections::HashSet::new();
    let passed = rules.iter().map(|r| RuleEntry {
        id: r.id,
        info: Some(r),
    });
    let referenced = findings.iter().map(|f| RuleEntry {
        id: f.rule.as_str(),
        info: None,
    });
    passed
        .chain(referenced)
        .filter(|r| seen.insert(r.id))
        .collect()
}

/// For each finding whose fingerprint another finding shares, its place
/// among them in file order (path, line, column, then message), from 0;
/// None for a fingerprint seen once. The baseline fingerprint itself stays
/// as it is: baselines match on it and must not break.
pub(crate) fn occurrences(findings: &[Finding]) -> Vec<Option<usize>> {
    let mut groups: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        groups.entry(f.fingerprint.as_str()).or_default().push(i);
    }
    let mut out = vec![None; findings.len()];
    for members in groups.values_mut().filter(|m| m.len() > 1) {
        members.sort_by(|&a, &b| {
            let place = |f: &Finding| {
                let l = f.location.as_ref();
                (l.and_then(|l| l.line), l.and_then(|l| l.column))
            };
            place(&findings[a])
                .cmp(&place(&findings[b]))
                .then_with(|| findings[a].message.cmp(&findings[b].message))
                .then(a.cmp(&b))
        });
        for (n, &i) in members.iter().enumerate() {
            out[i] = Some(n);
        }
    }
    out
}
