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

pub fn scan(src: &str, options: &crate::ScanOptions) -> Scan {
    let mut lexer = lexer::Lexer::new(src, options.comments);
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
    let mut funcs = functions.funcs;
    crate::metrics::fill_nloc(&mut funcs, &lexer.lines, &[]);
    let mut imports = imports.out;
    triple_slash(src, &mut imports);
    Scan {
        imports,
        functions: funcs,
        package: None,
        code_lines: lexer.code_lines.min(total_lines),
        total_lines,
        complexity,
        problems,
        comments: lexer.comments.list,
        test_lines: Vec::new(),
    }
}

/// `/// <reference path="x.ts" />` and `/// <reference types="node" />`
/// at the top of a file: the compiler includes those files and type
/// packages, as dependency-cruiser also reports. Only the header counts:
/// the directives stop meaning anything after the first statement.
fn triple_slash(src: &str, imports: &mut Vec<crate::Import>) {
    let mut found = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("#!") {
            continue;
        }
        let Some(rest) = t.strip_prefix("//") else {
            break;
        };
        let Some(directive) = rest.strip_prefix('/').map(str::trim_start) else {
            continue;
        };
        if !directive.starts_with("<reference") {
            continue;
        }
        for (attr, kind) in [
            ("path", crate::ImportKind::Static),
            ("types", crate::ImportKind::TypeOnly),
        ] {
            if let Some(value) = attribute(directive, attr) {
                let module = if attr == "path" && !value.starts_with('.') && !value.starts_with('/')
                {
                    format!("./{value}")
                } else {
                    value.to_string()
                };
                found.push(crate::Import {
                    module,
                    names: Vec::new(),
                    line: n as u32 + 1,
                    kind,
                    path_attr: None,
                });
            }
        }
    }
    if !found.is_empty() {
        found.append(imports);
        *imports = found;
    }
}

/// The value of `name="..."` (or single quotes) in a directive.
fn attribute<'s>(directive: &'s str, name: &str) -> Option<&'s str> {
    let mut rest = directive;
    while let Some(i) = rest.find(name) {
        let after = rest[i + name.len()..].trim_start();
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        if before_ok && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let end = v[1..].find(quote)?;
                return Some(&v[1..1 + end]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn total_lines(src: &str) -> u32 {
    let newlines = memchr::memchr_iter(b'\n', src.as_bytes()).count() as u32;
    newlines + u32::from(!src.is_empty() && !src.ends_with('\n'))
}

/// The scan with default options, for the tests.
#[cfg(test)]
fn scan_default(src: &str) -> Scan {
    scan(src, &crate::ScanOptions::default())
}
