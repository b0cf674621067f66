//! Charts drawn in Rust as inline SVG: lines over time, bars, the layered
//! module graph, the folder map and the decision arcs. Colours come from
//! the page's CSS classes (light and dark), except where a value sets the
//! colour; every text is escaped.

pub mod arcs;
pub mod chart;
pub mod graph;
pub mod treemap;

/// Text content.
pub fn esc(s: &str) -> String {
    techlead_core::escape::xml(s, false)
}

/// An attribute value (quoted by the caller with `"`).
pub fn attr(s: &str) -> String {
    techlead_core::escape::xml(s, true)
}

/// A number for SVG coordinates: one decimal, no trailing zero.
pub fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The width a label takes at the charts' font size, roughly.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.58
}

/// `s` cut to `max` characters with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Days since the epoch of a YYYY-MM-DD date.
pub fn day(date: &str) -> Option<f64> {
    techlead_history::revision::day_start(date.get(..10)?).map(|s| (s / 86_400) as f64)
}

/// Ten colours that stay apart for people and categories, readable on both
/// themes.
pub const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#17becf",
];
/// The colour of everyone else.
pub const OTHER: &str = "#9aa5b1";

/// A heat colour from cool (0) to hot (1).
pub fn heat(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    // From a pale blue-grey through amber to red.
    let stops = [
        (0.0, (199, 210, 222)),
        (0.5, (240, 180, 60)),
        (1.0, (200, 40, 40)),
    ];
    let (a, b) = if t <= 0.5 {
        (stops[0], stops[1])
    } else {
        (stops[1], stops[2])
    };
    let f = (t - a.0) / (b.0 - a.0);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.1.0, b.1.0),
        mix(a.1.1, b.1.1),
        mix(a.1.2, b.1.2)
    )
}
