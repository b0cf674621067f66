//! SPDX license expressions: the identifier lists, a parser that accepts
//! what package metadata really holds (lowercase operators, `/` for OR,
//! deprecated or misspelt identifiers, license names instead of ids), and
//! the one canonical rendering every other part of techlead compares.

use super::spellings;
use std::collections::HashMap;
use std::sync::OnceLock;

const IDS: &str = include_str!("../../data/spdx_ids.txt");
const EXCEPTIONS: &str = include_str!("../../data/spdx_exceptions.txt");

/// A parsed license expression. `And` and `Or` hold two or more terms,
/// never one of their own kind (they are flattened), in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Expr {
    License {
        /// A current or deprecated SPDX id, or a `LicenseRef-`.
        id: String,
        /// `+`: this version or any later one, for licenses without an
        /// `-or-later` id of their own.
        plus: bool,
        /// The exception after `WITH`.
        exception: Option<String>,
    },
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

/// The lowercase compact form of a name: no spaces, `-`, `_`, `.`, `,` or
/// parentheses, so `Apache 2.0`, `apache-2.0` and `Apache_2_0` meet.
pub(crate) fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '-' | '_' | '.' | ',' | '(' | ')'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Compact form -> the id: every SPDX id, deprecated ones mapped to their
/// replacement where the list has one (`GPL-2.0` -> `GPL-2.0-only`).
fn ids() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::new();
        for line in IDS.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            match line.strip_prefix('!') {
                Some(old) => {
                    let id = spellings::replacement(old).unwrap_or(old);
                    map.entry(compact(old)).or_insert(id);
                }
                None => {
                    map.insert(compact(line), line);
                }
            }
        }
        map
    })
}

fn exceptions() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        EXCEPTIONS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| (compact(l), l))
            .collect()
    })
}

/// One license name (`Apache 2.0`, `GPLv2+`, `mit`) as an expression term.
fn term(words: &str) -> Option<Expr> {
    let w = words.trim();
    if let Some(r) = w.strip_prefix("LicenseRef-").or_else(|| {
        w.split_once(":LicenseRef-")
            .filter(|(d, _)| d.starts_with("DocumentRef-"))
            .map(|(_, r)| r)
    }) {
        let ok = !r.is_empty()
            && r.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        return ok.then(|| Expr::License {
            id: w.to_string(),
            plus: false,
            exception: None,
        });
    }
    let mut key = compact(w);
    let mut plus = false;
    for suffix in [
        "+",
        "orlater",
        "orgreater",
        "ornewer",
        "orany",
        "orlaterversion",
    ] {
        if let Some(k) = key.strip_suffix(suffix)
            && !k.is_empty()
        {
            key = k.to_string();
            plus = true;
            break;
        }
    }
    let id = lookup(&key)?;
    Some(later(id, plus))
}

/// The id of a compact name: an SPDX id, else a known spelling, trying
/// again without a leading "the" and a trailing "license".
fn lookup(key: &str) -> Option<&'static str> {
    let mut candidates = vec![key.to_string()];
    let bare = key.strip_prefix("the").unwrap_or(key);
    for suffix in ["license", "licence", "licensed", ""] {
        if let Some(k) = bare.strip_suffix(suffix)
            && !k.is_empty()
        {
            candidates.push(k.to_string());
            candidates.push(k.strip_suffix("software").unwrap_or(k).to_string());
        }
    }
    candidates
        .iter()
        .find_map(|k| ids().get(k).copied().or_else(|| spellings::alias(k)))
}

