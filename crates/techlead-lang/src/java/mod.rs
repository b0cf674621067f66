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
use crate::metrics::{Params, ends_in_word};
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
    /// A class body's name (lizard's `Class::method` prefix).
    name: Option<String>,
    /// A control statement's body.
    control: bool,
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
    /// Lizard's parameter count: pieces at the list's own paren depth,
    /// outside `<…>`.
    params: Params,
    param_paren: u32,
    angle: u32,
    count: u32,
}

impl Member {
    const fn new() -> Self {
        Member {
            assigned: false,
            name: None,
            phase: Phase::None,
            params: Params::new(),
            param_paren: 0,
            angle: 0,
            count: 0,
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

/// Statements whose `{` body is a nesting level.
fn is_control_statement(word: &str) -> bool {
    matches!(
        word,
        "if" | "else" | "for" | "while" | "do" | "switch" | "try" | "catch" | "finally"
    )
}

fn is_branch(word: &str) -> bool {
    matches!(word, "if" | "for" | "while" | "case" | "catch")
}

pub fn scan(src: &str, options: &crate::ScanOptions) -> Scan {
    let mut lx = Lexer::new(src, Dialect::Java, options.comments);
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
    let mut new_parens: Vec<(u32, bool)> = Vec::new();
    // Tokens read since `new`: lizard sees an anonymous class in a method
    // only after `new Name(`, not `new Name<T>(` or `new a.Name(`.
    let mut new_tokens = 0u32;
    let mut new_type: Option<Token> = None;
    // The last constant name in an enum's constant list.
    let mut enum_const: Option<Token> = None;
    // The previous token closed `new T(…)`: a `{` now opens a class body.
    let mut anon_ready = false;
    // 1: an annotation name is expected (after `@` or its `.`); 2: read.
    let mut anno = 0u8;
    let mut prev = Tok::Eof;
    let mut prev_dot = false;
    let mut prev_text = "";
    // The name after `class`/`interface`/`enum`/`record`.
    let mut class_name: Option<String> = None;
    // A control keyword waits for its `{` body.
    let mut ctl_pending = false;
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
        if after_new {
            new_tokens += 1;
            if new_tokens == 1 && t.kind == Tok::Ident {
                new_type = Some(t);
            }
        }
        if member.phase == Phase::Params && paren == member.param_paren {
            match t.kind {
                Tok::Punct(b'<') => member.angle += 1,
                Tok::Punct(b'>') => member.angle = member.angle.saturating_sub(1),
                Tok::Punct(b'(' | b')') => {}
                Tok::Punct(b',') if member.angle == 0 => member.params.comma(),
                _ if member.angle == 0 => {
                    let first = text.as_bytes().first().copied().unwrap_or(b'"');
                    let word =
                        matches!(t.kind, Tok::Ident | Tok::Number) && ends_in_word(text.as_bytes());
                    member.params.token(first, word);
                }
                _ => {}
            }
        }
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
                if matches!(top, Some((Brace::Class(ClassKind::EnumConstants), p)) if p == paren) {
                    enum_const = Some(t);
                }
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
                    if is_control_statement(text) && !prev_dot {
                        frames.control_keyword();
                        ctl_pending = true;
                    }
                    if class_pending.is_some() && class_name.is_none() && !prev_dot {
                        if !matches!(text, "class" | "interface" | "enum" | "record") {
                            class_name = Some(text.to_string());
                        }
                    } else if record == 1 {
                        class_name = Some(text.to_string());
                    }
                    if record == 1 {
                        record_stage = 2;
                    } else if text == "new" {
                        // `outer.new Inner() {…}` is an anonymous class
                        // too, but `Foo::new` is a method reference.
                        after_new = prev != Tok::Punct(b':');
                        new_tokens = 0;
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
                    let in_method = stack.iter().any(|e| e.kind == Brace::Method);
                    new_parens.push((paren + 1, new_tokens == 2 || !in_method));
                }
                if at_member && member.phase == Phase::None && prev_anno != 2 {
                    let named =
                        prev == Tok::Ident && member.name.is_some_and(|n| !is_control(lx.text(&n)));
                    if named && !member.assigned {
                        member.phase = Phase::Params;
                        member.params = Params::new();
                        member.param_paren = paren + 1;
                        member.angle = 0;
                    } else {
                        member.name = None;
                    }
                }
                paren += 1;
            }
            Tok::Punct(b')') => {
                after_new = false;
                paren = paren.saturating_sub(1);
                while let Some(&(d, simple)) = new_parens.last() {
                    if d <= paren {
                        break;
                    }
                    new_parens.pop();
                    anon_ready = d == paren + 1 && simple;
                }
                let base = stack.last().map(|e| e.paren);
                if member.phase == Phase::Params && base == Some(paren) {
                    member.phase = Phase::Ready;
                    member.count = member.params.finish();
                }
            }
            Tok::Punct(b'{') => {
                after_new = false;
                let declared_class = class_pending.is_some();
                let in_constants =
                    matches!(top, Some((Brace::Class(ClassKind::EnumConstants), p)) if p == paren);
                let kind = if let Some(k) = class_pending.take() {
                    Brace::Class(k)
                } else if in_constants
                    && prev == Tok::Punct(b')')
                    && let Some(n) = enum_const
                {
                    // Lizard reads `NAME(args) {` in an enum as a method
                    // named after the constant, its body and all.
                    let class = stack.iter().rev().find_map(|e| e.name.as_deref());
                    let name = match class {
                        Some(c) => format!("{c}::{}", lx.text(&n)),
                        None => lx.text(&n).to_string(),
                    };
                    frames.open(name, n.line, stack.len() + 1, 0);
                    Brace::Method
                } else if was_anon_ready
                    && !stack.iter().any(|e| e.kind == Brace::Method)
                    && let Some(n) = new_type
                {
                    // Outside methods lizard reads `new Type(…) {` as a
                    // method named after the type, body and all.
                    let class = stack.iter().rev().find_map(|e| e.name.as_deref());
                    let name = match class {
                        Some(c) => format!("{c}::{}", lx.text(&n)),
                        None => lx.text(&n).to_string(),
                    };
                    frames.open(name, n.line, stack.len() + 1, 0);
                    Brace::Method
                } else if was_anon_ready || in_constants {
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
                            // Lizard names a method after its innermost class.
                            let class = stack.iter().rev().find_map(|e| e.name.as_deref());
                            let name = match class {
                                Some(c) => format!("{c}::{}", lx.text(&n)),
                                None => lx.text(&n).to_string(),
                            };
                            let params = if method { member.count } else { 0 };
                            frames.open(name, n.line, stack.len() + 1, params);
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
                let name = match kind {
                    Brace::Class(_) if declared_class => class_name.take(),
                    Brace::Class(_) => Some("(anonymous)".to_string()),
                    _ => None,
                };
                let control = kind == Brace::Block
                    && ctl_pending
                    && (prev == Tok::Punct(b')')
                        || matches!(prev_text, "else" | "try" | "finally" | "do"));
                if control {
                    frames.control_block(true);
                }
                ctl_pending = false;
                class_name = None;
                stack.push(Entry {
                    kind,
                    paren,
                    outer,
                    name,
                    control,
                });
                member = Member::new();
            }
            Tok::Punct(b'}') => {
                match stack.pop() {
                    Some(e) => {
                        member = e.outer.unwrap_or(Member::new());
                        if e.control {
                            frames.control_block(false);
                        }
                        if e.kind == Brace::Method {
                            frames.close(stack.len() + 1, t.line);
                        }
                        paren = e.paren;
                        while new_parens.last().is_some_and(|&(d, _)| d > paren) {
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
                ctl_pending = false;
            }
            Tok::Punct(b'=') if at_member => member.assigned = true,
            Tok::Punct(b'[') => after_new = false,
            // Lizard reads `<?>` and `<? extends T>` as one token; any
            // other `?` (`<? super T>`, `Map<?, ?>`) counts.
            Tok::Punct(b'?') if !(prev == Tok::Punct(b'<') && hidden_wildcard(src, t.end)) => {
                frames.branch()
            }
            Tok::AndAnd | Tok::OrOr => frames.branch(),
            _ => {}
        }
        prev = t.kind;
        prev_dot = t.kind == Tok::Punct(b'.');
        prev_text = text;
    }
    header.end(&mut scan);
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

/// After the `?` of `<?` (ending at `at`): does `>` or `extends Name>`
/// follow, as in the wildcards lizard's tokenizer swallows whole?
fn hidden_wildcard(src: &str, at: usize) -> bool {
    let rest = src.get(at..).unwrap_or("").trim_start();
    if rest.starts_with('>') {
        return true;
    }
    let Some(rest) = rest.strip_prefix("extends") else {
        return false;
    };
    if !rest.starts_with(|c: char| c.is_whitespace()) {
        return false;
    }
    let rest = rest.trim_start();
    let word = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    word > 0 && rest[word..].trim_start().starts_with('>')
}
