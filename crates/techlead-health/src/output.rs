//! The rows `techlead health` prints, described once for text, JSON and
//! CSV through the kernel table. The JSON contract (docs/guide/health.md):
//!
//! ```json
//! {"files": [{"file", "language", "loc", "functions", "health"}],
//!  "functions": [{"file", "name", "line", "end_line", "complexity", "nloc", "params", "nesting"}]}
//! ```
//!
//! and with a rollup `{"modules": [...]}` or `{"folders": [...]}` of
//! [`GroupRow`]s. CSV is one table of both rows with a `kind` column.

use crate::rollup::Group;
use crate::{FileHealth, FunctionHealth};
use rayon::prelude::*;
use std::io::{self, Write};
use techlead_core::table::{self, Cell, Column, Row, TableFormat};

/// A file: `file`, `language`, `loc`, `functions`, `health`.
pub struct FileRow<'a>(pub &'a FileHealth);

impl Row for FileRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("file"),
        Column::left("language"),
        Column::right("loc"),
        Column::right("functions"),
        Column::right("health"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        file_cells(self.0)
    }
}

fn file_cells(f: &FileHealth) -> Vec<Cell<'_>> {
    vec![
        f.path.as_str().into(),
        f.language.name().into(),
        f.loc.into(),
        f.functions.len().into(),
        Cell::Float(f.health, 2),
    ]
}

/// A function: `file`, `name`, `line`, `end_line`, `complexity`, `nloc`,
/// `params`, `nesting`.
pub struct FunctionRow<'a>(pub &'a FileHealth, pub &'a FunctionHealth);

impl Row for FunctionRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("file"),
        Column::left("name"),
        Column::right("line"),
        Column::right("end_line"),
        Column::right("complexity"),
        Column::right("nloc"),
        Column::right("params"),
        Column::right("nesting"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        function_cells(self.0, self.1)
    }
}

fn function_cells<'a>(file: &'a FileHealth, x: &'a FunctionHealth) -> Vec<Cell<'a>> {
    let f = &x.function;
    vec![
        file.path.as_str().into(),
        f.name.as_str().into(),
        f.start_line.into(),
        f.end_line.into(),
        f.complexity.into(),
        f.nloc.into(),
        f.params.into(),
        f.nesting.into(),
    ]
}

/// A module's or folder's totals; the first column is named after the
/// grouping (`module` or `folder`).
pub struct GroupRow<'a>(pub &'a Group);

impl<'a> GroupRow<'a> {
    pub fn columns(by: &'static str) -> [Column; 7] {
        [
            Column::left(by),
            Column::right("files"),
            Column::right("loc"),
            Column::right("functions"),
            Column::right("health"),
            Column::right("worst"),
            Column::left("worst_file"),
        ]
    }

    pub fn cells(&self) -> Vec<Cell<'a>> {
        let g = self.0;
        vec![
            g.name.as_str().into(),
            g.files.into(),
            g.loc.into(),
            g.functions.into(),
            Cell::Float(g.health, 2),
            Cell::Float(g.worst, 2),
            g.worst_file.as_str().into(),
        ]
    }
}

/// `{"files": [...], "functions": [...]}`: one object a line inside
/// the two arrays, keys in the contract's order, a final newline.
pub fn write_json(
    out: &mut dyn Write,
    files: &[&FileHealth],
    functions: &[(&FileHealth, &FunctionHealth)],
) -> io::Result<()> {
    out.write_all(b"{\n  \"files\": ")?;
    json_array(out, files, |f| file_cells(f), FileRow::COLUMNS)?;
    out.write_all(b",\n  \"functions\": ")?;
    json_array(
        out,
        functions,
        |(f, x)| function_cells(f, x),
        FunctionRow::COLUMNS,
    )?;
    out.write_all(b"\n}\n")
}

/// `{"modules": [...]}` (or `folders`), each group keyed by the columns
/// of [`GroupRow::columns`].
pub fn write_rollup_json(
    out: &mut dyn Write,
    by: &'static str,
    groups: &[Group],
) -> io::Result<()> {
    let columns = GroupRow::columns(by);
    write!(out, "{{\n  \"{by}s\": ")?;
    json_array(out, groups, |g| GroupRow(g).cells(), &columns)?;
    out.write_all(b"\n}\n")
}

