//! The decisions on a time line, with an arc for each link between two
//! records: supersedes above the line, other links below. Each record is
//! a link to its entry in the list.

use super::{attr, esc, n};

pub struct Node<'a> {
    pub id: &'a str,
    pub label: String,
    pub status: Option<&'a str>,
    pub anchor: String,
}

const W: f64 = 720.0;
const PAD: f64 = 16.0;
/// The highest an arc rises above (or sinks below) the line.
const RISE: f64 = 90.0;

/// `nodes` in time order; `links` as (from, to, kind) indexes.
pub fn arcs(nodes: &[Node], links: &[(usize, usize, String)]) -> String {
    let step = (W - 2.0 * PAD) / nodes.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| PAD + step * i as f64;
    // As tall as the arcs need: room above for supersedes, below for others.
    let rise = |up: bool| {
        links
            .iter()
            .filter(|(_, _, k)| (k == "supersedes") == up)
            .map(|(a, b, _)| (x(*a) - x(*b)).abs() / 2.0)
            .fold(0.0, f64::max)
            .min(RISE)
    };
    let (above, below) = (rise(true) + 12.0, rise(false) + 12.0);
    let mid = above;
    let h = above + below;
    let mut s = format!(
        "<svg class=\"arcs\" viewBox=\"0 0 {W} {}\" role=\"img\" aria-label=\"Decisions in time order with their links: supersedes above the line, other links below\">",
        n(h)
    );
    s.push_str(&format!(
        "<line class=\"axis\" x1=\"{}\" y1=\"{m}\" x2=\"{}\" y2=\"{m}\"/>",
        n(PAD),
        n(W - PAD),
        m = n(mid)
    ));
    for (from, to, kind) in links {
        let (a, b) = (x(*from), x(*to));
        let r = (a - b).abs() / 2.0;
        let m = n(mid);
        let up = kind == "supersedes";
        let sweep = if (a < b) == up { 1 } else { 0 };
        s.push_str(&format!(
            "<path class=\"arc{}\" d=\"M{},{m} A{},{} 0 0 {sweep} {},{m}\"><title>{} {} {}</title></path>",
            if up { " supersedes" } else { "" },
            n(a),
            n(r),
            n(r.clamp(4.0, RISE)),
            n(b),
            esc(nodes[*from].id),
            esc(kind),
            esc(nodes[*to].id)
        ));
    }
    for (i, node) in nodes.iter().enumerate() {
        s.push_str(&format!(
            "<a href=\"#{}\"><circle class=\"adr-dot status-{}\" cx=\"{}\" cy=\"{}\" r=\"6\"><title>{}</title></circle></a>",
            attr(&node.anchor),
            attr(&status_class(node.status)),
            n(x(i)),
            n(mid),
            esc(&node.label)
        ));
    }
    s.push_str("</svg>");
    s
}

/// A CSS class name for a status: known words only.
pub fn status_class(status: Option<&str>) -> String {
    match status {
        Some(
            s @ ("accepted" | "proposed" | "draft" | "superseded" | "deprecated" | "rejected"
            | "reverted"),
        ) => s.to_string(),
        _ => "other".into(),
    }
}
