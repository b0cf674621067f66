//! JUnit XML for CI dashboards. Each rule that was checked and found nothing
//! is a passing test case, so the dashboard shows what was verified, not only
//! what failed; each finding is a failing test case of its rule; a rule the
//! run could not evaluate (it needs the network) is a skipped one.
//!
//! Findings of every severity are `<failure>`s (their severity is the
//! failure `type`); JUnit's `errors` means the test itself broke, which
//! never applies here.

use super::{RenderOptions, message_with_help, rules_in_play};
use crate::findings::{Finding, RuleInfo};
use std::collections::HashMap;
use std::fmt::Write;

pub fn render(findings: &[Finding], rules: &[RuleInfo], opts: &RenderOptions<'_>) -> String {
    let entries = rules_in_play(findings, rules);
    let mut by_rule: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        by_rule.entry(f.rule.as_str()).or_default().push(f);
    }
    let skip_reason = |id: &str| {
        opts.skipped
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, why)| why.as_str())
    };
    let clean: Vec<&str> = entries
        .iter()
        .filter(|r| !by_rule.contains_key(r.id))
        .map(|r| r.id)
        .collect();
    let skipped = clean.iter().filter(|id| skip_reason(id).is_some()).count();
    let tests = clean.len() + findings.len();
    let failures = findings.len();

    let mut out = String::with_capacity(findings.len() * 300 + entries.len() * 80 + 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"techlead\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
        escape(opts.run_name, true)
    );
    // Rule by rule, in rule order, so a rule's cases sit together.
    for rule in &entries {
        let id = escape(rule.id, true);
        let Some(found) = by_rule.get(rule.id) else {
            match skip_reason(rule.id) {
                Some(why) => {
                    let _ = writeln!(
                        out,
                        "    <testcase name=\"{id}\" classname=\"{id}\">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        escape(why, true)
                    );
                }
                None => {
                    let _ = writeln!(out, "    <testcase name=\"{id}\" classname=\"{id}\"/>");
                }
            }
            continue;
        };
        for f in found {
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{id}\">",
                escape(&case_name(f), true)
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&f.message, true),
                f.severity.as_str(),
                escape(&message_with_help(f), false)
            );
            out.push_str("    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// `path:line:col`, `path:line`, `path`, or `(project)`.
fn case_name(f: &Finding) -> String {
    match &f.location {
        None => "(project)".to_string(),
        Some(l) => match (l.line, l.column) {
            (Some(line), Some(col)) => format!("{}:{line}:{col}", l.path),
            (Some(line), None) => format!("{}:{line}", l.path),
            _ => l.path.clone(),
        },
    }
}

use crate::escape::xml as escape;
