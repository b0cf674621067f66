//! Markdown links: every relative href with its byte span (for broken-link
//! checks and renumbering), and typed links (`Superseded by [..](..)`).

use crate::model::{Href, Link};

/// An inline link `[text](href)` on one line.
pub struct InlineLink<'a> {
    /// Byte offset of the `[` within the line.
    pub start: usize,
    pub href: &'a str,
    /// Byte range of `href` within the line.
    pub href_range: std::ops::Range<usize>,
}

/// Inline links on one line, including images. Reference definitions
/// (`[x]: target`) are returned too, with an empty text.
pub fn inline_links(line: &str) -> Vec<InlineLink<'_>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    // Reference definition: `[label]: target`.
    let lead = line.len() - line.trim_start().len();
    if lead <= 3
        && b.get(lead) == Some(&b'[')
        && let Some(close) = line[lead..].find("]:")
    {
        let after = lead + close + 2;
        let rest = &line[after..];
        let ws = rest.len() - rest.trim_start().len();
        let s = after + ws;
        let e = line[s..]
            .find(char::is_whitespace)
            .map(|i| s + i)
            .unwrap_or(line.len());
        let (s, e) = strip_angle(line, s, e);
        if s < e {
            out.push(InlineLink {
                start: lead,
                href: &line[s..e],
                href_range: s..e,
            });
        }
        return out;
    }
    // `[x](y)` inside backticks is code, not a link (an example in prose).
    let code = code_spans(b);
    let mut i = 0;
    while let Some(rel) = line[i..].find("](") {
        let close = i + rel;
        let Some(open) = matching_open(b, close) else {
            i = close + 2;
            continue;
        };
        if code.iter().any(|c| c.contains(&open) || c.contains(&close)) {
            i = close + 2;
            continue;
        }
        let s = close + 2;
        if s >= b.len() {
            break;
        }
        let mut depth = 0usize;
        let mut e = s;
        while e < b.len() {
            match b[e] {
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b' ' | b'\t' if b[s] != b'<' => break,
                b'>' if b[s] == b'<' => {
                    e += 1;
                    break;
                }
                _ => {}
            }
            e += 1;
        }
        let (hs, he) = strip_angle(line, s, e.min(b.len()));
        if hs < he {
            out.push(InlineLink {
                start: open,
                href: &line[hs..he],
                href_range: hs..he,
            });
        }
        i = e.max(close + 2).min(line.len());
    }
    out
}

/// Byte ranges of the line's code spans, as CommonMark reads them: a run
/// of backticks opens one and the next run of the same length closes it;
/// a run never closed, or escaped with `\`, is plain text.
fn code_spans(b: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    if memchr::memchr(b'`', b).is_none() {
        return spans;
    }
    let run_end = |mut j: usize| {
        while j < b.len() && b[j] == b'`' {
            j += 1;
        }
        j
    };
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let start = i;
        i = run_end(i);
        let escaped = b[..start].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1;
        if escaped {
            continue;
        }
        let len = i - start;
        let mut j = i;
        while let Some(k) = memchr::memchr(b'`', &b[j..]) {
            let s = j + k;
            j = run_end(s);
            if j - s == len {
                spans.push(start..j);
                i = j;
                break;
            }
        }
    }
    spans
}

fn strip_angle(line: &str, s: usize, e: usize) -> (usize, usize) {
    let b = line.as_bytes();
    if e > s + 1 && b[s] == b'<' && b[e - 1] == b'>' {
        (s + 1, e - 1)
    } else {
        (s, e)
    }
}

/// The `[` that opens the link text closed at `close`, allowing nested
/// brackets inside the text.
pub(crate) fn matching_open(b: &[u8], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = close;
    while j > 0 {
        j -= 1;
        match b[j] {
            b']' => depth += 1,
            b'[' if depth == 0 => return Some(j),
            b'[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Splits `0002-x.md#context` into (`0002-x.md`, `#context`).
pub fn split_href(href: &str) -> (&str, &str) {
    match href.find(['#', '?']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    }
}

/// A link to a file in this repository: no scheme, not an anchor, not
/// site-absolute.
pub fn is_relative(href: &str) -> bool {
    if href.is_empty() || href.starts_with('#') || href.starts_with('/') || href.starts_with('\\') {
        return false;
    }
    let scheme_end = href.find(':');
    let slash = href.find('/').unwrap_or(usize::MAX);
    !matches!(scheme_end, Some(c) if c < slash && href[..c].bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b)))
}

/// `Superseded by` -> `superseded-by`; empty phrases give `None`.
pub fn link_kind(phrase: &str) -> Option<String> {
    let p = phrase
        .trim()
        .trim_start_matches(['*', '-', '+', ' '])
        .trim();
    let lower = p.to_lowercase();
    let lower = lower.strip_prefix("status:").unwrap_or(&lower).trim();
    let cleaned: String = lower
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let cleaned = cleaned.trim().trim_end_matches([':', '-', '—', ',']).trim();
    if cleaned.is_empty() {
        return None;
    }
    let cleaned = cleaned.replacen("superceded", "superseded", 1);
    Some(cleaned.split_whitespace().collect::<Vec<_>>().join("-"))
}

/// The stem of a record href: `../adr/0002-x.md#y` -> `0002-x`.
pub fn target_stem(path: &str) -> Option<&str> {
    let name = path.rsplit(['/', '\\']).next()?;
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))
        .filter(|s| !s.is_empty())
}

