//! One table renderer for every command that prints rows: an aligned text
//! table, CSV (RFC 4180, with cells guarded against spreadsheet formula
//! injection), or JSON. A row type describes its columns once ([`Row`]):
//! the header, the CSV columns and the JSON keys all come from
//! [`Row::COLUMNS`], the values from [`Row::cells`].

use crate::terminal::escape_control;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{self, Write};

/// How a text column aligns its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    /// Cells made only of ASCII digits right, others left (code-maat's
    /// tables: counts right, names and ratios left).
    DigitsRight,
}

/// One column: its name (the text header, the CSV header and the JSON key)
/// and how text output aligns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub align: Align,
    /// Text output pads the column to at least this many characters.
    pub min_width: usize,
}

impl Column {
    pub const fn left(name: &'static str) -> Self {
        Column {
            name,
            align: Align::Left,
            min_width: 0,
        }
    }
    pub const fn right(name: &'static str) -> Self {
        Column {
            name,
            align: Align::Right,
            min_width: 0,
        }
    }
    pub const fn digits_right(name: &'static str) -> Self {
        Column {
            name,
            align: Align::DigitsRight,
            min_width: 0,
        }
    }
    /// The same column, at least `width` characters wide in text output.
    pub const fn min(mut self, width: usize) -> Self {
        self.min_width = width;
        self
    }
}

/// One value of a row. Text and CSV show it formatted; JSON keeps its type.
/// Text borrows from the row where it can: a table of 10,000 records is
/// written without copying their titles.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    /// A number shown with a fixed count of decimals in text and CSV and
    /// with its full value in JSON.
    Float(f64, usize),
    /// `true`, `false`, or `null` when unknown.
    Bool(Option<bool>),
    /// No value: empty in text and CSV, `null` in JSON.
    Null,
    /// Several values: joined with `;` in text and CSV, an array in JSON.
    List(Vec<String>),
}

impl Cell<'_> {
    /// The cell as text and CSV show it.
    pub fn display(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s.as_ref()),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Float(v, digits) => Cow::Owned(format!("{v:.digits$}")),
            Cell::Bool(Some(true)) => Cow::Borrowed("true"),
            Cell::Bool(Some(false)) => Cow::Borrowed("false"),
            Cell::Bool(None) => Cow::Borrowed("null"),
            Cell::Null => Cow::Borrowed(""),
            Cell::List(items) => Cow::Owned(items.join(";")),
        }
    }

    /// The cell as JSON holds it.
    pub fn json(&self) -> Value {
        match self {
            Cell::Text(s) => Value::String(s.to_string()),
            Cell::Int(n) => Value::from(*n),
            Cell::Float(v, _) => serde_json::Number::from_f64(*v)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Cell::Bool(b) => b.map(Value::Bool).unwrap_or(Value::Null),
            Cell::Null => Value::Null,
            Cell::List(items) => Value::Array(items.iter().cloned().map(Value::String).collect()),
        }
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
}
impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Cell<'a> {
    fn from(s: &'a String) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
}
macro_rules! int_cell {
    ($($t:ty),*) => {$(
        impl From<$t> for Cell<'_> {
            fn from(n: $t) -> Self {
                Cell::Int(n as i64)
            }
        }
    )*};
}
int_cell!(u8, u16, u32, u64, usize, i32, i64);
impl From<Option<bool>> for Cell<'_> {
    fn from(b: Option<bool>) -> Self {
        Cell::Bool(b)
    }
}
impl From<bool> for Cell<'_> {
    fn from(b: bool) -> Self {
        Cell::Bool(Some(b))
    }
}
impl<'a, T: Into<Cell<'a>> + NotBool> From<Option<T>> for Cell<'a> {
    fn from(v: Option<T>) -> Self {
        v.map(Into::into).unwrap_or(Cell::Null)
    }
}

/// Marks the types whose `Option` is a nullable cell (`Option<bool>` is
/// the tri-state [`Cell::Bool`] instead).
pub trait NotBool {}
impl NotBool for String {}
impl NotBool for &str {}
impl NotBool for &String {}
impl NotBool for u32 {}
impl NotBool for u64 {}
impl NotBool for usize {}
impl NotBool for i64 {}

/// A row type that describes its own columns once.
pub trait Row {
    const COLUMNS: &'static [Column];
    /// The values, one per column, in [`Row::COLUMNS`] order.
    fn cells(&self) -> Vec<Cell<'_>>;
}

