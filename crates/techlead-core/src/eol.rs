//! A text file's own style, kept by every edit: a byte order mark and CRLF
//! line endings. Editors (toml_edit, our own line edits) work in LF without
//! a BOM; [`Style::apply`] gives their output back in the file's style.

/// Whether a file starts with a BOM and ends its lines with CRLF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub bom: bool,
    pub crlf: bool,
}

const BOM: char = '\u{feff}';

impl Style {
    /// The style of `text`: CRLF when its first line ends with CRLF.
    pub fn of(text: &str) -> Style {
        Style {
            bom: text.starts_with(BOM),
            crlf: text.find('\n').is_some_and(|i| text[..i].ends_with('\r')),
        }
    }

    /// `text` without its BOM.
    pub fn body(text: &str) -> &str {
        text.strip_prefix(BOM).unwrap_or(text)
    }

    /// `text` (with or without BOM, lines ending in LF or CRLF) in this
    /// style: a BOM when the file had one, and every bare LF made CRLF in a
    /// CRLF file.
    pub fn apply(self, text: &str) -> String {
        let body = Self::body(text);
        let mut out = String::with_capacity(body.len() + body.len() / 16 + 3);
        if self.bom {
            out.push(BOM);
        }
        if !self.crlf {
            out.push_str(body);
            return out;
        }
        let mut prev = '\0';
        for c in body.chars() {
            if c == '\n' && prev != '\r' {
                out.push('\r');
            }
            out.push(c);
            prev = c;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_bom_and_the_line_endings() {
        let s = Style::of("\u{feff}a\r\nb\r\n");
        assert_eq!(
            s,
            Style {
                bom: true,
                crlf: true
            }
        );
        assert_eq!(s.apply("a\nb\r\nc\n"), "\u{feff}a\r\nb\r\nc\r\n");
        assert_eq!(Style::of("a\nb").apply("\u{feff}x\n"), "x\n");
        assert_eq!(Style::of(""), Style::default());
    }
}
