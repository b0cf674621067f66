//! Python tokens: just enough to tell code from strings and comments, to
//! find logical lines (a newline ends one only outside brackets and without
//! a backslash continuation), and to see names, string literals and
//! punctuation. Counts code lines and records text that does not lex.

use crate::comments::Sink;
use crate::metrics::CodeLines;
use crate::{CommentKind, Problem};
use memchr::{memchr, memchr3};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Name,
    Str(StrInfo),
    Num,
    /// One ASCII punctuation byte; `->` is two tokens.
    Op(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StrInfo {
    /// f-string (or t-string): not a plain literal, its replacement fields
    /// follow as tokens of their own.
    pub fstring: bool,
    pub bytes: bool,
    pub terminated: bool,
}

/// A token. For strings `start..end` is the text between the quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub line: u32,
    /// Bracket depth; tokens inside f-string replacement fields are
    /// always deeper than 0, so they never start a statement.
    pub depth: u32,
    /// Inside an f-string replacement field: lizard reads the whole
    /// f-string as one string, so branch words there do not count.
    pub in_fstring: bool,
}

pub(super) enum Event {
    Token(Token),
    /// The end of a logical line.
    Newline,
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Literal text of an f-string.
    Body,
    /// A replacement field's expression; `depth` counts its own brackets.
    Expr,
    /// A format spec after `:`; `{` opens a nested field, `}` ends it.
    Spec,
}

/// One level of f-string nesting. Every frame carries its string's quoting
/// so that a spec or expression knows what ends the string.
#[derive(Debug, Clone, Copy)]
struct Frame {
    part: Part,
    quote: u8,
    triple: bool,
    depth: u32,
    /// Where the string started, for problems.
    line: u32,
}

pub(super) struct Lexer<'a> {
    b: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    /// Start of the line where the last token began (a string may end
    /// lines later).
    token_line_start: usize,
    depth: u32,
    /// Line of the outermost open bracket, for problems.
    open_line: u32,
    frames: Vec<Frame>,
    code_lines: u32,
    last_marked: u32,
    /// The number of lines; the line counter passes it after a final
    /// newline.
    total_lines: u32,
    pub problems: Vec<Problem>,
    pub lines: CodeLines,
    pub comments: Sink,
}

/// A final line without a newline counts; an empty text has no lines.
fn total_lines(src: &str) -> u32 {
    if src.is_empty() {
        return 0;
    }
    let breaks = memchr::memchr_iter(b'\n', src.as_bytes()).count() as u32;
    breaks + u32::from(!src.ends_with('\n'))
}

/// Bytes of a name; any non-ASCII byte counts, so a name never ends
/// inside a multi-byte character.
const IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        c += 1;
    }
    t
};

