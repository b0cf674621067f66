//! SARIF 2.1.0, shaped for GitHub code scanning: one run, a rule descriptor
//! for every rule in play, and per result a `ruleIndex`, a level, a
//! location with a region, and a partial fingerprint so alerts keep their
//! identity when lines move.

use super::{RenderOptions, RuleEntry, message_with_help, occurrences, rules_in_play};
use crate::findings::{Finding, RuleInfo, Severity};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Key of our fingerprint in `partialFingerprints`. Versioned so a future
/// change of the fingerprint scheme can use a new key instead of silently
/// re-identifying every alert.
const FINGERPRINT_KEY: &str = "techlead/v1";

/// Key that tells apart results sharing [`FINGERPRINT_KEY`]: the same rule
/// on the same file and key, at different places (two lockfile entries of
/// one package, say). Code scanning merges results whose partial
/// fingerprints are equal, so without it all but one would be dropped.
/// Only such results carry it, so every other alert keeps its identity.
const OCCURRENCE_KEY: &str = "techlead/occurrence/v1";

pub fn render(findings: &[Finding], rules: &[RuleInfo], opts: &RenderOptions<'_>) -> String {
    let entries = rules_in_play(findings, rules);
    let index: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, r)| (r.id, i)).collect();

    let mut driver = Map::new();
    driver.insert("name".into(), json!("techlead"));
    driver.insert("version".into(), json!(opts.version));
    // Cargo fills this from the workspace's `repository`; only an absolute
    // URI is valid here.
    let home = env!("CARGO_PKG_REPOSITORY");
    if is_absolute_uri(home) {
        driver.insert("informationUri".into(), json!(home));
    }
    let descriptors: Vec<Value> = entries.iter().map(descriptor).collect();
    driver.insert("rules".into(), Value::Array(descriptors));

    let occurrence = occurrences(findings);
    let results: Vec<Value> = findings
        .iter()
        .zip(occurrence)
        .map(|(f, n)| result(f, index[f.rule.as_str()], n))
        .collect();

    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            // GitHub keeps one set of alerts per category (the id up to its
            // last `/`), so `check` and `adr lint` uploads don't replace
            // each other's alerts.
            "automationDetails": { "id": format!("techlead/{}/", category(opts.run_name)) },
            // Our columns count characters (see `text_pos`), not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("SARIF serializes");
    s.push('\n');
    s
}

fn descriptor(rule: &RuleEntry<'_>) -> Value {
    let mut d = Map::new();
    d.insert("id".into(), json!(rule.id));
    d.insert("name".into(), json!(pascal_case(rule.id)));
    // `helpUri` is left out on purpose: the rule pages live at a path
    // relative to the repository, and GitHub rejects a relative `helpUri`.
    // The help text names the page instead.
    match rule.info {
        Some(info) => {
            d.insert("shortDescription".into(), json!({ "text": info.summary }));
            d.insert("fullDescription".into(), json!({ "text": info.summary }));
            d.insert(
                "defaultConfiguration".into(),
                json!({ "level": level(info.default_severity) }),
            );
            let doc = info.doc_path();
            d.insert("help".into(), help(info.summary, &doc));
        }
        None => {
            // A finding of a rule that no descriptor was passed for: still
            // describe it, so `ruleIndex` stays valid and GitHub shows a name.
            d.insert("shortDescription".into(), json!({ "text": rule.id }));
            let doc = format!("docs/rules/{}.md", rule.id);
            d.insert("help".into(), help(rule.id, &doc));
        }
    }
    Value::Object(d)
}

fn help(summary: &str, doc: &str) -> Value {
    json!({
        "text": format!("{summary}\n\nSee {doc} in the techlead documentation."),
        // Not a link: the page is in techlead's documentation, and a relative
        // link would resolve inside the analysed repository.
        "markdown": format!("{summary}\n\nSee `{doc}` in the techlead documentation."),
    })
}

fn result(f: &Finding, rule_index: usize, occurrence: Option<usize>) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": message_with_help(f) }));
    // A result without `locations` is valid SARIF, but GitHub code scanning
    // rejects it. We still emit project-level findings this way rather than
    // invent a file to pin them to; other SARIF consumers take them as is.
    if let Some(loc) = &f.location {
        let mut region = Map::new();
        // GitHub needs a region; a finding about the whole file points at
        // its first line.
        region.insert("startLine".into(), json!(loc.line.unwrap_or(1)));
        if let Some(snippet) = &f.snippet {
            region.insert("snippet".into(), json!({ "text": snippet }));
        }
        if let (Some(_), Some(col)) = (loc.line, loc.column) {
            region.insert("startColumn".into(), json!(col));
        }
        r.insert(
            "locations".into(),
            json!([{
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": uri_reference(&loc.path),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": region,
                }
            }]),
        );
    }
    let mut fingerprints = Map::new();
    fingerprints.insert(FINGERPRINT_KEY.into(), json!(f.fingerprint));
    if let Some(n) = occurrence {
        fingerprints.insert(OCCURRENCE_KEY.into(), json!(n.to_string()));
    }
    r.insert("partialFingerprints".into(), Value::Object(fingerprints));
    Value::Object(r)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative path as a URI reference: each byte outside the unreserved set
/// and `/` is percent-encoded. Encoding `:` matters most: `a:b/c.md` would
/// otherwise parse as a URI with scheme `a`.
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `scheme:` followed by something, with a scheme as RFC 3986 spells it.
fn is_absolute_uri(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// SARIF wants `name` to be an identifier-like label:
/// `decisions/duplicate-number` -> `DecisionsDuplicateNumber`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            let first = cs.next().map(|c| c.to_uppercase().collect::<String>());
            first.unwrap_or_default() + cs.as_str()
        })
        .collect()
}

/// The run name as one path segment of the category: `adr lint` -> `adr-lint`.
fn category(run_name: &str) -> String {
    let s: String = run_name
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '/' {
                '-'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() { "run".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_reference_encodes_everything_but_unreserved_and_slash() {
        assert_eq!(uri_reference("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri_reference("a:b,c/d#e?.md"), "a%3Ab%2Cc/d%23e%3F.md");
        assert_eq!(uri_reference("é.md"), "%C3%A9.md");
        assert_eq!(uri_reference("100%.md"), "100%25.md");
    }

    #[test]
    fn names_and_uris() {
        assert_eq!(
            pascal_case("decisions/duplicate-number"),
            "DecisionsDuplicateNumber"
        );
        assert!(is_absolute_uri("https://example.org/x"));
        assert!(!is_absolute_uri("docs/rules/x.md"));
        assert!(!is_absolute_uri(""));
        assert_eq!(category("adr lint"), "adr-lint");
    }
}
