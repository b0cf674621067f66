//! The Rust lexer: turns source into the few tokens the scanner needs.
//! Strings, chars, comments and lifetimes are recognised exactly so that
//! nothing inside them looks like code; everything else is identifiers and
//! punctuation.

use crate::Problem;
use crate::comments::Sink;
use crate::metrics::CodeLines;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    Ident(&'a str),
    /// A string literal's raw content (between the quotes, escapes kept).
    Str(&'a str),
    /// A char, byte, number or lifetime: a value that is not code.
    Lit,
    /// `::`
    PathSep,
    /// `&&`
    AndAnd,
    /// `||`
    OrOr,
    /// `=>`
    FatArrow,
    /// `$`, kept so `$crate::` paths in macros can be skipped.
    Dollar,
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    pub line: u32,
}

pub struct Lexed<'a> {
    pub tokens: Vec<Token<'a>>,
    pub code_lines: u32,
    pub total_lines: u32,
    pub problems: Vec<Problem>,
    pub lines: CodeLines,
    pub comments: Sink,
}

pub fn lex(src: &str, comments: bool) -> Lexed<'_> {
    let mut sink = Sink::new(comments);
    let mut lines = CodeLines::default();
    let b = src.as_bytes();
    let mut tokens = Vec::with_capacity(b.len() / 6);
    let mut problems = Vec::new();
    let mut line = 1u32;
    // The last line that held a token, so each code line counts once.
    let mut last_code_line = 0u32;
    let mut code_lines = 0u32;
    let mut i = 0;
    // A shebang line is not code to scan (`#![attr]` is).
    if b.starts_with(b"#!") && !b.starts_with(b"#![") {
        i = memchr::memchr(b'\n', b).unwrap_or(b.len());
    }
    macro_rules! push {
        ($tok:expr, $line:expr) => {{
            let l = $line;
            if l != last_code_line {
                code_lines += 1;
                last_code_line = l;
                lines.mark(l, l);
            }
            tokens.push(Token { tok: $tok, line: l });
        }};
    }
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let at = i;
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                sink.line_comment(b, at, i, line, true);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                // Block comments nest in Rust.
                let at = i;
                let start_line = line;
                let mut depth = 1;
                i += 2;
                while i < b.len() && depth > 0 {
                    match b[i] {
                        b'\n' => line += 1,
                        b'/' if b.get(i + 1) == Some(&b'*') => {
                            depth += 1;
                            i += 1;
                        }
                        b'*' if b.get(i + 1) == Some(&b'/') => {
                            depth -= 1;
                            i += 1;
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    problems.push(Problem {
                        line: start_line,
                        message: "unterminated block comment".into(),
                    });
                    sink.block_comment(b, at, b.len(), start_line);
                } else {
                    sink.block_comment(b, at, i - 2, start_line);
                }
            }
            b'"' => {
                let start_line = line;
                let (end, closed) = quoted(b, i + 1, b'"', &mut line);
                push!(Tok::Str(&src[i + 1..end]), start_line);
                count_lines(start_line, line, &mut code_lines, &mut last_code_line);
                lines.mark(start_line, line);
                if !closed {
                    problems.push(unterminated(start_line));
                }
                i = (end + 1).min(b.len());
            }
            b'\'' => {
                // A char literal ('a', '\n', 'é') or a lifetime ('a).
                let rest = &src[i + 1..];
                let mut chars = rest.chars();
                match chars.next() {
                    Some('\\') => {
                        let start_line = line;
                        let (end, closed) = quoted(b, i + 1, b'\'', &mut line);
                        if !closed {
                            problems.push(unterminated(start_line));
                        }
                        push!(Tok::Lit, start_line);
                        i = (end + 1).min(b.len());
                    }
                    Some(ch) if chars.next() == Some('\'') && ch != '\n' => {
                        push!(Tok::Lit, line);
                        i += 1 + ch.len_utf8() + 1;
                    }
                    _ => {
                        // Lifetime or label: skip the quote and the name.
                        push!(Tok::Lit, line);
                        i += 1;
                        while i < b.len() && is_ident_byte(b[i]) {
                            i += 1;
                        }
                    }
                }
            }
            b'0'..=b'9' => {
                push!(Tok::Lit, line);
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                // A fraction, but not a range (`0..n`) or a method (`1.max`).
                if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                }
            }
            _ if is_ident_start(c) => {
                // Raw strings and prefixed literals: r"..", r#".."#, b"..",
                // br"..", c"..", cr#".."#, b'x'.
                if let Some((end, closed, content)) = prefixed_literal(src, i, &mut line) {
                    let start_line = line_of_start(src, i, line, end);
                    push!(content.map_or(Tok::Lit, Tok::Str), start_line);
                    count_lines(start_line, line, &mut code_lines, &mut last_code_line);
                    lines.mark(start_line, line);
                    if !closed {
                        problems.push(unterminated(start_line));
                    }
                    i = end;
                    continue;
                }
                let start = i;
                // `r#ident`: a raw identifier.
                if c == b'r'
                    && b.get(i + 1) == Some(&b'#')
                    && b.get(i + 2).is_some_and(|&n| is_ident_start(n))
                {
                    i += 2;
                }
                while i < b.len() && is_ident_byte(b[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = &src[start..i];
                push!(Tok::Ident(word.strip_prefix("r#").unwrap_or(word)), line);
            }
            _ if c >= 0x80 => {
                // Non-ASCII outside literals: identifiers in other scripts
                // or stray text. Skip the whole character.
                let len = src[i..].chars().next().map_or(1, char::len_utf8);
                push!(Tok::Lit, line);
                i += len;
            }
            _ => {
                let next = b.get(i + 1).copied();
                let (tok, len) = match (c, next) {
                    (b':', Some(b':')) => (Tok::PathSep, 2),
                    (b'&', Some(b'&')) => (Tok::AndAnd, 2),
                    (b'|', Some(b'|')) => (Tok::OrOr, 2),
                    (b'=', Some(b'>')) => (Tok::FatArrow, 2),
                    (b'$', _) => (Tok::Dollar, 1),
                    _ => (Tok::Punct(c), 1),
                };
                push!(tok, line);
                i += len;
            }
        }
    }
    let total_lines = if b.is_empty() {
        0
    } else {
        line - u32::from(b.last() == Some(&b'\n'))
    };
    Lexed {
        tokens,
        code_lines,
        total_lines,
        problems,
        lines,
        comments: sink,
    }
}

