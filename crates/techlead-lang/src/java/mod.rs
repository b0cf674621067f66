//! The Java scanner: package, imports, method and constructor spans with
//! their cyclomatic complexity, over the shared brace-language lexer.
//!
//! Every `{` is classified when it opens: a class body (where members
//! are declared), a method body, or any other block (statements, lambda
//! bodies, array initialisers). Methods are only looked for directly in
//! class bodies, so calls, lambdas and control statements never look like
//! declarations.

mod imports;
#[cfg(test)]
mod tests;

use crate::clike::{Dialect, Lexer, Tok, Token};
use crate::frames::Frames;
use imports::Header;

use crate::Scan;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClassKind {
    Class,
    Record,
    /// An enum body before its first `;`: the constant list, where
    /// `A(1) { … }` is a constant with a body, not a method.
    EnumConstants,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brace {
    Class(ClassKind),
    Method,
    Block,
}

struct Entry {
    kind: Brace,
    /// Paren depth when the brace opened (restored when it closes).
    paren: u32,
    /// The member declaration this brace sits inside, when it opened
    /// within one (an annotation's `{…}` argument, a field's array or
    /// anonymous-class initialiser): reading it goes on after the `}`.
    outer: Option<Member>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    None,
    /// Inside the parameter list of `name(`.
    Params,
    /// After the parameters: `throws`, `[]` or the body may follow.
    Ready,
    Throws,
}

/// What we know of the member declaration being read in a class body.
#[derive(Clone, Copy)]
struct Member {
    /// Saw `=`: a field initialiser, where `f(` is a call.
    assigned: bool,
    name: Option<Token>,
    phase: Phase,
}

impl Member {
    const fn new() -> Self {
        Member {
            assigned: false,
            name: None,
            phase: Phase::None,
        }
    }
}

/// Words that may precede `(` but never name a method.
fn is_control(word: &str) -> bool {
    matches!(
        word,
        "if" | "for"
            | "while"
            | "switch"
            | "catch"
            | "synchronized"
            | "return"
            | "new"
            | "throw"
            | "super"
            | "this"
            | "try"
    )
}

fn is_branch(word: &str) -> bool {
    matches!(word, "if" | "for" | "while" | "case" | "catch")
}

pub fn scan(src: &str, options: &crate::ScanOptions) -> Scan {
    let _ = options;
    let mut lx = Lexer::new(src, Dialect::Java);
    let mut scan = Scan::default();
    let mut frames = Frames::default();
    let mut header = Header::default();
    let mut stack: Vec<Entry> = Vec::new();
    let mut paren = 0u32;
    let mut member = Member::new();
    // `class`/`interface`/`enum`/`record X` seen: the next `{` opens its body.
    let mut class_pending: Option<ClassKind> = None;
    // `record` is only a keyword in `record Name(` or `record Name<`:
    // 1 after the word, 2 after the name.
    let mut record_stage = 0u8;
    // After `new`, until its `(` (anonymous class) or `[` (array).
    let mut after_new = false;
    // Paren depths of open `new T(` argument lists.
    let mut new_parens: Vec<u32> = Vec::new();
    // The previous token closed `new T(…)`: a `{` now opens a class body.
    let mut anon_ready = false;
    // 1: an annotation name is expected (after `@` or its `.`); 2: read.
    let mut anno = 0u8;
    let mut prev = Tok::Eof;
    let mut prev_dot = false;
    let mut last_line = 0;
    loop {
        let t = lx.next_token();
        if t.kind == Tok::Eof {
            break;
        }
        last_line = t.line;
        let text = lx.text(&t);
        if stack.is_empty() && header.feed(&t, text, &mut scan) {
            prev = t.kind;
            continue;
        }
        let top = stack.last().map(|e| (e.kind, e.paren));
        let at_member = class_pending.is_none()
            && matches!(top, Some((Brace::Class(k), p)) if p == paren && k != ClassKind::EnumConstants);
        let was_anon_ready = std::mem::replace(&mut anon_ready, false);
        let prev_anno = anno;
        let record = std::mem::replace(&mut record_stage, 0);
        if record == 2 && matches!(t.kind, Tok::Punct(b'(' | b'<')) {
            class_pending = Some(ClassKind::Record);
        }
        if !matches!(t.kind, Tok::Ident | Tok::Punct(b'.')) {
            anno = 0;
        }
        match t.kind {
            Tok::Ident => {
                if prev_anno == 1 {
                    anno = 2;
                    if text == "interface" {
                        class_pending = Some(ClassKind::Class);
                    }
                } else {
                    anno = 0;
                    if is_branch(text) {
                        frames.branch();
                    }
                    if record == 1 {
                        record_stage = 2;
                    } else if text == "new" {
                        // `outer.new Inner() {…}` is an anonymous class
                        // too, but `Foo::new` is a method reference.
                        after_new = prev != Tok::Punct(b':');
                    } else if !prev_dot {
                        match text {
                            "class" | "interface" => class_pending = Some(ClassKind::Class),
                            "enum" => class_pending = Some(ClassKind::EnumConstants),
                            "record" => record_stage = 1,
                            _ => {}
                        }
                    }
                    if at_member && !member.assigned {
                        match (member.phase, text) {
                            (Phase::Ready, "throws") => member.phase = Phase::Throws,
                            (Phase::Throws, _) => {}
                            (Phase::Ready, "default") => member = Member::new(),
                            (Phase::Params, _) => {}
                            _ => {
                                member.phase = Phase::None;
                                member.name = Some(t);
                            }
                        }
                    }
                }
            }
            Tok::Punct(b'@') => anno = 1,
            Tok::Punct(b'.') if prev_anno == 2 => anno = 1,
            Tok::Punct(b'(') => {
                if after_new {
                    after_new = false;
                    new_parens.push(paren + 1);
                }
                if at_member && member.phase == Phase::None && prev_anno != 2 {
                    let named =
                        prev == Tok::Ident && member.name.is_some_and(|n| !is_control(lx.text(&n)));
                    if named && !member.assigned {
                        member.phase = Phase::Params;
                    } else {
                        member.name = None;
                    }
                }
                paren += 1;
            }
            Tok::Punct(b')') => {
                after_new = false;
                paren = paren.saturating_sub(1);
                while let Some(&d) = new_parens.last() {
                    if d <= paren {
                        break;
                    }
                    new_parens.pop();
                    anon_ready = d == paren + 1;
                }
                let base = stack.last().map(|e| e.paren);
                if member.phase == Phase::Params && base == Some(paren) {
                    member.phase = Phase::Ready;
                }
            }
            Tok::Punct(b'{') => {
                after_new = false;
                let declared_class = class_pending.is_some();
                let kind = if let Some(k) = class_pending.take() {
                    Brace::Class(k)
                } else if was_anon_ready
                    || matches!(top, Some((Brace::Class(ClassKind::EnumConstants), p)) if p == paren)
                {
                    // An anonymous class, or an enum constant's body.
                    Brace::Class(ClassKind::Class)
                } else if at_member && !member.assigned {
                    let method = matches!(member.phase, Phase::Ready | Phase::Throws);
                    // A record's compact constructor: `Name {`.
                    let compact = member.phase == Phase::None
                        && prev == Tok::Ident
                        && top == Some((Brace::Class(ClassKind::Record), paren))
                        && member.name.is_some_and(|n| lx.text(&n) != "static");
                    match member.name {
                        Some(n) if method || compact => {
                            frames.open(lx.text(&n).to_string(), n.line, stack.len() + 1);
                            Brace::Method
                        }
                        _ => Brace::Block,
                    }
                } else {
                    Brace::Block
                };
                // A body that ends a declaration (method, nested class,
                // initialiser block) leaves nothing to resume.
                let ends_member =
                    declared_class || kind == Brace::Method || (at_member && !member.assigned);
                let outer = (!ends_member).then_some(member);
                stack.push(Entry { kind, paren, outer });
                member = Member::new();
            }
            Tok::Punct(b'}') => {
                match stack.pop() {
                    Some(e) => {
                        member = e.outer.unwrap_or(Member::new());
                        if e.kind == Brace::Method {
                            frames.close(stack.len() + 1, t.line);
                        }
                        paren = e.paren;
                        while new_parens.last().is_some_and(|&d| d > paren) {
                            new_parens.pop();
                        }
                    }
                    None => lx.problems.push(crate::Problem {
                        line: t.line,
                        message: "unmatched `}`".to_string(),
                    }),
                }
                class_pending = None;
                after_new = false;
            }
            Tok::Punct(b';') => {
                // The enum's constant list ends at its first `;`.
                if let Some(e) = stack.last_mut()
                    && e.kind == Brace::Class(ClassKind::EnumConstants)
                    && e.paren == paren
                {
                    e.kind = Brace::Class(ClassKind::Class);
                }
                if at_member || top.is_some_and(|(_, p)| p == paren) {
                    member = Member::new();
                }
                class_pending = None;
                after_new = false;
            }
            Tok::Punct(b'=') if at_member => member.assigned = true,
            Tok::Punct(b'[') => after_new = false,
            // `<?` and `, ?` are generic wildcards, not conditionals.
            Tok::Punct(b'?') if !matches!(prev, Tok::Punct(b'<' | b',')) => frames.branch(),
            Tok::AndAnd | Tok::OrOr => frames.branch(),
            _ => {}
        }
        prev = t.kind;
        prev_dot = t.kind == Tok::Punct(b'.');
    }
    header.end(&mut scan);
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
