//! The report as one self-contained HTML file: inline CSS, inline SVG,
//! one small inline script, and a Content-Security-Policy that allows
//! exactly those two by their hashes and nothing else (no request of any
//! kind). Without script everything is readable; the script adds search,
//! filters, tabs and map zoom.

mod goals;
mod history;
mod quality;
mod sections;

use crate::model::{Part, Report, SECTIONS};
use crate::svg::{attr, esc};
use sha2::{Digest, Sha256};

/// The report's stylesheet (light and dark), for other self-contained
/// pages that share its look.
pub const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// The whole page.
pub fn render(r: &Report) -> String {
    let mut body = String::new();
    for (id, title) in SECTIONS {
        body.push_str(&section(r, id, title));
    }
    let csp = format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        hash(STYLE),
        hash(SCRIPT)
    );
    let commit = r
        .commit
        .as_ref()
        .map(|c| {
            format!(
                " at commit <code>{}</code> ({})",
                esc(&c.id[..c.id.len().min(12)]),
                esc(&c.date)
            )
        })
        .unwrap_or_default();
    let mut nav = String::new();
    for s in &r.overview.sections {
        nav.push_str(&format!(
            "<li{}><a href=\"#{}\">{}</a></li>",
            if s.ready { "" } else { " class=\"absent\"" },
            attr(&s.id),
            esc(&s.title)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"techlead {}\">\n<title>{} — techlead assessment</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n<header class=\"top\"><h1>{} — technical assessment</h1><p>{}{commit}; techlead {}</p></header>\n<nav class=\"toc\" aria-label=\"Sections\"><ul><li><a href=\"#overview\">Overview</a></li>{nav}</ul></nav>\n<main id=\"main\">\n{body}</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        attr(&csp),
        esc(&r.tool_version),
        esc(&r.repo),
        esc(&r.repo),
        esc(&r.generated),
        esc(&r.tool_version),
    )
}

/// `sha256-...` of a script or style, as CSP names it.
pub fn hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(v >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn section(r: &Report, id: &str, title: &str) -> String {
    let inner = match id {
        "overview" => sections::overview(r),
        "decisions" => part(&r.decisions, sections::decisions),
        "radar" => part(&r.radar, sections::radar),
        "dependencies" => part(&r.dependencies, sections::dependencies),
        "architecture" => part(&r.architecture, sections::architecture),
        "hotspots" => part(&r.hotspots, history::hotspots),
        "knowledge" => part(&r.knowledge, |k| {
            history::knowledge(k)
                + &history::knowledge_map(k, r.hotspots.ready())
                + &history::knowledge_rest(k)
        }),
        "coupling" => part(&r.coupling, history::coupling),
        "delivery" => part(&r.delivery, history::delivery),
        "health" => part(&r.health, quality::health),
        "debt" => part(&r.debt, quality::debt),
        "practices" => part(&r.practices, goals::practices),
        "goals" => part(&r.goals, goals::goals),
        "trends" => part(&r.trends, history::trends),
        _ => String::new(),
    };
    format!(
        "<section id=\"{}\" aria-labelledby=\"{}-title\">\n<h2 id=\"{}-title\">{}</h2>\n{inner}</section>\n",
        attr(id),
        attr(id),
        attr(id),
        esc(title)
    )
}

/// A ready section's content, or the note that says why there is none and
/// which command sets it up.
fn part<T>(p: &Part<T>, f: impl FnOnce(&T) -> String) -> String {
    match p {
        Part::Ready(t) => f(t),
        Part::Absent(a) => format!(
            "<p class=\"absent-note\">Not available: {}.{}</p>\n",
            esc(&a.reason),
            a.setup
                .as_ref()
                .map(|s| format!(" Set it up with <code>{}</code>.", esc(s)))
                .unwrap_or_default()
        ),
    }
}

/// Links to other records of the report: `<a>name</a> (kind)`, joined.
pub(crate) fn mentions(list: &[crate::model::Mention]) -> String {
    list.iter()
        .map(|m| {
            format!(
                "<a href=\"#{}\">{}</a> ({})",
                attr(&m.anchor),
                esc(&m.name),
                esc(&m.kind)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table: caption, headers (`#` prefix: a number column) and rows of
/// cells already escaped.
pub fn table(id: Option<&str>, caption: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = format!(
        "<table{}><caption>{}</caption><thead><tr>",
        id.map(|i| format!(" id=\"{}\"", attr(i)))
            .unwrap_or_default(),
        esc(caption)
    );
    for h in headers {
        match h.strip_prefix('#') {
            Some(h) => s.push_str(&format!("<th scope=\"col\" class=\"num\">{}</th>", esc(h))),
            None => s.push_str(&format!("<th scope=\"col\">{}</th>", esc(h))),
        }
    }
    s.push_str("</tr></thead><tbody>");
    for row in rows {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let num = headers.get(i).is_some_and(|h| h.starts_with('#'));
            s.push_str(if num { "<td class=\"num\">" } else { "<td>" });
            s.push_str(c);
            s.push_str("</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>\n");
    s
}

#[cfg(test)]
mod tests;
