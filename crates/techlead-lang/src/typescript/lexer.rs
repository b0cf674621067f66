//! Tokens of TS/JS source. The lexer only has to tell code from strings,
//! comments, regex literals, template text and JSX text, so it keeps a
//! small mode stack (template substitutions, JSX elements and their `{}`
//! holes) and decides regex-or-division from the previous token.

use memchr::{memchr, memchr_iter, memchr2, memchr3, memmem};

use crate::Problem;
use crate::comments::Sink;
use crate::metrics::CodeLines;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Ident,
    Num,
    Str,
    /// A whole template literal without `${}`.
    Template,
    /// Template text up to the first `${`.
    TemplateHead,
    /// Template text between `}` and the next `${`.
    TemplateMiddle,
    /// Template text from the last `}` to the closing backtick.
    TemplateTail,
    Regex,
    Punct,
    /// A JSX element starts or ends (JSX markup itself yields no tokens).
    Jsx,
    /// The `{` of a JSX hole: code follows.
    JsxOpen,
    /// The `}` of a JSX hole: markup follows.
    JsxClose,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub end_line: u32,
    /// Inside a template literal's `${}`: lizard reads a template as one
    /// string, so branch tokens there do not count.
    pub in_template: bool,
}

impl Tok {
    pub fn text<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        b.get(self.start..self.end).unwrap_or(&[])
    }
}

/// What a `{` or JSX element pushed, so the matching `}` or closing tag
/// knows where lexing resumes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    /// A statement block: a `/` after its `}` starts a regex.
    Block,
    /// An object literal (or a class body): a `/` after its `}` divides.
    Object,
    TemplateExpr,
    JsxAttrExpr,
    JsxChildExpr,
    JsxElem,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Code,
    JsxTag,
    JsxChildren,
}

/// Words after which a `/` starts a regex rather than a division.
pub(super) fn regex_after(word: &[u8]) -> bool {
    matches!(
        word,
        b"return"
            | b"typeof"
            | b"instanceof"
            | b"in"
            | b"of"
            | b"new"
            | b"delete"
            | b"void"
            | b"throw"
            | b"case"
            | b"do"
            | b"else"
            | b"yield"
            | b"await"
    )
}

pub(super) struct Lexer<'a> {
    pub b: &'a [u8],
    pub pos: usize,
    pub line: u32,
    pub regex_ok: bool,
    pub mode: Mode,
    pub frames: Vec<Frame>,
    /// Per open `(`: whether it follows `if`/`while`/`for`/`with`, so a
    /// `/` after its `)` starts a regex.
    parens: Vec<bool>,
    pub last: Option<Tok>,
    pub code_lines: u32,
    last_code_line: u32,
    pub problems: Vec<Problem>,
    pub lines: CodeLines,
    pub comments: Sink,
    /// Open `${` substitutions.
    pub templates: u32,
}

