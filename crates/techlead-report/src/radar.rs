//! The technology radar as a self-contained SVG (and HTML around it): rings
//! and quadrants, numbered blips that never overlap, a legend per
//! quadrant, movement markers, ring descriptions, and an accessible table.
//! No script, no network, no external font: it renders the same offline.

use std::fmt::Write;

pub use techlead_radar::Movement;

#[derive(Debug, Clone)]
pub struct Blip {
    pub name: String,
    /// Index into the rings.
    pub ring: usize,
    /// Index into the quadrants.
    pub quadrant: usize,
    pub movement: Movement,
    /// One line for the table: packages, purpose.
    pub description: String,
    /// Why it is in its ring: the record's first paragraph of rationale.
    pub rationale: String,
}

pub struct Radar {
    pub title: String,
    pub subtitle: String,
    pub rings: Vec<String>,
    /// Up to four.
    pub quadrants: Vec<String>,
    pub blips: Vec<Blip>,
}

const W: f64 = 1500.0;
const H: f64 = 1020.0;
const CX: f64 = 750.0;
const CY: f64 = 520.0;
const R: f64 = 450.0;
const BLIP_R: f64 = 10.0;
/// Half the width kept free around the upper axis for ring names.
const LABEL_HALF_WIDTH: f64 = 36.0;
const RING_COLORS: [&str; 6] = [
    "#3d8a00", "#007f8f", "#a38f00", "#c0392b", "#6c4fa3", "#7f6a4f",
];
const QUADRANT_TINT: [&str; 4] = ["#f7f9fb", "#f3f6f9", "#f7f9fb", "#f3f6f9"];

/// ThoughtWorks' meaning of its four rings.
fn ring_description(ring: &str) -> &'static str {
    match ring {
        "adopt" => "Proven here: use it by default.",
        "trial" => "Worth pursuing where the risk can be handled.",
        "assess" => "Worth exploring to learn how it would affect us.",
        "hold" => "Do not start new work with it; plan to move off.",
        _ => "",
    }
}

/// Quadrants in reading order: the first top left, then top right,
/// bottom left, bottom right. Angles run clockwise from 3 o'clock (SVG's y
/// points down), so the slots are 2, 3, 1 and 0 quarter turns.
fn quadrant_angles(q: usize) -> (f64, f64) {
    let slot = [2.0, 3.0, 1.0, 0.0][q % 4];
    let a = slot * std::f64::consts::FRAC_PI_2;
    (a, a + std::f64::consts::FRAC_PI_2)
}

fn is_left(q: usize) -> bool {
    (q % 4).is_multiple_of(2)
}

fn is_top(q: usize) -> bool {
    q % 4 < 2
}