/// Typed links on one line: the words before the first link name the kind
/// of every record link on the line.
pub fn typed_links_in(line: &str, line_no: u32) -> Vec<Link> {
    let links = inline_links(line);
    let Some(first) = links.first() else {
        return Vec::new();
    };
    let Some(kind) = link_kind(&line[..first.start]) else {
        return Vec::new();
    };
    links
        .iter()
        .filter(|l| is_relative(l.href))
        .filter_map(|l| {
            let (path, _) = split_href(l.href);
            target_stem(path).map(|stem| Link {
                kind: kind.clone(),
                target: stem.to_string(),
                href: l.href.to_string(),
                line: line_no,
            })
        })
        .collect()
}

/// Every relative href on a line that starts at byte `offset` of the file.
pub fn hrefs_in(line: &str, offset: usize, line_no: u32, out: &mut Vec<Href>) {
    // Most lines hold no link: one byte search rules them out.
    if memchr::memchr(b']', line.as_bytes()).is_none() {
        return;
    }
    for l in inline_links(line) {
        if !is_relative(l.href) {
            continue;
        }
        let (path, _) = split_href(l.href);
        if path.is_empty() {
            continue;
        }
        out.push(Href {
            target: path.to_string(),
            span: offset + l.href_range.start..offset + l.href_range.start + path.len(),
            line: line_no,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_with_nested_brackets_angles_and_titles() {
        let l = inline_links("See [2. A [b]](0002-a.md \"t\") and ![img](<my pic.png>).");
        let hrefs: Vec<&str> = l.iter().map(|x| x.href).collect();
        assert_eq!(hrefs, ["0002-a.md", "my pic.png"]);
        assert_eq!(l[0].start, 4);
        let r = inline_links("[ref]: ./0003-b.md#x");
        assert_eq!(r[0].href, "./0003-b.md#x");
    }

    #[test]
    fn links_in_code_spans_are_code() {
        let hrefs = |line| -> Vec<&str> { inline_links(line).iter().map(|l| l.href).collect() };
        assert_eq!(
            hrefs("Write `[t](0009-x.md)`, see [a](0001-a.md)."),
            ["0001-a.md"]
        );
        assert_eq!(hrefs("``a ` [t](x.md) b`` [a](y.md)"), ["y.md"]);
        // An unclosed or escaped backtick opens nothing.
        assert_eq!(hrefs("a ` b [t](x.md)"), ["x.md"]);
        assert_eq!(hrefs("\\`[t](x.md)\\`"), ["x.md"]);
        assert_eq!(hrefs("`code` then [t](x.md) and `more`"), ["x.md"]);
    }

    #[test]
    fn relative_means_in_this_repository() {
        assert!(is_relative("0002-a.md"));
        assert!(is_relative("../x/y.md#z"));
        assert!(!is_relative("https://x.org/a.md"));
        assert!(!is_relative("mailto:a@b"));
        assert!(!is_relative("#anchor"));
        assert!(!is_relative("/abs/path.md"));
    }

    #[test]
    fn kinds_from_the_words_before_the_link() {
        let l = typed_links_in("* Status: superseded by [ADR-0005](0005-x.md)", 3);
        assert_eq!(l[0].kind, "superseded-by");
        assert_eq!(l[0].target, "0005-x");
        let l = typed_links_in("Superceded by [3. X](0003-x.md)", 1);
        assert_eq!(l[0].kind, "superseded-by");
        let l = typed_links_in("- Amended by: [a](0001-a.md), [b](0002-b.md)", 1);
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].kind, "amended-by");
        assert!(typed_links_in("[just a link](0001-a.md)", 1).is_empty());
        assert!(typed_links_in("Reverted by [d](https://x/1)", 1).is_empty());
    }
}