pub(super) fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, comments: bool) -> Self {
        let b = src.as_bytes();
        let mut pos = 0;
        if b.starts_with(b"\xEF\xBB\xBF") {
            pos = 3;
        }
        // A `#!` first line is a comment to the engine.
        if b[pos..].starts_with(b"#!") {
            pos = memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k);
        }
        Lexer {
            b,
            pos,
            line: 1,
            regex_ok: true,
            mode: Mode::Code,
            frames: Vec::new(),
            parens: Vec::new(),
            last: None,
            code_lines: 0,
            last_code_line: 0,
            problems: Vec::new(),
            lines: CodeLines::default(),
            comments: Sink::new(comments),
            templates: 0,
        }
    }

    pub fn problem(&mut self, line: u32, message: &str) {
        self.problems.push(Problem {
            line,
            message: message.to_string(),
        });
    }

    /// Counts lines `first..=last` as code, each once.
    pub fn mark(&mut self, first: u32, last: u32) {
        if last > self.last_code_line {
            let from = first.max(self.last_code_line + 1);
            self.code_lines += last + 1 - from;
            self.last_code_line = last;
            self.lines.mark(from, last);
        }
    }

    pub fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    /// Index just past the character starting at `i` (whole UTF-8 chars,
    /// so positions stay on char boundaries).
    pub fn skip_char(&self, mut i: usize) -> usize {
        i += 1;
        while i < self.b.len() && (0x80..0xC0).contains(&self.b[i]) {
            i += 1;
        }
        i.min(self.b.len())
    }

    pub fn count_lines(&mut self, from: usize, to: usize) {
        self.line += memchr_iter(b'\n', &self.b[from..to]).count() as u32;
    }

    fn emit(&mut self, kind: Kind, start: usize, line: u32) -> Tok {
        self.mark(line, self.line);
        let t = Tok {
            kind,
            start,
            end: self.pos,
            line,
            end_line: self.line,
            in_template: self.templates > 0,
        };
        self.last = Some(t);
        t
    }

    /// Does a `{` here open a block (rather than an object literal)?
    fn block_follows(&self) -> bool {
        let Some(t) = self.last else { return true };
        let text = t.text(self.b);
        match t.kind {
            Kind::Punct => matches!(text, b")" | b";" | b"{" | b"}" | b"=>"),
            Kind::Ident => !regex_after(text) || matches!(text, b"else" | b"do"),
            _ => false,
        }
    }

    /// Skips whitespace and comments; false at end of input.
    pub fn skip_trivia(&mut self) -> bool {
        let b = self.b;
        while self.pos < b.len() {
            match b[self.pos] {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c => self.pos += 1,
                b'/' if self.at(self.pos + 1) == b'/' => {
                    let at = self.pos;
                    self.pos = memchr(b'\n', &b[self.pos..]).map_or(b.len(), |k| self.pos + k);
                    let line = self.line;
                    self.comments.line_comment(b, at, self.pos, line, false);
                }
                b'/' if self.at(self.pos + 1) == b'*' => {
                    let at = self.pos;
                    let line = self.line;
                    let from = self.pos + 2;
                    match memmem::find(&b[from..], b"*/") {
                        Some(k) => {
                            self.count_lines(from, from + k);
                            self.pos = from + k + 2;
                            self.comments.block_comment(b, at, from + k, line);
                        }
                        None => {
                            self.problem(line, "unterminated block comment");
                            self.count_lines(from, b.len());
                            self.pos = b.len();
                            self.comments.block_comment(b, at, b.len(), line);
                        }
                    }
                }
                // NBSP, BOM, LS, PS: whitespace, not identifier bytes.
                0xC2 if self.at(self.pos + 1) == 0xA0 => self.pos += 2,
                0xEF if b[self.pos..].starts_with(b"\xEF\xBB\xBF") => self.pos += 3,
                0xE2 if b[self.pos..].starts_with(b"\xE2\x80\xA8")
                    || b[self.pos..].starts_with(b"\xE2\x80\xA9") =>
                {
                    self.pos += 3
                }
                _ => return true,
            }
        }
        false
    }

    pub fn next_tok(&mut self) -> Option<Tok> {
        loop {
            let step = match self.mode {
                Mode::JsxTag => self.jsx_tag(),
                Mode::JsxChildren => self.jsx_children(),
                Mode::Code => return self.code(),
            };
            match step {
                Some(Some(t)) => return Some(t),
                Some(None) => continue,
                None => return None,
            }
        }
    }

    /// End of input: substitutions or JSX left open.
    pub fn finish(&mut self) {
        let line = self.line;
        if self.frames.contains(&Frame::TemplateExpr) {
            self.problem(line, "unterminated template literal");
        }
        if self
            .frames
            .iter()
            .any(|f| matches!(f, Frame::JsxAttrExpr | Frame::JsxChildExpr | Frame::JsxElem))
        {
            self.problem(line, "unterminated JSX element");
        }
    }

    fn code(&mut self) -> Option<Tok> {
        if !self.skip_trivia() {
            return None;
        }
        let b = self.b;
        let start = self.pos;
        let line = self.line;
        let c = b[start];
        let tok = if is_ident_byte(c) && !c.is_ascii_digit() || c == b'\\' || c == b'#' {
            self.pos += 1;
            self.pos += b[self.pos..]
                .iter()
                .position(|&c| !(is_ident_byte(c) || c == b'\\'))
                .unwrap_or(b.len() - self.pos);
            let t = self.emit(Kind::Ident, start, line);
            self.regex_ok = regex_after(t.text(b));
            return Some(t);
        } else if c.is_ascii_digit() || c == b'.' && self.at(start + 1).is_ascii_digit() {
            self.number();
            self.emit(Kind::Num, start, line)
        } else if c == b'"' || c == b'\'' {
            self.string(c);
            self.emit(Kind::Str, start, line)
        } else if c == b'`' {
            self.pos += 1;
            return Some(self.template(start, line, true));
        } else if c == b'/' && self.regex_ok {
            self.regex();
            self.emit(Kind::Regex, start, line)
        } else if c == b'{' {
            let frame = if self.block_follows() {
                Frame::Block
            } else {
                Frame::Object
            };
            self.frames.push(frame);
            self.pos += 1;
            let t = self.emit(Kind::Punct, start, line);
            self.regex_ok = true;
            return Some(t);
        } else if c == b'}' {
            self.pos += 1;
            match self.frames.last() {
                Some(Frame::TemplateExpr) => {
                    self.frames.pop();
                    self.templates = self.templates.saturating_sub(1);
                    return Some(self.template(start, line, false));
                }
                Some(Frame::JsxAttrExpr) => {
                    self.frames.pop();
                    self.mode = Mode::JsxTag;
                    return Some(self.emit(Kind::JsxClose, start, line));
                }
                Some(Frame::JsxChildExpr) => {
                    self.frames.pop();
                    self.mode = Mode::JsxChildren;
                    return Some(self.emit(Kind::JsxClose, start, line));
                }
                Some(&f @ (Frame::Block | Frame::Object)) => {
                    self.frames.pop();
                    let t = self.emit(Kind::Punct, start, line);
                    self.regex_ok = f == Frame::Block;
                    return Some(t);
                }
                _ => {}
            }
            self.emit(Kind::Punct, start, line)
        } else if c == b'<' && self.regex_ok && self.jsx_starts() {
            self.pos += 1;
            if self.at(self.pos) == b'>' {
                self.pos += 1;
                self.frames.push(Frame::JsxElem);
                self.mode = Mode::JsxChildren;
            } else {
                self.mode = Mode::JsxTag;
            }
            let t = self.emit(Kind::Jsx, start, line);
            self.regex_ok = false;
            return Some(t);
        } else {
            let condition = c == b'('
                && self
                    .last
                    .is_some_and(|t| matches!(t.text(b), b"if" | b"while" | b"for" | b"with"));
            self.pos += punct_len(b, start);
            let t = self.emit(Kind::Punct, start, line);
            self.regex_ok = match t.text(b) {
                b"(" => {
                    self.parens.push(condition);
                    true
                }
                // `if (x) /re/.test(s)`: after a condition, a regex.
                b")" => self.parens.pop().unwrap_or(false),
                b"]" | b"}" | b"++" | b"--" => false,
                // `x! / 2`: a `!` right after an operand is TypeScript's
                // non-null assertion, and a division may follow.
                b"!" if start > 0
                    && (is_ident_byte(b[start - 1]) || matches!(b[start - 1], b')' | b']')) =>
                {
                    false
                }
                _ => true,
            };
            return Some(t);
        };
        self.regex_ok = false;
        Some(tok)
    }

    fn number(&mut self) {
        let b = self.b;
        let hex = b[self.pos] == b'0' && matches!(self.at(self.pos + 1), b'x' | b'X');
        while self.pos < b.len() {
            let c = b[self.pos];
            let exponent_sign =
                (c == b'+' || c == b'-') && !hex && matches!(b[self.pos - 1], b'e' | b'E');
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// A '…' or "…" string; stops before an unescaped newline.
    fn string(&mut self, q: u8) {
        let b = self.b;
        let mut i = self.pos + 1;
        loop {
            match memchr3(q, b'\\', b'\n', &b[i..]) {
                None => {
                    let line = self.line;
                    self.problem(line, "unterminated string");
                    i = b.len();
                    break;
                }
                Some(k) => {
                    i += k;
                    match b[i] {
                        b'\\' => {
                            i += 1;
                            if i < b.len() {
                                if b[i] == b'\r' && self.at(i + 1) == b'\n' {
                                    i += 1;
                                }
                                if b[i] == b'\n' {
                                    self.line += 1;
                                }
                                i = self.skip_char(i);
                            }
                        }
                        b'\n' => {
                            let line = self.line;
                            self.problem(line, "unterminated string");
                            break;
                        }
                        _ => {
                            i += 1;
                            break;
                        }
                    }
                }
            }
        }
        self.pos = i;
    }

    /// Template text from `self.pos` (just past a backtick or the `}` of a
    /// substitution) to the closing backtick or the next `${`.
    fn template(&mut self, start: usize, line: u32, opening: bool) -> Tok {
        let b = self.b;
        let mut i = self.pos;
        let subst = loop {
            match memchr3(b'`', b'\\', b'$', &b[i..]) {
                None => {
                    self.count_lines(i, b.len());
                    i = b.len();
                    self.problem(line, "unterminated template literal");
                    break false;
                }
                Some(k) => {
                    self.count_lines(i, i + k);
                    i += k;
                    match b[i] {
                        b'`' => {
                            i += 1;
                            break false;
                        }
                        b'\\' => {
                            i += 1;
                            if i < b.len() {
                                if b[i] == b'\n' {
                                    self.line += 1;
                                }
                                i = self.skip_char(i);
                            }
                        }
                        _ => {
                            i += 1;
                            if self.at(i) == b'{' {
                                i += 1;
                                break true;
                            }
                        }
                    }
                }
            }
        };
        self.pos = i;
        if subst {
            self.frames.push(Frame::TemplateExpr);
            self.templates += 1;
        }
        self.regex_ok = subst;
        let kind = match (opening, subst) {
            (true, false) => Kind::Template,
            (true, true) => Kind::TemplateHead,
            (false, true) => Kind::TemplateMiddle,
            (false, false) => Kind::TemplateTail,
        };
        self.emit(kind, start, line)
    }

    /// A regex literal from its `/`: classes `[...]` may hold `/`.
    fn regex(&mut self) {
        let b = self.b;
        let mut i = self.pos + 1;
        let mut class = false;
        loop {
            if i >= b.len() {
                let line = self.line;
                self.problem(line, "unterminated regex literal");
                break;
            }
            match b[i] {
                b'\\' if self.at(i + 1) != b'\n' && i + 1 < b.len() => i = self.skip_char(i + 1),
                b'[' => {
                    class = true;
                    i += 1;
                }
                b']' => {
                    class = false;
                    i += 1;
                }
                b'/' if !class => {
                    i += 1;
                    while i < b.len() && is_ident_byte(b[i]) {
                        i += 1;
                    }
                    break;
                }
                b'\n' | b'\\' => {
                    let line = self.line;
                    self.problem(line, "unterminated regex literal");
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    break;
                }
                _ => i += 1,
            }
        }
        self.pos = i;
    }

    /// Finds `needle` from `from`, counting the newlines passed; None (and
    /// the end of input) when it is missing.
    pub fn find_counting(&mut self, from: usize, needle: u8) -> Option<usize> {
        let b = self.b;
        let mut i = from;
        loop {
            match memchr2(needle, b'\n', &b[i..]) {
                None => return None,
                Some(k) if b[i + k] == b'\n' => {
                    self.line += 1;
                    i += k + 1;
                }
                Some(k) => return Some(i + k),
            }
        }
    }
}

/// Length of the punctuator at `i` (longest match).
fn punct_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let c = b[i];
    let (c1, c2, c3) = (at(1), at(2), at(3));
    match c {
        b'>' if c1 == b'>' => {
            if c2 == b'>' {
                if c3 == b'=' { 4 } else { 3 }
            } else if c2 == b'=' {
                3
            } else {
                2
            }
        }
        b'<' if c1 == b'<' => {
            if c2 == b'=' {
                3
            } else {
                2
            }
        }
        b'=' if c1 == b'>' => 2,
        b'=' | b'!' if c1 == b'=' => {
            if c2 == b'=' {
                3
            } else {
                2
            }
        }
        b'&' | b'|' | b'?' | b'*' if c1 == c => {
            if c2 == b'=' {
                3
            } else {
                2
            }
        }
        b'?' if c1 == b'.' && !c2.is_ascii_digit() => 2,
        b'+' | b'-' if c1 == c => 2,
        b'.' if c1 == b'.' && c2 == b'.' => 3,
        b'<' | b'>' | b'&' | b'|' | b'*' | b'+' | b'-' | b'%' | b'^' | b'/' if c1 == b'=' => 2,
        c if c >= 0x80 => {
            let mut n = 1;
            while (0x80..0xC0).contains(&at(n)) {
                n += 1;
            }
            n
        }
        _ => 1,
    }
}
