//! What one logical line means for the file's structure: which blocks it
//! opens or closes (by indentation), its imports, and its branch tokens.

use super::imports;
use super::lexer::{Kind, Token};
use crate::metrics::{Params, ends_in_word};
use crate::{Function, Import, ImportKind};

/// Only the blocks that matter are tracked; a block ends at the first
/// logical line indented no deeper than its header.
#[derive(Debug, Clone, Copy)]
enum Block {
    Function(usize),
    TypeChecking,
    /// The body of a compound statement that counts for nesting.
    Control,
}

pub(super) struct Blocks<'a> {
    src: &'a str,
    open: Vec<(u32, Block)>,
    pub imports: Vec<Import>,
    pub functions: Vec<Function>,
    pub branches: u32,
    /// Last code line of the previous logical line: where a block closed by
    /// the current line ends.
    prev_end: u32,
    /// A function whose header ended `):` (lizard then drops a plain
    /// triple-quoted docstring from its NLOC) and whose body has not
    /// started yet.
    doc_pending: Option<usize>,
    /// NLOC corrections by function index (docstring lines).
    pub nloc_adjust: Vec<(usize, i32)>,
}

impl<'a> Blocks<'a> {
    pub fn new(src: &'a str) -> Self {
        Blocks {
            src,
            open: Vec::new(),
            imports: Vec::new(),
            functions: Vec::new(),
            branches: 0,
            prev_end: 0,
            doc_pending: None,
            nloc_adjust: Vec::new(),
        }
    }