fn is_ident(c: u8) -> bool {
    IDENT[c as usize]
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, comments: bool) -> Self {
        // A byte order mark is not part of the first line's code.
        let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer {
            b: src.as_bytes(),
            pos: bom,
            line: 1,
            line_start: bom,
            token_line_start: bom,
            depth: 0,
            open_line: 0,
            frames: Vec::new(),
            code_lines: 0,
            last_marked: 0,
            total_lines: total_lines(src),
            problems: Vec::new(),
            lines: CodeLines::default(),
            comments: Sink::new(comments),
        }
    }

    pub fn total_lines(&self) -> u32 {
        self.total_lines
    }

    pub fn code_lines(&self) -> u32 {
        self.code_lines
    }

    /// The last line that holds code so far.
    pub fn last_code_line(&self) -> u32 {
        self.last_marked
    }

    /// Indentation of the line where the last token began, in columns
    /// (tabs to the next multiple of 8, as Python does).
    pub fn indent(&self) -> u32 {
        let mut col = 0u32;
        for &c in &self.b[self.token_line_start.min(self.b.len())..] {
            match c {
                b' ' => col += 1,
                b'\t' => col = (col / 8 + 1) * 8,
                b'\x0c' => col = 0,
                _ => break,
            }
        }
        col
    }

    fn mark(&mut self, from: u32, to: u32) {
        let to = to.min(self.total_lines);
        let from = from.max(self.last_marked + 1);
        if to >= from {
            self.code_lines += to - from + 1;
            self.last_marked = to;
            self.lines.mark(from, to);
        }
    }

    /// Call with `pos` just past a `\n`.
    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn problem(&mut self, line: u32, message: &str) {
        self.problems.push(Problem {
            line,
            message: message.to_string(),
        });
    }

    fn token(&mut self, kind: Kind, start: usize, end: usize) -> Event {
        let line = self.line;
        self.mark(line, line);
        Event::Token(Token {
            kind,
            start,
            end,
            line,
            depth: self.depth + u32::from(!self.frames.is_empty()),
            in_fstring: !self.frames.is_empty(),
        })
    }

    fn in_expr(&self) -> Option<Frame> {
        self.frames.last().copied().filter(|f| f.part == Part::Expr)
    }

    pub fn next(&mut self) -> Event {
        loop {
            if let Some(f) = self.frames.last()
                && f.part != Part::Expr
            {
                self.fstring_text();
                continue;
            }
            self.token_line_start = self.line_start;
            let Some(&c) = self.b.get(self.pos) else {
                if let Some(f) = self.frames.first() {
                    let line = f.line;
                    self.problem(line, "unterminated f-string");
                    self.frames.clear();
                }
                if self.depth > 0 {
                    self.depth = 0;
                    self.problem(self.open_line, "unclosed bracket");
                }
                return Event::Eof;
            };
            match c {
                b'\n' => {
                    if let Some(f) = self.in_expr()
                        && !f.triple
                        && f.depth == 0
                    {
                        // A one-line f-string cut by a newline: give up on
                        // it rather than read the rest of the file as its
                        // expression.
                        self.problem(f.line, "unterminated string");
                        self.frames.clear();
                    }
                    self.pos += 1;
                    self.newline();
                    if self.frames.is_empty() && (self.depth == 0 || self.statement_follows()) {
                        return Event::Newline;
                    }
                }
                b' ' | b'\t' | b'\r' | b'\x0c' => {
                    self.pos += 1;
                    while self.b.get(self.pos) == Some(&b' ') {
                        self.pos += 1;
                    }
                }
                b'#' => match self.in_expr() {
                    // Comments in fields exist only in triple-quoted
                    // f-strings (3.12); elsewhere `#` would swallow the
                    // closing quote.
                    Some(f) if !f.triple => self.pos += 1,
                    _ => {
                        let at = self.pos;
                        self.pos = memchr(b'\n', &self.b[self.pos..])
                            .map_or(self.b.len(), |k| self.pos + k);
                        if self.comments.on() {
                            let mut end = self.pos;
                            if end > at + 1 && self.b[end - 1] == b'\r' {
                                end -= 1;
                            }
                            let line = self.line;
                            let b = self.b;
                            self.comments
                                .push(b, at, (at + 1, end), line, CommentKind::Line);
                        }
                    }
                },
                b'\\' => {
                    self.pos += 1;
                    if self.b.get(self.pos) == Some(&b'\r') {
                        self.pos += 1;
                    }
                    if self.b.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                        self.newline();
                    }
                }
                b'"' | b'\'' => return self.string(self.pos, false, false),
                b'0'..=b'9' => return self.number(),
                b'.' if self.b.get(self.pos + 1).is_some_and(u8::is_ascii_digit) => {
                    return self.number();
                }
                b'(' | b'[' | b'{' => {
                    let start = self.pos;
                    self.pos += 1;
                    let tok = self.token(Kind::Op(c), start, self.pos);
                    match self.frames.last_mut() {
                        Some(f) => f.depth += 1,
                        None => {
                            if self.depth == 0 {
                                self.open_line = self.line;
                            }
                            self.depth += 1;
                        }
                    }
                    return tok;
                }
                b')' | b']' | b'}' => {
                    let start = self.pos;
                    self.pos += 1;
                    match self.frames.last_mut() {
                        Some(f) if f.depth == 0 => {
                            if c == b'}' {
                                // The field ends; back to the text.
                                self.frames.pop();
                            }
                            continue;
                        }
                        Some(f) => f.depth -= 1,
                        None => self.depth = self.depth.saturating_sub(1),
                    }
                    return self.token(Kind::Op(c), start, self.pos);
                }
                b':' if self.in_expr().is_some_and(|f| f.depth == 0) => {
                    self.pos += 1;
                    if let Some(f) = self.frames.last_mut() {
                        f.part = Part::Spec;
                    }
                }
                c if is_ident(c) => {
                    let start = self.pos;
                    self.pos += self.b[self.pos..]
                        .iter()
                        .position(|&c| !is_ident(c))
                        .unwrap_or(self.b.len() - self.pos);
                    if let Some((fstring, bytes)) = self.string_prefix(start) {
                        return self.string(start, fstring, bytes);
                    }
                    return self.token(Kind::Name, start, self.pos);
                }
                _ => {
                    let start = self.pos;
                    self.pos += 1;
                    return self.token(Kind::Op(c), start, self.pos);
                }
            }
        }
    }

    /// Inside brackets, a line that starts at column 0 with a statement
    /// keyword means a bracket was never closed: end the logical line
    /// there rather than swallow the rest of the file.
    fn statement_follows(&mut self) -> bool {
        let rest = &self.b[self.pos..];
        let found = ["def ", "class ", "import ", "from ", "async def "]
            .iter()
            .any(|k| rest.starts_with(k.as_bytes()));
        if found {
            self.depth = 0;
            self.problem(self.open_line, "unclosed bracket");
        }
        found
    }

    /// `rb"`, `F'`, ...: the name just read is a string prefix. Raw strings
    /// lex the same as others (a backslash still keeps the next quote), so
    /// only f and b matter.
    fn string_prefix(&self, start: usize) -> Option<(bool, bool)> {
        let word = &self.b[start..self.pos];
        if word.len() > 2 || !matches!(self.b.get(self.pos), Some(b'"' | b'\'')) {
            return None;
        }
        let (mut f, mut b) = (false, false);
        for &c in word {
            match c.to_ascii_lowercase() {
                b'f' | b't' => f = true,
                b'b' => b = true,
                b'r' | b'u' => {}
                _ => return None,
            }
        }
        Some((f, b))
    }

    fn number(&mut self) -> Event {
        let start = self.pos;
        while let Some(&c) = self.b.get(self.pos) {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' {
                self.pos += 1;
                if matches!(c, b'e' | b'E') && matches!(self.b.get(self.pos), Some(b'+' | b'-')) {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        self.token(Kind::Num, start, self.pos)
    }

    /// A string whose prefix starts at `start`; `pos` is on the quote.
    fn string(&mut self, start: usize, fstring: bool, bytes: bool) -> Event {
        let b = self.b;
        let q = b[self.pos];
        let line0 = self.line;
        let triple = b.get(self.pos + 1) == Some(&q) && b.get(self.pos + 2) == Some(&q);
        self.pos += if triple { 3 } else { 1 };
        if fstring {
            let tok = self.token(
                Kind::Str(StrInfo {
                    fstring,
                    bytes,
                    terminated: true,
                }),
                start,
                start,
            );
            self.frames.push(Frame {
                part: Part::Body,
                quote: q,
                triple,
                depth: 0,
                line: line0,
            });
            return tok;
        }
        let content = self.pos;
        let (end, terminated) = loop {
            let Some(k) = memchr3(q, b'\\', b'\n', &b[self.pos..]) else {
                self.pos = b.len();
                break (b.len(), false);
            };
            let i = self.pos + k;
            match b[i] {
                b'\\' => self.skip_escape(i),
                b'\n' if triple => {
                    self.pos = i + 1;
                    self.newline();
                }
                b'\n' => {
                    self.pos = i;
                    break (i, false);
                }
                _ if !triple => {
                    self.pos = i + 1;
                    break (i, true);
                }
                _ if b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q) => {
                    self.pos = i + 3;
                    break (i, true);
                }
                _ => self.pos = i + 1,
            }
        };
        if !terminated {
            self.problem(line0, "unterminated string");
        }
        self.mark(line0, self.line);
        Event::Token(Token {
            kind: Kind::Str(StrInfo {
                fstring,
                bytes,
                terminated,
            }),
            start: content,
            end,
            line: line0,
            depth: self.depth + u32::from(!self.frames.is_empty()),
            in_fstring: !self.frames.is_empty(),
        })
    }

    /// A backslash at `i` keeps the next byte (a line break too) from
    /// ending the string.
    fn skip_escape(&mut self, i: usize) {
        self.pos = (i + 2).min(self.b.len());
        match self.b.get(i + 1) {
            Some(b'\n') => self.newline(),
            Some(b'\r') if self.b.get(i + 2) == Some(&b'\n') => {
                self.pos = i + 3;
                self.newline();
            }
            _ => {}
        }
    }

    /// The literal text (or format spec) of the innermost f-string, up to
    /// the next replacement field or the end of the string.
    fn fstring_text(&mut self) {
        let Some(&f) = self.frames.last() else {
            return;
        };
        let b = self.b;
        let spec = f.part == Part::Spec;
        loop {
            let Some(&c) = b.get(self.pos) else {
                self.problem(f.line, "unterminated f-string");
                self.frames.clear();
                return;
            };
            match c {
                b'\\' => match b.get(self.pos + 1) {
                    // A brace after a backslash is still a brace.
                    Some(b'{' | b'}') => self.pos += 1,
                    // `\N{DASH}` names a character.
                    Some(b'N') if b.get(self.pos + 2) == Some(&b'{') => {
                        self.pos += 3;
                        while let Some(&c) = b.get(self.pos) {
                            if c == b'}' || c == b'\n' || c == f.quote {
                                break;
                            }
                            self.pos += 1;
                        }
                        if b.get(self.pos) == Some(&b'}') {
                            self.pos += 1;
                        }
                    }
                    _ => self.skip_escape(self.pos),
                },
                b'\n' if f.triple => {
                    self.pos += 1;
                    self.newline();
                }
                b'\n' => {
                    self.problem(f.line, "unterminated string");
                    self.frames.clear();
                    return;
                }
                c if c == f.quote => {
                    if !f.triple {
                        self.pos += 1;
                    } else if b.get(self.pos + 1) == Some(&c) && b.get(self.pos + 2) == Some(&c) {
                        self.pos += 3;
                    } else {
                        self.pos += 1;
                        continue;
                    }
                    // The string ends: drop its frames up to its body.
                    while let Some(top) = self.frames.pop() {
                        if top.part == Part::Body {
                            self.mark(top.line, self.line);
                            break;
                        }
                    }
                    return;
                }
                b'{' if !spec && b.get(self.pos + 1) == Some(&b'{') => self.pos += 2,
                b'{' => {
                    self.pos += 1;
                    self.mark(f.line, self.line);
                    self.frames.push(Frame {
                        part: Part::Expr,
                        depth: 0,
                        ..f
                    });
                    return;
                }
                b'}' if spec => {
                    self.pos += 1;
                    self.frames.pop();
                    return;
                }
                b'}' if b.get(self.pos + 1) == Some(&b'}') => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }
}
