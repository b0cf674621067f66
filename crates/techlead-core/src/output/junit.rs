//! JUnit XML for CI dashboards. Each rule that was checked and found nothing
//! is a passing test case, so the dashboard shows what was verified, not only
//! what failed; each finding is a failing test case of its rule.
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
    let passing = entries
        .iter()
        .filter(|r| !by_rule.contains_key(r.id))
        .count();
    let tests = passing + findings.len();
    let failures = findings.len();

    let mut out = String::with_capacity(findings.len() * 300 + entries.len() * 80 + 256);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"techlead\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        escape(opts.run_name, true)
    );
    // Rule by rule, in rule order, so a rule's cases sit together.
    for rule in &entries {
        let id = escape(rule.id, true);
        let Some(found) = by_rule.get(rule.id) else {
            let _ = writeln!(out, "    <testcase name=\"{id}\" classname=\"{id}\"/>");
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

/// XML 1.0 escaping. Characters XML 1.0 cannot carry at all (most C0
/// controls, U+FFFE, U+FFFF) become U+FFFD, since a single one makes the
/// whole report unparsable. In attributes, tab and line ends are written as
/// character references, or the parser's attribute normalisation would turn
/// them into spaces; in text, `\r` is, or the parser would drop it.
pub(crate) fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// The `Char` production of XML 1.0. Rust's `char` already excludes the
/// surrogates.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_replaces_forbidden_characters() {
        assert_eq!(escape("<a & 'b'>", false), "&lt;a &amp; 'b'&gt;");
        assert_eq!(escape("\"q\"\n", true), "&quot;q&quot;&#10;");
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{FFFF}", false),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(escape("x\r\ny", false), "x&#13;\ny");
    }
}
