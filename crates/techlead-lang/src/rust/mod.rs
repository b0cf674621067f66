//! The Rust scanner: `use` trees, `mod` declarations (with `#[path]`),
//! `extern crate`, paths used without a `use`, functions and their
//! complexity, on the tokens of [`lex`].

mod lex;
mod test_only;
#[cfg(test)]
mod tests;

use crate::metrics::Params;
use crate::{Function, Import, ImportKind, Scan};
use lex::{Tok, Token};
use std::collections::HashSet;

pub fn scan(src: &str, options: &crate::ScanOptions) -> Scan {
    let mut lexed = lex::lex(src, options.comments);
    let lines = std::mem::take(&mut lexed.lines);
    let comments = std::mem::take(&mut lexed.comments.list);
    let mut s = Scanner {
        toks: &lexed.tokens,
        out: Scan {
            code_lines: lexed.code_lines,
            total_lines: lexed.total_lines,
            problems: lexed.problems,
            ..Scan::default()
        },
        depth: 0,
        inline_mods: Vec::new(),
        fns: Vec::new(),
        seen_paths: HashSet::new(),
        parens: 0,
        braces: Vec::new(),
        ctl_pending: None,
        ctl_open: 0,
    };
    s.run();
    // Only a file that says `test` can hold test-only code.
    if src.contains("test") {
        s.out.test_lines = test_only::ranges(s.toks, s.out.total_lines);
    }
    s.out.functions.sort_by_key(|f| f.start_line);
    crate::metrics::fill_nloc(&mut s.out.functions, &lines, &[]);
    s.out.comments = comments;
    s.out
}

struct Scanner<'t, 'a> {
    toks: &'t [Token<'a>],
    out: Scan,
    /// Brace depth.
    depth: u32,
    /// Inline `mod name {`: name and the depth inside its braces.
    inline_mods: Vec<(&'a str, u32)>,
    /// Open function bodies: index into `out.functions`, the depth
    /// inside their braces, and the control blocks open when they opened.
    fns: Vec<(usize, u32, u32)>,
    /// `(` and `[` depth.
    parens: u32,
    /// Per open `{`: whether it is a control expression's body.
    braces: Vec<bool>,
    /// A control keyword at this paren depth waits for its `{`.
    ctl_pending: Option<u32>,
    ctl_open: u32,
    /// Paths used without `use` are reported once per file.
    seen_paths: HashSet<String>,
}

