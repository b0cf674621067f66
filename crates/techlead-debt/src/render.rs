//! Text output: the register as a table, one item with its signals, the
//! plan, the suggestions and the markers. Text from the repository goes
//! through the kernel table or `escape_control`, so a title cannot drive
//! the terminal.

use crate::item::DebtItem;
use crate::plan::Plan;
use crate::rank::Ranked;
use crate::scan::Marker;
use crate::signals::{Interest, Signals};
use crate::suggest::Suggestion;
use std::io::{self, Write};
use techlead_core::table::{self, Cell, Column, Row, TableFormat};
use techlead_core::terminal::escape_control as esc;

/// `debt list`: one line an item; `dash` shows a missing value as `-`
/// (text), else leaves it empty (CSV).
pub struct ListRow<'a> {
    pub item: &'a DebtItem,
    pub dash: bool,
}

impl Row for ListRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("id"),
        Column::left("status"),
        Column::left("owner"),
        Column::left("principal"),
        Column::left("target"),
        Column::left("title"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let i = self.item;
        let missing = || {
            if self.dash {
                Cell::from("-")
            } else {
                Cell::Null
            }
        };
        vec![
            (&i.id).into(),
            i.status.as_str().into(),
            i.owner.as_deref().map_or_else(missing, Cell::from),
            i.principal.map_or_else(missing, |p| p.to_string().into()),
            i.target.as_deref().map_or_else(missing, Cell::from),
            (&i.title).into(),
        ]
    }
}

/// `debt scan`: one line a marker.
pub struct MarkerRow<'a>(pub &'a Marker);

impl Row for MarkerRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("file"),
        Column::right("line"),
        Column::left("tag"),
        Column::left("owner"),
        Column::left("due"),
        Column::left("issue"),
        Column::left("text"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let m = self.0;
        vec![
            (&m.file).into(),
            m.line.into(),
            m.tag.into(),
            m.owner.as_ref().into(),
            m.due.as_ref().into(),
            m.issue.as_ref().into(),
            (&m.text).into(),
        ]
    }
}

/// `debt show`: the fields, the interest next to the manual estimate, and
/// the body.
pub fn write_show(out: &mut dyn Write, r: &Ranked, body: &str, window_days: u32) -> io::Result<()> {
    let i = r.item;
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    writeln!(out, "{}  {}", i.id, esc(&i.title))?;
    let fields: [(&str, String); 11] = [
        ("status", i.status.to_string()),
        ("owner", i.owner.clone().unwrap_or_else(|| "-".into())),
        ("created", i.created.clone().unwrap_or_else(|| "-".into())),
        ("target", i.target.clone().unwrap_or_else(|| "-".into())),
        (
            "principal",
            i.principal.map_or("-".into(), |p| p.to_string()),
        ),
        ("interest", manual(r)),
        ("paths", list(&i.paths)),
        ("modules", list(&i.modules)),
        ("decisions", list(&i.decisions)),
        ("goals", list(&i.goals)),
        ("tags", list(&i.tags)),
    ];
    for (k, v) in fields {
        writeln!(out, "{k:<10} {}", esc(&v))?;
    }
    writeln!(out)?;
    match &r.signals {
        Interest::Unavailable { unavailable } => {
            writeln!(out, "Interest signals: not measured; {}", esc(unavailable))?;
        }
        Interest::Computed(s) => {
            writeln!(out, "Interest signals, last {window_days} days:")?;
            write_signals(out, s, "  ")?;
            let per_day = r
                .score
                .map_or(String::new(), |v| format!("; {v:.2} per day of principal"));
            writeln!(out, "  interest   {:.2}{per_day}", s.interest)?;
        }
    }
    let body = body.trim();
    if !body.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", techlead_core::terminal::visible_controls(body))?;
    }
    Ok(())
}

/// The manual estimate and its payback, or `-`.
fn manual(r: &Ranked) -> String {
    match (r.item.interest, r.payback_months) {
        (Some(i), Some(p)) => {
            format!("{i} a month (manual estimate); pays back in {p:.1} months at most")
        }
        (Some(i), None) => format!("{i} a month (manual estimate)"),
        _ => "-".into(),
    }
}

fn write_signals(out: &mut dyn Write, s: &Signals, pad: &str) -> io::Result<()> {
    writeln!(out, "{pad}files      {}", s.files)?;
    writeln!(out, "{pad}revisions  {}", s.revisions)?;
    let main = s
        .main_author
        .as_ref()
        .map_or(String::new(), |a| format!(" (most: {})", esc(a)));
    writeln!(out, "{pad}authors    {}{main}", s.authors)?;
    writeln!(out, "{pad}bug fixes  {}", s.bug_fixes)?;
    let with: Vec<String> = s
        .coupled_with
        .iter()
        .map(|(f, n)| format!("{} ×{n}", esc(f)))
        .collect();
    let with = if with.is_empty() {
        String::new()
    } else {
        format!(" (with {})", with.join(", "))
    };
    writeln!(out, "{pad}coupling   {:.0}%{with}", s.coupling * 100.0)?;
    match (s.health, &s.health_missing) {
        (Some(h), _) => writeln!(out, "{pad}health     {h:.1}")?,
        (None, Some(why)) => writeln!(out, "{pad}health     not counted: {}", esc(why))?,
        (None, None) => writeln!(out, "{pad}health     not counted")?,
    }
    Ok(())
}

