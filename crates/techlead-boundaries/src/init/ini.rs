//! The INI dialect of Python's configparser, as far as `.importlinter` and
//! `setup.cfg` use it: `[section]` headers, `key = value` or `key: value`,
//! values continued on indented lines, whole-line `#` and `;` comments.

/// A section: its name, line, and keys with their values and lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub line: usize,
    pub entries: Vec<(String, String, usize)>,
}

impl Section {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.as_str())
    }

    /// A value as a list, one item per line, as import-linter reads
    /// them (a comma is no separator: `a, b` is one item).
    pub fn lines(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|v| {
                v.lines()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Parses `text`; a line that is neither a header, an entry, a comment
/// nor a continuation is an error with its line number.
pub fn parse(text: &str) -> Result<Vec<Section>, (usize, String)> {
    let mut sections: Vec<Section> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if indented && let Some(entry) = sections.last_mut().and_then(|s| s.entries.last_mut()) {
            if !entry.1.is_empty() {
                entry.1.push('\n');
            }
            entry.1.push_str(trimmed);
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[') {
            let Some(name) = name.strip_suffix(']') else {
                return Err((n, format!("unclosed section header `{trimmed}`")));
            };
            sections.push(Section {
                name: name.trim().to_string(),
                line: n,
                entries: Vec::new(),
            });
            continue;
        }
        let cut = trimmed.find(['=', ':']);
        match (cut, sections.last_mut()) {
            (Some(at), Some(section)) => {
                let key = trimmed[..at].trim().to_lowercase();
                let value = trimmed[at + 1..].trim().to_string();
                section.entries.push((key, value, n));
            }
            (None, _) => return Err((n, format!("expected `key = value`, found `{trimmed}`"))),
            (_, None) => return Err((n, "an entry before any [section]".into())),
        }
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_entries_and_continuations() {
        let s = parse(
            "# c\n[importlinter]\nroot_package = shop\n\n[importlinter:contract:layers]\nname=Layers\nlayers=\n    api | web\n    ; skipped\n    domain\ncontainers: shop\n",
        )
        .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].get("root_package"), Some("shop"));
        assert_eq!(s[1].lines("layers"), ["api | web", "domain"]);
        assert_eq!(s[1].lines("containers"), ["shop"]);
        assert_eq!(s[1].line, 5);
        assert!(parse("[a]\njunk\n").is_err());
        assert!(parse("[a\n").is_err());
    }
}
