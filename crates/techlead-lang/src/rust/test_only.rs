//! Code compiled for tests only: the items under an attribute
//! `#[cfg(test)]` (or any cfg that cannot hold without `test`), `#[test]`
//! or `#[tokio::test]`, and the rest of a module after `#![cfg(test)]`.
//! Found on the tokens, so braces in strings and comments do not count.

use super::lex::{Tok, Token};

/// Inclusive line ranges of test-only code, in the order they end.
pub fn ranges(toks: &[Token<'_>], total_lines: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    // An attributed item not yet ended: its first line, the brace and
    // paren depth it sits at, and whether it starts with a keyword (an
    // item, whose generics may hold commas) or not (a field, variant or
    // match arm, which a comma ends).
    let mut pending: Option<(u32, u32, u32, bool)> = None;
    // Open test-only blocks: first line and the depth inside their braces.
    let mut blocks: Vec<(u32, u32)> = Vec::new();
    let (mut depth, mut parens) = (0u32, 0u32);
    let mut i = 0;
    while i < toks.len() {
        let line = toks[i].line;
        match toks[i].tok {
            Tok::Punct(b'#') => {
                let inner = toks.get(i + 1).map(|t| t.tok) == Some(Tok::Punct(b'!'));
                let open = i + 1 + usize::from(inner);
                if let Some(close) = attribute_end(toks, open) {
                    if is_test_attr(&toks[open + 1..close]) {
                        if inner {
                            // The enclosing module (or file) from here on.
                            blocks.push((line, depth));
                        } else if pending.is_none() {
                            let keyword = starts_item(toks, close + 1);
                            pending = Some((line, depth, parens, keyword));
                        }
                    }
                    i = close + 1;
                    continue;
                }
            }
            Tok::Punct(b'{') => {
                depth += 1;
                if let Some((start, d, p, _)) = pending
                    && d + 1 == depth
                    && p == parens
                {
                    // The item's body: it ends with its closing brace.
                    blocks.push((start, depth));
                    pending = None;
                }
            }
            Tok::Punct(b'}') => {
                if let Some((start, d, _, _)) = pending
                    && d == depth
                {
                    // The enclosing block closes: the item ended before.
                    let end = i.checked_sub(1).map_or(line, |p| toks[p].line);
                    out.push((start, end));
                    pending = None;
                }
                while let Some(&(start, d)) = blocks.last()
                    && d >= depth
                {
                    out.push((start, line));
                    blocks.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Tok::Punct(b'(' | b'[') => parens += 1,
            Tok::Punct(b')' | b']') => parens = parens.saturating_sub(1),
            Tok::Punct(c @ (b';' | b',')) => {
                if let Some((start, d, p, keyword)) = pending
                    && d == depth
                    && p == parens
                    && (c == b';' || !keyword)
                {
                    out.push((start, line));
                    pending = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some((start, ..)) = pending {
        out.push((start, total_lines));
    }
    while let Some((start, _)) = blocks.pop() {
        out.push((start, total_lines));
    }
    out
}

/// The index of the `]` that closes the attribute whose `[` is at `open`.
fn attribute_end(toks: &[Token<'_>], open: usize) -> Option<usize> {
    if toks.get(open)?.tok != Tok::Punct(b'[') {
        return None;
    }
    let mut level = 0u32;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct(b'[' | b'(' | b'{') => level += 1,
            Tok::Punct(b']' | b')' | b'}') => {
                level = level.saturating_sub(1);
                if level == 0 {
                    return (t.tok == Tok::Punct(b']')).then_some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the first token after the attributes at `at` is an item
/// keyword (`fn`, `mod`, `pub`, ...).
fn starts_item(toks: &[Token<'_>], mut at: usize) -> bool {
    // Further attributes on the same item.
    while toks.get(at).map(|t| t.tok) == Some(Tok::Punct(b'#')) {
        match attribute_end(toks, at + 1) {
            Some(close) => at = close + 1,
            None => return false,
        }
    }
    matches!(
        toks.get(at).map(|t| t.tok),
        Some(Tok::Ident(
            "fn" | "mod"
                | "pub"
                | "use"
                | "impl"
                | "struct"
                | "enum"
                | "union"
                | "trait"
                | "type"
                | "const"
                | "static"
                | "unsafe"
                | "async"
                | "extern"
                | "macro_rules"
                | "let"
        ))
    )
}

/// `test`, `tokio::test` (any path ending in `test`), or `cfg(pred)` with
/// a predicate that requires `test`.
fn is_test_attr(body: &[Token<'_>]) -> bool {
    let mut toks: Vec<Tok<'_>> = body.iter().map(|t| t.tok).collect();
    // `#[tokio::test(flavor = "multi_thread")]`: the path is what names it.
    if !matches!(toks.first(), Some(Tok::Ident("cfg")))
        && let Some(open) = toks.iter().position(|t| *t == Tok::Punct(b'('))
    {
        toks.truncate(open);
    }
    match toks.as_slice() {
        [Tok::Ident("test")] | [.., Tok::PathSep, Tok::Ident("test")] => true,
        [Tok::Ident("cfg"), Tok::Punct(b'('), ..] => requires_test(body, &mut 1),
        _ => false,
    }
}

/// Reads one cfg predicate at `*at` (or the parenthesised predicate after
/// `cfg`) and says whether it can only hold when `test` does: `test`;
/// `all(..)` with one such; `any(..)` whose every option is one. `not(..)`
/// never is. Leaves `*at` after the predicate.
fn requires_test(body: &[Token<'_>], at: &mut usize) -> bool {
    let tok = |j: usize| body.get(j).map(|t| t.tok);
    match tok(*at) {
        Some(Tok::Punct(b'(')) => {
            // `cfg(` itself: one predicate inside.
            *at += 1;
            let r = requires_test(body, at);
            skip_to_close(body, at);
            r
        }
        Some(Tok::Ident(op @ ("all" | "any" | "not")))
            if tok(*at + 1) == Some(Tok::Punct(b'(')) =>
        {
            *at += 2;
            let mut parts = Vec::new();
            while *at < body.len() && tok(*at) != Some(Tok::Punct(b')')) {
                if tok(*at) == Some(Tok::Punct(b',')) {
                    *at += 1;
                    continue;
                }
                let before = *at;
                parts.push(requires_test(body, at));
                if *at == before {
                    *at += 1;
                }
            }
            *at += 1;
            match op {
                "all" => parts.contains(&true),
                "any" => !parts.is_empty() && parts.iter().all(|&p| p),
                _ => false,
            }
        }
        Some(Tok::Ident(name)) => {
            *at += 1;
            // `feature = "x"`: a key and its value.
            if tok(*at) == Some(Tok::Punct(b'=')) {
                *at += 2;
                return false;
            }
            name == "test"
        }
        _ => {
            *at += 1;
            false
        }
    }
}

/// Moves `*at` past the `)` that closes the group it is in.
fn skip_to_close(body: &[Token<'_>], at: &mut usize) {
    let mut level = 0u32;
    while let Some(t) = body.get(*at) {
        *at += 1;
        match t.tok {
            Tok::Punct(b'(') => level += 1,
            Tok::Punct(b')') if level == 0 => return,
            Tok::Punct(b')') => level -= 1,
            _ => {}
        }
    }
}
