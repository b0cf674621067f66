//! Comment readers for files without a language scanner, so that markers
//! in shell scripts, YAML, TOML, Ruby, Makefiles, Markdown and HTML are
//! found too. They hand back the same [`Comment`]s the scanners do, so one
//! marker search serves every file.
//!
//! - `#` languages: a `#` that starts a line or follows a blank, outside
//!   `'…'` and `"…"` on that line, starts a comment to the end of the
//!   line. Shell here-documents are skipped. Strings that span lines (a
//!   TOML `"""` string, a YAML block scalar) are not followed: a `#` line
//!   inside one is read as a comment.
//! - Markdown and HTML: `<!-- … -->`, over several lines too; in Markdown,
//!   not inside fenced code blocks.

use techlead_lang::{Comment, CommentKind};

/// The `#` comments of `src`; `shell` skips here-documents.
pub fn hash_comments(src: &str, shell: bool) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut heredoc: Option<(String, bool)> = None;
    let mut offset = 0;
    for (index, raw) in src.split_inclusive('\n').enumerate() {
        let at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if let Some((word, tabs)) = &heredoc {
            let t = if *tabs {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if t == word {
                heredoc = None;
            }
            continue;
        }
        let (code_end, comment) = split_hash(line);
        if let Some(hash) = comment {
            let mut end = line.len();
            while end > hash + 1 && line.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            out.push(Comment {
                line: index as u32 + 1,
                column: line[..hash].chars().count() as u32 + 1,
                start: at + hash + 1,
                end: at + end,
                kind: CommentKind::Line,
            });
        }
        if shell {
            heredoc = heredoc_start(&line[..code_end]);
        }
    }
    out
}

/// Where the code of a line ends, and the byte of its comment's `#`.
fn split_hash(line: &str) -> (usize, Option<usize>) {
    let b = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' && q == b'"' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'\\' => i += 1,
                b'\'' | b'"' => quote = Some(c),
                b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => return (i, Some(i)),
                _ => {}
            },
        }
        i += 1;
    }
    (b.len(), None)
}

/// `<<WORD`, `<<-WORD`, `<<'WORD'` or `<<"WORD"` in shell code: the word
/// that ends the here-document, and whether leading tabs are stripped.
fn heredoc_start(code: &str) -> Option<(String, bool)> {
    let mut rest = code;
    while let Some(i) = rest.find("<<") {
        let after = &rest[i + 2..];
        if let Some(here_string) = after.strip_prefix('<') {
            // `<<<` is a here-string, not a document.
            rest = here_string;
            continue;
        }
        let (tabs, after) = match after.strip_prefix('-') {
            Some(a) => (true, a),
            None => (false, after),
        };
        let after = after.trim_start();
        let word: String = after
            .trim_start_matches(['\'', '"'])
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !word.is_empty() {
            return Some((word, tabs));
        }
        rest = after;
    }
    None
}

/// The `<!-- … -->` comments of `src`; `markdown` skips fenced code.
pub fn html_comments(src: &str, markdown: bool) -> Vec<Comment> {
    let fenced = if markdown { fences(src) } else { Vec::new() };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = src[from..].find("<!--") {
        let open = from + k;
        if let Some(r) = fenced.iter().find(|r| r.contains(&open)) {
            from = r.end;
            continue;
        }
        let start = open + 4;
        let end = src[start..].find("-->").map_or(src.len(), |e| start + e);
        let line_start = src[..open].rfind('\n').map_or(0, |i| i + 1);
        out.push(Comment {
            line: src[..open].bytes().filter(|&b| b == b'\n').count() as u32 + 1,
            column: src[line_start..open].chars().count() as u32 + 1,
            start,
            end,
            kind: CommentKind::Block,
        });
        from = (end + 3).min(src.len());
    }
    out
}

/// Byte ranges of Markdown's fenced code blocks.
fn fences(src: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8, usize)> = None;
    for (at, _, line) in techlead_markdown::lines::lines_from(src, 0) {
        let Some((c, n)) = techlead_markdown::lines::fence(line) else {
            continue;
        };
        match open {
            None => open = Some((at, c, n)),
            Some((start, oc, on)) if oc == c && n >= on && line.trim().bytes().all(|b| b == c) => {
                out.push(start..at + line.len());
                open = None;
            }
            Some(_) => {}
        }
    }
    if let Some((start, _, _)) = open {
        out.push(start..src.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(src: &'a str, cs: &[Comment]) -> Vec<(u32, u32, &'a str)> {
        cs.iter().map(|c| (c.line, c.column, c.text(src))).collect()
    }

    #[test]
    fn hash_comments_outside_strings() {
        let src = "# TODO top\nx: \"a # not\" # TODO after\ny: 'b#c' #x\nurl=http://h/#frag\necho $# \\# no\r\n  # FIXME(ann)\r\n";
        assert_eq!(
            texts(src, &hash_comments(src, false)),
            [
                (1, 1, " TODO top"),
                (2, 14, " TODO after"),
                (3, 10, "x"),
                (6, 3, " FIXME(ann)"),
            ]
        );
    }

    #[test]
    fn shell_here_documents_are_not_comments() {
        let src = "cat <<EOF > x\n# TODO in the document\nEOF\n# TODO real\ncat <<-'END'\n\t# no\n\tEND\nx <<< \"# no\" # yes\n";
        assert_eq!(
            texts(src, &hash_comments(src, true)),
            [(4, 1, " TODO real"), (8, 14, " yes")]
        );
        // Outside shell, `<<` is just text.
        assert_eq!(hash_comments(src, false).len(), 4);
    }

    #[test]
    fn html_comments_skip_markdown_fences() {
        let src = "<!-- TODO one -->\n```html\n<!-- TODO in code -->\n```\ntext <!--\nFIXME two\n-->\n<!-- open";
        assert_eq!(
            texts(src, &html_comments(src, true)),
            [
                (1, 1, " TODO one "),
                (5, 6, "\nFIXME two\n"),
                (8, 1, " open")
            ]
        );
        assert_eq!(html_comments(src, false).len(), 4);
    }
}
