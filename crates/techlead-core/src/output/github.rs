//! GitHub Actions workflow commands, one per finding, which the runner turns
//! into annotations on the pull request:
//! `::error file=docs/a.md,line=3,col=1,title=rule/id::message%0A%0Ahelp: ...`
//!
//! The runner prints messages into the job log, so control characters are
//! made visible first, as in the text format.
//!
//! GitHub shows at most 10 annotations of each level per step and 50 per job;
//! the rest stay in the log. That is GitHub's limit, not ours to work around.

use super::{message_with_help, visible_controls};
use crate::findings::{Finding, Severity};
use std::fmt::Write;

pub fn render(findings: &[Finding]) -> String {
    let mut out = String::with_capacity(findings.len() * 160);
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            // GitHub calls its lowest level "notice".
            Severity::Note => "notice",
        };
        out.push_str("::");
        out.push_str(command);
        out.push(' ');
        if let Some(loc) = &f.location {
            let path = visible_controls(&loc.path);
            let _ = write!(out, "file={},", escape_property(&path));
            if let Some(line) = loc.line {
                let _ = write!(out, "line={line},");
                if let Some(col) = loc.column {
                    let _ = write!(out, "col={col},");
                }
            }
        }
        let _ = writeln!(
            out,
            "title={}::{}",
            escape_property(&f.rule),
            escape_data(&visible_controls(&message_with_help(f)))
        );
    }
    out
}

/// Escaping for the message after `::`. The runner splits commands on line
/// ends and decodes `%XX`, so these three must be encoded (percent first).
pub(crate) fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escaping for `key=value` properties: as for data, plus `:` and `,`, which
/// would otherwise end the property list or the value.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Location;

    #[test]
    fn data_escapes_percent_first_and_line_ends() {
        assert_eq!(escape_data("100%\r\nok"), "100%25%0D%0Aok");
        // Already-escaped looking text must not be decoded by the runner.
        assert_eq!(escape_data("%0A"), "%250A");
        // Colons and commas are fine in data.
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("C:/a,b.md"), "C%3A/a%2Cb.md");
        assert_eq!(escape_property("x%\n"), "x%25%0A");
        assert_eq!(escape_property("dé/ü.md"), "dé/ü.md");
    }

    #[test]
    fn levels_and_missing_parts() {
        let loc = Location {
            path: "a.md".into(),
            line: Some(3),
            column: Some(7),
        };
        let fs = [
            Finding::new("r/e", Severity::Error, "m", Some(loc), "", "k"),
            Finding::new(
                "r/w",
                Severity::Warning,
                "m",
                Some(Location::file("b.md")),
                "h",
                "k",
            ),
            Finding::new("r/n", Severity::Note, "m", None, "", "k"),
        ];
        assert_eq!(
            render(&fs),
            "::error file=a.md,line=3,col=7,title=r/e::m\n\
             ::warning file=b.md,title=r/w::m%0A%0Ahelp: h\n\
             ::notice title=r/n::m\n"
        );
    }
}
