//! The health and debt sections: the least healthy files (from
//! `techlead health`) and the debt register (from `techlead debt`).

use super::{mentions, table};
use crate::model::build::anchor;
use crate::model::{DebtPart, HealthPart};
use crate::svg::{attr, esc};

pub fn health(h: &HealthPart) -> String {
    let mut s = format!(
        "<p>{} source files measured; average health <strong>{}</strong> (1 to 10, weighted by lines of code); {} under 4 (<code>techlead health</code>).</p>\n",
        h.files,
        h.average.map_or_else(
            || "n/a (no line of code)".to_string(),
            |a| format!("{a:.2}")
        ),
        h.unhealthy
    );
    if h.skipped > 0 {
        s.push_str(&format!(
            "<p class=\"bad\">{} files or folders could not be measured: <code>techlead health</code> names them.</p>\n",
            h.skipped
        ));
    }
    let rows: Vec<Vec<String>> = h
        .worst
        .iter()
        .map(|f| {
            vec![
                format!("<code>{}</code>", esc(&f.path)),
                format!(
                    "<span class=\"{}\">{:.2}</span>",
                    if f.health < 4.0 { "bad" } else { "" },
                    f.health
                ),
                f.loc.to_string(),
                f.complexity.to_string(),
                f.functions.to_string(),
                f.worst_function
                    .as_deref()
                    .map(|n| format!("<code>{}</code>", esc(n)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    s.push_str(&table(
        Some("health-table"),
        &format!("The {} least healthy files", h.worst.len()),
        &[
            "file",
            "#health",
            "#lines",
            "#complexity",
            "#functions",
            "costliest function",
        ],
        &rows,
    ));
    s
}

pub fn debt(d: &DebtPart) -> String {
    if d.items.is_empty() {
        return format!(
            "<p>The register in <code>{}</code> holds no item yet: <code>techlead debt add TITLE</code> records one, <code>techlead debt suggest</code> proposes the hottest files.</p>\n",
            esc(if d.dir.is_empty() {
                "docs/debt"
            } else {
                &d.dir
            })
        );
    }
    let mut s = format!(
        "<p>{} debt items, {} still owed (<code>techlead debt list</code>; <code>techlead debt plan</code> schedules them).</p>\n",
        d.items.len(),
        d.owed
    );
    let rows: Vec<Vec<String>> = d
        .items
        .iter()
        .map(|i| {
            vec![
                format!(
                    "<span id=\"{}\">{}</span>",
                    attr(&anchor("debt", &i.id)),
                    esc(&i.id)
                ),
                esc(&i.title),
                format!(
                    "<span class=\"{}\">{}</span>",
                    if i.owed { "bad" } else { "good" },
                    esc(&i.status)
                ),
                esc(i.owner.as_deref().unwrap_or("")),
                esc(i.target.as_deref().unwrap_or("")),
                esc(i.principal.as_deref().unwrap_or("not estimated")),
                esc(i.interest.as_deref().unwrap_or("")),
                esc(&i
                    .paths
                    .iter()
                    .chain(&i.modules)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")),
                mentions(&i.links),
            ]
        })
        .collect();
    s.push_str(&table(
        Some("debt-table"),
        "The debt register, owed items first",
        &[
            "id",
            "title",
            "status",
            "owner",
            "repay by",
            "principal",
            "interest / month",
            "where",
            "decisions and goals",
        ],
        &rows,
    ));
    s
}
