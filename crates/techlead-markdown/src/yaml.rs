//! YAML scalars written into front matter.

/// A YAML scalar that reads back as `s`: plain when that is unambiguous,
/// else double-quoted with escapes.
pub fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || " .-_/()".contains(c))
        && !s.starts_with(['-', ' ', '.'])
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "~"
        )
        && s.parse::<f64>().is_err();
    if plain {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_read_back() {
        for s in [
            "accepted",
            "on hold",
            "on hold: later",
            "yes",
            "1.5",
            "a \"b\" \\ c",
            "-x",
            "tab\there",
            "é",
        ] {
            let doc = format!("k: {}\n", yaml_scalar(s));
            let v: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&doc).unwrap();
            assert_eq!(v["k"], s, "{doc}");
        }
        assert_eq!(yaml_scalar("accepted"), "accepted");
    }
}
