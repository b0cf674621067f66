//! GitLab Code Quality: the subset of the Code Climate issue format that
//! GitLab reads from a `codequality` report artefact, as one JSON array.
//! GitLab compares reports of the source and target branches by
//! `fingerprint` to show new and fixed findings in a merge request, so each
//! entry's fingerprint must be unique within the report and stable across
//! line moves: our finding fingerprint, with the occurrence number appended
//! for the findings that share one (as SARIF does with a second key).

use super::{message_with_help, occurrences};
use crate::findings::{Finding, Severity};
use serde_json::{Value, json};

/// GitLab requires a path and a begin line for every entry. A finding about
/// the project as a whole points at the repository root, line 1, rather
/// than at a file it is not about.
const PROJECT: &str = ".";

pub fn render(findings: &[Finding]) -> String {
    let entries: Vec<Value> = findings
        .iter()
        .zip(occurrences(findings))
        .map(|(f, n)| entry(f, n))
        .collect();
    let mut s = serde_json::to_string_pretty(&entries).expect("code quality serializes");
    s.push('\n');
    s
}

fn entry(f: &Finding, occurrence: Option<usize>) -> Value {
    let (path, line) = match &f.location {
        Some(l) if !l.path.is_empty() => (l.path.as_str(), l.line.unwrap_or(1)),
        Some(l) => (PROJECT, l.line.unwrap_or(1)),
        None => (PROJECT, 1),
    };
    let fingerprint = match occurrence {
        Some(n) => format!("{}-{n}", f.fingerprint),
        None => f.fingerprint.clone(),
    };
    json!({
        "type": "issue",
        "check_name": f.rule,
        "description": message_with_help(f),
        "severity": severity(f.severity),
        "fingerprint": fingerprint,
        "location": { "path": path, "lines": { "begin": line } },
    })
}

/// GitLab's five levels (info, minor, major, critical, blocker): an error
/// fails `techlead check`, so it is major; blocker and critical are left to
/// tools that rank security impact.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Location;

    #[test]
    fn shared_fingerprints_get_an_occurrence_and_project_findings_the_root() {
        let at = |line| Some(Location::line("package-lock.json", line));
        let fs = [
            Finding::new("r/a", Severity::Error, "m", at(9), "", "same"),
            Finding::new("r/a", Severity::Error, "m", at(3), "h", "same"),
            Finding::new("r/b", Severity::Note, "whole", None, "", "k"),
        ];
        let v: Value = serde_json::from_str(&render(&fs)).unwrap();
        let fp = |i: usize| v[i]["fingerprint"].as_str().unwrap().to_string();
        assert_eq!(fp(0), format!("{}-1", fs[0].fingerprint));
        assert_eq!(fp(1), format!("{}-0", fs[0].fingerprint));
        assert_eq!(fp(2), fs[2].fingerprint);
        assert_eq!(v[1]["description"], "m\n\nhelp: h");
        assert_eq!(v[1]["location"]["lines"]["begin"], 3);
        assert_eq!(v[2]["location"]["path"], ".");
        assert_eq!(v[2]["severity"], "info");
        assert_eq!(v[0]["severity"], "major");
    }
}
