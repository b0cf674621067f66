//! Import recognition: a small state machine fed one token at a time, so
//! multi-line import clauses need no look-ahead buffer.

use super::lexer::{Kind, Tok};
use crate::{Import, ImportKind};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    /// `import` / `require` before `(`.
    Call(ImportKind),
    /// After `import(` / `require(`: a literal argument is an import.
    CallArg(ImportKind),
    /// After the `import` keyword of a statement.
    ImportHead,
    /// After `export`.
    ExportHead,
    /// The names between `import`/`export` and `from`.
    Clause(Clause),
    /// After `from`.
    From(ImportKind),
    /// `import x =`: wants `require`.
    Equals,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Clause {
    export: bool,
    /// `import type` / `export type`: the whole statement is types.
    typed: bool,
    in_braces: bool,
    /// At the start of a `{}` element (after `{` or `,`).
    elem_start: bool,
    plain: u32,
    marked: u32,
    /// The last token was a default binding name (`import x`).
    after_default: bool,
}

pub(super) struct Imports {
    state: State,
    pub out: Vec<Import>,
}

fn is(b: &[u8], t: &Tok, s: &[u8]) -> bool {
    t.text(b) == s
}

fn is_ident(b: &[u8], t: &Tok, s: &[u8]) -> bool {
    t.kind == Kind::Ident && t.text(b) == s
}

/// The specifier of a string or substitution-free template token.
fn literal(src: &str, t: &Tok) -> Option<String> {
    if !matches!(t.kind, Kind::Str | Kind::Template) {
        return None;
    }
    let b = src.as_bytes();
    let q = b[t.start];
    let end = if t.end - t.start >= 2 && b[t.end - 1] == q {
        t.end - 1
    } else {
        t.end
    };
    src.get(t.start + 1..end).map(str::to_string)
}

impl Imports {
    pub fn new() -> Self {
        Imports {
            state: State::Idle,
            out: Vec::new(),
        }
    }

    fn emit(&mut self, src: &str, t: &Tok, kind: ImportKind) {
        if let Some(module) = literal(src, t) {
            self.out.push(Import {
                module,
                names: Vec::new(),
                line: t.line,
                kind,
                path_attr: None,
            });
        }
    }

    pub fn feed(&mut self, src: &str, prev: Option<&Tok>, t: &Tok, next: Option<&Tok>) {
        // Fast path: only a word can begin an import.
        if self.state == State::Idle && t.kind != Kind::Ident {
            return;
        }
        if !self.step(src, t, next) {
            self.state = State::Idle;
            self.start(src, prev, t, next);
        }
    }

    /// Idle: does `t` begin an import?
    fn start(&mut self, src: &str, prev: Option<&Tok>, t: &Tok, next: Option<&Tok>) {
        let b = src.as_bytes();
        if t.kind != Kind::Ident || prev.is_some_and(|p| matches!(p.text(b), b"." | b"?.")) {
            return;
        }
        let next_is = |s: &[u8]| next.is_some_and(|n| n.kind == Kind::Punct && is(b, n, s));
        match t.text(b) {
            b"import" if next_is(b"(") => self.state = State::Call(ImportKind::Dynamic),
            b"import" if next_is(b".") => {}
            b"import" => self.state = State::ImportHead,
            b"export" => self.state = State::ExportHead,
            b"require" if next_is(b"(") => self.state = State::Call(ImportKind::Dynamic),
            _ => {}
        }
    }

    /// Advances a statement in progress; false when `t` does not fit it.
    fn step(&mut self, src: &str, t: &Tok, next: Option<&Tok>) -> bool {
        let b = src.as_bytes();
        let punct = |s: &[u8]| t.kind == Kind::Punct && is(b, t, s);
        let next_text = next.map_or(&b""[..], |n| n.text(b));
        let clause = |export, typed| Clause {
            export,
            typed,
            in_braces: false,
            elem_start: false,
            plain: 0,
            marked: 0,
            after_default: false,
        };
        match self.state {
            State::Idle => return false,
            State::Call(kind) if punct(b"(") => self.state = State::CallArg(kind),
            State::Call(_) => return false,
            State::CallArg(kind) => {
                self.emit(src, t, kind);
                self.state = State::Idle;
                return matches!(t.kind, Kind::Str | Kind::Template);
            }
            State::ImportHead => match t.kind {
                Kind::Str => {
                    self.emit(src, t, ImportKind::Static);
                    self.state = State::Idle;
                }
                Kind::Ident if is(b, t, b"type") && !matches!(next_text, b"," | b"from" | b"=") => {
                    self.state = State::Clause(clause(false, true));
                }
                Kind::Ident | Kind::Punct
                    if matches!(t.text(b), b"{" | b"*") || t.kind == Kind::Ident =>
                {
                    self.state = State::Clause(clause(false, false));
                    return self.step(src, t, next);
                }
                _ => return false,
            },
            State::ExportHead => match t.text(b) {
                b"*" | b"{" => {
                    self.state = State::Clause(clause(true, false));
                    return self.step(src, t, next);
                }
                b"type" if matches!(next_text, b"{" | b"*") => {
                    self.state = State::Clause(clause(true, true))
                }
                b"import" => self.state = State::ImportHead,
                _ => return false,
            },
            State::Clause(mut c) => {
                let text = t.text(b);
                let after_default = c.after_default;
                c.after_default = false;
                match t.kind {
                    Kind::Punct if text == b"{" && !c.in_braces => {
                        c.in_braces = true;
                        c.elem_start = true;
                    }
                    Kind::Punct if text == b"}" && c.in_braces => c.in_braces = false,
                    Kind::Punct if text == b"," => c.elem_start = c.in_braces,
                    Kind::Punct if text == b"*" => c.plain += 1,
                    Kind::Punct if text == b"=" && after_default && !c.export => {
                        self.state = State::Equals;
                        return true;
                    }
                    Kind::Ident if text == b"from" && !c.in_braces => {
                        let kind = if c.typed || c.plain == 0 && c.marked > 0 {
                            ImportKind::TypeOnly
                        } else if c.export {
                            ImportKind::ReExport
                        } else {
                            ImportKind::Static
                        };
                        self.state = State::From(kind);
                        return true;
                    }
                    Kind::Ident | Kind::Str if c.in_braces => {
                        if c.elem_start {
                            let marked = text == b"type"
                                && next.is_some_and(|n| {
                                    matches!(n.kind, Kind::Ident | Kind::Str)
                                        && !matches!(n.text(b), b"as")
                                });
                            if marked {
                                c.marked += 1;
                            } else {
                                c.plain += 1;
                            }
                            c.elem_start = false;
                        }
                    }
                    Kind::Ident if text == b"as" => {}
                    Kind::Ident if !c.in_braces => {
                        // A default binding, or the name after `* as`.
                        if !c.export && c.plain == 0 && c.marked == 0 {
                            c.after_default = true;
                        }
                        c.plain += u32::from(!c.export);
                    }
                    _ => return false,
                }
                self.state = State::Clause(c);
            }
            State::From(kind) => {
                self.emit(src, t, kind);
                self.state = State::Idle;
                return t.kind == Kind::Str;
            }
            State::Equals if is_ident(b, t, b"require") => {
                self.state = State::Call(ImportKind::Static)
            }
            State::Equals => return false,
        }
        true
    }
}
