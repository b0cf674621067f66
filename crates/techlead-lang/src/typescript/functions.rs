//! Function spans and cyclomatic complexity, fed one token at a time.
//!
//! A function starts at `function`, at a method head `name(...) {` (also
//! with a TS return type), or at `=>`. Block bodies end at their `}`;
//! expression bodies end at the `,`, `;`, `:` or closer of the enclosing
//! expression, or at a line break that ends the statement. Arrows and
//! braces in TS type positions (interfaces, type aliases, annotations) are
//! function types and object types, not code.

use super::lexer::{Kind, Tok};
use crate::Function;
use crate::metrics::ends_in_word;

type Pre = [Option<Tok>; 3];

/// A `(...)` group: the tokens before its `(` name a method or binding.
#[derive(Clone, Copy)]
struct Group {
    pre: Pre,
    line: u32,
    /// The name bound by the last `=` before the group (`const f: T =`).
    bound: Option<Tok>,
    /// Parameters: the non-empty comma-separated pieces of the group.
    params: u32,
}

const NO_GROUP: Group = Group {
    pre: [None; 3],
    line: 0,
    bound: None,
    params: 0,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Brace {
    Block,
    Class,
    Type,
}

#[derive(Clone, Copy)]
struct Nest {
    open: u8,
    brace: Brace,
    /// The function whose body this `{` opened.
    func: Option<usize>,
    group: Group,
    /// The body of a control statement (`if (…) {`, `else {`, `try {`).
    control: bool,
    /// In a `(`: pieces ended by a comma, and whether the current one
    /// has a token.
    pieces: u32,
    filled: bool,
}

#[derive(Clone, Copy)]
enum Body {
    Block,
    /// An arrow's expression body, at bracket depth `nest`; `tern` counts
    /// its open `? :` so their `:` does not end it.
    Expr {
        nest: usize,
        tern: u32,
    },
}

#[derive(Clone, Copy)]
struct Open {
    func: usize,
    body: Body,
    /// Control blocks open when the function started.
    base: u32,
}

/// After `function`: waits for the name, the parameters and the body.
struct PendingFn {
    name: Option<String>,
    anon: String,
    line: u32,
    nest: usize,
    /// 0 before the parameters, 1 inside them, 2 after them.
    stage: u8,
}

/// After `(...):` — a return type may follow, then a body or `=>`.
#[derive(Clone, Copy)]
struct Ret {
    group: Group,
    nest: usize,
    angle: i32,
    budget: u32,
}

/// Words followed by `(...) {` that are statements, not method heads.
/// (`delete`, `return`, `throw`, `import` are real method names.)
const NOT_METHOD: &[&[u8]] = &[
    b"if",
    b"for",
    b"while",
    b"switch",
    b"catch",
    b"with",
    b"function",
    b"await",
    b"new",
    b"super",
];

/// Tokens after which a `{` is an object type, not a body.
const TYPE_CONT: &[&[u8]] = &[
    b":",
    b"|",
    b"&",
    b"<",
    b",",
    b"=>",
    b"(",
    b"[",
    b"?",
    b"extends",
    b"keyof",
    b"typeof",
    b"readonly",
    b"is",
    b"as",
];

/// Control statements: their bodies nest.
const CONTROL_WORDS: &[&[u8]] = &[
    b"if", b"else", b"for", b"while", b"do", b"switch", b"try", b"catch", b"finally",
];

/// Tokens that lizard's reader handles before its line-break check, so a
/// line starting with one does not end an expression-bodied arrow.
const NO_BREAK: &[&[u8]] = &[
    b".",
    b"(",
    b"{",
    b"=>",
    b"=",
    b"function",
    b"if",
    b"switch",
    b"for",
    b"while",
    b"catch",
    b"else",
    b"do",
    b"try",
    b"final",
];

/// Words that begin a new statement (and so end a `type` alias).
const STATEMENT_WORDS: &[&[u8]] = &[
    b"export",
    b"import",
    b"const",
    b"let",
    b"var",
    b"function",
    b"class",
    b"interface",
    b"type",
    b"declare",
    b"enum",
    b"abstract",
    b"async",
];

pub(super) struct Functions<'a> {
    b: &'a [u8],
    pub funcs: Vec<Function>,
    /// Every branch token in the file.
    pub branches: u32,
    open: Vec<Open>,
    nest: Vec<Nest>,
    prev: [Option<Tok>; 4],
    last_group: Option<Group>,
    pending_fn: Option<PendingFn>,
    ret: Option<Ret>,
    /// `=>` seen: the next token is a `{` body or an expression body.
    pending_arrow: Option<usize>,
    arrow_body: Option<usize>,
    /// The last `=>` was a function type: a `{` after it is a type.
    type_arrow: bool,
    gen_depth: i32,
    gen_pre: Option<(Pre, Option<Tok>)>,
    /// The name before the last `:` (`const f: T`), for a later `=`.
    colon_name: Option<Tok>,
    /// The name the last `=` assigns to.
    eq_name: Option<Tok>,
    class_at: Option<usize>,
    interface_at: Option<usize>,
    alias_at: Option<usize>,
    /// A control keyword at this depth waits for its `{` body.
    ctl_pending: Option<usize>,
    /// Control blocks open now.
    ctl_open: u32,
}

