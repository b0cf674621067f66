//! YAML front matter (MADR 3/4, docs sites). Read with serde-saphyr for
//! values; lines come from the raw text so messages and edits point at the
//! key as written. Unknown keys are read past, never dropped from the file.

use std::collections::HashMap;
use techlead_core::InputError;
use techlead_core::text_pos::line_of;

pub struct FrontMatter {
    /// Byte offset just past the closing `---` line: where the body starts.
    pub end: usize,
    pub fields: HashMap<String, FmField>,
}

pub struct FmField {
    /// Scalars as text; a list joined with ", ".
    pub value: String,
    /// A list's items, or a comma-separated scalar split.
    pub list: Vec<String>,
    /// 1-based line of the key in the file.
    pub line: u32,
}

/// The byte range of the YAML between the fences, and the offset past the
/// closing fence; `None` when the text has no front matter.
pub fn locate(text: &str) -> Option<(usize, usize, usize)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_len = if rest.starts_with("---\n") {
        4
    } else if rest.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    let yaml_start = start + first_len;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed == "---" || trimmed == "..." {
            return Some((yaml_start, pos, pos + line.len()));
        }
        pos += line.len();
    }
    // Opened but never closed: report as an unterminated block.
    Some((yaml_start, usize::MAX, usize::MAX))
}

pub fn read(rel: &str, text: &str) -> Result<Option<FrontMatter>, InputError> {
    let Some((yaml_start, yaml_end, end)) = locate(text) else {
        return Ok(None);
    };
    let first_line = line_of(text, yaml_start) - 1;
    if yaml_end == usize::MAX {
        return Err(
            InputError::in_file(rel, "front matter opened with `---` is never closed")
                .at(first_line as usize, None)
                .with_help("close it with a line holding only `---`"),
        );
    }
    let yaml = &text[yaml_start..yaml_end];
    // Most front matter is flat `key: value` lines; read those directly and
    // leave everything else to the YAML parser.
    let value: serde_json::Value = if yaml.trim().is_empty() {
        serde_json::Value::Null
    } else if let Some(v) = crate::simple_yaml::parse(yaml) {
        v
    } else {
        serde_saphyr::from_str_with_options(yaml, yaml_options()).map_err(|e| {
            let message = e.to_string();
            let message = message.lines().next().unwrap_or("invalid YAML").trim();
            // serde-saphyr prefixes its own position, relative to the YAML
            // block; ours, relative to the file, replaces it.
            let message = message.strip_prefix("error:").unwrap_or(message).trim();
            let message = match message.strip_prefix("line ") {
                Some(rest) => rest.split_once(": ").map(|(_, m)| m).unwrap_or(rest),
                None => message,
            };
            let message = in_user_terms(message);
            let mut err = InputError::in_file(rel, format!("invalid YAML front matter: {message}"));
            if let Some(loc) = e.location() {
                let line = first_line as u64 + loc.line();
                err = err.at(line as usize, Some(loc.column() as usize));
            } else {
                err = err.at(first_line as usize, None);
            }
            err
        })?
    };
    let mut fields = HashMap::new();
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let line = key_line(text, yaml_start, yaml_end, &key).unwrap_or(first_line + 1);
                let (value, list) = flatten(&v);
                fields.insert(key.to_ascii_lowercase(), FmField { value, list, line });
            }
        }
        serde_json::Value::Null => {}
        _ => {
            return Err(InputError::in_file(
                rel,
                "front matter is not a mapping of keys to values",
            )
            .at(first_line as usize + 1, None));
        }
    }
    Ok(Some(FrontMatter { end, fields }))
}

