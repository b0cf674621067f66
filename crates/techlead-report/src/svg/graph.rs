//! The module graph laid out in layers: each declared layer is a band, top
//! first, with modules without a layer in a last band. Within a band
//! modules are ordered by where their neighbours above sit (one barycentre
//! sweep), so edges cross less. Dependencies that break a rule are red.

use super::{attr, esc, n, text_width};
use std::collections::HashMap;

pub struct Node<'a> {
    pub name: &'a str,
    pub layer: Option<&'a str>,
}

pub struct Edge<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub imports: usize,
    pub violations: &'a [String],
}

const NODE_H: f64 = 30.0;
const BAND_H: f64 = 96.0;
const GAP: f64 = 24.0;
const PAD: f64 = 20.0;
const LABEL_W: f64 = 110.0;

pub fn layered(
    layers: &[String],
    nodes: &[Node],
    edges: &[Edge],
    anchor: &dyn Fn(&str) -> String,
) -> String {
    // Bands: declared layers in order, then the modules in none.
    let mut bands: Vec<(String, Vec<usize>)> =
        layers.iter().map(|l| (l.clone(), Vec::new())).collect();
    let mut loose = Vec::new();
    for (i, m) in nodes.iter().enumerate() {
        match m.layer.and_then(|l| layers.iter().position(|x| x == l)) {
            Some(b) => bands[b].1.push(i),
            None => loose.push(i),
        }
    }
    if !loose.is_empty() {
        bands.push(("no layer".into(), loose));
    }
    bands.retain(|(_, members)| !members.is_empty());
    let width = |i: usize| text_width(nodes[i].name, 13.0) + 24.0;
    let index: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, m)| (m.name, i)).collect();
    let mut x: HashMap<usize, f64> = HashMap::new();
    let mut total_w: f64 = 0.0;
    for (_, members) in bands.iter_mut() {
        // Order by the mean x of the modules above that depend on them.
        let key = |i: usize| -> f64 {
            let xs: Vec<f64> = edges
                .iter()
                .filter(|e| index.get(e.to) == Some(&i))
                .filter_map(|e| x.get(index.get(e.from)?).copied())
                .collect();
            if xs.is_empty() {
                f64::MAX
            } else {
                xs.iter().sum::<f64>() / xs.len() as f64
            }
        };
        members.sort_by(|a, b| {
            key(*a)
                .total_cmp(&key(*b))
                .then_with(|| nodes[*a].name.cmp(nodes[*b].name))
        });
        let mut cx = LABEL_W + PAD;
        for &i in members.iter() {
            x.insert(i, cx + width(i) / 2.0);
            cx += width(i) + GAP;
        }
        total_w = total_w.max(cx);
    }
    let w = total_w + PAD;
    let h = bands.len() as f64 * BAND_H + PAD;
    let band_of: HashMap<usize, usize> = bands
        .iter()
        .enumerate()
        .flat_map(|(b, (_, m))| m.iter().map(move |&i| (i, b)))
        .collect();
    let y = |i: usize| PAD + band_of[&i] as f64 * BAND_H + (BAND_H - NODE_H) / 2.0;
    let mut s = format!(
        "<svg class=\"graph\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Module graph: modules in layer bands, dependencies as arrows, violations in red\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path class=\"arrowhead\" d=\"M0,0L10,5L0,10z\"/></marker><marker id=\"arrow-bad\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path class=\"arrowhead bad\" d=\"M0,0L10,5L0,10z\"/></marker></defs>",
        n(w),
        n(h)
    );
    for (b, (name, _)) in bands.iter().enumerate() {
        let top = PAD + b as f64 * BAND_H;
        s.push_str(&format!(
            "<rect class=\"band{}\" x=\"4\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/><text class=\"band-label\" x=\"14\" y=\"{}\">{}</text>",
            if b % 2 == 1 { " alt" } else { "" },
            n(top + 4.0),
            n(w - 8.0),
            n(BAND_H - 8.0),
            n(top + BAND_H / 2.0 + 4.0),
            esc(&super::clip(name, 14))
        ));
    }
    for e in edges {
        let (Some(&a), Some(&b)) = (index.get(e.from), index.get(e.to)) else {
            continue;
        };
        let bad = !e.violations.is_empty();
        let (x1, x2) = (x[&a], x[&b]);
        let (ya, yb) = (y(a), y(b));
        // Between bands: an S curve from the facing edges of the two boxes.
        let vertical = |y1: f64, y2: f64| {
            let mid = n((y1 + y2) / 2.0);
            format!(
                "M{},{} C{},{mid} {},{mid} {},{}",
                n(x1),
                n(y1),
                n(x1),
                n(x2),
                n(x2),
                n(y2)
            )
        };
        let d = if band_of[&a] < band_of[&b] {
            vertical(ya + NODE_H, yb)
        } else if band_of[&a] > band_of[&b] {
            vertical(ya, yb + NODE_H)
        } else {
            // Same band: an arc below the row.
            let y0 = ya + NODE_H;
            format!(
                "M{},{} Q{},{} {},{}",
                n(x1),
                n(y0),
                n((x1 + x2) / 2.0),
                n(y0 + 30.0),
                n(x2),
                n(y0)
            )
        };
        s.push_str(&format!(
            "<path class=\"dep{}\" d=\"{d}\" marker-end=\"url(#{})\"><title>{} → {}: {} import{}{}</title></path>",
            if bad { " bad" } else { "" },
            if bad { "arrow-bad" } else { "arrow" },
            esc(e.from),
            esc(e.to),
            e.imports,
            if e.imports == 1 { "" } else { "s" },
            if bad { esc(&format!(" (breaks {})", e.violations.join(", "))) } else { String::new() }
        ));
    }
    for (i, m) in nodes.iter().enumerate() {
        if !band_of.contains_key(&i) {
            continue;
        }
        let wd = width(i);
        s.push_str(&format!(
            "<g id=\"{}\" class=\"node\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{NODE_H}\" rx=\"5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            attr(&anchor(m.name)),
            n(x[&i] - wd / 2.0),
            n(y(i)),
            n(wd),
            n(x[&i]),
            n(y(i) + 19.0),
            esc(m.name)
        ));
    }
    s.push_str("</svg>");
    s
}
