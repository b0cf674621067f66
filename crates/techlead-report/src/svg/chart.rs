//! A line over time (trends) and vertical bars (release cadence, lead
//! times), each with axes and a `<title>` per point.

use super::{attr, day, esc, n};

const W: f64 = 720.0;
const H: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// A nice round step for about five ticks up to `max`, at least `min`
/// (1 for whole numbers, so no tick repeats a rounded label).
fn step(max: f64, min: f64) -> f64 {
    if max <= 0.0 {
        return min.max(f64::MIN_POSITIVE);
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * mag).max(min)
}

/// A tick label: with a whole step, "800.0" reads as "800".
fn tick(label: String, step: f64) -> String {
    match label.strip_suffix(".0") {
        Some(whole) if step.fract() == 0.0 => whole.to_string(),
        _ => label,
    }
}

fn y_axis(s: &mut String, lo: f64, hi: f64, min_step: f64, fmt: &dyn Fn(f64) -> String) {
    let st = step(hi - lo, min_step);
    let mut v = (lo / st).floor() * st;
    while v <= hi + st * 0.01 {
        let y = TOP + (H - TOP - BOTTOM) * (1.0 - (v - lo) / (hi - lo).max(f64::EPSILON));
        s.push_str(&format!(
            "<line class=\"grid\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            n(LEFT),
            n(W - RIGHT),
            n(LEFT - 6.0),
            n(y + 4.0),
            esc(&tick(fmt(v), st)),
            y = n(y)
        ));
        v += st;
    }
}

/// One metric over time: points at their commit dates, decision dates as
/// dashed vertical lines with their titles.
pub fn line(
    label: &str,
    points: &[(String, f64, String)],
    markers: &[(String, String)],
    min_step: f64,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    let days: Vec<f64> = points.iter().filter_map(|(d, _, _)| day(d)).collect();
    let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
        return String::new();
    };
    let span = (last - first).max(1.0);
    let (lo0, hi0) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), (_, v, _)| {
            (a.min(*v), b.max(*v))
        });
    let lo = if lo0 >= 0.0 { 0.0 } else { lo0 };
    let hi = if hi0 <= lo { lo + 1.0 } else { hi0 };
    // The axis ends on a tick.
    let st = step(hi - lo, min_step);
    let hi = lo + ((hi - lo) / st).ceil() * st;
    let x = |d: f64| {
        LEFT + (W - LEFT - RIGHT)
            * if last == first {
                0.5
            } else {
                (d - first) / span
            }
    };
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v - lo) / (hi - lo));
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        attr(label)
    );
    y_axis(&mut s, lo, hi, min_step, fmt);
    for (date, title) in markers {
        let Some(d) = day(date).filter(|d| *d >= first && *d <= last) else {
            continue;
        };
        s.push_str(&format!(
            "<line class=\"marker\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"><title>{3} {4}</title></line>",
            n(x(d)),
            n(TOP),
            n(H - BOTTOM),
            esc(date),
            esc(title)
        ));
    }
    let path: Vec<String> = points
        .iter()
        .filter_map(|(d, v, _)| Some(format!("{},{}", n(x(day(d)?)), n(y(*v)))))
        .collect();
    s.push_str(&format!(
        "<polyline class=\"series\" points=\"{}\"/>",
        path.join(" ")
    ));
    for (d, v, commit) in points {
        let Some(dd) = day(d) else { continue };
        s.push_str(&format!(
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{} {}: {}</title></circle>",
            n(x(dd)),
            n(y(*v)),
            esc(d),
            esc(&commit[..commit.len().min(7)]),
            esc(&fmt(*v))
        ));
    }
    for (d, anchor) in [(first, "start"), (last, "end")] {
        s.push_str(&format!(
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            n(x(d)),
            n(H - BOTTOM + 18.0),
            esc(&techlead_history::revision::date_of(d as i64 * 86_400))
        ));
    }
    s.push_str("</svg>");
    s
}

/// Vertical bars, one per label, in order.
pub fn bars(
    label: &str,
    items: &[(String, f64)],
    min_step: f64,
    fmt: &dyn Fn(f64) -> String,
) -> String {
    if items.is_empty() {
        return String::new();
    }
    let top = items
        .iter()
        .map(|(_, v)| *v)
        .fold(0.0, f64::max)
        .max(min_step);
    let st = step(top, min_step);
    let hi = (top / st).ceil() * st;
    let slot = (W - LEFT - RIGHT) / items.len() as f64;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / hi);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        attr(label)
    );
    y_axis(&mut s, 0.0, hi, min_step, fmt);
    // Label every k-th bar so the labels do not overlap.
    let every = ((items.len() as f64 * 60.0) / (W - LEFT - RIGHT))
        .ceil()
        .max(1.0) as usize;
    for (i, (name, v)) in items.iter().enumerate() {
        let x0 = LEFT + slot * i as f64 + slot * 0.15;
        s.push_str(&format!(
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title></rect>",
            n(x0),
            n(y(*v)),
            n((slot * 0.7).max(1.0)),
            n(H - BOTTOM - y(*v)),
            esc(name),
            esc(&fmt(*v))
        ));
        if i % every == 0 {
            s.push_str(&format!(
                "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                n(x0 + slot * 0.35),
                n(H - BOTTOM + 18.0),
                esc(&super::clip(name, 10))
            ));
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::{step, tick};

    #[test]
    fn ticks_are_round_and_whole_steps_drop_the_decimal() {
        assert_eq!(step(800.0, 1.0), 200.0);
        assert_eq!(step(3.0, 1.0), 1.0);
        assert_eq!(step(0.5, 0.0), 0.1);
        assert_eq!(tick("800.0".into(), 200.0), "800");
        assert_eq!(tick("0.5".into(), 0.5), "0.5");
        assert_eq!(tick("1.0".into(), 0.5), "1.0");
        assert_eq!(tick("27%".into(), 10.0), "27%");
    }
}