fn text_is(b: &[u8], t: Option<Tok>, s: &[u8]) -> bool {
    t.is_some_and(|t| t.text(b) == s && matches!(t.kind, Kind::Punct | Kind::Ident))
}

fn unquote(s: &[u8]) -> &[u8] {
    if s.len() >= 2 && s[0] == s[s.len() - 1] {
        &s[1..s.len() - 1]
    } else {
        s.get(1..).unwrap_or(s)
    }
}

impl<'a> Functions<'a> {
    pub fn new(src: &'a str) -> Self {
        Functions {
            b: src.as_bytes(),
            funcs: Vec::new(),
            branches: 0,
            open: Vec::new(),
            nest: Vec::new(),
            prev: [None; 4],
            last_group: None,
            pending_fn: None,
            ret: None,
            pending_arrow: None,
            arrow_body: None,
            type_arrow: false,
            gen_depth: 0,
            gen_pre: None,
            colon_name: None,
            eq_name: None,
            class_at: None,
            interface_at: None,
            alias_at: None,
            ctl_pending: None,
            ctl_open: 0,
        }
    }

    fn name(&self, t: &Tok) -> String {
        String::from_utf8_lossy(t.text(self.b)).into_owned()
    }

    fn add(&mut self, name: String, line: u32, params: u32) -> usize {
        self.funcs.push(Function {
            name,
            start_line: line,
            end_line: line,
            complexity: 1,
            nloc: 0,
            params,
            nesting: 0,
        });
        self.funcs.len() - 1
    }