/// `id` with "or any later version": the `-or-later` id where SPDX has
/// one, else the `+` operator.
fn later(id: &str, plus: bool) -> Expr {
    let license = |id: &str, plus| Expr::License {
        id: id.to_string(),
        plus,
        exception: None,
    };
    if !plus {
        return license(id, false);
    }
    let base = id.strip_suffix("-only").unwrap_or(id);
    let or_later = format!("{base}-or-later");
    if ids().get(&compact(&or_later)).copied() == Some(or_later.as_str()) {
        return license(&or_later, false);
    }
    if id.ends_with("-or-later") {
        return license(id, false);
    }
    license(id, true)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    With,
    Word(String),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let spaced = text
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " / ");
    for w in spaced.split_whitespace() {
        out.push(match w {
            "(" => Token::Open,
            ")" => Token::Close,
            "/" => Token::Or,
            _ if w.eq_ignore_ascii_case("or") => Token::Or,
            _ if w.eq_ignore_ascii_case("and") => Token::And,
            _ if w.eq_ignore_ascii_case("with") => Token::With,
            _ => Token::Word(w.to_string()),
        });
    }
    out
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn or(&mut self, depth: usize) -> Option<Expr> {
        let mut terms = vec![self.and(depth)?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            terms.push(self.and(depth)?);
        }
        Some(join(terms, false))
    }

    fn and(&mut self, depth: usize) -> Option<Expr> {
        let mut terms = vec![self.with(depth)?];
        while self.peek() == Some(&Token::And) {
            self.pos += 1;
            terms.push(self.with(depth)?);
        }
        Some(join(terms, true))
    }

    fn with(&mut self, depth: usize) -> Option<Expr> {
        let e = self.primary(depth)?;
        if self.peek() != Some(&Token::With) {
            return Some(e);
        }
        self.pos += 1;
        let words = self.words();
        let exception = exceptions().get(&compact(&words)).copied()?;
        match e {
            Expr::License {
                id,
                plus,
                exception: None,
            } => Some(Expr::License {
                id,
                plus,
                exception: Some(exception.to_string()),
            }),
            _ => None,
        }
    }

    fn primary(&mut self, depth: usize) -> Option<Expr> {
        if self.peek() == Some(&Token::Open) {
            // Deep nesting is not a license anyone writes: refuse it
            // rather than recurse without bound.
            if depth > 32 {
                return None;
            }
            self.pos += 1;
            let e = self.or(depth + 1)?;
            if self.peek() != Some(&Token::Close) {
                return None;
            }
            self.pos += 1;
            return Some(e);
        }
        let words = self.words();
        if words.is_empty() {
            return None;
        }
        term(&words)
    }

    /// The run of words up to the next operator or parenthesis.
    fn words(&mut self) -> String {
        let mut out: Vec<&str> = Vec::new();
        while let Some(Token::Word(w)) = self.tokens.get(self.pos) {
            out.push(w);
            self.pos += 1;
        }
        out.join(" ")
    }
}

fn join(mut terms: Vec<Expr>, and: bool) -> Expr {
    if terms.len() == 1 {
        return terms.remove(0);
    }
    let mut flat = Vec::new();
    for t in terms {
        match t {
            Expr::And(inner) if and => flat.extend(inner),
            Expr::Or(inner) if !and => flat.extend(inner),
            t => flat.push(t),
        }
    }
    if and { Expr::And(flat) } else { Expr::Or(flat) }
}

impl Expr {
    /// Reads a license as package metadata writes it. None when it is not
    /// a license expression techlead can read (`BSD`, `SEE LICENSE IN
    /// LICENSE`, `Proprietary`, a URL): such a license is unknown.
    pub fn parse(text: &str) -> Option<Expr> {
        let text = text.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if text.is_empty() || text.len() > 1_000 || !balanced(text) {
            return None;
        }
        // The whole text as one name first: `Apache License, Version 2.0`
        // and `GNU General Public License v2 or later` hold commas and "or".
        // (Not for text in parentheses: `(MIT` or a deep nest is not a
        // name.)
        let named = !text.starts_with('(');
        if named && let Some(e) = term(text) {
            return Some(e);
        }
        let mut p = Parser {
            tokens: tokens(text),
            pos: 0,
        };
        if let Some(e) = p.or(0)
            && p.pos == p.tokens.len()
        {
            return Some(e);
        }
        // PyPI's long names end in the short one: `GNU Lesser General
        // Public License v2 or later (LGPLv2+)`.
        let inner = text.strip_suffix(')')?.rsplit_once('(')?.1;
        named.then(|| term(inner)).flatten()
    }

    /// The canonical text: listed ids, `AND`/`OR`/`WITH` in capitals, no
    /// outer parentheses, an `OR` inside an `AND` parenthesised.
    pub fn render(&self) -> String {
        match self {
            Expr::License {
                id,
                plus,
                exception,
            } => {
                let mut s = id.clone();
                if *plus {
                    s.push('+');
                }
                if let Some(e) = exception {
                    s.push_str(" WITH ");
                    s.push_str(e);
                }
                s
            }
            Expr::And(terms) => terms
                .iter()
                .map(|t| match t {
                    Expr::Or(_) => format!("({})", t.render()),
                    _ => t.render(),
                })
                .collect::<Vec<_>>()
                .join(" AND "),
            Expr::Or(terms) => terms
                .iter()
                .map(Expr::render)
                .collect::<Vec<_>>()
                .join(" OR "),
        }
    }

    /// Every license the expression names, as `id` or `id WITH exception`.
    pub fn licenses(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |e| out.push(e.render()));
        out.sort();
        out.dedup();
        out
    }

    fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        match self {
            Expr::License { .. } => f(self),
            Expr::And(t) | Expr::Or(t) => t.iter().for_each(|t| t.walk(f)),
        }
    }
}

/// Whether every `(` closes, in order.
fn balanced(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0
}

/// The canonical SPDX expression of a license as found, or None.
pub fn normalize(text: &str) -> Option<String> {
    Expr::parse(text).map(|e| e.render())
}