/// `debt plan` as text.
pub fn write_plan(out: &mut dyn Write, p: &Plan) -> io::Result<()> {
    let c = &p.capacity;
    writeln!(
        out,
        "Repayment plan from {}: {:.0}% of {} {} in {}-week periods, {} a period.",
        p.start,
        c.share * 100.0,
        c.team,
        if c.team == 1 { "person" } else { "people" },
        c.period_weeks,
        per_period(p.hours_per_period)
    )?;
    writeln!(
        out,
        "Order: in progress, then scheduled, then open; each by {}.",
        p.basis
    )?;
    writeln!(out)?;
    if p.items.is_empty() {
        writeln!(out, "Nothing to plan: no owed item has a principal.")?;
    } else {
        let rows: Vec<Vec<Cell>> = p
            .items
            .iter()
            .map(|x| {
                let i = x.ranked.item;
                vec![
                    x.rank.into(),
                    (&i.id).into(),
                    (&i.title).into(),
                    i.status.as_str().into(),
                    i.principal.map_or("-".into(), |e| e.to_string()).into(),
                    x.ranked
                        .signals
                        .value()
                        .map_or("-".into(), |v| format!("{v:.1}"))
                        .into(),
                    x.ranked
                        .score
                        .map_or("-".into(), |v| format!("{v:.2}"))
                        .into(),
                    i.interest.map_or("-".into(), |e| e.to_string()).into(),
                    x.best.as_str().into(),
                    x.worst.as_str().into(),
                    i.target.as_deref().unwrap_or("-").into(),
                    x.outlook.map_or("-", |o| o.as_str()).into(),
                ]
            })
            .collect();
        let mut buf = Vec::new();
        table::write_cells(&mut buf, TableFormat::Text, PLAN_COLUMNS, &rows)?;
        out.write_all(&buf)?;
    }
    let late: Vec<_> = crate::plan::late(p).collect();
    if !late.is_empty() {
        writeln!(out)?;
        writeln!(out, "At risk of missing their target:")?;
        for x in late {
            let i = x.ranked.item;
            writeln!(
                out,
                "  {}  {}: target {}, repaid by {} at best and {} at worst ({})",
                i.id,
                esc(&i.title),
                i.target.as_deref().unwrap_or("-"),
                x.best,
                x.worst,
                x.outlook.map_or("-", |o| o.as_str())
            )?;
        }
    }
    if !p.unplanned.is_empty() {
        writeln!(out)?;
        writeln!(out, "Not planned:")?;
        for u in &p.unplanned {
            let i = u.ranked.item;
            writeln!(out, "  {}  {}: {}", i.id, esc(&i.title), u.why)?;
        }
    }
    if let (Some(best), Some(worst)) = (&p.done_best, &p.done_worst) {
        writeln!(out)?;
        writeln!(
            out,
            "Open principal, best to worst case ({}); all repaid by {best} at best, {worst} at worst:",
            p.total
        )?;
        let width = 40.0;
        let scale = f64::from(p.total.high.max(1));
        let shown: Vec<String> = p.burndown.iter().map(|b| b.open.to_string()).collect();
        let w = shown.iter().map(String::len).max().unwrap_or(0);
        for (b, text) in p.burndown.iter().zip(&shown) {
            let hashes = (f64::from(b.open.low) / scale * width).round() as usize;
            let dots =
                ((f64::from(b.open.high) / scale * width).round() as usize).saturating_sub(hashes);
            let bar = format!("{}{}", "#".repeat(hashes), ".".repeat(dots));
            let line = format!("  {}  {text:<w$}  {bar}", b.date);
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    if !p.notes.is_empty() {
        writeln!(out)?;
        for n in &p.notes {
            writeln!(out, "note: {}", esc(n))?;
        }
    }
    Ok(())
}

/// Whole hours as an effort (`4d`), else hours with a decimal.
fn per_period(hours: f64) -> String {
    if hours.fract() == 0.0 && hours <= f64::from(u32::MAX) {
        crate::Effort::hours(hours as u32, hours as u32).to_string()
    } else {
        format!("{hours:.1}h")
    }
}

const PLAN_COLUMNS: &[Column] = &[
    Column::right("rank"),
    Column::left("id"),
    Column::left("title"),
    Column::left("status"),
    Column::left("principal"),
    Column::right("interest"),
    Column::right("per day"),
    Column::left("manual"),
    Column::left("best"),
    Column::left("worst"),
    Column::left("target"),
    Column::left("outlook"),
];

/// `debt suggest` as text.
pub fn write_suggestions(
    out: &mut dyn Write,
    list: &[Suggestion],
    window_days: u32,
) -> io::Result<()> {
    if list.is_empty() {
        writeln!(
            out,
            "No uncovered source file changed in the last {window_days} days: every hot file is in the register."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "Hot files no debt item covers, last {window_days} days, hottest first:"
    )?;
    for (n, s) in list.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{}. {}  interest {:.2}",
            n + 1,
            esc(&s.file),
            s.signals.interest
        )?;
        write_signals(out, &s.signals, "   ")?;
        writeln!(out, "   {}", esc(&s.command))?;
    }
    Ok(())
}
