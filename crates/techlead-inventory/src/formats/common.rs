//! Small pieces several parsers share.

use crate::ParseError;
use std::collections::HashSet;

/// The 1-based line of each line equal to `header` (such as
/// `[[package]]`), in order: TOML parsers keep no positions, so the
/// n-th table is found by the n-th header.
pub fn header_lines(text: &str, header: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// A TOML parse error with its line.
pub fn toml_error(text: &str, what: &str, e: toml::de::Error) -> ParseError {
    let line = e.span().map_or(1, |s| {
        techlead_core::text_pos::line_col(text, s.start).0 as u32
    });
    ParseError::new(line, format!("not a {what}: {}", e.message()))
}

/// A JSON parse error with its line.
pub fn json_error(what: &str, e: serde_json::Error) -> ParseError {
    ParseError::new(e.line().max(1) as u32, format!("not a {what}: {e}"))
}

/// Names a JSON manifest declares under the given runtime and dev keys
/// (package.json, composer.json).
pub fn json_manifest_names(
    text: &str,
    runtime_keys: &[&str],
    dev_keys: &[&str],
) -> (HashSet<String>, HashSet<String>) {
    let mut runtime = HashSet::new();
    let mut dev = HashSet::new();
    let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
        return (runtime, dev);
    };
    for (keys, set) in [(runtime_keys, &mut runtime), (dev_keys, &mut dev)] {
        for k in keys {
            if let Some(m) = v.get(*k).and_then(|m| m.as_object()) {
                set.extend(m.keys().cloned());
            }
        }
    }
    dev.retain(|d| !runtime.contains(d));
    (runtime, dev)
}

/// `direct` and `dev` from what a manifest declares.
pub fn from_manifest(
    name: &str,
    manifest: Option<&(HashSet<String>, HashSet<String>)>,
) -> (Option<bool>, Option<bool>) {
    match manifest {
        None => (None, None),
        Some((runtime, _)) if runtime.contains(name) => (Some(true), Some(false)),
        Some((_, dev)) if dev.contains(name) => (Some(true), Some(true)),
        Some(_) => (Some(false), None),
    }
}

/// A dependency as a tuple, for compact test assertions.
#[cfg(test)]
pub type Row<'a> = (&'a str, &'a str, Option<bool>, Option<bool>, u32);

#[cfg(test)]
pub fn rows(deps: &[crate::Dep]) -> Vec<Row<'_>> {
    deps.iter()
        .map(|d| (d.name.as_str(), d.version.as_str(), d.direct, d.dev, d.line))
        .collect()
}

/// The YYYY-MM-DD at the start of an ISO 8601 timestamp, if it is one.
pub fn iso_date(t: &str) -> Option<String> {
    let d = t.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| d.to_string())
}
