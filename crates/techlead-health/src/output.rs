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
use serde_json::{Map, Value};
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

/// `{"files": [...], "functions": [...]}`, pretty-printed, with a final
/// newline.
pub fn write_json(
    out: &mut dyn Write,
    files: &[&FileHealth],
    functions: &[(&FileHealth, &FunctionHealth)],
) -> io::Result<()> {
    let mut doc = Map::new();
    doc.insert(
        "files".into(),
        Value::Array(
            files
                .iter()
                .map(|f| table::json_object(FileRow::COLUMNS, &FileRow(f).cells()))
                .collect(),
        ),
    );
    doc.insert(
        "functions".into(),
        Value::Array(
            functions
                .iter()
                .map(|(f, x)| table::json_object(FunctionRow::COLUMNS, &FunctionRow(f, x).cells()))
                .collect(),
        ),
    );
    serde_json::to_writer_pretty(&mut *out, &Value::Object(doc))?;
    out.write_all(b"\n")
}

/// `{"modules": [...]}` (or `folders`), each group keyed by the columns
/// of [`GroupRow::columns`].
pub fn write_rollup_json(
    out: &mut dyn Write,
    by: &'static str,
    groups: &[Group],
) -> io::Result<()> {
    let columns = GroupRow::columns(by);
    let rows: Vec<Value> = groups
        .iter()
        .map(|g| table::json_object(&columns, &GroupRow(g).cells()))
        .collect();
    let mut doc = Map::new();
    doc.insert(format!("{by}s"), Value::Array(rows));
    serde_json::to_writer_pretty(&mut *out, &Value::Object(doc))?;
    out.write_all(b"\n")
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
