//! JSX markup: text and tags are skipped (an apostrophe or `//` in JSX
//! text is not code), while `{}` holes go back to code tokens.

use memchr::{memchr3, memmem};

use super::lexer::{Frame, Kind, Lexer, Mode, Tok, is_ident_byte};

/// TS type names that follow `<` in a legacy type assertion (`<any>x`),
/// never JSX tags.
const TYPE_WORDS: &[&[u8]] = &[
    b"any",
    b"string",
    b"number",
    b"boolean",
    b"unknown",
    b"never",
    b"object",
    b"void",
    b"bigint",
    b"symbol",
    b"undefined",
    b"null",
    b"const",
];

/// How far ahead the tag check may look before it assumes JSX.
const LOOKAHEAD: usize = 4096;

/// How far ahead a closing tag is looked for.
const CLOSING_WINDOW: usize = 1 << 16;

/// One step of the JSX modes: `Some(Some(tok))` emits a token,
/// `Some(None)` switched mode, `None` is the end of input.
type Step = Option<Option<Tok>>;

impl Lexer<'_> {
    /// At a `<` in expression position: does a JSX element start here,
    /// rather than a TS generic (`<T,>(x) =>`, `<T>(x) =>`, `<T extends U>`)
    /// or a type assertion (`<any>x`)?
    pub(super) fn jsx_starts(&self) -> bool {
        let b = self.b;
        let mut i = self.pos + 1;
        let c = self.at(i);
        if c == b'>' {
            return true;
        }
        if !(c.is_ascii_alphabetic() || c == b'_' || c == b'$') {
            return false;
        }
        let name_start = i;
        while i < b.len() && (is_ident_byte(b[i]) || matches!(b[i], b'.' | b':' | b'-')) {
            i += 1;
        }
        let name = &b[name_start..i];
        if TYPE_WORDS.contains(&name) {
            return false;
        }
        let limit = (self.pos + LOOKAHEAD).min(b.len());
        let mut first_attr = true;
        while i < limit {
            match b[i] {
                c if c.is_ascii_whitespace() => i += 1,
                b'>' => {
                    let mut k = i + 1;
                    while matches!(self.at(k), b' ' | b'\t') {
                        k += 1;
                    }
                    if first_attr && self.at(k) == b'(' {
                        return false;
                    }
                    return self.closing_tag_follows(i, name);
                }
                b'/' => return self.at(i + 1) == b'>',
                b'{' => return true,
                b'"' | b'\'' => match memchr::memchr(b[i], &b[i + 1..]) {
                    Some(k) => i += k + 2,
                    None => return false,
                },
                b'=' if !first_attr => i += 1,
                c if is_ident_byte(c) => {
                    let s = i;
                    while i < b.len() && (is_ident_byte(b[i]) || matches!(b[i], b'-' | b':')) {
                        i += 1;
                    }
                    if first_attr && &b[s..i] == b"extends" {
                        return false;
                    }
                    first_attr = false;
                }
                _ => return false,
            }
        }
        true
    }

    /// An element with children needs a `</Name` later; a legacy TS type
    /// assertion such as `<Foo>bar` has none.
    fn closing_tag_follows(&self, from: usize, name: &[u8]) -> bool {
        let end = (from + CLOSING_WINDOW).min(self.b.len());
        let hay = &self.b[from..end];
        let mut rest = hay;
        while let Some(k) = memmem::find(rest, b"</") {
            let after = &rest[k + 2..];
            if after.starts_with(name)
                && !after
                    .get(name.len())
                    .is_some_and(|&c| is_ident_byte(c) || c == b'.' || c == b'-')
            {
                return true;
            }
            rest = after;
        }
        // Out of the window: assume JSX rather than lose the element.
        end < self.b.len() && hay.len() == CLOSING_WINDOW
    }

    /// Inside `<Tag ...`: attributes up to `>`, `/>` or a `{` hole.
    pub(super) fn jsx_tag(&mut self) -> Step {
        let b = self.b;
        loop {
            if self.pos >= b.len() {
                let line = self.line;
                self.problem(line, "unterminated JSX tag");
                self.mode = Mode::Code;
                return None;
            }
            let start = self.pos;
            let line = self.line;
            match b[start] {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                c if c.is_ascii_whitespace() => self.pos += 1,
                q @ (b'"' | b'\'') => {
                    match self.find_counting(start + 1, q) {
                        Some(k) => self.pos = k + 1,
                        None => {
                            self.problem(line, "unterminated JSX attribute");
                            self.pos = b.len();
                        }
                    }
                    let end = self.line;
                    self.mark(line, end);
                }
                b'{' => {
                    self.pos += 1;
                    self.frames.push(Frame::JsxAttrExpr);
                    self.mode = Mode::Code;
                    self.regex_ok = true;
                    return Some(Some(self.jsx_tok(Kind::JsxOpen, start, line)));
                }
                b'/' if self.at(start + 1) == b'>' => {
                    self.pos += 2;
                    self.mark(line, line);
                    return Some(self.element_closed(start, line));
                }
                b'/' if matches!(self.at(start + 1), b'/' | b'*') => {
                    self.skip_trivia();
                }
                b'>' => {
                    self.pos += 1;
                    self.frames.push(Frame::JsxElem);
                    self.mode = Mode::JsxChildren;
                    return Some(None);
                }
                _ => {
                    self.mark(line, line);
                    self.pos = self.skip_char(start);
                }
            }
        }
    }

    /// Between `<Tag>` and `</Tag>`: text, child elements and `{}` holes.
    pub(super) fn jsx_children(&mut self) -> Step {
        let b = self.b;
        loop {
            let from = self.pos;
            let Some(k) = memchr3(b'<', b'{', b'\n', &b[from..]) else {
                let line = self.line;
                self.problem(line, "unterminated JSX element");
                self.pos = b.len();
                self.mode = Mode::Code;
                return None;
            };
            let at = from + k;
            if b[from..at].iter().any(|c| !c.is_ascii_whitespace()) {
                let line = self.line;
                self.mark(line, line);
            }
            let line = self.line;
            self.pos = at + 1;
            match b[at] {
                b'\n' => self.line += 1,
                b'{' => {
                    self.frames.push(Frame::JsxChildExpr);
                    self.mode = Mode::Code;
                    self.regex_ok = true;
                    return Some(Some(self.jsx_tok(Kind::JsxOpen, at, line)));
                }
                _ => match self.at(at + 1) {
                    b'/' => {
                        match self.find_counting(at + 1, b'>') {
                            Some(e) => self.pos = e + 1,
                            None => self.pos = b.len(),
                        }
                        let end = self.line;
                        self.mark(line, end);
                        if self.frames.last() == Some(&Frame::JsxElem) {
                            self.frames.pop();
                        }
                        if self.frames.last() != Some(&Frame::JsxElem) {
                            self.mode = Mode::Code;
                            self.regex_ok = false;
                            return Some(Some(self.jsx_tok(Kind::Jsx, at, line)));
                        }
                    }
                    b'>' => {
                        self.pos = at + 2;
                        self.frames.push(Frame::JsxElem);
                    }
                    c if c.is_ascii_alphabetic() => {
                        self.mode = Mode::JsxTag;
                        return Some(None);
                    }
                    _ => {}
                },
            }
        }
    }

    /// After `/>`: back to the parent's children, or to code for a root.
    fn element_closed(&mut self, start: usize, line: u32) -> Option<Tok> {
        if self.frames.last() == Some(&Frame::JsxElem) {
            self.mode = Mode::JsxChildren;
            None
        } else {
            self.mode = Mode::Code;
            self.regex_ok = false;
            Some(self.jsx_tok(Kind::Jsx, start, line))
        }
    }

    fn jsx_tok(&mut self, kind: Kind, start: usize, line: u32) -> Tok {
        let end_line = self.line;
        self.mark(line, end_line);
        let t = Tok {
            kind,
            start,
            end: self.pos,
            line,
            end_line,
            in_template: self.templates > 0,
        };
        self.last = Some(t);
        t
    }
}