fn ring_radii(n: usize) -> Vec<(f64, f64)> {
    // Inner rings a little wider: they hold the technologies that matter
    // most, and the innermost needs room near the centre.
    let weights: Vec<f64> = (0..n).map(|i| 1.3 - 0.1 * i as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut out = Vec::new();
    let mut r = 0.0;
    for w in weights {
        let next = r + R * w / total;
        out.push((r, next));
        r = next;
    }
    out
}

/// Points inside one segment where a blip fits, at least a blip apart
/// from each other and from the segment's edges.
fn candidates(q: usize, (r0, r1): (f64, f64), radius: f64) -> Vec<(f64, f64)> {
    let (a0, a1) = quadrant_angles(q);
    // Room for the "new" halo around a blip, and a little air.
    let gap = 2.0 * radius + 10.0;
    let mut out = Vec::new();
    let mut r = r0 + gap * 0.75;
    while r <= r1 - radius - 3.0 {
        let arc = (a1 - a0) * r;
        let count = ((arc - gap) / gap).floor().max(0.0) as usize;
        if count > 0 {
            // Keep clear of the axes, where quadrant labels sit.
            let margin = (radius + 6.0) / r;
            let span = (a1 - a0) - 2.0 * margin;
            for i in 0..count {
                let t = if count == 1 {
                    0.5
                } else {
                    i as f64 / (count - 1) as f64
                };
                let a = a0 + margin + span * t;
                let (x, y) = (CX + r * a.cos(), CY + r * a.sin());
                // The ring names sit on the upper vertical axis.
                if y < CY && (x - CX).abs() < LABEL_HALF_WIDTH + radius {
                    continue;
                }
                out.push((x, y));
            }
        }
        r += gap;
    }
    out
}

/// Positions for `n` blips in a segment, spread over the candidates; if
/// the segment is too full, smaller blips are tried.
fn place(q: usize, ring: (f64, f64), n: usize) -> (Vec<(f64, f64)>, f64) {
    let mut radius = BLIP_R;
    loop {
        let c = candidates(q, ring, radius);
        if c.len() >= n || radius <= 5.0 {
            if c.is_empty() {
                let (a0, a1) = quadrant_angles(q);
                let a = (a0 + a1) / 2.0;
                let r = (ring.0 + ring.1) / 2.0;
                return (vec![(CX + r * a.cos(), CY + r * a.sin()); n], radius);
            }
            // Evenly spaced picks, so a few blips do not bunch up.
            let picks = (0..n)
                .map(|i| c[(i * c.len() / n.max(1) + c.len() / (2 * n.max(1))) % c.len()])
                .collect();
            return (picks, radius);
        }
        radius -= 1.0;
    }
}

pub fn svg(radar: &Radar) -> String {
    let mut blips: Vec<&Blip> = radar.blips.iter().collect();
    blips.sort_by(|a, b| {
        (a.quadrant, a.ring, a.name.to_lowercase()).cmp(&(
            b.quadrant,
            b.ring,
            b.name.to_lowercase(),
        ))
    });
    let radii = ring_radii(radar.rings.len().max(1));
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="radar-title radar-desc" font-family="Helvetica, Arial, sans-serif">
<title id="radar-title">{}</title>
<desc id="radar-desc">{} technologies in {} rings and {} quadrants. {}</desc>
<rect width="{W}" height="{H}" fill="#ffffff"/>
"##,
        esc(&radar.title),
        blips.len(),
        radar.rings.len(),
        radar.quadrants.len(),
        esc(&radar.subtitle)
    );
    let _ = writeln!(
        s,
        r##"<text x="{CX}" y="34" text-anchor="middle" font-size="26" font-weight="bold" fill="#1f2933">{}</text>"##,
        esc(&radar.title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{CX}" y="58" text-anchor="middle" font-size="14" fill="#52606d">{}</text>"##,
        esc(&radar.subtitle)
    );
    // Quadrant backgrounds, then rings from the outside in.
    for (q, tint) in QUADRANT_TINT.iter().enumerate() {
        let (a0, a1) = quadrant_angles(q);
        let (x0, y0) = (CX + R * a0.cos(), CY + R * a0.sin());
        let (x1, y1) = (CX + R * a1.cos(), CY + R * a1.sin());
        let _ = writeln!(
            s,
            r#"<path d="M{CX},{CY} L{x0:.1},{y0:.1} A{R},{R} 0 0 1 {x1:.1},{y1:.1} Z" fill="{tint}"/>"#
        );
    }
    for (i, (_, r1)) in radii.iter().enumerate().rev() {
        let _ = writeln!(
            s,
            r##"<circle cx="{CX}" cy="{CY}" r="{r1:.1}" fill="none" stroke="#cbd2d9" stroke-width="{}"/>"##,
            if i + 1 == radii.len() { 2 } else { 1 }
        );
    }
    let _ = writeln!(
        s,
        r##"<line x1="{}" y1="{CY}" x2="{}" y2="{CY}" stroke="#9aa5b1" stroke-width="2"/><line x1="{CX}" y1="{}" x2="{CX}" y2="{}" stroke="#9aa5b1" stroke-width="2"/>"##,
        CX - R,
        CX + R,
        CY - R,
        CY + R
    );
    // Ring names along the vertical axis, on a white plate for contrast.
    for (i, (r0, r1)) in radii.iter().enumerate() {
        let y = CY - (r0 + r1) / 2.0;
        let name = radar.rings[i].to_uppercase();
        let w = 9.0 * name.len() as f64 + 10.0;
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="18" rx="4" fill="#ffffff" opacity="0.9"/><text x="{CX}" y="{:.1}" text-anchor="middle" font-size="13" font-weight="bold" letter-spacing="1" fill="{}">{}</text>"##,
            CX - w / 2.0,
            y - 13.0,
            y,
            RING_COLORS[i % RING_COLORS.len()],
            esc(&name)
        );
    }
    // Blips.
    let mut number = 0;
    let mut numbers: Vec<(usize, &Blip)> = Vec::new();
    for q in 0..radar.quadrants.len().min(4) {
        for (ri, ring) in radii.iter().enumerate() {
            let here: Vec<&&Blip> = blips
                .iter()
                .filter(|b| b.quadrant == q && b.ring == ri)
                .collect();
            if here.is_empty() {
                continue;
            }
            let (points, radius) = place(q, *ring, here.len());
            for (b, (x, y)) in here.iter().zip(points) {
                number += 1;
                numbers.push((number, b));
                let color = RING_COLORS[ri % RING_COLORS.len()];
                let label = format!(
                    "{number}. {} ({}, {}, {})",
                    b.name,
                    radar.rings[ri],
                    radar.quadrants[q],
                    b.movement.label()
                );
                let _ = writeln!(s, "<g><title>{}</title>", esc(&label));
                s.push_str(&marker(b.movement, x, y, radius, color));
                let _ = writeln!(
                    s,
                    r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="{}" font-weight="bold" fill="#ffffff">{number}</text></g>"##,
                    y + radius * 0.4,
                    if number >= 100 {
                        radius * 0.9
                    } else {
                        radius * 1.1
                    }
                    .round()
                );
            }
        }
    }
    legends(&mut s, radar, &numbers);
    key(&mut s);
    s.push_str("</svg>\n");
    s
}

