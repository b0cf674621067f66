//! A [`Proposal`] written into techlead.toml: appended as a new
//! `[boundaries]` section, or, when the file already has one (without
//! modules), its settings inserted right below the header and the modules
//! appended. Every other byte of the file stays as it was.

use super::{Proposal, ProposedModule};
use techlead_core::InputError;
use toml_edit::Value;

/// The new text of techlead.toml (`source`, empty when there is none) with
/// the proposal, and the settings left out because the file already sets
/// them.
pub fn render(p: &Proposal, source: &str) -> Result<(String, Vec<String>), InputError> {
    // Written in LF without a BOM, then given back in the file's own style.
    let style = techlead_core::eol::Style::of(source);
    let source = techlead_core::eol::Style::body(source);
    let doc: toml::Table = toml::from_str(source)
        .map_err(|e| InputError::new(format!("techlead.toml: {}", e.message())))?;
    let existing = doc.get("boundaries").and_then(|b| b.as_table());
    let mut kept = Vec::new();
    let mut settings = String::new();
    for (key, value) in &p.settings {
        if existing.is_some_and(|b| b.contains_key(key)) {
            kept.push(format!(
                "[boundaries] {key} is already set in techlead.toml: kept (the import proposed {key} = {value})"
            ));
            continue;
        }
        settings.push_str(&format!("{key} = {value}\n"));
    }
    let mut tail = String::new();
    if let Some(roots) = &p.python_roots {
        if existing.is_some_and(|b| b.contains_key("python")) {
            kept.push(format!(
                "[boundaries.python] is already in techlead.toml: kept (the import proposed roots = {})",
                list(roots)
            ));
        } else {
            tail.push_str(&format!("\n[boundaries.python]\nroots = {}\n", list(roots)));
        }
    }
    for m in &p.modules {
        tail.push_str(&module(m));
    }
    for i in &p.ignore_imports {
        tail.push_str(&format!(
            "\n[[boundaries.ignore_imports]]\nfrom = {}\n",
            list(&i.from)
        ));
        if !i.to.is_empty() {
            tail.push_str(&format!("to = {}\n", list(&i.to)));
        }
        if !i.packages.is_empty() {
            tail.push_str(&format!("packages = {}\n", list(&i.packages)));
        }
        tail.push_str(&format!("reason = {}\n", quote(&i.reason)));
    }
    let mut text = source.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    match header_end(source) {
        Some(at) if existing.is_some() => {
            text.insert_str(at, &format!("{}{settings}", intro(p)));
        }
        _ => {
            text.push_str("\n[boundaries]\n");
            text.push_str(&intro(p));
            text.push_str(&settings);
        }
    }
    text.push_str(&tail);
    Ok((style.apply(&text), kept))
}

/// The comment that opens a new section: where it comes from, what to do
/// next, and what could not be carried over.
fn intro(p: &Proposal) -> String {
    let mut s = String::new();
    if p.imported() {
        let what = format!(
            "Imported from {} by `techlead boundaries init`. Review it, then `techlead boundaries check`.",
            p.source
        );
        for line in wrap(&what, 78) {
            s.push_str(&format!("# {line}\n"));
        }
    } else {
        s.push_str(
            "# Modules found by `techlead boundaries init`. Rename them, add layers\n\
             # (high to low), `interface` and `visible_to`; `techlead boundaries sync`\n\
             # rewrites each depends_on from the imports the code has.\n",
        );
    }
    if !p.notes.is_empty() {
        s.push_str(if p.imported() {
            "#\n# Not carried over, or carried over differently:\n"
        } else {
            "#\n# Notes:\n"
        });
        for n in &p.notes {
            let mut first = true;
            for line in wrap(n, 76) {
                s.push_str(if first { "# - " } else { "#   " });
                s.push_str(&line);
                s.push('\n');
                first = false;
            }
        }
    }
    s
}

