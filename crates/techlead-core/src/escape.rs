//! Escaping for the text formats techlead writes: XML (JUnit, SVG, HTML),
//! Graphviz DOT and Mermaid. Names, titles and messages come from files
//! anyone can edit; one escaper per format keeps every writer equally safe.

/// XML 1.0 text or attribute content. Characters XML cannot hold (most C0
/// controls, U+FFFE, U+FFFF) become U+FFFD, since a single one makes the
/// whole document unparsable. In attributes, quotes are escaped, and tab
/// and line ends are written as character references, or the parser's
/// attribute normalisation would turn them into spaces; in text, `\r` is,
/// or the parser would drop it.
pub fn xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// The `Char` production of XML 1.0. Rust's `char` already excludes the
/// surrogates.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text inside a DOT double-quoted string (the caller writes the quotes).
/// Line breaks become spaces: a label is one line.
pub fn dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text inside a double-quoted Mermaid label, with Mermaid's own entity
/// codes (`#quot;`), which every renderer reads whether or not it renders
/// labels as HTML. Line breaks become spaces.
pub fn mermaid(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_replaces_forbidden_characters() {
        assert_eq!(xml("<a & 'b'>", false), "&lt;a &amp; 'b'&gt;");
        assert_eq!(xml("\"q\"\n", true), "&quot;q&quot;&#10;");
        assert_eq!(
            xml("a\u{0}b\u{1b}c\u{FFFF}", false),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}"
        );
        assert_eq!(xml("x\r\ny", false), "x&#13;\ny");
    }

    #[test]
    fn dot_quotes_and_keeps_one_line() {
        assert_eq!(dot("a \"b\" \\ c\nd"), "a \\\"b\\\" \\\\ c d");
    }

    #[test]
    fn mermaid_uses_its_entity_codes() {
        assert_eq!(
            mermaid("A \"q\" <b> & #1\n"),
            "A #quot;q#quot; #lt;b#gt; #amp; #35;1 "
        );
    }
}
