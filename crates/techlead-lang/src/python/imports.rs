//! Import statements and dynamic imports, read from the tokens of one
//! logical line.

use super::lexer::{Kind, Token};
use crate::{Import, ImportKind};

struct Toks<'s, 't> {
    src: &'s str,
    toks: &'t [Token],
}

impl<'s> Toks<'s, '_> {
    fn name(&self, j: usize) -> Option<&'s str> {
        let t = self.toks.get(j)?;
        (t.kind == Kind::Name).then(|| &self.src[t.start..t.end])
    }

    fn is_op(&self, j: usize, c: u8) -> bool {
        self.toks.get(j).is_some_and(|t| t.kind == Kind::Op(c))
    }

    /// `a.b.c` from `j`, appended to `out`; returns the index after it.
    fn dotted(&self, mut j: usize, out: &mut String) -> usize {
        match self.name(j) {
            Some(n) if n != "import" => out.push_str(n),
            _ => return j,
        }
        j += 1;
        while self.is_op(j, b'.')
            && let Some(n) = self.name(j + 1)
        {
            out.push('.');
            out.push_str(n);
            j += 2;
        }
        j
    }
}

fn import(module: String, names: Vec<String>, line: u32, kind: ImportKind) -> Import {
    Import {
        module,
        names,
        line,
        kind,
        path_attr: None,
    }
}

/// Whether the `import` or `from` at `i` begins a statement: the first
/// token of the line, or after `;` or a compound header's `:`. This rules
/// out `yield from` and `raise X from Y`.
pub(super) fn starts_statement(toks: &[Token], i: usize) -> bool {
    toks[i].depth == 0
        && (i == 0 || toks[i - 1].depth == 0 && matches!(toks[i - 1].kind, Kind::Op(b';' | b':')))
}

/// `import a.b as x, c`: one import per module.
pub(super) fn plain(src: &str, toks: &[Token], i: usize, kind: ImportKind, out: &mut Vec<Import>) {
    let t = Toks { src, toks };
    let mut j = i + 1;
    loop {
        let mut module = String::new();
        let line = toks.get(j).map_or(0, |t| t.line);
        j = t.dotted(j, &mut module);
        if module.is_empty() {
            return;
        }
        out.push(import(module, Vec::new(), line, kind));
        if t.name(j) == Some("as") {
            j += 2;
        }
        if !t.is_op(j, b',') {
            return;
        }
        j += 1;
    }
}

/// `from ..a.b import c, d as e`, `from a import (b, c,)`, `from a import *`.
pub(super) fn from(src: &str, toks: &[Token], i: usize, kind: ImportKind, out: &mut Vec<Import>) {
    let t = Toks { src, toks };
    let mut j = i + 1;
    let Some(line) = toks.get(j).map(|t| t.line) else {
        return;
    };
    let mut module = String::new();
    while t.is_op(j, b'.') {
        module.push('.');
        j += 1;
    }
    j = t.dotted(j, &mut module);
    if module.is_empty() || t.name(j) != Some("import") {
        return;
    }
    j += 1;
    let mut names = Vec::new();
    if t.is_op(j, b'*') {
        names.push("*".to_string());
    } else {
        if t.is_op(j, b'(') {
            j += 1;
        }
        while let Some(n) = t.name(j) {
            names.push(n.to_string());
            j += 1;
            if t.name(j) == Some("as") {
                j += 2;
            }
            if !t.is_op(j, b',') {
                break;
            }
            j += 1;
        }
    }
    out.push(import(module, names, line, kind));
}

/// `importlib.import_module("a.b")`, `import_module(".x", package=p)`,
/// `__import__("a")`: a call on a plain string literal.
pub(super) fn dynamic(src: &str, toks: &[Token], i: usize, out: &mut Vec<Import>) {
    let t = Toks { src, toks };
    if i > 0 && t.name(i - 1) == Some("def") || !t.is_op(i + 1, b'(') {
        return;
    }
    let Some(lit) = toks.get(i + 2) else {
        return;
    };
    let Kind::Str(info) = lit.kind else {
        return;
    };
    if info.fstring || info.bytes || !info.terminated {
        return;
    }
    if !(t.is_op(i + 3, b')') || t.is_op(i + 3, b',')) {
        return;
    }
    let module = &src[lit.start..lit.end];
    if !module.is_empty() {
        out.push(import(
            module.to_string(),
            Vec::new(),
            lit.line,
            ImportKind::Dynamic,
        ));
    }
}
