//! Renderings that stand on their own: the technology radar as SVG or
//! HTML, and the assessment report (one self-contained HTML file, a
//! markdown summary, or its JSON data model), with every text from the
//! repository escaped or sanitised.

pub mod html;
pub mod markdown;
pub mod model;
pub mod radar;
pub mod summary;
mod svg;

pub use model::{History, Report, build};

/// The report's building blocks, for other self-contained pages (the
/// organisation dashboard): escaping, SVG numbers, labels, the table and
/// the stylesheet with its CSP hash.
pub mod kit {
    pub use crate::html::{STYLE, hash as csp_hash, table};
    pub use crate::svg::{attr, clip, esc, n};
}

/// The JSON Schema of the report's JSON (`--format json`), as published in
/// docs/report.schema.json.
pub fn json_schema() -> serde_json::Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(model::Report)).expect("a schema serialises");
    if let Some(o) = schema.as_object_mut() {
        o.insert(
            "$id".into(),
            "https://example.invalid/techlead/report.schema.json".into(),
        );
        o.insert(
            "description".into(),
            "The data model of `techlead report --format json`: every section's content, or why it is absent.".into(),
        );
    }
    schema
}

/// Every tag of an HTML text (`<...>`), for tests that check what the
/// browser would interpret, as opposed to text shown escaped.
#[cfg(test)]
pub(crate) fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

/// The attributes of one tag as (name, value), values unquoted; what an
/// HTML parser would see, so tests can tell a handler from escaped text.
#[cfg(test)]
pub(crate) fn attributes(tag: &str) -> Vec<(String, String)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut chars = inner.char_indices().peekable();
    // Skip the tag name.
    while chars.peek().is_some_and(|(_, c)| !c.is_whitespace()) {
        chars.next();
    }
    let mut out = Vec::new();
    loop {
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let Some(&(start, _)) = chars.peek() else {
            break;
        };
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let name = inner[start..end].to_ascii_lowercase();
        let mut value = String::new();
        if chars.peek().is_some_and(|(_, c)| *c == '=') {
            chars.next();
            let quote = chars
                .peek()
                .map(|(_, c)| *c)
                .filter(|c| *c == '"' || *c == '\'');
            if quote.is_some() {
                chars.next();
            }
            while let Some(&(_, c)) = chars.peek() {
                if Some(c) == quote || (quote.is_none() && c.is_whitespace()) {
                    chars.next();
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        if name.is_empty() {
            break;
        }
        out.push((name, value));
    }
    out
}

/// Whether a tag would run code: an event handler, or a `javascript:` URL.
#[cfg(test)]
pub(crate) fn active(tag: &str) -> bool {
    attributes(tag).iter().any(|(name, value)| {
        name.starts_with("on")
            || ((name == "href" || name == "src" || name == "action")
                && value.trim().to_ascii_lowercase().starts_with("javascript:"))
    })
}

#[cfg(test)]
mod schema_tests;