/// serde-saphyr's messages, said for the person who wrote the record
/// rather than for a program calling the library: no advice about its
/// `Options`, and limits named as what they are.
fn in_user_terms(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("duplicate mapping key") {
        let key = rest
            .strip_prefix(": ")
            .and_then(|r| r.split(", set ").next())
            .map(|k| format!(" `{}`", k.trim()))
            .unwrap_or_default();
        return format!("the key{key} is given twice; keep one of them");
    }
    if message.starts_with("budget breached") {
        return "the front matter is too large or too deeply nested (aliases that expand \
                without end?)"
            .to_string();
    }
    if message.starts_with("!!binary scalar is not valid UTF-8") {
        return "a !!binary value is not text; techlead reads front matter as text".to_string();
    }
    // Any other advice to set library options is not the user's to follow.
    match message.find(", set ").or_else(|| message.find(". If you")) {
        Some(i) if message[i..].contains("Options") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

/// Keys we do not read must never make a record unreadable: a value that
/// only looks like an out-of-range float (`423e9175`) is kept as text
/// rather than rejected. Only `true` and `false` are booleans (YAML 1.2):
/// a title `Yes`, an owner `NO` or a link `no` are text, not `true` and
/// `false` as YAML 1.1 would have them.
fn yaml_options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    o.strict_booleans = true;
    o
}

fn flatten(v: &serde_json::Value) -> (String, Vec<String>) {
    match v {
        serde_json::Value::Array(items) => {
            let list: Vec<String> = items.iter().map(scalar).filter(|s| !s.is_empty()).collect();
            (list.join(", "), list)
        }
        other => {
            let s = scalar(other);
            let list = s
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            (s, list)
        }
    }
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    }
}

/// The line where top-level `key:` is written.
fn key_line(text: &str, start: usize, end: usize, key: &str) -> Option<u32> {
    let mut pos = start;
    for line in text[start..end].split_inclusive('\n') {
        let unquoted = line.trim_start_matches(['"', '\'']);
        // `get`, not slicing: the key may be ASCII while the line starts
        // with a multi-byte character (`负责人: 张`).
        if line.starts_with(|c: char| !c.is_whitespace())
            && unquoted
                .get(..key.len())
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
            && unquoted[key.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
        {
            return Some(line_of(text, pos));
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_advice_is_said_in_the_users_terms() {
        assert_eq!(
            in_user_terms(
                "duplicate mapping key: status, set DuplicateKeyPolicy in Options if acceptable"
            ),
            "the key `status` is given twice; keep one of them"
        );
        assert_eq!(
            in_user_terms("duplicate mapping key, set DuplicateKeyPolicy in Options if acceptable"),
            "the key is given twice; keep one of them"
        );
        assert!(!in_user_terms("x, set Other in Options").contains("Options"));
    }

    /// A goal titled `yes` with owner `NO` was listed as title `true`,
    /// owner `false`; `links: [no]` was refused as "`false` does not say
    /// which record".
    #[test]
    fn yes_no_on_off_are_text() {
        let fm = read(
            "g.md",
            "---\ntitle: yes\nowner: NO\ntags: [on, Off, y]\ndraft: true\n---\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(fm.fields["title"].value, "yes");
        assert_eq!(fm.fields["owner"].value, "NO");
        assert_eq!(fm.fields["tags"].list, ["on", "Off", "y"]);
        assert_eq!(fm.fields["draft"].value, "true");
    }

    /// Issue 21: a non-ASCII key before an ASCII one panicked with "byte
    /// index N is not a char boundary".
    #[test]
    fn non_ascii_keys_are_read_past() {
        for text in [
            "---\n负责人: 张\ntags: [a]\n---\n# T\n",
            "---\nbénéfice: x\ntitle: y\n---\n",
        ] {
            let fm = read("r.md", text).unwrap().unwrap();
            let (key, line) = if text.contains("tags") {
                ("tags", 3)
            } else {
                ("title", 3)
            };
            assert_eq!(fm.fields[key].line, line, "{text}");
        }
        let fm = read("r.md", "---\n负责人: 张\n---\n").unwrap().unwrap();
        assert_eq!(fm.fields["负责人"].value, "张");
        assert_eq!(fm.fields["负责人"].line, 2);
    }

    proptest::proptest! {
        /// Front matter of any text never panics.
        #[test]
        fn any_front_matter_reads_without_panic(body in "\\PC{0,80}", key in "\\PC{0,6}") {
            let text = format!("---\n{key}: {body}\ntitle: x\n{body}\n---\n");
            let _ = read("r.md", &text);
        }
    }
}