    pub fn feed(&mut self, mut t: Tok, next: Option<&Tok>) {
        let b = self.b;
        // JSX holes nest like braces (an arrow in `{...}` ends at its `}`).
        let hole = t.kind == Kind::JsxOpen;
        let text = match t.kind {
            Kind::JsxOpen => &b"{"[..],
            Kind::JsxClose => &b"}"[..],
            _ => t.text(b),
        };
        if matches!(t.kind, Kind::JsxOpen | Kind::JsxClose) {
            t.kind = Kind::Punct;
        }
        let punct = t.kind == Kind::Punct;
        if let Some(x) = self.nest.last_mut()
            && x.open == b'('
            && !(punct && text == b")")
        {
            if punct && text == b"," {
                x.pieces += u32::from(x.filled);
                x.filled = false;
            } else {
                x.filled = true;
            }
        }
        let first_body = self.pending_arrow.take();
        if let Some(idx) = first_body {
            // Lizard starts an arrow function at its body's first token.
            self.funcs[idx].start_line = t.line;
            self.funcs[idx].end_line = t.line;
            if punct && text == b"{" {
                self.arrow_body = Some(idx);
            } else {
                let nest = self.nest.len();
                self.open.push(Open {
                    func: idx,
                    body: Body::Expr { nest, tern: 0 },
                    base: self.ctl_open,
                });
            }
        }
        self.branch(&t, next);
        self.end_exprs(&t, text);
        self.track_ret(&t, text);
        let n = self.nest.len();
        let p0 = self.prev[0];
        match (t.kind, text) {
            (Kind::Punct, b"(") => {
                let (pre, bound) = match (self.gen_depth, self.gen_pre) {
                    (0, Some(pre)) if p0.is_some_and(|p| p.text(b).starts_with(b">")) => pre,
                    _ => ([p0, self.prev[1], self.prev[2]], self.eq_name),
                };
                self.gen_pre = None;
                let group = Group {
                    pre,
                    line: t.line,
                    bound,
                    params: 0,
                };
                self.push(b'(', Brace::Block, group);
                if let Some(pf) = &mut self.pending_fn
                    && pf.stage == 0
                    && pf.nest == n
                {
                    // Lizard starts a function at its `(`.
                    pf.stage = 1;
                    pf.line = t.line;
                }
            }
            (Kind::Punct, b"[") => self.push(b'[', Brace::Block, NO_GROUP),
            (Kind::Punct, b")" | b"]") => {
                if self
                    .nest
                    .last()
                    .is_some_and(|x| x.open == text[0] - 1 || x.open == b'[' && text[0] == b']')
                {
                    let x = self.nest.pop();
                    if text == b")" {
                        self.last_group = x.map(|x| Group {
                            params: x.pieces + u32::from(x.filled),
                            ..x.group
                        });
                    }
                }
                let n = self.nest.len();
                if let Some(pf) = &mut self.pending_fn {
                    if pf.stage == 1 && pf.nest == n && text == b")" {
                        pf.stage = 2;
                    } else if n < pf.nest {
                        self.pending_fn = None;
                    }
                }
            }
            (Kind::Punct, b"{") if hole => self.push(b'{', Brace::Block, NO_GROUP),
            (Kind::Punct, b"{") => self.open_brace(),
            (Kind::Punct, b"}") => self.close_brace(&t),
            (Kind::Punct, b"=>") => self.arrow(),
            (Kind::Punct, b":") if self.pending_fn.is_none() && text_is(b, p0, b")") => {
                if let Some(group) = self.last_group {
                    self.ret = Some(Ret {
                        group,
                        nest: n,
                        angle: 0,
                        budget: 256,
                    });
                }
            }
            (Kind::Punct, b";") => {
                if self.pending_fn.as_ref().is_some_and(|pf| pf.nest == n) {
                    self.pending_fn = None;
                }
                if self.ctl_pending == Some(n) {
                    self.ctl_pending = None;
                }
                if self.alias_at == Some(n) {
                    self.alias_at = None;
                }
            }
            (Kind::Ident, _) if !text_is(b, p0, b".") && !text_is(b, p0, b"?.") => {
                self.keyword(&t, next)
            }
            _ => {}
        }
        if self.type_arrow && !(punct && text == b"=>") {
            self.type_arrow = false;
        }
        self.generics(&t, text);
        self.prev = [Some(t), self.prev[0], self.prev[1], self.prev[2]];
    }

