//! Text for people: one goal in full (`goals show`), the status of the
//! goals in flight (`goals status`), the list's rows, and sparklines.

use crate::progress::{GoalStatus, KeyResultStatus, Track};
use crate::readings::Point;
use std::io::{self, Write};
use techlead_core::table::{Cell, Column, Row};
use techlead_core::terminal::escape_control as esc;

/// `70%`, or `?` when unknown.
pub fn percent(p: Option<f64>) -> String {
    // Whole percents; `as i64` also reads -0.0 (no progress from above) as 0.
    p.map_or_else(
        || "?".into(),
        |p| format!("{}%", (p * 100.0).round() as i64),
    )
}

/// The last `max` values as a sparkline (`▁▃▆█`); one value, or values
/// that never change, draw at mid height.
pub fn sparkline(points: &[Point], max: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let points = &points[points.len().saturating_sub(max)..];
    let lo = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    points
        .iter()
        .map(|p| {
            if hi - lo < 1e-12 {
                BARS[3]
            } else {
                BARS[(((p.value - lo) / (hi - lo)) * 7.0).round() as usize]
            }
        })
        .collect()
}

/// `boundaries.violations == 0`, `Payment methods live >= 8 methods`.
pub fn key_result_title(k: &KeyResultStatus) -> String {
    let unit = if k.shown.unit.is_empty() {
        String::new()
    } else if k.shown.unit == "%" {
        "%".into()
    } else {
        format!(" {}", k.shown.unit)
    };
    format!("{} {} {}{unit}", esc(k.label()), k.op, k.shown.target)
}

/// `1 → 0`, `3 → 5` (start → now), with `?` for what is unknown.
fn movement(k: &KeyResultStatus) -> String {
    format!(
        "{} → {}",
        k.shown.start.as_deref().unwrap_or("?"),
        k.shown.current.as_deref().unwrap_or("?")
    )
}

/// The track, or the goal's status when it has none (not active).
fn track_or(track: Option<Track>, fallback: &str) -> String {
    track.map_or_else(|| fallback.to_string(), |t| t.as_str().to_string())
}

/// One key result as a line: title, start → now, progress, track, trend.
fn key_result_line(out: &mut dyn Write, indent: &str, k: &KeyResultStatus) -> io::Result<()> {
    let track = match (k.track, k.met) {
        (Some(t), _) => t.as_str(),
        (None, Some(true)) => "met",
        _ => "",
    };
    let trend = k
        .trend
        .as_deref()
        .map(|t| sparkline(t, 24))
        .unwrap_or_default();
    let line = format!(
        "{indent}{:<40} {:>14}  {:>4}  {:<11} {trend}",
        key_result_title(k),
        movement(k),
        percent(k.progress),
        track
    );
    writeln!(out, "{}", line.trim_end())?;
    if let Some(why) = &k.unknown {
        writeln!(out, "{indent}  progress unknown: {}", esc(why))?;
    }
    if let Some(u) = &k.updated {
        writeln!(out, "{indent}  updated {u}")?;
    }
    Ok(())
}

/// `2026-Q1 (2026-01-01 to 2026-03-31, 16% gone)`.
fn horizon(g: &GoalStatus) -> String {
    match (&g.horizon, &g.horizon_start, &g.horizon_end) {
        (Some(h), Some(s), Some(e)) => {
            format!("{} ({s} to {e}, {} gone)", esc(h), percent(g.elapsed))
        }
        _ => "none".into(),
    }
}

