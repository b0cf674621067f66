//! The dashboard as one self-contained HTML page: the report's stylesheet
//! plus a few rules of its own, inline SVG sparklines, and a
//! Content-Security-Policy that allows that stylesheet by its hash and
//! nothing else: no script, no image, no request of any kind. Everything
//! reads with JavaScript off because there is none. Every text that comes
//! from a repository (names, teams, tags, technologies, packages, paths,
//! people) is escaped.

mod sections;

use crate::model::{Dashboard, FigureInfo};
use techlead_report::kit::{STYLE, attr, csp_hash, esc};

const ORG_STYLE: &str = include_str!("org.css");

/// The page's sections: anchor id and title.
pub const SECTIONS: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("repositories", "Repositories"),
    ("practices", "Practices"),
    ("radar", "Radar"),
    ("dependencies", "Dependency risk"),
    ("decisions", "Decisions per team"),
    ("hotspots", "Hotspots"),
    ("knowledge", "Knowledge risks"),
];

/// The whole page.
pub fn render(d: &Dashboard) -> String {
    let style = format!("{STYLE}\n{ORG_STYLE}");
    let csp = format!(
        "default-src 'none'; style-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        csp_hash(&style)
    );
    let mut nav = String::new();
    let mut body = String::new();
    for (id, title) in SECTIONS {
        nav.push_str(&format!("<li><a href=\"#{id}\">{}</a></li>", esc(title)));
        let inner = if d.repositories.is_empty() && *id != "overview" {
            String::new()
        } else {
            sections::render(d, id)
        };
        body.push_str(&format!(
            "<section id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h2 id=\"{id}-title\">{}</h2>\n{inner}</section>\n",
            esc(title)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"techlead {}\">\n<title>Organisation dashboard — techlead</title>\n<style>{style}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the dashboard</a>\n<header class=\"top\"><h1>Organisation dashboard</h1><p>{} repositories in <code>{}</code>; {}; techlead {}</p></header>\n<nav class=\"toc\" aria-label=\"Sections\"><ul>{nav}</ul></nav>\n<main id=\"main\">\n{body}</main>\n</body>\n</html>\n",
        attr(&csp),
        esc(&d.tool_version),
        d.repositories.len(),
        esc(&d.store),
        esc(&d.generated),
        esc(&d.tool_version),
    )
}

/// A value as its unit reads: counts whole, ratios in percent, the rest
/// with one decimal.
pub(crate) fn value(info: &FigureInfo, v: f64) -> String {
    match info.unit.as_str() {
        "count" => format!("{}", v.round() as i64),
        "ratio" => format!("{}%", (v * 100.0).round() as i64),
        "level" => techlead_metrics::LEVELS
            .get(v as usize)
            .map_or_else(|| format!("{v}"), |l| l.to_string()),
        _ => format!("{v:.1}"),
    }
}

/// ↑ or ↓ against the previous snapshot, coloured by which way is better.
pub(crate) fn arrow(info: &FigureInfo, now: f64, before: f64) -> String {
    if (now - before).abs() < 1e-9 {
        return String::new();
    }
    let up = now > before;
    let class = match (info.better.as_str(), up) {
        ("higher", true) | ("lower", false) => "good",
        ("higher", false) | ("lower", true) => "bad",
        _ => "muted",
    };
    let was = value(info, before);
    format!(
        " <span class=\"arrow {class}\" title=\"was {w}\" aria-label=\"{dir} from {w}\">{}</span>",
        if up { "↑" } else { "↓" },
        w = attr(&was),
        dir = if up { "up" } else { "down" },
    )
}
