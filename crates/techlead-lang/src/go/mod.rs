//! The Go scanner: package clause, imports, function and method spans
//! with their cyclomatic complexity, over the shared brace-language lexer.

use crate::clike::{Dialect, Lexer, Tok, Token};
use crate::frames::Frames;
use crate::metrics::{Params, ends_in_word};
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
    /// The name came right after `func` (no receiver).
    name_first: bool,
    /// Lizard's count of the group being read and of the first two.
    cur: Params,
    groups_params: [u32; 2],
}

impl Signature {
    fn new(line: u32) -> Self {
        Signature {
            name: None,
            line,
            nest: 0,
            groups: 0,
            candidate: None,
            last_line: line,
            prev_is_func: true,
            prev_type_kw: false,
            name_first: false,
            cur: Params::default(),
            groups_params: [0; 2],
        }
    }

    /// Parameters as lizard counts them: every token inside the list's
    /// parentheses but `(` and `)`, pieces split at every comma. A
    /// method's first group is its receiver.
    fn params(&self) -> u32 {
        if self.name.is_some() && !self.name_first {
            self.groups_params[1]
        } else {
            self.groups_params[0]
        }
    }
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
        if self.nest > 0 && !matches!(t.kind, Tok::Punct(b'(' | b')')) {
            if t.kind == Tok::Punct(b',') {
                self.cur.comma();
            } else {
                let first = text.as_bytes().first().copied().unwrap_or(b'"');
                let word =
                    matches!(t.kind, Tok::Ident | Tok::Number) && ends_in_word(text.as_bytes());
                self.cur.token(first, word);
            }
        }
        match t.kind {
            Tok::Ident => {
                self.prev_type_kw = text == "struct" || text == "interface";
                if self.nest == 0 {
                    if prev_is_func && self.groups == 0 && self.name.is_none() {
                        self.name = Some(text.to_string());
                        self.name_first = true;
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
                if self.nest == 0 {
                    self.cur = Params::default();
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
                    if let Some(g) = self.groups_params.get_mut(self.groups as usize) {
                        *g = self.cur.finish();
                    }
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

/// Statements whose `{` body is a nesting level.
fn is_control(word: &str) -> bool {
    matches!(word, "if" | "else" | "for" | "switch" | "select")
}

pub fn scan(src: &str, options: &crate::ScanOptions) -> Scan {
    let mut lx = Lexer::new(src, Dialect::Go, options.comments);
    let mut scan = Scan::default();
    // Per open `{`: whether it is a control statement's body.
    let mut braces: Vec<bool> = Vec::new();
    let mut parens = 0u32;
    // A control keyword at this paren depth waits for its `{`.
    let mut ctl_pending: Option<u32> = None;
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
                    braces.push(false);
                    let params = s.params();
                    // Lizard gives a function literal an empty name.
                    let name = s.name.take().unwrap_or_default();
                    frames.open(name, s.line, depth, params);
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
                        sig = Some(Signature::new(t.line));
                    }
                } else if is_branch(text) || is_control(text) {
                    if is_branch(text) {
                        frames.branch();
                    }
                    if is_control(text) {
                        frames.control_keyword();
                        ctl_pending = Some(parens);
                    }
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
            Tok::Punct(b'(' | b'[') => parens += 1,
            Tok::Punct(b')' | b']') => parens = parens.saturating_sub(1),
            Tok::Punct(b'{') => {
                depth += 1;
                let control = ctl_pending == Some(parens);
                if control {
                    ctl_pending = None;
                    frames.control_block(true);
                }
                braces.push(control);
            }
            Tok::Punct(b'}') => {
                if depth == 0 {
                    lx.problems.push(crate::Problem {
                        line: t.line,
                        message: "unmatched `}`".to_string(),
                    });
                } else {
                    frames.close(depth, t.line);
                    depth -= 1;
                    if braces.pop() == Some(true) {
                        frames.control_block(false);
                    }
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
    let (mut functions, complexity) = frames.finish(last_line, &mut problems);
    crate::metrics::fill_nloc(&mut functions, &lx.lines, &[]);
    scan.functions = functions;
    scan.comments = std::mem::take(&mut lx.comments.list);
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