/// The output formats a table knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Text,
    Csv,
    Json,
}

/// Writes `rows` in `format`. JSON is an array of objects keyed by the
/// column names, pretty-printed, ending with a newline. Text and CSV make
/// each row's cells when they write it, so a large table is never held
/// as cells.
pub fn write<R: Row>(out: &mut dyn Write, format: TableFormat, rows: &[R]) -> io::Result<()> {
    match format {
        TableFormat::Text => stream_text(out, R::COLUMNS, true, || rows.iter().map(Row::cells)),
        TableFormat::Csv => stream_csv(out, R::COLUMNS, rows.iter().map(Row::cells)),
        TableFormat::Json => {
            let cells: Vec<Vec<Cell>> = rows.iter().map(Row::cells).collect();
            write_cells(out, format, R::COLUMNS, &cells)
        }
    }
}

/// [`write`] for rows already turned into cells (tables whose columns are
/// chosen at run time).
pub fn write_cells(
    out: &mut dyn Write,
    format: TableFormat,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> io::Result<()> {
    match format {
        TableFormat::Text => write_text(out, columns, rows, true),
        TableFormat::Csv => stream_csv(out, columns, rows.iter()),
        TableFormat::Json => {
            let list: Vec<Value> = rows.iter().map(|r| json_object(columns, r)).collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            out.write_all(b"\n")
        }
    }
}

/// One row as a JSON object keyed by column names.
pub fn json_object(columns: &[Column], row: &[Cell]) -> Value {
    debug_assert_eq!(columns.len(), row.len(), "one cell per column");
    let mut map = Map::new();
    for (c, v) in columns.iter().zip(row) {
        map.insert(c.name.to_string(), v.json());
    }
    Value::Object(map)
}

/// Text is written in pieces of about this size: a table of 100,000 rows
/// never becomes one string.
const CHUNK: usize = 1 << 16;

/// CSV rows as they come: the header, then each row's fields.
pub fn stream_csv<'c, R: AsRef<[Cell<'c>]>>(
    out: &mut dyn Write,
    columns: &[Column],
    rows: impl Iterator<Item = R>,
) -> io::Result<()> {
    let mut s = String::with_capacity(CHUNK + 1024);
    let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
    s.push_str(&header.join(","));
    s.push('\n');
    for r in rows {
        for (i, c) in r.as_ref().iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&csv_field(&c.display()));
        }
        s.push('\n');
        if s.len() >= CHUNK {
            out.write_all(s.as_bytes())?;
            s.clear();
        }
    }
    out.write_all(s.as_bytes())
}

/// An aligned table: each column as wide as its widest cell or header
/// (and at least its minimum), two spaces between columns, no trailing
/// spaces; the header line only with `header`. Control characters from the
/// data are escaped, so a file name cannot drive the terminal.
pub fn write_text(
    out: &mut dyn Write,
    columns: &[Column],
    rows: &[Vec<Cell>],
    header: bool,
) -> io::Result<()> {
    stream_text(out, columns, header, || rows.iter())
}

