//! Finding and reading the decision matrix: the first markdown table with a
//! `Weight` column. Rows are criteria, the other columns are options, cells
//! are scores from 1 to 5.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub name: String,
    pub weight: f64,
    /// One score per option, in column order.
    pub scores: Vec<f64>,
    /// 1-based line of the row.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub options: Vec<String>,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreError {
    pub line: Option<u32>,
    pub message: String,
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ScoreError {}

fn err(line: u32, message: String) -> ScoreError {
    ScoreError {
        line: Some(line),
        message,
    }
}

/// Cells of a table row, without the outer pipes; `\|` stays in a cell.
fn cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !t.contains('|') {
        return None;
    }
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|s| !s.ends_with('\\'))
        .unwrap_or(t);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    Some(out.into_iter().map(|c| clean(&c)).collect())
}

/// Drops emphasis and surrounding space: `**Kafka**` -> `Kafka`.
fn clean(cell: &str) -> String {
    cell.trim().trim_matches(['*', '_', '`']).trim().to_string()
}

fn is_delimiter_row(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')) && c.contains('-')
    })
}

fn number(cell: &str) -> Option<f64> {
    let v: f64 = cell.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

pub fn parse_matrix(text: &str) -> Result<Matrix, ScoreError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let Some(header) = cells(line) else { continue };
        let Some(wcol) = header.iter().position(|c| c.eq_ignore_ascii_case("weight")) else {
            continue;
        };
        let delim = lines.get(i + 1).and_then(|l| cells(l));
        if !delim.as_deref().is_some_and(is_delimiter_row) {
            continue;
        }
        return read_table(&lines, i, &header, wcol);
    }
    Err(ScoreError {
        line: None,
        message: "no decision matrix found: add a markdown table with a `Weight` column (the `evaluation` template has one)"
            .to_string(),
    })
}

fn read_table(
    lines: &[&str],
    header_idx: usize,
    header: &[String],
    wcol: usize,
) -> Result<Matrix, ScoreError> {
    let header_line = header_idx as u32 + 1;
    if wcol == 0 {
        return Err(err(
            header_line,
            "the first column must name the criteria, not the weight".into(),
        ));
    }
    let option_cols: Vec<usize> = (1..header.len()).filter(|&c| c != wcol).collect();
    let options: Vec<String> = option_cols.iter().map(|&c| header[c].clone()).collect();
    if options.len() < 2 {
        return Err(err(
            header_line,
            "a decision matrix needs at least two options (columns besides Criterion and Weight)"
                .into(),
        ));
    }
    if let Some(empty) = options.iter().position(|o| o.is_empty()) {
        return Err(err(
            header_line,
            format!("option column {} has no name", empty + 1),
        ));
    }
    let mut criteria = Vec::new();
    for (k, line) in lines.iter().enumerate().skip(header_idx + 2) {
        let no = k as u32 + 1;
        let Some(row) = cells(line) else { break };
        if row.iter().all(|c| c.is_empty()) {
            break;
        }
        if row.len() != header.len() {
            return Err(err(
                no,
                format!(
                    "row has {} cells, the header has {}",
                    row.len(),
                    header.len()
                ),
            ));
        }
        let name = row[0].clone();
        let weight = number(&row[wcol]).ok_or_else(|| {
            err(
                no,
                format!("weight `{}` of `{name}` is not a number", row[wcol]),
            )
        })?;
        if weight < 0.0 {
            return Err(err(no, format!("weight of `{name}` is negative")));
        }
        let mut scores = Vec::new();
        for (o, &c) in option_cols.iter().enumerate() {
            let s = number(&row[c]).ok_or_else(|| {
                err(
                    no,
                    format!(
                        "score `{}` of {} on `{name}` is not a number",
                        row[c], options[o]
                    ),
                )
            })?;
            if !(1.0..=5.0).contains(&s) {
                return Err(err(
                    no,
                    format!("score {s} of {} on `{name}` is outside 1–5", options[o]),
                ));
            }
            scores.push(s);
        }
        criteria.push(Criterion {
            name,
            weight,
            scores,
            line: no,
        });
    }
    if criteria.is_empty() {
        return Err(err(
            header_line,
            "the decision matrix has no criteria rows".into(),
        ));
    }
    if criteria.iter().all(|c| c.weight == 0.0) {
        return Err(err(
            header_line,
            "every weight is 0: give the criteria that matter a positive weight".into(),
        ));
    }
    Ok(Matrix { options, criteria })
}