    fn keyword(&mut self, t: &Tok, next: Option<&Tok>) {
        let b = self.b;
        let n = self.nest.len();
        let text = t.text(b);
        let next_ident = next.is_some_and(|x| x.kind == Kind::Ident);
        if let Some(pf) = &mut self.pending_fn
            && pf.stage == 0
            && pf.name.is_none()
            && matches!(self.prev[0].map(|p| p.text(b)), Some(b"function" | b"*"))
        {
            pf.name = Some(String::from_utf8_lossy(text).into_owned());
            return;
        }
        // A new statement on its own line ends a `type X = ...` alias.
        if self.alias_at == Some(n)
            && STATEMENT_WORDS.contains(&text)
            && self.prev[0].is_some_and(|p| p.end_line < t.line)
        {
            self.alias_at = None;
        }
        if CONTROL_WORDS.contains(&text) && next.is_none_or(|x| x.text(b) != b":") {
            self.control_keyword(n);
        }
        match text {
            b"function" => {
                let (a, line) = match self.prev[0] {
                    Some(p) if p.text(b) == b"async" => (1, p.line),
                    _ => (0, t.line),
                };
                // Named by its binding when anonymous.
                let anon = self.binding_name([self.prev[a], self.prev[a + 1], None], self.eq_name);
                self.pending_fn = Some(PendingFn {
                    name: None,
                    anon,
                    line,
                    nest: n,
                    stage: 0,
                });
            }
            b"class" => self.class_at = Some(n),
            b"interface" if next_ident => self.interface_at = Some(n),
            b"type" if next_ident => self.alias_at = Some(n),
            _ => {}
        }
    }

    /// A control keyword: one level deeper than the control blocks open
    /// in the innermost function; its `{` body (if any) opens one.
    fn control_keyword(&mut self, n: usize) {
        self.ctl_pending = Some(n);
        if let Some(o) = self.open.last() {
            let f = &mut self.funcs[o.func];
            f.nesting = f.nesting.max(self.ctl_open.saturating_sub(o.base) + 1);
        }
    }

    fn push(&mut self, open: u8, brace: Brace, group: Group) {
        self.nest.push(Nest {
            open,
            brace,
            func: None,
            group,
            control: false,
            pieces: 0,
            filled: false,
        });
    }

    fn open_body(&mut self, idx: usize) {
        self.push(b'{', Brace::Block, NO_GROUP);
        if let Some(x) = self.nest.last_mut() {
            x.func = Some(idx);
        }
        self.open.push(Open {
            func: idx,
            body: Body::Block,
            base: self.ctl_open,
        });
    }

    fn open_brace(&mut self) {
        let b = self.b;
        let n = self.nest.len();
        let p0 = self.prev[0];
        let type_pos = p0.is_some_and(|p| {
            matches!(p.kind, Kind::Punct | Kind::Ident) && TYPE_CONT.contains(&p.text(b))
        });
        let none = NO_GROUP;
        let ctl = self.ctl_pending.take();
        self.gen_depth = 0;
        if let Some(idx) = self.arrow_body.take() {
            return self.open_body(idx);
        }
        if let Some(pf) = self.pending_fn.take() {
            if pf.stage == 2 && pf.nest == n && !type_pos {
                let params = self.last_group.map_or(0, |g| g.params);
                let idx = self.add(pf.name.unwrap_or(pf.anon), pf.line, params);
                return self.open_body(idx);
            }
            if pf.stage != 0 && pf.nest <= n {
                self.pending_fn = Some(pf);
            }
        }
        if self.class_at == Some(n) {
            self.class_at = None;
            return self.push(b'{', Brace::Class, none);
        }
        if self.interface_at == Some(n) {
            self.interface_at = None;
            return self.push(b'{', Brace::Type, none);
        }
        if self.type_arrow {
            return self.push(b'{', Brace::Type, none);
        }
        if let Some(ret) = self.ret.filter(|r| r.nest == n) {
            if type_pos {
                return self.push(b'{', Brace::Type, none);
            }
            self.ret = None;
            if let Some(name) = self.method_name(&ret.group) {
                let idx = self.add(name, ret.group.line, ret.group.params);
                return self.open_body(idx);
            }
        } else if text_is(b, p0, b")")
            && let Some(group) = self.last_group
            && let Some(name) = self.method_name(&group)
        {
            let idx = self.add(name, group.line, group.params);
            return self.open_body(idx);
        }
        let enclosing = self.nest.last().map(|x| (x.open, x.brace));
        let kind = match enclosing {
            _ if self.alias_at == Some(n) => Brace::Type,
            Some((_, Brace::Type)) => Brace::Type,
            Some((b'(', _)) | Some((_, Brace::Class)) if type_pos => Brace::Type,
            _ => Brace::Block,
        };
        self.push(b'{', kind, none);
        // `if (…) {`, `else {`: the block is the statement's body.
        let body = text_is(b, p0, b")")
            || p0.is_some_and(|p| matches!(p.text(b), b"else" | b"try" | b"finally" | b"do"));
        if ctl == Some(n)
            && body
            && let Some(x) = self.nest.last_mut()
        {
            x.control = true;
            self.ctl_open += 1;
        }
    }