fn marker(m: Movement, x: f64, y: f64, r: f64, color: &str) -> String {
    match m {
        Movement::Unchanged => {
            format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{color}"/>"#)
        }
        Movement::New => format!(
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="none" stroke="{color}" stroke-width="2"/><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{color}"/>"#,
            r + 3.5
        ),
        Movement::MovedIn | Movement::MovedOut => {
            let up = m == Movement::MovedIn;
            let k = r * 1.35;
            let (ty, by) = if up {
                (y - k, y + k * 0.7)
            } else {
                (y + k, y - k * 0.7)
            };
            format!(
                r#"<path d="M{x:.1},{ty:.1} L{:.1},{by:.1} L{:.1},{by:.1} Z" fill="{color}"/>"#,
                x - k,
                x + k
            )
        }
    }
}

/// Each quadrant's list beside the radar: left for the left quadrants,
/// right for the right ones, rings in order, numbered as on the radar.
fn legends(s: &mut String, radar: &Radar, numbers: &[(usize, &Blip)]) {
    for q in 0..radar.quadrants.len().min(4) {
        let left = is_left(q);
        let top = is_top(q);
        let x = if left { 24.0 } else { CX + R + 34.0 };
        let mut y = if top { 96.0 } else { CY + 40.0 };
        let _ = writeln!(
            s,
            r##"<text x="{x}" y="{y}" font-size="17" font-weight="bold" fill="#1f2933">{}</text>"##,
            esc(&title_case(&radar.quadrants[q]))
        );
        y += 8.0;
        for (ri, ring) in radar.rings.iter().enumerate() {
            let items: Vec<&(usize, &Blip)> = numbers
                .iter()
                .filter(|(_, b)| b.quadrant == q && b.ring == ri)
                .collect();
            if items.is_empty() {
                continue;
            }
            y += 20.0;
            let _ = writeln!(
                s,
                r##"<text x="{x}" y="{y}" font-size="12" font-weight="bold" letter-spacing="1" fill="{}">{}</text>"##,
                RING_COLORS[ri % RING_COLORS.len()],
                esc(&ring.to_uppercase())
            );
            for (n, b) in items {
                y += 16.0;
                let mark = match b.movement {
                    // The key draws "new" as a ringed dot; a plain dot
                    // would read as "no change".
                    Movement::New => " ◉",
                    Movement::MovedIn => " ▲",
                    Movement::MovedOut => " ▼",
                    Movement::Unchanged => "",
                };
                let _ = writeln!(
                    s,
                    r##"<text x="{x}" y="{y}" font-size="13" fill="#323f4b">{n}. {}{mark}</text>"##,
                    esc(&clip(&b.name, 34))
                );
            }
        }
    }
}

