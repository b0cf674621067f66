//! The scorecard for people: an aligned text report for the terminal, and
//! markdown for a pull request comment or a wiki page. JSON is the serde
//! shape of [`Report`]; SARIF goes through the findings renderer.

use crate::model::{CheckResult, Quarter, Report, number};
use std::io::{self, Write};
use techlead_core::table::{Cell, Column, Row, write_text};
use techlead_core::terminal::escape_control;

/// Evidence lines shown per check in text; JSON has them all.
const SHOWN: usize = 3;

struct CheckRow<'a>(&'a CheckResult);

impl Row for CheckRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("check"),
        Column::right("score"),
        Column::left("status"),
        Column::left("reason"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        let c = self.0;
        vec![
            c.id.into(),
            c.score
                .map_or(Cell::Text("-".into()), |s| Cell::Float(s, 1)),
            c.status.as_str().into(),
            (&c.reason).into(),
        ]
    }
}

struct QuarterRow<'a>(&'a Quarter);

impl Row for QuarterRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("quarter"),
        Column::right("active"),
        Column::right("changes"),
        Column::right("reviewed"),
        Column::left("CI"),
        Column::right("test:source size"),
        Column::right("releases"),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        let q = self.0;
        let dash = || Cell::Text("-".into());
        vec![
            if q.partial {
                format!("{} (to date)", q.quarter).into()
            } else {
                (&q.quarter).into()
            },
            q.active_contributors.into(),
            q.changes.into(),
            q.reviewed_share
                .map_or_else(dash, |s| format!("{:.0}%", s * 100.0).into()),
            q.ci.map_or_else(dash, |c| (if c { "yes" } else { "no" }).into()),
            q.test_ratio.map_or_else(dash, |r| Cell::Float(r, 2)),
            q.releases.into(),
        ]
    }
}

fn headline(r: &Report) -> String {
    let score = r.score.map_or("no applicable check".to_string(), |s| {
        format!("{s:.1} / 10")
    });
    format!("Engineering practices: {score}, level {}", r.level.as_str())
}

fn next(r: &Report) -> Option<String> {
    let n = r.next_level.as_ref()?;
    let items: Vec<String> = n
        .missing
        .iter()
        .map(|m| match m.score {
            Some(s) => format!("{} >= {} (now {s:.1})", m.check, number(m.minimum)),
            None => format!("{} >= {} (not measured)", m.check, number(m.minimum)),
        })
        .collect();
    Some(format!("{} needs {}", n.level.as_str(), items.join(", ")))
}

/// The text report.
pub fn text(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", headline(r))?;
    if let Some(n) = next(r) {
        writeln!(out, "Next: {n}")?;
    }
    if let Some(why) = &r.history_missing {
        writeln!(out, "History: {}", escape_control(why))?;
    }
    writeln!(out)?;
    let checks: Vec<CheckRow> = r.checks.iter().map(CheckRow).collect();
    let rows: Vec<Vec<Cell>> = checks.iter().map(Row::cells).collect();
    write_text(out, CheckRow::COLUMNS, &rows, true)?;
    writeln!(out, "\nEvidence")?;
    for c in &r.checks {
        if c.evidence.is_empty() {
            continue;
        }
        writeln!(out, "  {}", c.id)?;
        for e in c.evidence.iter().take(SHOWN) {
            writeln!(out, "    {}", escape_control(&e.line()))?;
        }
        if c.evidence.len() > SHOWN {
            writeln!(
                out,
                "    ... {} more (--format json)",
                c.evidence.len() - SHOWN
            )?;
        }
    }
    writeln!(
        out,
        "\nTeam, per quarter (since {})",
        r.team.quarters.first().map_or("-", |q| q.from.as_str())
    )?;
    if !r.team.quarters.is_empty() {
        let quarters: Vec<QuarterRow> = r.team.quarters.iter().map(QuarterRow).collect();
        let rows: Vec<Vec<Cell>> = quarters.iter().map(Row::cells).collect();
        write_text(out, QuarterRow::COLUMNS, &rows, true)?;
    }
    for s in &r.team.summary {
        writeln!(out, "{}", escape_control(s))?;
    }
    writeln!(out, "\nFit: {}", escape_control(&r.fit.verdict))?;
    for u in &r.fit.deployables {
        writeln!(
            out,
            "  {:<24} {:<11} {}",
            escape_control(&u.name),
            u.kind,
            escape_control(&u.at)
        )?;
    }
    Ok(())
}

/// A markdown cell: pipes escaped, on one line.
fn md(s: &str) -> String {
    escape_control(s).replace('|', "\\|").replace('\n', " ")
}

/// The markdown summary.
pub fn markdown(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}\n", headline(r))?;
    if let Some(n) = next(r) {
        writeln!(out, "**Next:** {}\n", md(&n))?;
    }
    writeln!(out, "| Check | Score | Status | Reason |")?;
    writeln!(out, "|---|---:|---|---|")?;
    for c in &r.checks {
        let score = c.score.map_or("–".to_string(), |s| format!("{s:.1}"));
        writeln!(
            out,
            "| `{}` | {score} | {} | {} |",
            c.id,
            c.status.as_str(),
            md(&c.reason)
        )?;
    }
    if !r.team.quarters.is_empty() {
        writeln!(out, "\n### Team, per quarter\n")?;
        writeln!(
            out,
            "| Quarter | Active | Changes | Reviewed | CI | Test:source size | Releases |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---|---:|---:|")?;
        for q in &r.team.quarters {
            let cells: Vec<String> = QuarterRow(q)
                .cells()
                .iter()
                .map(|c| md(&c.display()))
                .collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        writeln!(out)?;
        for s in &r.team.summary {
            writeln!(out, "- {}", md(s))?;
        }
    }
    writeln!(out, "\n### Fit\n\n{}", md(&r.fit.verdict))?;
    for u in &r.fit.deployables {
        writeln!(out, "- `{}` ({}, {})", md(&u.name), u.kind, md(&u.at))?;
    }
    Ok(())
}