    fn name(&self, toks: &[Token], j: usize) -> Option<&'a str> {
        let t = toks.get(j)?;
        (t.kind == Kind::Name).then(|| &self.src[t.start..t.end])
    }

    fn close_to(&mut self, indent: u32) {
        while let Some(&(at, block)) = self.open.last() {
            if at < indent {
                break;
            }
            if let Block::Function(f) = block {
                self.functions[f].end_line = self.prev_end;
            }
            self.open.pop();
        }
    }

    fn innermost(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|&(_, b)| match b {
            Block::Function(f) => Some(f),
            _ => None,
        })
    }

    fn branch(&mut self) {
        self.branches += 1;
        if let Some(f) = self.innermost() {
            self.functions[f].complexity += 1;
        }
    }

    /// A compound statement's header: its body is one level deeper than
    /// the control blocks around it in the innermost function.
    fn control(&mut self, indent: u32) {
        let mut depth = 1;
        for &(_, b) in self.open.iter().rev() {
            match b {
                Block::Control => depth += 1,
                Block::Function(f) => {
                    let n = &mut self.functions[f].nesting;
                    *n = (*n).max(depth);
                    break;
                }
                _ => {}
            }
        }
        self.open.push((indent, Block::Control));
    }

    /// Lizard drops a docstring that is the first token of the body
    /// when the header ended `):`, but only a plain `"""` or `'''` one.
    fn docstring(&mut self, f: usize, t: &Token) {
        let Kind::Str(info) = t.kind else { return };
        let b = self.src.as_bytes();
        let quotes = t.start.checked_sub(3).and_then(|q| b.get(q..t.start));
        let plain = t.start < 4 || !b[t.start - 4].is_ascii_alphanumeric();
        if info.fstring || !plain || !matches!(quotes, Some(b"\"\"\"" | b"\'\'\'")) {
            return;
        }
        let newlines = memchr::memchr_iter(b'\n', &b[t.start..t.end]).count() as i32;
        self.nloc_adjust.push((f, -newlines - 1));
    }

    /// One logical line: `toks` is not empty, `indent` is its first
    /// token's column, `end` its last code line.
    pub fn line(&mut self, toks: &[Token], indent: u32, end: u32) {
        if let Some(f) = self.doc_pending.take() {
            self.docstring(f, &toks[0]);
        }
        self.close_to(indent);
        let mut type_checking = self
            .open
            .iter()
            .any(|&(_, b)| matches!(b, Block::TypeChecking));
        match self.name(toks, 0) {
            Some("def") => self.open_function(toks, 1, indent),
            Some("async") if self.name(toks, 1) == Some("def") => {
                self.open_function(toks, 2, indent)
            }
            Some("if" | "elif") if self.type_checking_test(toks) => {
                self.open.push((indent, Block::TypeChecking));
                type_checking = true;
            }
            Some("match") if self.match_header(toks) => self.control(indent),
            Some(
                "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with",
            ) => self.control(indent),
            Some("async") if matches!(self.name(toks, 1), Some("for" | "with")) => {
                self.control(indent)
            }
            _ => {}
        }
        let kind = if type_checking {
            ImportKind::TypeChecking
        } else {
            ImportKind::Static
        };
        for (i, t) in toks.iter().enumerate() {
            if t.kind != Kind::Name {
                continue;
            }
            match &self.src[t.start..t.end] {
                // Lizard's conditions for Python (`case` and `else` are
                // not among them).
                "if" | "elif" | "for" | "while" | "except" | "finally" | "and" | "or"
                    if !t.in_fstring =>
                {
                    self.branch()
                }
                "import" if imports::starts_statement(toks, i) => {
                    imports::plain(self.src, toks, i, kind, &mut self.imports)
                }
                "from" if imports::starts_statement(toks, i) => {
                    imports::from(self.src, toks, i, kind, &mut self.imports)
                }
                "import_module" | "__import__" => {
                    imports::dynamic(self.src, toks, i, &mut self.imports)
                }
                _ => {}
            }
        }
        self.prev_end = end;
    }

    fn open_function(&mut self, toks: &[Token], j: usize, indent: u32) {
        let Some(name) = self.name(toks, j) else {
            return;
        };
        // Lizard names a nested function after the functions around it.
        let full = match self.innermost() {
            Some(outer) => format!("{}.{name}", self.functions[outer].name),
            None => name.to_string(),
        };
        // A body on the header's line (`def f(self) -> int: ...`) never
        // indents, and lizard reports no such function.
        let colon = toks
            .iter()
            .skip(j + 1)
            .position(|t| t.kind == Kind::Op(b':') && t.depth == 0);
        if colon.is_some_and(|k| j + 2 + k < toks.len()) {
            return;
        }
        let (params, doc) = self.params(toks, j + 1);
        let idx = self.functions.len();
        match doc {
            Some(k) if k < toks.len() => self.docstring(idx, &toks[k]),
            Some(_) => self.doc_pending = Some(idx),
            None => {}
        }
        self.open.push((indent, Block::Function(idx)));
        self.functions.push(Function {
            name: full,
            start_line: toks[j].line,
            end_line: toks[j].line,
            complexity: 1,
            nloc: 0,
            params,
            nesting: 0,
        });
    }

    /// Lizard's reading of `(params)` from `toks[open]`: the list ends at
    /// the first `)` whatever its depth, and `[...]` (to its first `]`) is
    /// skipped. Returns the count and, when `:` follows that `)`, the
    /// index of the token after it (a docstring candidate).
    fn params(&self, toks: &[Token], open: usize) -> (u32, Option<usize>) {
        if toks.get(open).map(|t| t.kind) != Some(Kind::Op(b'(')) {
            return (0, None);
        }
        let mut p = Params::default();
        let mut in_brackets = false;
        for (k, t) in toks.iter().enumerate().skip(open + 1) {
            match t.kind {
                Kind::Op(b']') if in_brackets => in_brackets = false,
                _ if in_brackets => {}
                Kind::Op(b'[') => in_brackets = true,
                Kind::Op(b')') => {
                    let colon = toks.get(k + 1).map(|t| t.kind) == Some(Kind::Op(b':'));
                    return (p.finish(), colon.then_some(k + 2));
                }
                Kind::Op(b',') => p.comma(),
                Kind::Op(c) => p.token(c, false),
                Kind::Name | Kind::Num => {
                    let text = &self.src.as_bytes()[t.start..t.end];
                    p.token(text[0], ends_in_word(text));
                }
                Kind::Str(_) => p.token(b'"', false),
            }
        }
        (p.finish(), None)
    }

    /// `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:` (any qualifier).
    fn type_checking_test(&self, toks: &[Token]) -> bool {
        let mut j = 1;
        while let Some(n) = self.name(toks, j) {
            if toks.get(j + 1).is_some_and(|t| t.kind == Kind::Op(b'.')) {
                j += 2;
                continue;
            }
            return n == "TYPE_CHECKING"
                && toks.get(j + 1).is_some_and(|t| t.kind == Kind::Op(b':'));
        }
        false
    }

    /// `match x:` as a statement, not `match = 1` or `match.group(1)`.
    fn match_header(&self, toks: &[Token]) -> bool {
        toks.len() >= 3
            && !matches!(toks[1].kind, Kind::Op(b'=' | b'.' | b':' | b',' | b';'))
            && toks
                .last()
                .is_some_and(|t| t.kind == Kind::Op(b':') && t.depth == 0)
    }

    pub fn finish(&mut self) {
        self.close_to(0);
    }
}