fn module(m: &ProposedModule) -> String {
    let mut s = String::from("\n[[boundaries.modules]]\n");
    for c in &m.comments {
        s.push_str(&format!("# {c}\n"));
    }
    s.push_str(&format!("name = {}\n", quote(&m.name)));
    s.push_str(&format!("paths = {}\n", list(&m.paths)));
    if let Some(l) = &m.layer {
        s.push_str(&format!("layer = {}\n", quote(l)));
    }
    if let Some(deps) = &m.depends_on {
        s.push_str(&format!("depends_on = {}\n", list(deps)));
    }
    if !m.cannot_depend_on.is_empty() {
        s.push_str(&format!(
            "cannot_depend_on = {}\n",
            list(&m.cannot_depend_on)
        ));
    }
    if !m.cannot_import.is_empty() {
        s.push_str(&format!("cannot_import = {}\n", list(&m.cannot_import)));
    }
    if !m.interface.is_empty() {
        s.push_str(&format!("interface = {}\n", list(&m.interface)));
    }
    if let Some(v) = &m.visible_to {
        s.push_str(&format!("visible_to = {}\n", list(v)));
    }
    if m.utility {
        s.push_str("utility = true\n");
    }
    if m.unchecked {
        s.push_str("unchecked = true\n");
    }
    s
}

/// The byte offset just after the `[boundaries]` header line.
fn header_end(source: &str) -> Option<usize> {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        at += line.len();
        let code = line.split('#').next().unwrap_or("").trim();
        if code == "[boundaries]" {
            return Some(at);
        }
    }
    None
}

pub fn quote(s: &str) -> String {
    Value::from(s).to_string().trim().to_string()
}

pub fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", inner.join(", "))
}

/// Words of `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal() -> Proposal {
        Proposal {
            source: "tach.toml".into(),
            settings: vec![("layers".into(), "[\"ui\", \"core\"]".into())],
            python_roots: Some(vec!["python".into()]),
            modules: vec![ProposedModule {
                name: "a.b".into(),
                paths: vec!["python/a/b".into()],
                layer: Some("ui".into()),
                depends_on: Some(vec!["a.c".into(), "a.d".into()]),
                ..Default::default()
            }],
            ignore_imports: vec![super::super::ProposedIgnore {
                from: vec!["python/a/b/x.py".into()],
                to: vec!["python/a/c/__init__.py".into()],
                packages: Vec::new(),
                reason: "contract \"c1\": a.b.x -> a.c".into(),
            }],
            notes: vec!["one thing".into()],
        }
    }

    #[test]
    fn a_new_section_parses_and_names_its_source() {
        let (text, kept) = render(&proposal(), "[checks]\nrun = [\"boundaries\"]").unwrap();
        assert!(kept.is_empty());
        assert!(text.starts_with(
            "[checks]\nrun = [\"boundaries\"]\n\n[boundaries]\n# Imported from tach.toml"
        ));
        assert!(text.contains("# - one thing\n"));
        let t: toml::Table = toml::from_str(&text).unwrap();
        let deps = &t["boundaries"]["modules"][0]["depends_on"];
        assert_eq!(deps.as_array().unwrap().len(), 2);
        assert_eq!(
            t["boundaries"]["python"]["roots"][0].as_str(),
            Some("python")
        );
        let ignore = &t["boundaries"]["ignore_imports"][0];
        assert_eq!(
            ignore["reason"].as_str(),
            Some("contract \"c1\": a.b.x -> a.c")
        );
        assert_eq!(ignore["to"][0].as_str(), Some("python/a/c/__init__.py"));
    }

    #[test]
    fn an_existing_section_gets_only_what_it_lacks() {
        let source = "[boundaries]  # ours\nlayers = [\"x\"]\nexclude = [\"gen\"]\n";
        let (text, kept) = render(&proposal(), source).unwrap();
        // Only insertions: every line of the file is kept, in order.
        let mut lines = text.lines();
        for l in source.lines() {
            assert!(lines.any(|x| x == l), "{l} lost in {text}");
        }
        assert_eq!(kept.len(), 1, "{kept:?}");
        let t: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(t["boundaries"]["layers"][0].as_str(), Some("x"));
        let mut p = proposal();
        p.settings.push(("strict".into(), "true".into()));
        let (text, _) = render(&p, source).unwrap();
        assert!(
            text.starts_with("[boundaries]  # ours\n# Imported from tach.toml"),
            "{text}"
        );
        assert!(
            text.contains("# - one thing\nstrict = true\nlayers = [\"x\"]"),
            "{text}"
        );
    }
}
