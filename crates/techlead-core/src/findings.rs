//! The findings model shared by every check: a rule id, a severity, a
//! message, a location, a help text, and a fingerprint that survives line
//! moves so baselines and SARIF alerts stay matched across edits.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    // Declared from most to least severe so sorting puts errors first.
    Error,
    Warning,
    Note,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "note" => Some(Severity::Note),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding points. `path` is relative to the project root with `/`
/// separators; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

impl Location {
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    pub fn line(path: impl Into<String>, line: u32) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    pub help: String,
    pub fingerprint: String,
    /// The source line the finding is about (an import statement, say),
    /// shown under the message in text output and as the SARIF snippet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// Reported before every other finding, whatever its file: what to fix
    /// first (a vulnerable package the radar has put on Hold). Output
    /// formats show it by position only.
    #[serde(skip)]
    pub first: bool,
}

impl Finding {
    /// A finding whose fingerprint is derived from rule, path and `key`.
    /// `key` must name *what* is wrong without line numbers (for example the
    /// duplicated number, or the target of a broken link), so the fingerprint
    /// stays put when lines move.
    pub fn new(
        rule: &str,
        severity: Severity,
        message: impl Into<String>,
        location: Option<Location>,
        help: impl Into<String>,
        key: &str,
    ) -> Self {
        let path = location.as_ref().map(|l| l.path.as_str()).unwrap_or("");
        Finding {
            fingerprint: fingerprint(&[rule, path, key]),
            rule: rule.to_string(),
            severity,
            message: message.into(),
            location,
            help: help.into(),
            snippet: None,
            first: false,
        }
    }

    /// The same finding, reported before all others.
    pub fn first(mut self) -> Self {
        self.first = true;
        self
    }

    /// The same finding with the source line it is about.
    pub fn with_snippet(mut self, line: impl Into<String>) -> Self {
        let line = line.into();
        let line = line.trim();
        if !line.is_empty() {
            self.snippet = Some(line.to_string());
        }
        self
    }
}

/// A stable 64-bit FNV-1a hash over the parts, separated by NUL, as 16 hex
/// digits. Stable across platforms and releases by construction, unlike
/// `std`'s hasher.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    // Each part ends with a NUL so ("ab", "") and ("a", "b") differ.
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// What a rule is, for docs, SARIF rule descriptors and config validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: &'static str,
    pub default_severity: Severity,
    /// What the rule catches: one sentence on one line, starting with a
    /// capital and ending with a period. It opens the rule's page under
    /// docs/rules too (a CLI test keeps the two equal).
    pub summary: &'static str,
}

impl RuleInfo {
    /// For `const` rule tables.
    pub const fn new(id: &'static str, default_severity: Severity, summary: &'static str) -> Self {
        RuleInfo {
            id,
            default_severity,
            summary,
        }
    }

    /// The rule's page in the user guide, relative to the repository root.
    pub fn doc_path(&self) -> String {
        format!("docs/rules/{}.md", self.id)
    }
}

/// Orders findings for output: the ones marked [`Finding::first`], then
/// by path, line, column, then rule.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let la = a.location.as_ref();
        let lb = b.location.as_ref();
        b.first
            .cmp(&a.first)
            .then(la.map(|l| &l.path).cmp(&lb.map(|l| &l.path)))
            .then(la.and_then(|l| l.line).cmp(&lb.and_then(|l| l.line)))
            .then(la.and_then(|l| l.column).cmp(&lb.and_then(|l| l.column)))
            .then(a.rule.cmp(&b.rule))
            .then(a.message.cmp(&b.message))
    });
}

/// The findings located in one of `paths`: files or folders relative to the
/// project root with `/` separators, as locations are; `.` is the whole
/// project, findings about it included. Any other list leaves out the
/// findings that have no location, since they are about no one file.
pub fn restrict(findings: Vec<Finding>, paths: &[String]) -> Vec<Finding> {
    if paths.iter().any(|p| p == ".") {
        return findings;
    }
    let covers = |p: &str, loc: &str| {
        loc == p || (loc.starts_with(p) && loc.as_bytes().get(p.len()) == Some(&b'/'))
    };
    findings
        .into_iter()
        .filter(|f| {
            f.location
                .as_ref()
                .is_some_and(|l| paths.iter().any(|p| covers(p, &l.path)))
        })
        .collect()
}

/// Counts per severity, in [`Severity::ALL`] order.
pub fn counts(findings: &[Finding]) -> [usize; 3] {
    let mut c = [0; 3];
    for f in findings {
        c[f.severity as usize] += 1;
    }
    c
}

/// "2 errors, 1 warning, 0 notes".
pub fn summary_line(findings: &[Finding]) -> String {
    let [e, w, n] = counts(findings);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {}",
        plural(e, "error"),
        plural(w, "warning"),
        plural(n, "note")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_separates_parts() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        // Pinned: a change here breaks every user's baseline.
        assert_eq!(fingerprint(&["r", "p", "k"]), "edb98a51b1047b7c");
    }

    #[test]
    fn summary_counts_each_severity() {
        let f = |s| Finding::new("x/y", s, "m", None, "h", "k");
        let all = vec![f(Severity::Error), f(Severity::Error), f(Severity::Note)];
        assert_eq!(summary_line(&all), "2 errors, 0 warnings, 1 note");
    }

    #[test]
    fn restrict_keeps_files_and_folders_named_and_drops_the_rest() {
        let at = |p: &str| Finding::new("x/y", Severity::Error, p, Some(Location::file(p)), "", p);
        let all = vec![
            at("docs/a.md"),
            at("docs/ab.md"),
            at("docs/sub/c.md"),
            at("src/lib.rs"),
            Finding::new("x/y", Severity::Note, "project", None, "", "k"),
        ];
        let kept = |paths: &[&str]| -> Vec<String> {
            let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
            restrict(all.clone(), &paths)
                .into_iter()
                .map(|f| f.message)
                .collect()
        };
        assert_eq!(kept(&["docs/a.md"]), ["docs/a.md"]);
        // A folder covers what is under it, not a sibling sharing a prefix.
        assert_eq!(kept(&["docs/sub"]), ["docs/sub/c.md"]);
        assert_eq!(kept(&["docs/a"]), Vec::<String>::new());
        assert_eq!(
            kept(&["src/lib.rs", "docs/ab.md"]),
            ["docs/ab.md", "src/lib.rs"]
        );
        assert_eq!(kept(&["."]).len(), 5);
    }
}