    fn close_brace(&mut self, t: &Tok) {
        while let Some(x) = self.nest.pop() {
            if x.control {
                self.ctl_open = self.ctl_open.saturating_sub(1);
            }
            if x.open == b'{' {
                if let Some(idx) = x.func {
                    while let Some(o) = self.open.pop() {
                        self.funcs[o.func].end_line = t.line.max(self.funcs[o.func].start_line);
                        if o.func == idx {
                            break;
                        }
                    }
                }
                break;
            }
        }
        let n = self.nest.len();
        let below = |at: Option<usize>| at.filter(|&a| a <= n);
        self.class_at = below(self.class_at);
        self.interface_at = below(self.interface_at);
        self.alias_at = below(self.alias_at);
        if self.pending_fn.as_ref().is_some_and(|pf| pf.nest > n) {
            self.pending_fn = None;
        }
        self.gen_depth = 0;
    }

    /// At `=>`: an arrow function, unless it is a TS function type.
    fn arrow(&mut self) {
        let b = self.b;
        let n = self.nest.len();
        let p0 = self.prev[0];
        let group = if let Some(ret) = self.ret.filter(|r| r.nest == n) {
            Some(ret.group)
        } else if text_is(b, p0, b")") {
            self.last_group
        } else if let Some(p) = p0.filter(|p| p.kind == Kind::Ident) {
            Some(Group {
                pre: [self.prev[1], self.prev[2], self.prev[3]],
                line: p.line,
                bound: self.eq_name,
                params: 1,
            })
        } else {
            None
        };
        self.ret = None;
        let Some(group) = group else { return };
        let (pre, line) = match group.pre[0] {
            Some(a) if a.text(b) == b"async" => ([group.pre[1], group.pre[2], None], a.line),
            _ => (group.pre, group.line),
        };
        let enclosing = self.nest.last().map(|x| (x.open, x.brace));
        let before = |s: &[u8]| text_is(b, pre[0], s);
        let declared = pre[2].is_some_and(|t| matches!(t.text(b), b"let" | b"const" | b"var"));
        let return_type = self
            .pending_fn
            .as_ref()
            .is_some_and(|pf| pf.stage == 2 && pf.nest == n);
        let is_type = return_type
            || matches!(enclosing, Some((_, Brace::Type)))
            || self.alias_at == Some(n)
            || before(b":")
                && (matches!(enclosing, Some((b'(', _)) | Some((_, Brace::Class))) || declared)
            || before(b"<")
            || before(b"|")
            || before(b"&");
        if is_type {
            self.type_arrow = true;
            return;
        }
        let name = self.binding_name(pre, group.bound);
        let idx = self.add(name, line, group.params);
        self.pending_arrow = Some(idx);
    }

    /// `const f = ...`, `f: ...`: the name a function value is bound to.
    fn binding_name(&self, pre: Pre, bound: Option<Tok>) -> String {
        let b = self.b;
        match (pre[0].map(|t| t.text(b)), pre[1]) {
            (Some(b"="), _) if bound.is_some() => bound.map_or_else(String::new, |t| self.name(&t)),
            (Some(b"=" | b":"), Some(t)) if t.kind == Kind::Ident => self.name(&t),
            (Some(b":"), Some(t)) if t.kind == Kind::Str => {
                String::from_utf8_lossy(unquote(t.text(b))).into_owned()
            }
            _ => "(anonymous)".into(),
        }
    }