/// [`write_text`] over rows made on demand: `rows` is called twice, once
/// to measure the columns and once to write the lines, so the cells of a
/// large table are made twice but never all held at once (on a
/// 100,000-package inventory, holding them cost more in fresh memory
/// pages than making them twice costs in instructions).
pub fn stream_text<'c, I, R>(
    out: &mut dyn Write,
    columns: &[Column],
    header: bool,
    rows: impl Fn() -> I,
) -> io::Result<()>
where
    I: Iterator<Item = R>,
    R: AsRef<[Cell<'c>]>,
{
    // Text cells are shown borrowed; only escaped or non-text cells are
    // formatted into a string of their own.
    let shown = |c: &Cell| -> String {
        match c.display() {
            Cow::Borrowed(b) => escape_control(b).into_owned(),
            Cow::Owned(o) => escape_control(&o).into_owned(),
        }
    };
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| {
            if header {
                c.name.chars().count().max(c.min_width)
            } else {
                c.min_width
            }
        })
        .collect();
    let mut rows_seen = 0usize;
    for r in rows() {
        rows_seen += 1;
        for (w, c) in widths.iter_mut().zip(r.as_ref()) {
            let width = text_width(c).unwrap_or_else(|| width_of(&shown(c)));
            *w = (*w).max(width);
        }
    }
    let line = widths.iter().sum::<usize>() + 2 * columns.len() + 1;
    let mut s = String::with_capacity(CHUNK.min((rows_seen + 1) * line) + line);
    let cell = |s: &mut String, i: usize, c: &str, width: usize| {
        let pad = widths[i].saturating_sub(width);
        let right = match columns[i].align {
            Align::Left => false,
            Align::Right => true,
            Align::DigitsRight => i > 0 && c.bytes().all(|b| b.is_ascii_digit()),
        };
        // The padding and the gap to the next column in one append.
        if right {
            spaces(s, pad);
            s.push_str(c);
            s.push_str("  ");
        } else {
            s.push_str(c);
            spaces(s, pad + 2);
        }
    };
    let end_line = |s: &mut String, start: usize| {
        let kept = s[start..].trim_end_matches(' ').len();
        s.truncate(start + kept);
        s.push('\n');
    };
    if header {
        let start = s.len();
        for (i, c) in columns.iter().enumerate() {
            cell(&mut s, i, c.name, c.name.chars().count());
        }
        end_line(&mut s, start);
    }
    for r in rows() {
        let start = s.len();
        for (i, c) in r.as_ref().iter().enumerate() {
            match (c, text_width(c)) {
                (Cell::Text(t), Some(width)) => cell(&mut s, i, t, width),
                (other, _) => {
                    let text = shown(other);
                    cell(&mut s, i, &text, width_of(&text));
                }
            }
        }
        end_line(&mut s, start);
        if s.len() >= CHUNK {
            out.write_all(s.as_bytes())?;
            s.clear();
        }
    }
    out.write_all(s.as_bytes())
}

/// A text cell's width when it can be shown as it is.
fn text_width(c: &Cell) -> Option<usize> {
    match c {
        Cell::Text(t) => clean_width(t),
        _ => None,
    }
}

/// Rows that read as lines rather than columns (an edge list:
/// `a.py:3 -> b.py (import)`): each row's cells as text shows them,
/// control characters escaped, joined by `sep`; no header, no padding.
pub fn write_lines(out: &mut dyn Write, rows: &[Vec<Cell>], sep: &str) -> io::Result<()> {
    let mut s = String::new();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(&escape_control(&c.display()));
        }
        s.push('\n');
    }
    out.write_all(s.as_bytes())
}