/// A JSON array of one object a line. Rows are rendered on every core in
/// chunks and written in order: for a large tree the output is as big as
/// the scan's work (8 MB for sympy's 40,000 functions), and writing it on
/// one thread would take as long as scanning on two.
fn json_array<T: Sync>(
    out: &mut dyn Write,
    rows: &[T],
    cells: impl Fn(&T) -> Vec<Cell<'_>> + Sync,
    columns: &[Column],
) -> io::Result<()> {
    if rows.is_empty() {
        return out.write_all(b"[]");
    }
    let chunks: Vec<Vec<u8>> = rows
        .par_chunks(2048)
        .map(|chunk| {
            let mut s = Vec::with_capacity(chunk.len() * 160);
            for row in chunk {
                s.extend_from_slice(b",\n    ");
                json_object(&mut s, columns, &cells(row));
            }
            s
        })
        .collect();
    out.write_all(b"[")?;
    for (i, c) in chunks.iter().enumerate() {
        // The first row has no comma before it.
        out.write_all(if i == 0 { &c[1..] } else { c })?;
    }
    out.write_all(b"\n  ]")
}

/// One row as a JSON object on one line, keys in column order.
fn json_object(s: &mut Vec<u8>, columns: &[Column], cells: &[Cell]) {
    s.push(b'{');
    for (i, (c, v)) in columns.iter().zip(cells).enumerate() {
        if i > 0 {
            s.extend_from_slice(b", ");
        }
        json_string(s, c.name);
        s.extend_from_slice(b": ");
        match v {
            Cell::Text(t) => json_string(s, t),
            Cell::Int(n) => s.extend_from_slice(n.to_string().as_bytes()),
            other => {
                // Writing JSON into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *s, &other.json());
            }
        }
    }
    s.push(b'}');
}

fn json_string(s: &mut Vec<u8>, text: &str) {
    let _ = serde_json::to_writer(&mut *s, text);
}

/// The CSV columns: `kind` (`file` or `function`), then the file's and
/// the function's columns; each row fills its own and leaves the others
/// empty.
const CSV_COLUMNS: &[Column] = &[
    Column::left("kind"),
    Column::left("file"),
    Column::left("language"),
    Column::left("loc"),
    Column::left("functions"),
    Column::left("health"),
    Column::left("name"),
    Column::left("line"),
    Column::left("end_line"),
    Column::left("complexity"),
    Column::left("nloc"),
    Column::left("params"),
    Column::left("nesting"),
];

/// One CSV table of files, then functions, in the given orders.
pub fn write_csv(
    out: &mut dyn Write,
    files: &[&FileHealth],
    functions: &[(&FileHealth, &FunctionHealth)],
) -> io::Result<()> {
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(files.len() + functions.len());
    for f in files {
        let mut r = vec![Cell::from("file")];
        r.extend(file_cells(f));
        r.extend(std::iter::repeat_n(Cell::Null, 7));
        rows.push(r);
    }
    for (f, x) in functions {
        let cells = function_cells(f, x);
        let mut r = vec![Cell::from("function"), cells[0].clone()];
        r.push(f.language.name().into());
        r.extend(std::iter::repeat_n(Cell::Null, 3));
        r.extend(cells.into_iter().skip(1));
        rows.push(r);
    }
    table::write_cells(out, TableFormat::Csv, CSV_COLUMNS, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Thresholds;
    use techlead_lang::Language;

    /// Many files over several chunks, with names JSON must escape: the
    /// output parses back to exactly the rows, in order.
    #[test]
    fn json_is_valid_across_chunks_and_escapes_names() {
        let src = "def f(a):\n    return a\n\ndef g():\n    pass\n";
        let files: Vec<FileHealth> = (0..3000)
            .map(|i| {
                let path = format!("dir \"{i}\"\\\u{1}\u{e9}.py");
                crate::of_text(&path, Language::Python, src, &Thresholds::default())
            })
            .collect();
        let refs: Vec<&FileHealth> = files.iter().collect();
        let fns: Vec<(&FileHealth, &FunctionHealth)> = files
            .iter()
            .flat_map(|f| f.functions.iter().map(move |x| (f, x)))
            .collect();
        let mut out = Vec::new();
        write_json(&mut out, &refs, &fns).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let got = v["files"].as_array().unwrap();
        assert_eq!(got.len(), 3000);
        assert_eq!(got[2999]["file"], "dir \"2999\"\\\u{1}\u{e9}.py");
        assert_eq!(got[0]["health"], 10.0);
        let f = v["functions"].as_array().unwrap();
        assert_eq!(f.len(), 6000);
        assert_eq!(f[5999]["name"], "g");
        assert_eq!(f[5999]["line"], 4);

        let mut empty = Vec::new();
        write_json(&mut empty, &[], &[]).unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&empty).unwrap(),
            serde_json::json!({"files": [], "functions": []})
        );
    }
}
