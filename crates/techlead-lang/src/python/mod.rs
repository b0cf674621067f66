//! The Python scanner: one pass of [`lexer`] tokens, grouped into logical
//! lines that [`blocks`] reads for imports, functions and branches.

mod blocks;
mod imports;
mod lexer;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use crate::{Scan, ScanOptions};
use blocks::Blocks;
use lexer::{Event, Lexer};

pub fn scan(src: &str, options: &ScanOptions) -> Scan {
    let mut lexer = Lexer::new(src, options.comments);
    let mut blocks = Blocks::new(src);
    // Tokens of the current logical line; reused, so it allocates only
    // while it grows to the longest line.
    let mut toks = Vec::new();
    let mut indent = 0;
    loop {
        match lexer.next() {
            Event::Token(t) => {
                if toks.is_empty() {
                    indent = lexer.indent();
                }
                toks.push(t);
            }
            Event::Newline | Event::Eof if !toks.is_empty() => {
                if options.comments {
                    docstring(src, &toks, &mut lexer);
                }
                blocks.line(&toks, indent, lexer.last_code_line());
                toks.clear();
            }
            Event::Newline => {}
            Event::Eof => break,
        }
    }
    blocks.finish();
    // Docstrings were added at the end of their lines, after any `#`
    // comment on the same line.
    lexer.comments.list.sort_by_key(|c| c.start);
    let mut functions = blocks.functions;
    crate::metrics::fill_nloc(&mut functions, &lexer.lines, &blocks.nloc_adjust);
    Scan {
        complexity: functions.len() as u32 + blocks.branches,
        imports: blocks.imports,
        functions,
        package: None,
        code_lines: lexer.code_lines(),
        total_lines: lexer.total_lines(),
        problems: lexer.problems,
        comments: lexer.comments.list,
        test_lines: Vec::new(),
    }
}

/// A logical line that is one plain string literal is a docstring (or a
/// string used as a comment): documentation, handed over as a doc comment.
/// Any other string literal is never a comment.
fn docstring(src: &str, toks: &[lexer::Token], lexer: &mut Lexer) {
    let [t] = toks else { return };
    let lexer::Kind::Str(info) = t.kind else {
        return;
    };
    if info.fstring || info.bytes || t.depth != 0 {
        return;
    }
    let b = src.as_bytes();
    let Some(&q) = t.start.checked_sub(1).and_then(|i| b.get(i)) else {
        return;
    };
    let triple = t.start >= 3 && b[t.start - 3] == q && b[t.start - 2] == q;
    let at = t.start - if triple { 3 } else { 1 };
    lexer
        .comments
        .push(b, at, (t.start, t.end), t.line, crate::CommentKind::Doc);
}

/// The scan with default options, for the tests.
#[cfg(test)]
fn scan_default(src: &str) -> Scan {
    scan(src, &crate::ScanOptions::default())
}