    /// The method a `name(...) {` head declares, if it is one.
    fn method_name(&self, group: &Group) -> Option<String> {
        let b = self.b;
        let p = group.pre[0]?;
        let text = p.text(b);
        match p.kind {
            Kind::Ident => {
                let before = group.pre[1].map(|t| t.text(b));
                if NOT_METHOD.contains(&text)
                    || matches!(
                        before,
                        Some(b"extends" | b"implements" | b"." | b"?." | b"new")
                    )
                {
                    return None;
                }
                // Lizard names accessors `get x` and `set x`.
                match before {
                    Some(w @ (b"get" | b"set")) => {
                        Some(format!("{} {}", String::from_utf8_lossy(w), self.name(&p)))
                    }
                    _ => Some(self.name(&p)),
                }
            }
            Kind::Str => Some(String::from_utf8_lossy(unquote(text)).into_owned()),
            Kind::Punct if text == b"]" => Some("<computed>".into()),
            _ => None,
        }
    }

    /// Keeps the `(...):` return-type state or drops it when the tokens
    /// can no longer be a type.
    fn track_ret(&mut self, t: &Tok, text: &[u8]) {
        let n = self.nest.len();
        let Some(ret) = &mut self.ret else { return };
        if ret.budget == 0 {
            self.ret = None;
            return;
        }
        ret.budget -= 1;
        if t.kind != Kind::Punct || n != ret.nest {
            return;
        }
        match text {
            b"<" => ret.angle += 1,
            b">" => ret.angle -= 1,
            b">>" => ret.angle -= 2,
            b">>>" => ret.angle -= 3,
            b")" | b"]" | b"}" | b";" => self.ret = None,
            b"," | b"=" if ret.angle <= 0 => self.ret = None,
            _ => {}
        }
    }

    /// Where a generic `<...>` began: `f<T>(` and `const f = <T,>(` take
    /// their name from before the `<`.
    fn generics(&mut self, t: &Tok, text: &[u8]) {
        if t.kind != Kind::Punct {
            return;
        }
        match text {
            b"<" => {
                if self.gen_depth == 0 {
                    self.gen_pre = Some(([self.prev[0], self.prev[1], self.prev[2]], self.eq_name));
                }
                self.gen_depth += 1;
            }
            b">" => self.gen_depth = (self.gen_depth - 1).max(0),
            b">>" => self.gen_depth = (self.gen_depth - 2).max(0),
            b">>>" => self.gen_depth = (self.gen_depth - 3).max(0),
            b";" | b"{" | b"}" => {
                self.gen_depth = 0;
                self.gen_pre = None;
                self.colon_name = None;
            }
            b"," => self.colon_name = None,
            b":" => {
                self.colon_name = self.prev[0].filter(|p| p.kind == Kind::Ident);
            }
            b"=" => {
                let direct = self.prev[0].filter(|p| p.kind == Kind::Ident);
                self.eq_name = self.colon_name.take().or(direct);
            }
            _ => {}
        }
    }

    /// Lizard's conditions for TS/JS: the words `if`, `for`, `while`,
    /// `catch` and `case` wherever they stand, `&&` and `||` (in `&&=` and
    /// `||=` too), and every `?` that does not directly follow a word
    /// character: lizard reads `x?` as one token, so `x?.y` and `x?: T`
    /// do not count, while `f()?.y` and both marks of `a ?? b` do. Nothing
    /// inside a template's `${}` counts: lizard reads a template as one
    /// string.
    fn branch(&mut self, t: &Tok, next: Option<&Tok>) {
        let b = self.b;
        let text = t.text(b);
        if t.kind == Kind::Punct && text == b"?" {
            self.ternary(next);
        }
        if t.in_template {
            return;
        }
        let counts = match t.kind {
            Kind::Ident => u32::from(matches!(
                text,
                b"if" | b"for" | b"while" | b"catch" | b"case"
            )),
            Kind::Punct => match text {
                b"&&" | b"||" | b"&&=" | b"||=" => 1,
                b"?" | b"?." | b"??" | b"??=" => {
                    let after_word = t.start > 0 && ends_in_word(&b[t.start - 1..t.start]);
                    let marks = if text.starts_with(b"??") { 2 } else { 1 };
                    marks - u32::from(after_word)
                }
                _ => 0,
            },
            _ => 0,
        };
        if counts > 0 {
            self.branches += counts;
            if let Some(o) = self.open.last() {
                self.funcs[o.func].complexity += counts;
            }
        }
    }