/// The marker key, bottom centre.
fn key(s: &mut String) {
    let y = H - 18.0;
    let items = [
        (Movement::New, "new"),
        (Movement::MovedIn, "moved in"),
        (Movement::MovedOut, "moved out"),
        (Movement::Unchanged, "no change"),
    ];
    let mut x = CX - 230.0;
    for (m, label) in items {
        s.push_str(&marker(m, x, y - 5.0, 7.0, "#52606d"));
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{y}" font-size="13" fill="#323f4b">{label}</text>"##,
            x + 14.0
        );
        x += 120.0;
    }
}

/// A full HTML page: the radar, the ring descriptions, and a table of
/// every technology for screen readers and search.
pub fn html(radar: &Radar) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\nbody{{font-family:Helvetica,Arial,sans-serif;color:#1f2933;margin:0 auto;max-width:1500px;padding:0 16px}}\nsvg{{width:100%;height:auto}}\ntable{{border-collapse:collapse;width:100%;margin:16px 0 40px}}\nth,td{{text-align:left;padding:6px 10px;border-bottom:1px solid #e4e7eb;vertical-align:top}}\nth{{background:#f5f7fa}}\ndl{{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px}}\ndt{{font-weight:bold;text-transform:uppercase;letter-spacing:1px}}\n</style>\n</head>\n<body>\n",
        esc(&radar.title)
    );
    s.push_str(&svg(radar));
    s.push_str("<h2>Rings</h2>\n<dl>\n");
    for (i, r) in radar.rings.iter().enumerate() {
        let _ = writeln!(
            s,
            "<dt style=\"color:{}\">{}</dt><dd>{}</dd>",
            RING_COLORS[i % RING_COLORS.len()],
            esc(r),
            esc(ring_description(r))
        );
    }
    s.push_str("</dl>\n<h2>Technologies</h2>\n<table>\n<caption>Every technology on the radar</caption>\n<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Ring</th><th scope=\"col\">Quadrant</th><th scope=\"col\">Movement</th><th scope=\"col\">Rationale</th><th scope=\"col\">Details</th></tr></thead>\n<tbody>\n");
    let mut blips: Vec<&Blip> = radar.blips.iter().collect();
    blips.sort_by_key(|b| (b.ring, b.name.to_lowercase()));
    for b in blips {
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&b.name),
            esc(radar.rings.get(b.ring).map_or("", String::as_str)),
            esc(radar.quadrants.get(b.quadrant).map_or("", |q| q.as_str())),
            b.movement.label(),
            esc(&b.rationale),
            esc(&b.description)
        );
    }
    s.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    s
}

/// XML/HTML escaping, for text and attributes alike: names come from
/// records anyone can edit.
pub fn esc(t: &str) -> String {
    techlead_core::escape::xml(t, true)
}

fn clip(t: &str, n: usize) -> String {
    if t.chars().count() <= n {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(n - 1).collect();
        s.push('…');
        s
    }
}

