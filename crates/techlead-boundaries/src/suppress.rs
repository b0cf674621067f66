//! Inline suppressions: `# techlead: ignore[rule-id, ...] reason` or
//! `// techlead: ignore[...]` on an import, and tach's `# tach-ignore`
//! when `[boundaries] honour_tach_ignore` says so.
//!
//! They are read from the comments the language scanner hands over, never
//! from raw text, so a string that holds the marker does not count. Files
//! without the marker's bytes are not scanned for comments at all.

use techlead_lang::{CommentKind, Language, Scan, ScanOptions};

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// 1-based line of the comment.
    pub line: u32,
    /// The import lines it covers, inclusive: its own line (a comment at
    /// the end of an import), or the statement below a comment on a line
    /// of its own; for an import over several lines, the whole statement.
    pub first: u32,
    pub last: u32,
    /// Rule ids in brackets; empty for `tach-ignore`, which covers every
    /// rule about an import.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// A `# tach-ignore` directive, honoured only when tach's config was
    /// imported.
    pub tach: bool,
    /// Why a `techlead: ignore` directive is malformed (no rule ids, no
    /// closing bracket): it suppresses nothing, and says so.
    pub problem: Option<String>,
}

impl Suppression {
    pub fn covers(&self, line: u32) -> bool {
        (self.first..=self.last).contains(&line)
    }

    /// How the comment is written, for messages: `techlead: ignore[a, b]`
    /// or `tach-ignore`.
    pub fn marker(&self) -> String {
        if self.tach {
            "tach-ignore".into()
        } else {
            format!("techlead: ignore[{}]", self.rules.join(", "))
        }
    }
}

const MARKER: &str = "techlead:";
const TACH: &str = "tach-ignore";

/// Whether `src` may hold a suppression: a cheap byte search that spares
/// almost every file the comment scan.
pub fn may_have(src: &str) -> bool {
    src.contains(MARKER) || src.contains(TACH)
}

/// The suppressions in `src`, malformed ones (a `techlead: ignore`
/// without rule ids) with their problem.
pub fn find(language: Language, src: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    if !may_have(src) {
        return out;
    }
    let scan: Scan = techlead_lang::scan_with(language, src, &ScanOptions { comments: true });
    let lines: Vec<&str> = src.lines().collect();
    for c in &scan.comments {
        if c.kind == CommentKind::Doc {
            continue;
        }
        let text = c.text(src);
        let (parsed, problem) = match parse_techlead(text) {
            Some(Ok(p)) => (Some(p), None),
            Some(Err(msg)) => (Some((Vec::new(), None, false)), Some(msg)),
            None if language == Language::Python => (parse_tach(text), None),
            None => (None, None),
        };
        let Some((rules, reason, tach)) = parsed else {
            continue;
        };
        let (first, last) = span(&lines, c.line, c.column);
        out.push(Suppression {
            line: c.line,
            first,
            last,
            rules,
            reason,
            tach,
            problem,
        });
    }
    out
}

type Parsed = (Vec<String>, Option<String>, bool);

/// `techlead: ignore[a, b] reason`: None when the comment has no
/// `techlead:` directive, an error when it has one that is malformed.
fn parse_techlead(text: &str) -> Option<Result<Parsed, String>> {
    // The marker opens the comment, or follows another directive in the
    // same comment (`# type: ignore  # techlead: ignore[...]`).
    let at = text.match_indices(MARKER).find(|(i, _)| {
        text[..*i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '#' || c == '/' || c == '*')
    })?;
    let rest = text[at.0 + MARKER.len()..].trim_start();
    let rest = rest.strip_prefix("ignore")?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let Some(rest) = rest.trim_start().strip_prefix('[') else {
        return Some(Err(
            "`techlead: ignore` needs the rule ids it suppresses, as in \
             `techlead: ignore[boundaries/private-import] reason`"
                .into(),
        ));
    };
    let Some(close) = rest.find(']') else {
        return Some(Err("`techlead: ignore[` is not closed with `]`".into()));
    };
    let rules: Vec<String> = rest[..close]
        .split(',')
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if rules.is_empty() {
        return Some(Err("`techlead: ignore[]` names no rule".into()));
    }
    Some(Ok((rules, reason(&rest[close + 1..]), false)))
}

/// tach's directive: `tach-ignore`, `tach-ignore name ...` or
/// `tach-ignore(reason) name ...`. Names narrow it to some of the
/// imported names; edges do not carry names, so it covers the import.
fn parse_tach(text: &str) -> Option<Parsed> {
    let rest = text.trim_start().strip_prefix(TACH)?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let reason = rest
        .strip_prefix('(')
        .and_then(|r| r.rfind(')').map(|end| r[..end].trim().to_string()))
        .filter(|r| !r.is_empty());
    Some((Vec::new(), reason, true))
}

/// The text after the brackets, without separators people put first
/// (`-`, `:`, `--`, `—`); None when empty.
fn reason(rest: &str) -> Option<String> {
    let r = rest.trim().trim_start_matches(['-', ':', '—', '–']).trim();
    (!r.is_empty()).then(|| r.to_string())
}

