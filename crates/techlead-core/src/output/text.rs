//! Human output for a terminal: findings grouped under their file, one
//! aligned line each, then an indented help line, then the summary.
//!
//! ```text
//! docs/decisions/0002-use-x.md
//!   12:3  error    Duplicate number 2  [decisions/duplicate-number]
//!         help: renumber one of them with `techlead adr renumber`
//!
//! 1 error, 0 warnings, 0 notes
//! ```

use super::{RenderOptions, visible_controls};
use crate::findings::{Finding, Severity, summary_line};
use std::collections::HashMap;
use std::fmt::Write;

/// Heading for findings about the project as a whole (no file to point at).
const PROJECT_HEADING: &str = "(project)";

// ANSI SGR sequences. Kept to the 16 basic colours so every terminal and
// CI log viewer renders them.
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Width of the severity column: the longest name, "warning".
const SEVERITY_WIDTH: usize = 7;

pub fn render(findings: &[Finding], opts: &RenderOptions<'_>) -> String {
    let paint = Paint(opts.color);
    let mut out = String::with_capacity(findings.len() * 160 + 64);

    if findings.is_empty() {
        // The summary stays the last line in every case, so scripts that read
        // the last line always get the counts.
        out.push_str("No findings.\n");
    }

    // One position width for the whole output, so the severity and message
    // columns line up across files too.
    let pos_width = findings
        .iter()
        .map(|f| position(f).len())
        .max()
        .unwrap_or(0);
    // "  " + position + "  " + severity + "  ": where the message starts, and
    // so where continuation and help lines are indented to.
    let indent = " ".repeat(2 + pos_width + 2 + SEVERITY_WIDTH + 2);

    for (heading, group) in group_by_path(findings) {
        let heading = heading.map(sanitize).unwrap_or(PROJECT_HEADING.into());
        let _ = writeln!(out, "{}", paint.wrap(BOLD, &heading));

        for f in group {
            let pos = position(f);
            let sev = f.severity.as_str();
            let _ = write!(
                out,
                "  {pos:>pos_width$}  {}{}  ",
                paint.wrap(severity_color(f.severity), sev),
                " ".repeat(SEVERITY_WIDTH - sev.len()),
            );
            write_indented(&mut out, &sanitize(&f.message), &indent);
            let _ = writeln!(out, "  {}", paint.wrap(DIM, &format!("[{}]", f.rule)));
            if let Some(snippet) = &f.snippet {
                let _ = writeln!(
                    out,
                    "{indent}{}",
                    paint.wrap(CYAN, &format!("| {}", sanitize(snippet)))
                );
            }
            if !f.help.is_empty() {
                out.push_str(&indent);
                let help = format!("help: {}", sanitize(&f.help));
                let help = paint.wrap(DIM, &help);
                write_indented(&mut out, &help, &indent);
                out.push('\n');
            }
        }
        out.push('\n');
    }

    let summary = summary_line(findings);
    let _ = writeln!(out, "{}", paint.wrap(BOLD, &summary));
    out
}

/// Groups in order of first appearance, so the caller's sort order (by path,
/// then line) is kept; `None` collects the findings without a location.
/// Linear time: hundreds of thousands of findings stay cheap.
fn group_by_path(findings: &[Finding]) -> Vec<(Option<&str>, Vec<&Finding>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Finding>)> = Vec::new();
    let mut index: HashMap<Option<&str>, usize> = HashMap::new();
    for f in findings {
        let key = f.location.as_ref().map(|l| l.path.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(f);
    }
    groups
}

/// "12:3", "12", or "-" when the finding is about the whole file.
fn position(f: &Finding) -> String {
    match f.location.as_ref().map(|l| (l.line, l.column)) {
        Some((Some(line), Some(col))) => format!("{line}:{col}"),
        Some((Some(line), None)) => line.to_string(),
        _ => "-".to_string(),
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Note => CYAN,
    }
}

/// Writes `text`, indenting every line after the first, so a multi-line
/// message stays inside its column.
fn write_indented(out: &mut String, text: &str, indent: &str) {
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        out.push('\n');
        out.push_str(indent);
        out.push_str(line);
    }
}

/// Messages quote file contents, which may hold escape sequences or carriage
/// returns. Printed raw they could restyle or overwrite the terminal, so
/// control characters are shown escaped (see [`super::visible_controls`]);
/// tabs become a space to keep the columns.
fn sanitize(s: &str) -> String {
    visible_controls(s).replace('\t', " ")
}

#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    /// Wraps `text` in `style` when colour is on. Multi-line text is styled
    /// per line, so a terminal's line-based rendering never leaks a style.
    fn wrap(self, style: &str, text: &str) -> String {
        if !self.0 {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 12);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(style);
            out.push_str(line);
            out.push_str(RESET);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Location;

    #[test]
    fn control_characters_are_escaped_but_newlines_kept() {
        assert_eq!(sanitize("a\x1b[2Jb\tc\r\nd"), "a\\u{1b}[2Jb c\nd");
        assert_eq!(sanitize("plain"), "plain");
    }

    #[test]
    fn groups_keep_first_appearance_order() {
        let f = |p: Option<&str>| {
            let loc = p.map(Location::file);
            Finding::new("a/b", Severity::Note, "m", loc, "h", "k")
        };
        let all = [f(Some("b")), f(None), f(Some("a")), f(Some("b"))];
        let keys: Vec<_> = group_by_path(&all)
            .into_iter()
            .map(|(k, g)| (k, g.len()))
            .collect();
        assert_eq!(keys, [(Some("b"), 2), (None, 1), (Some("a"), 1)]);
    }
}