fn title_case(s: &str) -> String {
    s.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" And ", " & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn radar(n: usize) -> Radar {
        let rings: Vec<String> = ["adopt", "trial", "assess", "hold"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let quadrants: Vec<String> = [
            "techniques",
            "tools",
            "platforms",
            "languages-and-frameworks",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let movements = [
            Movement::New,
            Movement::MovedIn,
            Movement::MovedOut,
            Movement::Unchanged,
        ];
        Radar {
            title: "Tech <Radar> & \"friends\"".into(),
            subtitle: "as of 2026-11-24".into(),
            rings,
            quadrants,
            blips: (0..n)
                .map(|i| Blip {
                    name: format!("Tech {i} <script>alert(1)</script>"),
                    ring: i % 4,
                    quadrant: (i / 4) % 4,
                    movement: movements[i % 4],
                    description: "npm:x".into(),
                    rationale: format!("Why {i}: <img src=x onerror=alert(1)>"),
                })
                .collect(),
        }
    }

    /// Centres of the blip markers, parsed back from the SVG.
    fn centres(svg: &str) -> Vec<(f64, f64)> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("g"))
            .filter_map(|g| {
                let t = g.children().find(|c| c.has_tag_name("text"))?;
                let x: f64 = t.attribute("x")?.parse().ok()?;
                let y: f64 = t.attribute("y")?.parse().ok()?;
                Some((x, y))
            })
            .collect()
    }

    #[test]
    fn blips_never_overlap_and_text_is_escaped() {
        for n in [1, 7, 40, 120] {
            let svg = svg(&radar(n));
            let c = centres(&svg);
            assert_eq!(c.len(), n);
            for i in 0..c.len() {
                for j in i + 1..c.len() {
                    let d = ((c[i].0 - c[j].0).powi(2) + (c[i].1 - c[j].1).powi(2)).sqrt();
                    assert!(d >= 2.0 * 5.0, "{n} blips: {i} and {j} are {d} apart");
                }
                // Inside the radar.
                let r = ((c[i].0 - CX).powi(2) + (c[i].1 - CY).powi(2)).sqrt();
                assert!(r < R, "blip {i} outside: {r}");
            }
            assert!(!svg.contains("<script"));
        }
        let html = html(&radar(5));
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<th scope=\"row\">"));
        // Issue 14: each record's rationale is in the page, inert.
        assert!(html.contains("Why 3: &lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<img"));
        // The list marks new items with the key's ringed dot, not the
        // plain dot the key calls "no change".
        assert!(svg(&radar(5)).contains("◉"));
        assert!(
            !html.contains("http://") || html.matches("http://").count() == 1,
            "only the SVG namespace"
        );
    }

    #[test]
    fn blips_stay_in_their_segment() {
        let r = radar(16);
        let svg = svg(&r);
        let radii = ring_radii(4);
        let mut sorted: Vec<&Blip> = r.blips.iter().collect();
        sorted.sort_by(|a, b| {
            (a.quadrant, a.ring, a.name.to_lowercase()).cmp(&(
                b.quadrant,
                b.ring,
                b.name.to_lowercase(),
            ))
        });
        for (b, (x, y)) in sorted.iter().zip(centres(&svg)) {
            let dist = ((x - CX).powi(2) + (y - CY).powi(2)).sqrt();
            let (r0, r1) = radii[b.ring];
            assert!(
                dist > r0 && dist < r1 + 6.0,
                "{} at {dist} not in ring {}",
                b.name,
                b.ring
            );
            let mut angle = (y - CY).atan2(x - CX);
            if angle < 0.0 {
                angle += 2.0 * std::f64::consts::PI;
            }
            let (a0, a1) = quadrant_angles(b.quadrant);
            assert!(
                angle >= a0 && angle <= a1,
                "{} in the wrong quadrant",
                b.name
            );
        }
    }
}