/// The lines a comment at `line`, column `column` covers: its own line when
/// code comes before it on that line, otherwise the next line of code; and
/// then on to the end of a statement whose brackets open there.
fn span(lines: &[&str], line: u32, column: u32) -> (u32, u32) {
    let idx = line as usize - 1;
    let own = lines.get(idx).copied().unwrap_or("");
    let before: String = own
        .chars()
        .take(column.saturating_sub(1) as usize)
        .collect();
    let start = if before.trim().is_empty() {
        // A comment on a line of its own covers the next line of code.
        (idx + 1..lines.len())
            .find(|&i| {
                let l = lines[i].trim();
                !(l.is_empty() || l.starts_with('#') || l.starts_with("//"))
            })
            .unwrap_or(idx)
    } else {
        idx
    };
    // Follow open brackets of the statement: `from a import (`, `import {`.
    let mut depth: i32 = 0;
    let mut end = start;
    for (i, l) in lines.iter().enumerate().skip(start).take(200) {
        let code = if i == idx && start == idx {
            before.as_str()
        } else {
            strip_comment(l)
        };
        for ch in code.chars() {
            match ch {
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        end = i;
        if depth <= 0 {
            break;
        }
    }
    (start as u32 + 1, end as u32 + 1)
}

/// A line without a trailing `#` or `//` comment (good enough for the
/// names and brackets of an import statement).
fn strip_comment(line: &str) -> &str {
    let cut = [line.find(" #"), line.find("//")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(line.len());
    &line[..cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(lang: Language, src: &str) -> Suppression {
        let mut s = find(lang, src);
        assert_eq!(s.len(), 1, "{src}: {s:?}");
        assert_eq!(s[0].problem, None, "{src}");
        s.remove(0)
    }

    #[test]
    fn ids_reason_and_lines() {
        let s = one(
            Language::TypeScript,
            "import { a } from './x'; // techlead: ignore[boundaries/private-import] legacy adapter, see ADR 12\n",
        );
        assert_eq!(s.rules, ["boundaries/private-import"]);
        assert_eq!(s.reason.as_deref(), Some("legacy adapter, see ADR 12"));
        assert_eq!((s.line, s.first, s.last), (1, 1, 1));
        let s = one(
            Language::Python,
            "# techlead: ignore[boundaries/cycle, boundaries/undeclared-dependency]\n\nfrom a import b\n",
        );
        assert_eq!(s.rules.len(), 2);
        assert_eq!(s.reason, None);
        assert_eq!((s.line, s.first, s.last), (1, 3, 3));
        let s = one(
            Language::Python,
            "from a import (  # techlead: ignore[boundaries/x] - why\n    b,\n    c,\n)\nimport d\n",
        );
        assert_eq!((s.first, s.last), (1, 4));
        assert_eq!(s.reason.as_deref(), Some("why"));
        let s = one(
            Language::Python,
            "import a  # type: ignore  # techlead: ignore[boundaries/x]\n",
        );
        assert_eq!(s.rules, ["boundaries/x"]);
    }

    #[test]
    fn strings_do_not_count() {
        let src = "s = \"# techlead: ignore[boundaries/x]\"\nt = '# tach-ignore'\n";
        assert_eq!(find(Language::Python, src), []);
        let src = "const s = \"// techlead: ignore[boundaries/x]\";\n";
        assert_eq!(find(Language::TypeScript, src), []);
    }

    #[test]
    fn tach_ignore_forms() {
        let s = one(Language::Python, "from core.api import p  # tach-ignore\n");
        assert!(s.tach && s.rules.is_empty() && s.reason.is_none());
        let s = one(
            Language::Python,
            "# tach-ignore(Alternative API not yet available 11/26/24) private_api\nfrom core.api import private_api\n",
        );
        assert_eq!(
            s.reason.as_deref(),
            Some("Alternative API not yet available 11/26/24")
        );
        assert_eq!((s.first, s.last), (2, 2));
        // Only Python, and not a longer word.
        assert!(find(Language::TypeScript, "import a from 'a'; // tach-ignore\n").is_empty());
        assert!(find(Language::Python, "import a  # tach-ignored\n").is_empty());
    }

    #[test]
    fn malformed_directives_are_problems() {
        for src in [
            "import a  # techlead: ignore\n",
            "import a  # techlead: ignore[boundaries/x\n",
            "import a  # techlead: ignore[]\n",
        ] {
            let s = find(Language::Python, src);
            assert_eq!(s.len(), 1, "{src}");
            assert!(s[0].problem.is_some() && s[0].rules.is_empty(), "{src}");
        }
        // A note that is not a directive.
        for src in [
            "# techlead: see ADR 3\nimport a\n",
            "# techlead: ignored by the radar\nimport a\n",
        ] {
            assert_eq!(find(Language::Python, src), [], "{src}");
        }
    }
}
