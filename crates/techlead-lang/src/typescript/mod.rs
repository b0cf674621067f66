//! The TypeScript / JavaScript scanner (ts, tsx, mts, cts, d.ts, js, jsx,
//! mjs, cjs): one lexical pass whose tokens feed an import recognizer and
//! a function/complexity tracker side by side.

mod functions;
mod imports;
mod jsx;
mod lexer;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use crate::{Problem, Scan};

pub fn scan(src: &str) -> Scan {
    let mut lexer = lexer::Lexer::new(src);
    let mut imports = imports::Imports::new();
    let mut functions = functions::Functions::new(src);
    let mut prev: Option<lexer::Tok> = None;
    let mut cur = lexer.next_tok();
    while let Some(t) = cur {
        // One token of look-ahead: `import(` vs `import x`, `x?:` vs `x ? a`.
        let next = lexer.next_tok();
        imports.feed(src, prev.as_ref(), &t, next.as_ref());
        functions.feed(t, next.as_ref());
        prev = Some(t);
        cur = next;
    }
    lexer.finish();
    let total_lines = total_lines(src);
    let last_line = prev.map_or(0, |p| p.end_line).min(total_lines);
    let mut problems = lexer.problems;
    if functions.finish(last_line, total_lines) {
        problems.push(Problem {
            line: total_lines,
            message: "function body not closed at end of file".into(),
        });
    }
    for p in &mut problems {
        p.line = p.line.clamp(1, total_lines.max(1));
    }
    let complexity = functions.funcs.len() as u32 + functions.branches;
    Scan {
        imports: imports.out,
        functions: functions.funcs,
        package: None,
        code_lines: lexer.code_lines.min(total_lines),
        total_lines,
        complexity,
        problems,
    }
}

fn total_lines(src: &str) -> u32 {
    let newlines = memchr::memchr_iter(b'\n', src.as_bytes()).count() as u32;
    newlines + u32::from(!src.is_empty() && !src.ends_with('\n'))
}
