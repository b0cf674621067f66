//! Sparklines: a metric's last values as a small line in a table cell.
//! The cell shows the number itself, so the line carries only a title
//! (first and last values with their dates) for screen readers.

use crate::model::TrendPoint;
use techlead_report::kit::{attr, n};

const W: f64 = 96.0;
const H: f64 = 22.0;
const PAD: f64 = 2.0;

/// The SVG, or nothing for fewer than two points.
pub fn line(points: &[TrendPoint], fmt: &dyn Fn(f64) -> String) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    if points.len() < 2 {
        return String::new();
    }
    let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(a, b), p| {
        (a.min(p.value), b.max(p.value))
    });
    let span = (hi - lo).max(f64::EPSILON);
    let step = (W - 2.0 * PAD) / (points.len() - 1) as f64;
    let mut d = String::with_capacity(points.len() * 10);
    for (i, p) in points.iter().enumerate() {
        let x = PAD + step * i as f64;
        // A flat series sits in the middle.
        let t = if hi > lo { (p.value - lo) / span } else { 0.5 };
        let y = PAD + (H - 2.0 * PAD) * (1.0 - t);
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&n(x));
        d.push(' ');
        d.push_str(&n(y));
    }
    let title = format!(
        "{} on {}, {} on {} ({} snapshots)",
        fmt(first.value),
        first.date.get(..10).unwrap_or(&first.date),
        fmt(last.value),
        last.date.get(..10).unwrap_or(&last.date),
        points.len()
    );
    format!(
        "<svg class=\"spark\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title><path class=\"series\" d=\"{d}\"/></svg>",
        t = attr(&title),
    )
}
