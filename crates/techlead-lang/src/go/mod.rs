//! The Go scanner: package clause, imports, function and method spans
//! with their cyclomatic complexity, over the shared brace-language lexer.

use crate::clike::{Dialect, Lexer, Tok, Token};
use crate::frames::Frames;
use crate::{Import, ImportKind, Scan};

#[cfg(test)]
mod tests;

/// Where we are in an `import` declaration.
#[derive(PartialEq)]
enum ImportState {
    Idle,
    /// After `import`: an optional name, then a path or `(`.
    Keyword,
    /// Inside `import ( … )`: every string is a path.
    Group,
}

/// A `func` keyword whose body we have not reached yet. Function types
/// (`type F func(int) int`, parameters of func type) never reach a `{`
/// on their line and are dropped.
struct Signature {
    name: Option<String>,
    line: u32,
    /// Nesting of `(`, `[` and type-literal `{` inside the signature.
    nest: u32,
    /// Parenthesised groups closed at nesting 0 (receiver, parameters,
    /// results).
    groups: u32,
    /// After a receiver `(r *T)`, the identifier that may be the name.
    candidate: Option<String>,
    /// Line of the previous token: the body must open on the line where
    /// the signature ends (Go inserts a semicolon at a line end).
    last_line: u32,
    prev_is_func: bool,
    prev_type_kw: bool,
}

enum Step {
    Consumed,
    Body,
    Abort,
}

impl Signature {
    fn feed(&mut self, t: &Token, text: &str) -> Step {
        if self.nest == 0 && t.line != self.last_line {
            return Step::Abort;
        }
        self.last_line = t.line;
        let prev_is_func = std::mem::replace(&mut self.prev_is_func, false);
        let prev_type_kw = std::mem::replace(&mut self.prev_type_kw, false);
        match t.kind {
            Tok::Ident => {
                self.prev_type_kw = text == "struct" || text == "interface";
                if self.nest == 0 {
                    if prev_is_func && self.groups == 0 && self.name.is_none() {
                        self.name = Some(text.to_string());
                    } else if self.groups == 1 && self.name.is_none() && text != "func" {
                        // `func (r T) name(`, but not `func() func() int {`.
                        self.candidate = Some(text.to_string());
                        return Step::Consumed;
                    }
                }
            }
            Tok::Punct(b'(') => {
                if self.nest == 0
                    && self.groups == 1
                    && self.name.is_none()
                    && let Some(c) = self.candidate.take()
                {
                    self.name = Some(c);
                }
                self.nest += 1;
            }
            Tok::Punct(b'[') => self.nest += 1,
            Tok::Punct(b')') | Tok::Punct(b']') => {
                if self.nest == 0 {
                    return Step::Abort;
                }
                self.nest -= 1;
                if self.nest == 0 && t.kind == Tok::Punct(b')') {
                    self.groups += 1;
                }
            }
            Tok::Punct(b'{') => {
                if self.nest > 0 || prev_type_kw {
                    self.nest += 1;
                } else if self.groups > 0 {
                    return Step::Body;
                } else {
                    return Step::Abort;
                }
            }
            Tok::Punct(b'}') => {
                if self.nest == 0 {
                    return Step::Abort;
                }
                self.nest -= 1;
            }
            Tok::Punct(b';' | b',' | b'=' | b':') if self.nest == 0 => return Step::Abort,
            Tok::Eof => return Step::Abort,
            _ => {}
        }
        self.candidate = None;
        Step::Consumed
    }
}

fn is_branch(word: &str) -> bool {
    matches!(word, "if" | "for" | "case")
}