fn unterminated(line: u32) -> Problem {
    Problem {
        line,
        message: "unterminated string or char literal".into(),
    }
}

/// Lines spanned by a multi-line literal are code lines too.
fn count_lines(start: u32, end: u32, code_lines: &mut u32, last: &mut u32) {
    if end > start {
        *code_lines += end - start;
        *last = end;
    }
}

/// The line a literal started on, given the line counter now past it.
fn line_of_start(src: &str, start: usize, line_now: u32, end: usize) -> u32 {
    let newlines = memchr::memchr_iter(b'\n', &src.as_bytes()[start..end]).count() as u32;
    line_now - newlines
}

/// Scans a quoted literal body from `i` to its closing `quote`, honouring
/// backslash escapes. Returns the index of the closing quote (or the end)
/// and whether it was closed.
fn quoted(b: &[u8], mut i: usize, quote: u8, line: &mut u32) -> (usize, bool) {
    while i < b.len() {
        match b[i] {
            b'\\' => {
                if b.get(i + 1) == Some(&b'\n') {
                    *line += 1;
                }
                i += 2;
                continue;
            }
            b'\n' => *line += 1,
            c if c == quote => return (i, true),
            _ => {}
        }
        i += 1;
    }
    (b.len(), false)
}

/// A literal that starts with a letter prefix: `r"…"`, `r#"…"#`, `b"…"`,
/// `br"…"`, `c"…"`, `cr"…"`, `b'x'`. Returns the index just past it,
/// whether it was closed, and the content for string literals.
fn prefixed_literal<'a>(
    src: &'a str,
    i: usize,
    line: &mut u32,
) -> Option<(usize, bool, Option<&'a str>)> {
    let b = src.as_bytes();
    let (raw, mut j) = match (b[i], b.get(i + 1), b.get(i + 2)) {
        (b'r', Some(b'"' | b'#'), _) => (true, i + 1),
        (b'b' | b'c', Some(b'r'), Some(b'"' | b'#')) => (true, i + 2),
        (b'b' | b'c', Some(b'"'), _) => (false, i + 1),
        (b'b', Some(b'\''), _) => {
            let (end, closed) = quoted(b, i + 2, b'\'', line);
            return Some(((end + 1).min(b.len()), closed, None));
        }
        _ => return None,
    };
    if !raw {
        let (end, closed) = quoted(b, j + 1, b'"', line);
        return Some(((end + 1).min(b.len()), closed, Some(&src[j + 1..end])));
    }
    let hashes_start = j;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    let hashes = j - hashes_start;
    if b.get(j) != Some(&b'"') {
        // `r#ident` (a raw identifier), not a raw string.
        return None;
    }
    let body = j + 1;
    let mut k = body;
    while k < b.len() {
        match b[k] {
            b'\n' => *line += 1,
            b'"' if b[k + 1..].len() >= hashes
                && b[k + 1..k + 1 + hashes].iter().all(|&h| h == b'#') =>
            {
                return Some((k + 1 + hashes, true, Some(&src[body..k])));
            }
            _ => {}
        }
        k += 1;
    }
    Some((b.len(), false, Some(&src[body..])))
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}
