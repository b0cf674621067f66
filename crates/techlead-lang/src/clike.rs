//! The lexer shared by the C-like brace languages (Go and Java). It only has to
//! tell code from strings and comments, so it yields coarse tokens:
//! identifiers (keywords included), literals, and punctuation, each with
//! its line. It also counts code lines as it goes, since it is the one
//! place that knows which bytes sit in comments.

use crate::Problem;
use crate::comments::Sink;
use crate::metrics::CodeLines;
use memchr::{memchr, memchr3, memmem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Raw strings in backquotes, rune literals.
    Go,
    /// Text blocks `"""…"""`, char literals, `$` in identifiers.
    Java,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// An identifier or keyword (`func`, `if`, `import`, `record`).
    Ident,
    /// A string literal of any form; the token range is its content.
    Str,
    /// A char or rune literal; the token range is its content.
    Char,
    Number,
    /// Any other single byte: `{`, `(`, `.`, `?`, `@`, `<`, ...
    Punct(u8),
    AndAnd,
    OrOr,
    Arrow,
    Eof,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Tok,
    /// Byte range of the token's text (for literals: of their content).
    /// Always on char boundaries, since every delimiter is ASCII.
    pub start: usize,
    pub end: usize,
    /// The line the token starts on.
    pub line: u32,
}

pub struct Lexer<'a> {
    text: &'a str,
    src: &'a [u8],
    pos: usize,
    line: u32,
    dialect: Dialect,
    code_lines: u32,
    last_code_line: u32,
    pub problems: Vec<Problem>,
    pub lines: CodeLines,
    pub comments: Sink,
}

/// Identifier bytes, by dialect: bit 0 for Go, bit 1 for Java. Every
/// non-ASCII byte counts, so identifiers in any script stay whole and
/// never end inside a UTF-8 sequence.
static IDENT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            t[b] = 3;
        } else if c == b'$' {
            t[b] = 2;
        }
        b += 1;
    }
    t
};

impl Dialect {
    fn ident_bit(self) -> u8 {
        match self {
            Dialect::Go => 1,
            Dialect::Java => 2,
        }
    }
}