pub fn scan(src: &str, options: &crate::ScanOptions) -> Scan {
    let _ = options;
    let mut lx = Lexer::new(src, Dialect::Go);
    let mut scan = Scan::default();
    let mut frames = Frames::default();
    let mut depth = 0usize;
    let mut imports = ImportState::Idle;
    let mut want_package = false;
    let mut sig: Option<Signature> = None;
    // Previous token: `]` or `chan` before `func` means a func type
    // (`[]func(){f, g}` is a composite literal, not a function).
    let mut prev = Tok::Eof;
    let mut prev_chan = false;
    let mut prev_line = 0;
    let mut last_line = 0;
    loop {
        let t = lx.next_token();
        if t.kind == Tok::Eof {
            break;
        }
        last_line = t.line;
        let text = lx.text(&t);
        if let Some(s) = sig.as_mut() {
            match s.feed(&t, text) {
                Step::Consumed => {
                    prev = t.kind;
                    prev_line = t.line;
                    prev_chan = false;
                    continue;
                }
                Step::Body => {
                    depth += 1;
                    let name = s.name.take().unwrap_or_else(|| "<anonymous>".to_string());
                    frames.open(name, s.line, depth);
                    sig = None;
                    prev = t.kind;
                    prev_line = t.line;
                    continue;
                }
                Step::Abort => sig = None,
            }
        }
        match t.kind {
            Tok::Ident => {
                if want_package {
                    scan.package = Some(text.to_string());
                    want_package = false;
                } else if imports == ImportState::Keyword {
                    // An alias (`f`, `_`): the path follows.
                } else if text == "func" {
                    let type_context =
                        (prev == Tok::Punct(b']') || prev_chan) && prev_line == t.line;
                    if !type_context {
                        sig = Some(Signature {
                            name: None,
                            line: t.line,
                            nest: 0,
                            groups: 0,
                            candidate: None,
                            last_line: t.line,
                            prev_is_func: true,
                            prev_type_kw: false,
                        });
                    }
                } else if is_branch(text) {
                    frames.branch();
                } else if depth == 0 && text == "import" {
                    imports = ImportState::Keyword;
                } else if depth == 0 && text == "package" && scan.package.is_none() {
                    want_package = true;
                }
            }
            Tok::Str if imports != ImportState::Idle => {
                scan.imports.push(Import {
                    module: text.to_string(),
                    names: Vec::new(),
                    line: t.line,
                    kind: ImportKind::Static,
                    path_attr: None,
                });
                if imports == ImportState::Keyword {
                    imports = ImportState::Idle;
                }
            }
            Tok::Punct(b'(') if imports == ImportState::Keyword => imports = ImportState::Group,
            Tok::Punct(b')') if imports == ImportState::Group => imports = ImportState::Idle,
            Tok::Punct(b'.') if imports == ImportState::Keyword => {}
            Tok::Punct(b';') if imports == ImportState::Group => {}
            Tok::AndAnd | Tok::OrOr => frames.branch(),
            Tok::Punct(b'{') => depth += 1,
            Tok::Punct(b'}') => {
                if depth == 0 {
                    lx.problems.push(crate::Problem {
                        line: t.line,
                        message: "unmatched `}`".to_string(),
                    });
                } else {
                    frames.close(depth, t.line);
                    depth -= 1;
                }
            }
            _ => {}
        }
        if !matches!(
            t.kind,
            Tok::Str | Tok::Ident | Tok::Punct(b'(' | b'.' | b';')
        ) && imports == ImportState::Keyword
        {
            imports = ImportState::Idle;
        }
        if t.kind != Tok::Ident {
            want_package = false;
        }
        prev = t.kind;
        prev_line = t.line;
        prev_chan = t.kind == Tok::Ident && text == "chan";
    }
    let mut problems = std::mem::take(&mut lx.problems);
    let (functions, complexity) = frames.finish(last_line, &mut problems);
    scan.functions = functions;
    scan.complexity = complexity;
    scan.problems = problems;
    scan.code_lines = lx.code_lines();
    scan.total_lines = lx.total_lines();
    scan
}

/// The scan with default options, for the tests.
#[cfg(test)]
fn scan_default(src: &str) -> Scan {
    scan(src, &crate::ScanOptions::default())
}
