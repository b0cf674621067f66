//! The traceability matrix: which decisions, debt items and technologies
//! serve which goals. Rows are records, columns are goals (in tree
//! order), in text, JSON, CSV and Markdown.

use crate::check::Analysis;
use crate::links::Via;
use crate::work::Kind;
use serde::Serialize;
use std::io::{self, Write};
use techlead_core::table::csv_field;
use techlead_core::terminal::escape_control as esc;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MatrixGoal {
    pub id: String,
    pub title: String,
    pub status: crate::Status,
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MatrixRecord {
    pub kind: Kind,
    /// `adr:0002`.
    pub id: String,
    pub title: String,
    pub status: Option<String>,
    pub path: String,
    /// The goals it serves, by id, and where each link is written.
    pub goals: Vec<MatrixCell>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MatrixCell {
    pub goal: String,
    pub via: Via,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Matrix {
    pub goals: Vec<MatrixGoal>,
    pub records: Vec<MatrixRecord>,
}

/// The matrix of `a`: records that serve a goal, or with `all` every
/// record handed over; records by kind, then in the order read.
pub fn build(a: &Analysis, all: bool) -> Matrix {
    let goals: Vec<MatrixGoal> = a
        .statuses
        .iter()
        .map(|s| MatrixGoal {
            id: s.id.clone(),
            title: s.title.clone(),
            status: s.status,
            parent: s.parent.clone(),
        })
        .collect();
    let mut records = Vec::new();
    for kind in Kind::ALL {
        for (wi, w) in a
            .works
            .items
            .iter()
            .enumerate()
            .filter(|(_, w)| w.kind == kind)
        {
            let mut cells: Vec<MatrixCell> = a
                .links
                .of_work(wi)
                .map(|l| MatrixCell {
                    goal: a.goals[l.goal].id.clone(),
                    via: l.via,
                })
                .collect();
            if cells.is_empty() && !all {
                continue;
            }
            cells.sort_by_key(|c| goals.iter().position(|g| g.id == c.goal));
            records.push(MatrixRecord {
                kind,
                id: w.reference(),
                title: w.title.clone(),
                status: w.status.clone(),
                path: w.path.clone(),
                goals: cells,
            });
        }
    }
    Matrix { goals, records }
}

impl Matrix {
    fn serves(&self, r: &MatrixRecord, goal: &str) -> bool {
        r.goals.iter().any(|c| c.goal == goal)
    }

    /// Records as rows, a column per goal, `●` where the record serves
    /// it; the goals' titles above.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.goals.is_empty() {
            return writeln!(out, "no goals");
        }
        for g in &self.goals {
            writeln!(out, "{}  {}", esc(&g.id), esc(&g.title))?;
        }
        writeln!(out)?;
        if self.records.is_empty() {
            return writeln!(
                out,
                "no record serves a goal yet (`techlead goals link GOAL adr:N`)"
            );
        }
        let ids: Vec<String> = self
            .records
            .iter()
            .map(|r| esc(&r.id).into_owned())
            .collect();
        let titles: Vec<String> = self
            .records
            .iter()
            .map(|r| short(&esc(&r.title), 44))
            .collect();
        let w_id = ids
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
            .max(6);
        let w_title = titles
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
            .max(5);
        let cols: Vec<(String, usize)> = self
            .goals
            .iter()
            .map(|g| {
                let id = esc(&g.id).into_owned();
                let w = id.chars().count().max(1);
                (id, w)
            })
            .collect();
        let mut line = format!("{:<w_id$}  {:<w_title$}", "record", "title");
        for (id, w) in &cols {
            line.push_str(&format!("  {id:^w$}"));
        }
        writeln!(out, "{}", line.trim_end())?;
        for ((r, id), title) in self.records.iter().zip(&ids).zip(&titles) {
            let mut line = format!("{id:<w_id$}  {}", pad(title, w_title));
            for (g, (_, w)) in self.goals.iter().zip(&cols) {
                let mark = if self.serves(r, &g.id) { "●" } else { "·" };
                line.push_str(&format!("  {mark:^w$}"));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// One row per record: `record,kind,title,status,path,<goal ids>...`
    /// with `x` where it serves the goal.
    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut header = vec!["record", "kind", "title", "status", "path"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        header.extend(self.goals.iter().map(|g| g.id.clone()));
        let row = |cells: &[String]| -> String {
            cells
                .iter()
                .map(|c| csv_field(c).into_owned())
                .collect::<Vec<_>>()
                .join(",")
        };
        writeln!(out, "{}", row(&header))?;
        for r in &self.records {
            let mut cells = vec![
                r.id.clone(),
                r.kind.as_str().to_string(),
                r.title.clone(),
                r.status.clone().unwrap_or_default(),
                r.path.clone(),
            ];
            cells.extend(self.goals.iter().map(|g| {
                if self.serves(r, &g.id) {
                    "x".into()
                } else {
                    String::new()
                }
            }));
            writeln!(out, "{}", row(&cells))?;
        }
        Ok(())
    }

    /// A Markdown table for a wiki or a pull request, the goals listed
    /// above it.
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## Goals\n")?;
        if self.goals.is_empty() {
            return writeln!(out, "No goals.");
        }
        for g in &self.goals {
            writeln!(out, "- **{}** {} ({})", md(&g.id), md(&g.title), g.status)?;
        }
        writeln!(out, "\n## What serves them\n")?;
        if self.records.is_empty() {
            return writeln!(out, "No record serves a goal yet.");
        }
        let mut head = String::from("| Record | Kind | Title | Status |");
        let mut rule = String::from("|---|---|---|---|");
        for g in &self.goals {
            head.push_str(&format!(" {} |", md(&g.id)));
            rule.push_str(":-:|");
        }
        writeln!(out, "{head}\n{rule}")?;
        for r in &self.records {
            let mut line = format!(
                "| [{}]({}) | {} | {} | {} |",
                md(&r.id),
                r.path.replace(' ', "%20").replace(')', "%29"),
                r.kind.as_str(),
                md(&r.title),
                md(r.status.as_deref().unwrap_or(""))
            );
            for g in &self.goals {
                line.push_str(if self.serves(r, &g.id) {
                    " ✓ |"
                } else {
                    "  |"
                });
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// Text safe inside a Markdown table cell: one line, pipes escaped,
/// no markup that would run (HTML) or break the table.
fn md(s: &str) -> String {
    esc(s)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}
