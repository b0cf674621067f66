//! A fast path for the front matter records almost always have: flat
//! `key: value` lines, flow lists `[a, b]`, and block lists of `- item`.
//! Anything beyond that subset returns `None` and goes to serde-saphyr, so
//! the fast path never has to be right about hard YAML, only about easy
//! YAML; a property test holds it to serde-saphyr's answers.

use serde_json::{Map, Value};

pub fn parse(yaml: &str) -> Option<Value> {
    let mut map = Map::new();
    let mut open_list: Option<String> = None;
    for raw in yaml.lines() {
        let line = raw.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.starts_with([' ', '\t']) || line.starts_with("- ") {
            // Only `- item` under a `key:` with no value.
            let key = open_list.as_ref()?;
            let item = trimmed.strip_prefix("- ")?;
            let v = scalar(item.trim())?;
            match map.get_mut(key) {
                Some(Value::Array(items)) => items.push(v),
                Some(slot @ Value::Null) => *slot = Value::Array(vec![v]),
                _ => return None,
            }
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return None;
        }
        if map.contains_key(key) {
            return None; // duplicate keys: let the parser report them
        }
        let value = value.trim();
        open_list = None;
        let v = if value.is_empty() {
            open_list = Some(key.to_string());
            Value::Null
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']')?;
            if inner.contains(['[', ']', '{', '}', '#']) {
                return None;
            }
            let items = if inner.trim().is_empty() {
                Vec::new()
            } else {
                inner
                    .split(',')
                    .map(|i| scalar(i.trim()))
                    .collect::<Option<Vec<_>>>()?
            };
            Value::Array(items)
        } else {
            scalar(value)?
        };
        map.insert(key.to_string(), v);
    }
    Some(Value::Object(map))
}

/// A plain or simply quoted scalar as YAML's core schema reads it, or
/// `None` when it might mean anything else.
fn scalar(s: &str) -> Option<Value> {
    if s.is_empty() {
        return None;
    }
    if let Some(inner) = s.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then(|| Value::String(inner.to_string()));
    }
    if let Some(inner) = s.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then(|| Value::String(inner.to_string()));
    }
    if s.starts_with([
        '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '-', '?', ':', ',', '#',
    ]) || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
    {
        return None;
    }
    // Integers in canonical form read back the same; other numbers, booleans
    // and nulls have spellings only the parser should judge.
    if let Ok(n) = s.parse::<i64>() {
        return (n.to_string() == s).then(|| Value::Number(n.into()));
    }
    let lower = s.to_ascii_lowercase();
    if s.parse::<f64>().is_ok()
        || lower.starts_with(['+', '.'])
        || matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
    {
        return None;
    }
    Some(Value::String(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_common_shapes() {
        let v = parse("status: on hold\ndate: 2021-07-01\nnav_order: 11\ntags: [a, \"b c\"]\ndeciders:\n  - Ann\n  - Bob\nempty:\n").unwrap();
        assert_eq!(v["status"], "on hold");
        assert_eq!(v["nav_order"], 11);
        assert_eq!(v["tags"], serde_json::json!(["a", "b c"]));
        assert_eq!(v["deciders"], serde_json::json!(["Ann", "Bob"]));
        assert_eq!(v["empty"], Value::Null);
    }

    #[test]
    fn leaves_hard_yaml_to_the_parser() {
        for y in [
            "a: |\n  x\n",
            "a: &x 1\n",
            "a: yes\n",
            "a: 1.5\n",
            "a:\n  b: 1\n",
            "a: \"x\\ty\"\n",
            "a: b # c\n",
            "a: 1\na: 2\n",
        ] {
            assert_eq!(parse(y), None, "{y}");
        }
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z][a-zA-Z0-9 ._/()-]{0,12}",
            "[0-9]{1,4}",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            Just("on hold".to_string()),
            Just("yes".to_string()),
            Just("1.50".to_string()),
            Just("007".to_string()),
            Just("\"quoted: x\"".to_string()),
            Just("'single'".to_string()),
        ]
    }

    proptest! {
        /// Wherever the fast path answers, serde-saphyr gives the same value.
        #[test]
        fn agrees_with_serde_saphyr(
            entries in proptest::collection::btree_map("[a-z][a-z0-9_-]{0,8}", (0..3usize, proptest::collection::vec(word(), 1..4)), 1..6)
        ) {
            let mut yaml = String::new();
            for (k, (shape, words)) in &entries {
                match shape {
                    0 => yaml.push_str(&format!("{k}: {}\n", words[0])),
                    1 => yaml.push_str(&format!("{k}: [{}]\n", words.join(", "))),
                    _ => {
                        yaml.push_str(&format!("{k}:\n"));
                        for w in words {
                            yaml.push_str(&format!("  - {w}\n"));
                        }
                    }
                }
            }
            if let Some(fast) = parse(&yaml) {
                let slow: Value = serde_saphyr::from_str(&yaml).unwrap();
                prop_assert_eq!(fast, slow, "{}", yaml);
            }
        }
    }
}