/// `goals show`: one goal in full.
pub fn show(out: &mut dyn Write, g: &GoalStatus, all: &[GoalStatus]) -> io::Result<()> {
    let title_of = |id: &str| {
        all.iter()
            .find(|x| x.id == id)
            .map_or_else(String::new, |x| format!(" {}", esc(&x.title)))
    };
    writeln!(out, "{}  {}", esc(&g.id), esc(&g.title))?;
    writeln!(
        out,
        "  status    {}{}",
        g.status,
        g.track
            .map_or_else(String::new, |t| format!(", {}", t.as_str()))
    )?;
    writeln!(
        out,
        "  owner     {}",
        g.owner.as_deref().map_or_else(|| "none".into(), esc)
    )?;
    writeln!(out, "  horizon   {}", horizon(g))?;
    if let Some(p) = &g.parent {
        writeln!(out, "  parent    {}{}", esc(p), title_of(p))?;
    }
    for c in &g.children {
        writeln!(out, "  child     {}{}", esc(c), title_of(c))?;
    }
    writeln!(out, "  progress  {}", percent(g.progress))?;
    if let Some(why) = &g.unknown {
        writeln!(out, "            unknown: {}", esc(why))?;
    }
    writeln!(out, "  file      {}", esc(&g.path))?;
    writeln!(out)?;
    if g.key_results.is_empty() {
        writeln!(out, "key results: none")?;
    } else {
        writeln!(out, "key results")?;
        for k in &g.key_results {
            key_result_line(out, "  ", k)?;
        }
    }
    writeln!(out)?;
    if g.links.is_empty() {
        writeln!(out, "serving it: nothing linked")?;
    } else {
        writeln!(out, "serving it")?;
        for l in &g.links {
            writeln!(
                out,
                "  {:<11} {:<22} {}{}",
                l.kind.as_str(),
                esc(&l.id),
                esc(&l.title),
                l.status
                    .as_deref()
                    .map_or_else(String::new, |s| format!(" ({})", esc(s)))
            )?;
        }
    }
    Ok(())
}

/// `goals status`: each goal in flight (not closed), its key results
/// under it, children indented under their parent.
pub fn status(out: &mut dyn Write, goals: &[GoalStatus]) -> io::Result<()> {
    let mut first = true;
    for g in goals.iter().filter(|g| !g.status.is_closed()) {
        if !first {
            writeln!(out)?;
        }
        first = false;
        let indent = "  ".repeat(g.depth);
        writeln!(
            out,
            "{indent}{}  {}  [{}, {}]  progress {}, {}",
            esc(&g.id),
            esc(&g.title),
            g.horizon
                .as_deref()
                .map_or_else(|| "no horizon".into(), esc),
            g.elapsed
                .map_or_else(|| "? gone".into(), |e| format!("{} gone", percent(Some(e)))),
            percent(g.progress),
            track_or(g.track, g.status.as_str()),
        )?;
        for k in &g.key_results {
            key_result_line(out, &format!("{indent}    "), k)?;
        }
        if g.key_results.is_empty()
            && let Some(why) = &g.unknown
        {
            writeln!(out, "{indent}    progress unknown: {}", esc(why))?;
        }
    }
    if first {
        writeln!(out, "no goals in flight")?;
    }
    Ok(())
}

/// One row of `goals list`.
pub struct ListRow<'a>(pub &'a GoalStatus);

impl Row for ListRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("id"),
        Column::left("status"),
        Column::left("track"),
        Column::right("progress"),
        Column::left("horizon"),
        Column::left("owner"),
        Column::left("title"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let g = self.0;
        vec![
            g.id.as_str().into(),
            g.status.as_str().into(),
            g.track.map_or(Cell::Null, |t| t.as_str().into()),
            percent(g.progress).into(),
            g.horizon.as_deref().into(),
            g.owner.as_deref().into(),
            if g.depth == 0 {
                g.title.as_str().into()
            } else {
                format!("{}{}", "  ".repeat(g.depth), g.title).into()
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: f64) -> Point {
        Point {
            commit: String::new(),
            date: String::new(),
            value: v,
        }
    }

    #[test]
    fn sparklines_scale_to_the_range() {
        assert_eq!(sparkline(&[p(3.0), p(1.0), p(0.0)], 24), "█▃▁");
        assert_eq!(sparkline(&[p(2.0), p(2.0)], 24), "▄▄");
        assert_eq!(sparkline(&[p(1.0), p(2.0), p(3.0)], 2), "▁█");
        assert_eq!(sparkline(&[], 24), "");
        assert_eq!(percent(Some(0.156)), "16%");
        assert_eq!(percent(None), "?");
    }
}