impl<'a> Scanner<'_, 'a> {
    fn tok(&self, i: usize) -> Option<Tok<'a>> {
        self.toks.get(i).map(|t| t.tok)
    }

    fn prev(&self, i: usize) -> Option<Tok<'a>> {
        i.checked_sub(1).and_then(|p| self.tok(p))
    }

    fn run(&mut self) {
        let mut path_attr: Option<String> = None;
        let mut i = 0;
        while i < self.toks.len() {
            let t = self.toks[i];
            match t.tok {
                Tok::Punct(b'#') => {
                    // `#[path = "x.rs"]` applies to the next `mod`.
                    if let (
                        Some(Tok::Punct(b'[')),
                        Some(Tok::Ident("path")),
                        Some(Tok::Punct(b'=')),
                        Some(Tok::Str(p)),
                    ) = (
                        self.tok(i + 1),
                        self.tok(i + 2),
                        self.tok(i + 3),
                        self.tok(i + 4),
                    ) {
                        path_attr = Some(p.to_string());
                        i += 5;
                        continue;
                    }
                }
                Tok::Punct(b'{') => {
                    self.depth += 1;
                    let control = self.ctl_pending == Some(self.parens);
                    if control {
                        self.ctl_pending = None;
                        self.ctl_open += 1;
                    }
                    self.braces.push(control);
                }
                Tok::Punct(b'}') => self.close_brace(t.line),
                Tok::Punct(b'(' | b'[') => self.parens += 1,
                Tok::Punct(b')' | b']') => self.parens = self.parens.saturating_sub(1),
                Tok::Punct(b';') => path_attr = None,
                Tok::Ident("use") if !self.after_path_or_dot(i) => {
                    i = self.use_tree_statement(i + 1);
                    continue;
                }
                Tok::Ident("extern") if self.tok(i + 1) == Some(Tok::Ident("crate")) => {
                    if let Some(Tok::Ident(name)) = self.tok(i + 2) {
                        self.push(name.to_string(), self.toks[i + 2].line, ImportKind::Static);
                    }
                    i += 3;
                    continue;
                }
                Tok::Ident("mod") if !self.after_path_or_dot(i) => {
                    if let Some(Tok::Ident(name)) = self.tok(i + 1) {
                        match self.tok(i + 2) {
                            Some(Tok::Punct(b';')) => {
                                let module = self.inline_prefix(name);
                                self.out.imports.push(Import {
                                    module,
                                    names: Vec::new(),
                                    line: self.toks[i + 1].line,
                                    kind: ImportKind::ModDecl,
                                    path_attr: path_attr.take(),
                                });
                                i += 3;
                                continue;
                            }
                            Some(Tok::Punct(b'{')) => {
                                self.depth += 1;
                                self.braces.push(false);
                                self.inline_mods.push((name, self.depth));
                                path_attr = None;
                                i += 3;
                                continue;
                            }
                            _ => {}
                        }
                    }
                }
                Tok::Ident("fn") => {
                    if let Some(Tok::Ident(name)) = self.tok(i + 1) {
                        i = self.function(i + 1, name);
                        continue;
                    }
                }
                // Lizard's conditions for Rust: `match` once (not its
                // arms), every `?`, `&&` and `||` token (closures and
                // double borrows too), `where`.
                Tok::Ident(w @ ("if" | "while" | "for" | "match" | "where" | "else" | "loop")) => {
                    if w != "else" && w != "loop" {
                        self.branch();
                    }
                    if w != "where" {
                        self.control_keyword();
                    }
                }
                Tok::Punct(b'?') | Tok::AndAnd | Tok::OrOr => self.branch(),
                Tok::Ident(first) if self.tok(i + 1) == Some(Tok::PathSep) => {
                    i = self.path_use(i, first);
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn after_path_or_dot(&self, i: usize) -> bool {
        matches!(
            self.prev(i),
            Some(Tok::PathSep | Tok::Punct(b'.') | Tok::Dollar)
        )
    }

    fn branch(&mut self) {
        self.out.complexity += 1;
        if let Some(&(f, _, _)) = self.fns.last() {
            self.out.functions[f].complexity += 1;
        }
    }

    /// `if`, `else`, `for`, `while`, `loop`, `match`: one level below
    /// the control blocks open in the function; the next `{` at this
    /// paren depth is the body.
    fn control_keyword(&mut self) {
        self.ctl_pending = Some(self.parens);
        if let Some(&(f, _, base)) = self.fns.last() {
            let n = &mut self.out.functions[f].nesting;
            *n = (*n).max(self.ctl_open.saturating_sub(base) + 1);
        }
    }

    fn close_brace(&mut self, line: u32) {
        if self.braces.pop() == Some(true) {
            self.ctl_open = self.ctl_open.saturating_sub(1);
        }
        if let Some(&(f, d, _)) = self.fns.last()
            && d == self.depth
        {
            self.out.functions[f].end_line = line;
            self.fns.pop();
        }
        if let Some(&(_, d)) = self.inline_mods.last()
            && d == self.depth
        {
            self.inline_mods.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// `fn name ... {` opens a body; `fn name ...;` (a trait method
    /// without default) has none. Returns the index to go on from.
    fn function(&mut self, name_at: usize, name: &'a str) -> usize {
        // Lizard starts a Rust function at `fn`.
        let line = self.toks[name_at - 1].line;
        let mut parens = 0i32;
        let mut j = name_at + 1;
        // Lizard's parameter pieces: the tokens inside the first `(…)`
        // but `(` and `)`, split at every comma; `0` before it, `2` after.
        let mut params = Params::new();
        let mut stage = 0u8;
        // Conditions lizard counts in the signature (`where`, `?Sized`).
        let mut branches = 0;
        while let Some(t) = self.tok(j) {
            if stage == 1 && parens >= 1 && !matches!(t, Tok::Punct(b'(' | b')')) {
                match t {
                    Tok::Punct(b',') => params.comma(),
                    Tok::Ident(_) | Tok::Lit => params.token(b'a', true),
                    Tok::Str(_) => params.token(b'"', false),
                    Tok::PathSep => params.token(b':', false),
                    Tok::Punct(c) => params.token(c, false),
                    _ => params.token(b'&', false),
                }
            }
            if matches!(
                t,
                Tok::Ident("where" | "for") | Tok::Punct(b'?') | Tok::AndAnd | Tok::OrOr
            ) {
                branches += 1;
            }
            match t {
                Tok::Punct(b'(') if stage == 0 && parens == 0 => {
                    stage = 1;
                    parens += 1;
                }
                Tok::Punct(b'(' | b'[') => parens += 1,
                Tok::Punct(b')' | b']') => {
                    parens -= 1;
                    if stage == 1 && parens == 0 {
                        stage = 2;
                    }
                }
                Tok::Punct(b';') if parens <= 0 => return j + 1,
                Tok::Punct(b'{') if parens <= 0 => {
                    self.depth += 1;
                    self.braces.push(false);
                    self.out.functions.push(Function {
                        name: name.to_string(),
                        start_line: line,
                        end_line: line,
                        complexity: 1 + branches,
                        nloc: 0,
                        params: params.finish(),
                        nesting: 0,
                    });
                    self.out.complexity += 1 + branches;
                    self.fns
                        .push((self.out.functions.len() - 1, self.depth, self.ctl_open));
                    return j + 1;
                }
                // Types in the signature may name paths (`-> crate::X`).
                Tok::Ident(first) if self.tok(j + 1) == Some(Tok::PathSep) => {
                    j = self.path_use(j, first);
                    continue;
                }
                Tok::Punct(b'}') => return j,
                _ => {}
            }
            j += 1;
        }
        j
    }

    /// `a::b::c` in code: reported once per file when its first segment
    /// could name a crate or module (`crate`, `self`, `super`, or a
    /// snake_case name; `Vec::new` and `Self::X` are types).
    fn path_use(&mut self, i: usize, first: &'a str) -> usize {
        let mut j = i;
        let mut segs: Vec<&str> = Vec::new();
        let mut line = self.toks[i].line;
        while let Some(Tok::Ident(seg)) = self.tok(j) {
            segs.push(seg);
            line = self.toks[j].line;
            if self.tok(j + 1) == Some(Tok::PathSep) {
                j += 2;
            } else {
                j += 1;
                break;
            }
        }
        let candidate = !self.after_path_or_dot(i)
            && segs.len() >= 2
            && (matches!(first, "crate" | "self" | "super")
                || first.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
                    && !is_keyword(first)
                    && !matches!(first, "std" | "core" | "alloc"));
        if candidate {
            let module = self.relativize(&segs);
            if self.seen_paths.insert(module.clone()) {
                self.push(module, line, ImportKind::PathUse);
            }
        }
        j.max(i + 1)
    }

    fn push(&mut self, module: String, line: u32, kind: ImportKind) {
        self.out.imports.push(Import {
            module,
            names: Vec::new(),
            line,
            kind,
            path_attr: None,
        });
    }

    /// A `use` tree up to its `;`. Returns the index after it.
    fn use_tree_statement(&mut self, mut i: usize) -> usize {
        let mut leaves: Vec<(Vec<&'a str>, u32)> = Vec::new();
        let mut prefix = Vec::new();
        i = self.use_tree(i, &mut prefix, &mut leaves, 0);
        for (segs, line) in leaves {
            if segs.is_empty() {
                continue;
            }
            let module = self.relativize(&segs);
            self.push(module, line, ImportKind::Static);
        }
        // Skip to the end of the statement, whatever is left.
        while let Some(t) = self.tok(i) {
            i += 1;
            if matches!(t, Tok::Punct(b';')) {
                break;
            }
            if matches!(t, Tok::Punct(b'{' | b'}')) {
                // Not a use statement after all; let the main loop see it.
                return i - 1;
            }
        }
        i
    }

    /// One use tree: `a::b`, `a::{..}`, `a::*`, `a as b`. Pushes a leaf
    /// per path and returns the index after the tree.
    fn use_tree(
        &self,
        mut i: usize,
        prefix: &mut Vec<&'a str>,
        leaves: &mut Vec<(Vec<&'a str>, u32)>,
        nesting: u32,
    ) -> usize {
        let base = prefix.len();
        if self.tok(i) == Some(Tok::PathSep) {
            // `use ::std::x`: a leading `::` names an external crate.
            i += 1;
        }
        let mut line = self.toks.get(i).map_or(0, |t| t.line);
        loop {
            match self.tok(i) {
                Some(Tok::Ident("self")) if prefix.len() > base || nesting > 0 => {
                    // `a::{self, b}`: the group's own path.
                    line = self.toks[i].line;
                    i += 1;
                }
                Some(Tok::Ident(seg)) => {
                    prefix.push(seg);
                    line = self.toks[i].line;
                    i += 1;
                }
                Some(Tok::Punct(b'*')) => {
                    prefix.push("*");
                    line = self.toks[i].line;
                    i += 1;
                }
                Some(Tok::Punct(b'{')) if nesting < 32 => {
                    i += 1;
                    loop {
                        match self.tok(i) {
                            Some(Tok::Punct(b'}')) => {
                                i += 1;
                                break;
                            }
                            Some(Tok::Punct(b',')) => i += 1,
                            Some(Tok::Punct(b';')) | None => break,
                            Some(_) => {
                                let before = i;
                                i = self.use_tree(i, prefix, leaves, nesting + 1);
                                if i == before {
                                    i += 1;
                                }
                            }
                        }
                    }
                    prefix.truncate(base);
                    return i;
                }
                _ => break,
            }
            if self.tok(i) == Some(Tok::PathSep) {
                i += 1;
                continue;
            }
            break;
        }
        if self.tok(i) == Some(Tok::Ident("as")) {
            i += 2;
        }
        leaves.push((prefix.clone(), line));
        prefix.truncate(base);
        i
    }

    /// Rewrites a path to be relative to the file's own module rather than
    /// to the inline `mod` it sits in.
    fn relativize(&self, segs: &[&str]) -> String {
        let depth = self.inline_mods.len();
        if depth == 0 || !matches!(segs.first(), Some(&"self" | &"super")) {
            return segs.join("::");
        }
        let supers = segs.iter().take_while(|s| **s == "super").count();
        let rest: &[&str] = if supers == 0 {
            &segs[1..]
        } else {
            &segs[supers..]
        };
        let mut out: Vec<&str> = Vec::new();
        if supers > depth {
            out.extend(std::iter::repeat_n("super", supers - depth));
        } else {
            out.push("self");
            out.extend(self.inline_mods[..depth - supers].iter().map(|(n, _)| *n));
        }
        out.extend_from_slice(rest);
        out.join("::")
    }

    /// `mod name;` inside inline modules `a { b { ... } }` is `a::b::name`.
    fn inline_prefix(&self, name: &str) -> String {
        let mut s = String::new();
        for (m, _) in &self.inline_mods {
            s.push_str(m);
            s.push_str("::");
        }
        s.push_str(name);
        s
    }
}

fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "as" | "break"
            | "const"
            | "continue"
            | "else"
            | "enum"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "dyn"
            | "async"
            | "await"
    )
}

/// The scan with default options, for the tests.
#[cfg(test)]
fn scan_default(src: &str) -> Scan {
    scan(src, &crate::ScanOptions::default())
}
