//! What one logical line means for the file's structure: which blocks it
//! opens or closes (by indentation), its imports, and its branch tokens.

use super::imports;
use super::lexer::{Kind, Token};
use crate::{Function, Import, ImportKind};

/// Only the blocks that matter are tracked; a block ends at the first
/// logical line indented no deeper than its header.
#[derive(Debug, Clone, Copy)]
enum Block {
    Function(usize),
    TypeChecking,
    Match,
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

    fn branch(&mut self) {
        self.branches += 1;
        let inner = self.open.iter().rev().find_map(|&(_, b)| match b {
            Block::Function(f) => Some(f),
            _ => None,
        });
        if let Some(f) = inner {
            self.functions[f].complexity += 1;
        }
    }

    /// One logical line: `toks` is not empty, `indent` is its first
    /// token's column, `end` its last code line.
    pub fn line(&mut self, toks: &[Token], indent: u32, end: u32) {
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
            Some("match") if self.match_header(toks) => self.open.push((indent, Block::Match)),
            // `case` is a keyword only directly inside a `match`.
            Some("case") if matches!(self.open.last(), Some((_, Block::Match))) => self.branch(),
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
                "if" | "elif" | "for" | "while" | "except" | "and" | "or" => self.branch(),
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
        let line = toks[0].line;
        self.open
            .push((indent, Block::Function(self.functions.len())));
        self.functions.push(Function {
            name: name.to_string(),
            start_line: line,
            end_line: line,
            complexity: 1,
        });
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