fn count_lines(s: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', s).count() as u32
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str, dialect: Dialect, comments: bool) -> Self {
        Lexer {
            text,
            src: text.as_bytes(),
            pos: 0,
            line: 1,
            dialect,
            code_lines: 0,
            last_code_line: 0,
            problems: Vec::new(),
            lines: CodeLines::default(),
            comments: Sink::new(comments),
        }
    }

    pub fn text(&self, t: &Token) -> &'a str {
        self.text.get(t.start..t.end).unwrap_or("")
    }

    pub fn code_lines(&self) -> u32 {
        self.code_lines
    }

    /// Lines in the file: a last line without a newline counts.
    pub fn total_lines(&self) -> u32 {
        let n = count_lines(self.src);
        if self.src.last().is_some_and(|&b| b != b'\n') {
            n + 1
        } else {
            n
        }
    }

    fn peek(&self, off: usize) -> u8 {
        self.src.get(self.pos + off).copied().unwrap_or(0)
    }

    fn problem(&mut self, line: u32, message: &str) {
        self.problems.push(Problem {
            line,
            message: message.to_string(),
        });
    }

    /// Marks lines `from..=to` as holding code.
    fn mark(&mut self, from: u32, to: u32) {
        if to > self.last_code_line {
            let first = from.max(self.last_code_line + 1);
            self.code_lines += to - first + 1;
            self.last_code_line = to;
            self.lines.mark(first, to);
        }
    }

    /// Skips whitespace and comments; false at end of input.
    fn skip_trivia(&mut self) -> bool {
        loop {
            let Some(&b) = self.src.get(self.pos) else {
                return false;
            };
            match b {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0c => self.pos += 1,
                b'/' if self.peek(1) == b'/' => {
                    let at = self.pos;
                    // Leave the newline for the arm above to count.
                    self.pos = match memchr(b'\n', &self.src[self.pos..]) {
                        Some(i) => self.pos + i,
                        None => self.src.len(),
                    };
                    self.comments
                        .line_comment(self.src, at, self.pos, self.line, false);
                }
                b'/' if self.peek(1) == b'*' => {
                    let at = self.pos;
                    let line = self.line;
                    let body = &self.src[self.pos + 2..];
                    match memmem::find(body, b"*/") {
                        Some(i) => {
                            self.line += count_lines(&body[..i]);
                            self.pos += 2 + i + 2;
                            self.comments.block_comment(self.src, at, at + 2 + i, line);
                        }
                        None => {
                            self.problem(line, "unterminated block comment");
                            self.line += count_lines(body);
                            self.pos = self.src.len();
                            self.comments.block_comment(self.src, at, self.pos, line);
                        }
                    }
                }
                _ => return true,
            }
        }
    }

    pub fn next_token(&mut self) -> Token {
        if !self.skip_trivia() {
            return Token {
                kind: Tok::Eof,
                start: self.pos,
                end: self.pos,
                line: self.line,
            };
        }
        let line = self.line;
        let b = self.src[self.pos];
        let mut start = self.pos;
        let kind;
        let end;
        let bit = self.dialect.ident_bit();
        if IDENT[b as usize] & bit != 0 && !b.is_ascii_digit() {
            self.pos += 1;
            while self.pos < self.src.len() && IDENT[self.src[self.pos] as usize] & bit != 0 {
                self.pos += 1;
            }
            kind = Tok::Ident;
            end = self.pos;
        } else if b.is_ascii_digit() {
            // Digits, letters, `_` and `.` cover every numeric literal
            // closely enough: a stray split does not matter to us.
            self.pos += 1;
            while self.pos < self.src.len()
                && (self.src[self.pos].is_ascii_alphanumeric()
                    || matches!(self.src[self.pos], b'_' | b'.'))
            {
                self.pos += 1;
            }
            kind = Tok::Number;
            end = self.pos;
        } else {
            match b {
                b'"' if self.dialect == Dialect::Java
                    && self.peek(1) == b'"'
                    && self.peek(2) == b'"' =>
                {
                    (start, end) = self.text_block();
                    kind = Tok::Str;
                }
                b'"' | b'\'' => {
                    (start, end) = self.quoted(b);
                    kind = if b == b'"' { Tok::Str } else { Tok::Char };
                }
                b'`' if self.dialect == Dialect::Go => {
                    (start, end) = self.raw_string();
                    kind = Tok::Str;
                }
                b'&' if self.peek(1) == b'&' => {
                    self.pos += 2;
                    kind = Tok::AndAnd;
                    end = self.pos;
                }
                b'|' if self.peek(1) == b'|' => {
                    self.pos += 2;
                    kind = Tok::OrOr;
                    end = self.pos;
                }
                b'-' if self.peek(1) == b'>' => {
                    self.pos += 2;
                    kind = Tok::Arrow;
                    end = self.pos;
                }
                _ => {
                    self.pos += 1;
                    kind = Tok::Punct(b);
                    end = self.pos;
                }
            }
        }
        let mut last = self.line;
        if self.pos == self.src.len() && self.src.last() == Some(&b'\n') && last > line {
            // An unterminated literal ran over the final newline: the
            // line after it does not exist.
            last -= 1;
        }
        self.mark(line, last);
        Token {
            kind,
            start,
            end,
            line,
        }
    }

    /// A one-line literal closed by `quote`, with backslash escapes. An
    /// unterminated one ends at the newline, which stays unconsumed.
    fn quoted(&mut self, quote: u8) -> (usize, usize) {
        let line = self.line;
        self.pos += 1;
        let start = self.pos;
        loop {
            match memchr3(quote, b'\\', b'\n', &self.src[self.pos..]) {
                Some(i) => {
                    let at = self.pos + i;
                    match self.src[at] {
                        b'\\' => {
                            // Skip the escaped byte unless it is a newline
                            // (or a non-ASCII lead byte: stay on boundaries).
                            let next = self.src.get(at + 1).copied().unwrap_or(b'\n');
                            self.pos = if next == b'\n' || next >= 0x80 {
                                at + 1
                            } else {
                                (at + 2).min(self.src.len())
                            };
                        }
                        b'\n' => {
                            self.pos = at;
                            self.problem(
                                line,
                                if quote == b'"' {
                                    "unterminated string"
                                } else {
                                    "unterminated character literal"
                                },
                            );
                            return (start, at);
                        }
                        _ => {
                            self.pos = at + 1;
                            return (start, at);
                        }
                    }
                }
                None => {
                    self.pos = self.src.len();
                    self.problem(
                        line,
                        if quote == b'"' {
                            "unterminated string"
                        } else {
                            "unterminated character literal"
                        },
                    );
                    return (start, self.pos);
                }
            }
        }
    }

    /// Go raw string: everything up to the next backquote, no escapes.
    fn raw_string(&mut self) -> (usize, usize) {
        let line = self.line;
        let start = self.pos + 1;
        let body = &self.src[start..];
        match memchr(b'`', body) {
            Some(i) => {
                self.line += count_lines(&body[..i]);
                self.pos = start + i + 1;
                (start, start + i)
            }
            None => {
                self.line += count_lines(body);
                self.pos = self.src.len();
                self.problem(line, "unterminated raw string");
                (start, self.pos)
            }
        }
    }

    /// Java text block: `"""` to the next unescaped `"""`.
    fn text_block(&mut self) -> (usize, usize) {
        let line = self.line;
        self.pos += 3;
        let start = self.pos;
        loop {
            match memchr3(b'"', b'\\', b'\n', &self.src[self.pos..]) {
                Some(i) => {
                    let at = self.pos + i;
                    match self.src[at] {
                        b'\\' => {
                            let next = self.src.get(at + 1).copied().unwrap_or(0);
                            self.pos = if next == b'\n' || next >= 0x80 {
                                at + 1
                            } else {
                                (at + 2).min(self.src.len())
                            };
                        }
                        b'\n' => {
                            self.line += 1;
                            self.pos = at + 1;
                        }
                        _ => {
                            if self.src.get(at + 1) == Some(&b'"')
                                && self.src.get(at + 2) == Some(&b'"')
                            {
                                self.pos = at + 3;
                                return (start, at);
                            }
                            self.pos = at + 1;
                        }
                    }
                }
                None => {
                    self.pos = self.src.len();
                    self.problem(line, "unterminated text block");
                    return (start, self.pos);
                }
            }
        }
    }
}