/// Appends `n` spaces (a slice copy, not a char at a time).
fn spaces(s: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        s.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// The width of text that needs no escaping, or `None` when it holds a
/// control character. One pass over the bytes for ASCII text.
fn clean_width(s: &str) -> Option<usize> {
    // A fold without early exit, so the check vectorises.
    if s.bytes().fold(true, |ok, b| ok & (0x20..0x7f).contains(&b)) {
        Some(s.len())
    } else if s.chars().any(char::is_control) {
        None
    } else {
        Some(s.chars().count())
    }
}

/// Characters, as `{:width$}` counts them; ASCII without a scan.
fn width_of(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
/// break, and prefixed with `'` when a spreadsheet would run it as a
/// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return and is not a plain number).
pub fn csv_field(s: &str) -> Cow<'_, str> {
    let guarded: Cow<'_, str> =
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
            Cow::Owned(format!("'{s}"))
        } else {
            Cow::Borrowed(s)
        };
    if guarded.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", guarded.replace('"', "\"\"")))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R {
        name: String,
        n: u32,
        ratio: f64,
        direct: Option<bool>,
        who: Vec<String>,
    }

    impl Row for R {
        const COLUMNS: &'static [Column] = &[
            Column::left("name"),
            Column::digits_right("n"),
            Column::digits_right("ratio"),
            Column::left("direct"),
            Column::left("who"),
        ];
        fn cells(&self) -> Vec<Cell<'_>> {
            vec![
                (&self.name).into(),
                self.n.into(),
                Cell::Float(self.ratio, 2),
                self.direct.into(),
                Cell::List(self.who.clone()),
            ]
        }
    }

    fn rows() -> Vec<R> {
        vec![
            R {
                name: "a.rs".into(),
                n: 12,
                ratio: 0.5,
                direct: Some(true),
                who: vec!["x".into(), "y".into()],
            },
            R {
                name: "=cmd|' /C calc'!A0".into(),
                n: 3,
                ratio: 1.0 / 3.0,
                direct: None,
                who: vec![],
            },
        ]
    }

    fn render(format: TableFormat) -> String {
        let mut out = Vec::new();
        write(&mut out, format, &rows()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_aligns_counts_right_and_trims() {
        assert_eq!(
            render(TableFormat::Text),
            "name                n   ratio  direct  who\n\
             a.rs                12  0.50   true    x;y\n\
             =cmd|' /C calc'!A0   3  0.33   null\n"
        );
    }

    #[test]
    fn csv_guards_formulas_but_not_numbers() {
        assert_eq!(
            render(TableFormat::Csv),
            "name,n,ratio,direct,who\na.rs,12,0.50,true,x;y\n'=cmd|' /C calc'!A0,3,0.33,null,\n"
        );
        assert_eq!(csv_field("-3"), "-3");
        assert_eq!(csv_field("-1.5e3"), "-1.5e3");
        assert_eq!(csv_field("-rf"), "'-rf");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(csv_field("\tx"), "'\tx");
    }

    #[test]
    fn json_keys_are_the_column_names_and_keep_types() {
        let v: Value = serde_json::from_str(&render(TableFormat::Json)).unwrap();
        assert_eq!(v[0]["n"], 12);
        assert_eq!(v[0]["ratio"], 0.5);
        assert_eq!(v[0]["direct"], true);
        assert_eq!(v[0]["who"], serde_json::json!(["x", "y"]));
        assert_eq!(v[1]["direct"], Value::Null);
        assert_eq!(v[1]["name"], "=cmd|' /C calc'!A0");
    }

    #[test]
    fn lines_join_cells_unpadded_and_escape_them() {
        let rows: Vec<Vec<Cell>> = vec![
            vec![
                "a.py:3".into(),
                "->".into(),
                "b\u{1b}.py".into(),
                "(import)".into(),
            ],
            vec!["long/path.py:12".into(), "->".into(), Cell::Int(7)],
        ];
        let mut out = Vec::new();
        write_lines(&mut out, &rows, " ").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.py:3 -> b\\u{1b}.py (import)\nlong/path.py:12 -> 7\n"
        );
    }

    #[test]
    fn text_escapes_control_characters() {
        let r = R {
            name: "a\u{1b}]0;pwned\u{7}.rs".into(),
            n: 1,
            ratio: 0.0,
            direct: Some(false),
            who: vec![],
        };
        let mut out = Vec::new();
        write(&mut out, TableFormat::Text, &[r]).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\u{1b}'), "{s:?}");
        assert!(s.contains("a\\u{1b}]0;pwned\\u{7}.rs"), "{s:?}");
    }

    /// A table larger than one written piece: the same text whether the
    /// rows come from a slice of cells or are made on each pass, written
    /// in several pieces, with every line aligned on the widest cell of
    /// the whole table (the last row's, here), not of its piece.
    #[test]
    fn a_large_table_streams_in_pieces_aligned_on_all_rows() {
        struct Pieces(Vec<usize>, Vec<u8>);
        impl Write for Pieces {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.push(b.len());
                self.1.extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let n = 5_000;
        let names: Vec<String> = (0..n)
            .map(|i| {
                if i == n - 1 {
                    "a-long-last-name.rs".into()
                } else {
                    format!("f{i}.rs")
                }
            })
            .collect();
        let cols = [Column::left("name"), Column::right("n")];
        let mut streamed = Pieces(Vec::new(), Vec::new());
        stream_text(&mut streamed, &cols, true, || {
            names
                .iter()
                .enumerate()
                .map(|(i, name)| vec![Cell::from(name), Cell::from(i)])
        })
        .unwrap();
        assert!(streamed.0.len() > 1, "one piece: {:?}", streamed.0);
        let held: Vec<Vec<Cell>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| vec![Cell::from(name), Cell::from(i)])
            .collect();
        let mut whole = Vec::new();
        write_text(&mut whole, &cols, &held, true).unwrap();
        assert_eq!(streamed.1, whole);
        let text = String::from_utf8(whole).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), n + 1);
        assert_eq!(lines[1], format!("{:<19}  {:>4}", "f0.rs", 0));
        assert_eq!(
            lines[n],
            format!("{:<19}  {:>4}", "a-long-last-name.rs", n - 1)
        );
        let mut csv = Pieces(Vec::new(), Vec::new());
        stream_csv(&mut csv, &cols, held.iter()).unwrap();
        assert!(csv.0.len() > 1);
        assert_eq!(String::from_utf8(csv.1).unwrap().lines().count(), n + 1);
    }
}
