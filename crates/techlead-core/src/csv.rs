//! The one CSV reader (RFC 4180), next to the one field writer
//! ([`crate::table::csv_field`]). It is strict where a lenient reader would
//! lose data without a word: an unclosed quote or text after a closing
//! quote is an error at the line it starts on, never rows dropped.

/// One row and the line it starts on (1-based; a quoted field may span
/// lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A CSV syntax error and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub message: String,
}

/// The rows of `text`. A leading BOM is skipped, CRLF and LF both end a
/// row, and blank lines are skipped.
pub fn rows(text: &str) -> Result<Vec<Row>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut row_line = 1;
    // Where the open quote started, while inside one.
    let mut quote_line: Option<usize> = None;
    // The field just closed its quote: only a comma or a line end may follow.
    let mut closed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quote_line.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => {
                    quote_line = None;
                    closed = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !closed => quote_line = Some(line),
            ',' => {
                fields.push(std::mem::take(&mut field));
                closed = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if fields.iter().any(|f| !f.is_empty()) || fields.len() > 1 {
                    rows.push(Row {
                        line: row_line,
                        fields: std::mem::take(&mut fields),
                    });
                }
                fields.clear();
                closed = false;
                line += 1;
                row_line = line;
            }
            _ if closed => {
                return Err(Error {
                    line,
                    message: "text after a closing quote; quote the whole field and double the quotes inside it".into(),
                });
            }
            c => field.push(c),
        }
    }
    if let Some(at) = quote_line {
        return Err(Error {
            line: at,
            message: "a quoted field is never closed".into(),
        });
    }
    if !field.is_empty() || !fields.is_empty() || closed {
        fields.push(field);
        rows.push(Row {
            line: row_line,
            fields,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain(rows: Vec<Row>) -> Vec<(usize, Vec<String>)> {
        rows.into_iter().map(|r| (r.line, r.fields)).collect()
    }

    #[test]
    fn quotes_commas_line_breaks_and_lines() {
        let text = "\u{feff}a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\n\nlast,\n";
        assert_eq!(
            plain(rows(text).unwrap()),
            [
                (1, vec!["a".into(), "b".into()]),
                (2, vec!["x, \"y\"".into(), "two\nlines".into()]),
                (5, vec!["last".into(), "".into()]),
            ]
        );
        assert_eq!(
            plain(rows("a,\"\"").unwrap()),
            [(1, vec!["a".into(), "".into()])]
        );
    }

    #[test]
    fn an_unclosed_quote_or_text_after_one_is_an_error_at_its_line() {
        let err = rows("a,b\nc,\"open\nd,e\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("never closed"));
        let err = rows("a\n\"x\"y,b\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    proptest! {
        /// What the field writer writes, the reader reads back, for any
        /// text (formula guards aside, which add a leading quote).
        #[test]
        fn the_field_writer_round_trips(cells in proptest::collection::vec(proptest::collection::vec("[a-z,\"\\n\\r =+-]{0,6}", 1..4), 1..5)) {
            let width = cells[0].len();
            let cells: Vec<Vec<String>> = cells.into_iter().map(|mut r| { r.resize(width, "x".into()); r }).collect();
            let mut text = String::new();
            for r in &cells {
                let line: Vec<String> =
                    r.iter().map(|c| crate::table::csv_field(c).into_owned()).collect();
                text.push_str(&line.join(","));
                text.push('\n');
            }
            let back = rows(&text).unwrap();
            let guarded = |c: &String| {
                if c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.parse::<f64>().is_err() {
                    format!("'{c}")
                } else {
                    c.clone()
                }
            };
            let want: Vec<Vec<String>> = cells
                .iter()
                .map(|r| r.iter().map(guarded).collect())
                .filter(|r: &Vec<String>| r.iter().any(|f| !f.is_empty()) || r.len() > 1)
                .collect();
            let got: Vec<Vec<String>> = back.into_iter().map(|r| r.fields).collect();
            prop_assert_eq!(got, want);
        }

        /// Any bytes: an answer or an error with a line inside the text,
        /// never a panic.
        #[test]
        fn never_panics(text in "[a-z,\"\\r\\n]{0,40}") {
            match rows(&text) {
                Ok(r) => for row in r { prop_assert!(row.line >= 1 && row.line <= text.matches('\n').count() + 1); },
                Err(e) => prop_assert!(e.line >= 1 && e.line <= text.matches('\n').count() + 1),
            }
        }
    }
}
