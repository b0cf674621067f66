//! Text from the repository (file names, titles, package names, commit
//! messages) printed to a terminal: escape sequences and carriage returns in
//! it could restyle or overwrite the screen, so control characters are shown
//! escaped (`\u{1b}`) instead of being sent raw.

use std::borrow::Cow;

/// One line of text (a table cell, a name): every control character,
/// line breaks and tabs included, is shown escaped.
pub fn escape_control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Multi-line text (a message, a record shown whole): line breaks and tabs
/// are kept, a CRLF becomes a plain line break, and every other control
/// character is shown escaped.
pub fn visible_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_everything_and_text_keeps_lines() {
        assert_eq!(escape_control("plain é"), "plain é");
        assert_eq!(escape_control("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert_eq!(visible_controls("a\r\nb\u{9b}c\td"), "a\nb\\u{9b}c\td");
    }
}