    /// A `?` that opens a conditional (not an optional marker): its `:`
    /// must not end the expression body it sits in.
    fn ternary(&mut self, next: Option<&Tok>) {
        let b = self.b;
        let next_text = next.map(|x| x.text(b));
        let in_type = matches!(
            self.nest.last().map(|x| x.brace),
            Some(Brace::Type | Brace::Class)
        );
        let ternary = !(matches!(next_text, Some(b":" | b")" | b"," | b"=" | b";"))
            || in_type && next_text == Some(b"("));
        let n = self.nest.len();
        if ternary
            && let Some(Open {
                body: Body::Expr { nest, tern },
                ..
            }) = self.open.last_mut()
            && *nest == n
        {
            *tern += 1;
        }
    }

    /// Ends the expression-bodied arrows that `t` closes, as lizard does:
    /// at a `;`, at the closer of the bracket around them, or at the first
    /// token of a new line in their own bracket (those tokens are still
    /// the arrow's); and, where lizard gets lost, at a `,` or a `:` of the
    /// expression around them.
    fn end_exprs(&mut self, t: &Tok, text: &[u8]) {
        let n = self.nest.len();
        let punct = t.kind == Kind::Punct;
        if !matches!(
            self.open.last(),
            Some(Open {
                body: Body::Expr { .. },
                ..
            })
        ) {
            return;
        }
        let first_on_line = self.prev[0].is_none_or(|p| t.line > p.end_line);
        let word = matches!(t.kind, Kind::Punct | Kind::Ident);
        let breaks = first_on_line && !(word && NO_BREAK.contains(&text));
        let prev_end = self.prev[0].map_or(0, |p| p.end_line);
        while let Some(o) = self.open.last_mut() {
            let Body::Expr { nest, tern } = &mut o.body else {
                break;
            };
            let end = match text {
                b")" | b"]" | b"}" | b";" if punct && n <= *nest => Some(t.line),
                b"," if punct && n <= *nest => Some(prev_end),
                b":" if punct && n == *nest => {
                    if *tern > 0 {
                        *tern -= 1;
                        None
                    } else {
                        Some(prev_end)
                    }
                }
                _ => (n == *nest && breaks).then_some(t.line),
            };
            let Some(end) = end else {
                break;
            };
            let func = o.func;
            let f = &mut self.funcs[func];
            f.end_line = end.max(f.start_line);
            self.open.pop();
        }
    }

    /// End of input: open bodies end at the last line. True if a block
    /// body was left open.
    pub fn finish(&mut self, last_line: u32, total_lines: u32) -> bool {
        let mut unclosed = false;
        if let Some(idx) = self.pending_arrow.take() {
            self.funcs[idx].end_line = last_line.max(self.funcs[idx].start_line);
        }
        while let Some(o) = self.open.pop() {
            let end = match o.body {
                Body::Block => {
                    unclosed = true;
                    total_lines
                }
                Body::Expr { .. } => last_line,
            };
            let f = &mut self.funcs[o.func];
            f.end_line = end.max(f.start_line);
        }
        if let Some(idx) = self.arrow_body.take() {
            self.funcs[idx].end_line = total_lines.max(self.funcs[idx].start_line);
        }
        // Stable: an outer function opened before an inner one on its line.
        self.funcs.sort_by_key(|f| f.start_line);
        unclosed
    }
}
