//! The practices and goals sections: the engineering-practices scorecard
//! (from `techlead practices`) and the business goals with their key
//! results (from `techlead goals`).

use super::{mentions, table};
use crate::model::build::anchor;
use crate::model::{GoalsPart, PracticesPart};
use crate::svg::{attr, esc};

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "unknown".to_string(), |p| format!("{:.0}%", p * 100.0))
}

fn status_class(status: &str) -> &'static str {
    match status {
        "pass" | "met" | "on track" | "achieved" => "good",
        "fail" | "off track" | "missed" => "bad",
        _ => "",
    }
}

pub fn practices(p: &PracticesPart) -> String {
    let mut s = format!(
        "<p>Score <strong>{}</strong> out of 10, level <strong>{}</strong> (<code>techlead practices</code>).{}</p>\n",
        p.score
            .map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}")),
        esc(&p.level),
        match &p.next_level {
            Some(next) if !p.missing.is_empty() =>
                format!(" For {}: {}.", esc(next), esc(&p.missing.join(", "))),
            _ => String::new(),
        }
    );
    if let Some(why) = &p.history_missing {
        s.push_str(&format!(
            "<p class=\"bad\">History could not be read ({}): the checks that need it are not scored.</p>\n",
            esc(why)
        ));
    }
    s.push_str(&format!(
        "<p class=\"{}\">Architecture fit: {}</p>\n",
        if p.outpaces_team { "bad" } else { "" },
        esc(&p.fit)
    ));
    let rows: Vec<Vec<String>> = p
        .checks
        .iter()
        .map(|c| {
            vec![
                format!("<code>{}</code>", esc(&c.id)),
                format!(
                    "<span class=\"{}\">{}</span>",
                    status_class(&c.status),
                    esc(&c.status)
                ),
                c.score.map_or_else(String::new, |v| format!("{v:.1}")),
                esc(&c.reason),
                esc(&c
                    .evidence
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")),
            ]
        })
        .collect();
    s.push_str(&table(
        Some("practices-table"),
        "Every practice checked, with its evidence",
        &["check", "status", "#score", "reason", "evidence"],
        &rows,
    ));
    s
}

pub fn goals(g: &GoalsPart) -> String {
    if let Some(problem) = &g.problem {
        return format!(
            "<p class=\"bad\">The goals cannot be evaluated: {} (<code>techlead goals list</code> shows every problem).</p>\n",
            esc(problem)
        );
    }
    if g.goals.is_empty() {
        return "<p>The goals folder holds no goal yet: <code>techlead goals add TITLE</code> records one.</p>\n".to_string();
    }
    let mut s = format!(
        "<p>{} goals (<code>techlead goals status</code>; <code>techlead goals matrix</code> links them to decisions, debt and technology).</p>\n",
        g.goals.len()
    );
    let mut rows: Vec<Vec<String>> = Vec::new();
    for goal in &g.goals {
        rows.push(vec![
            format!(
                "{}<strong id=\"{}\">{}</strong> {}",
                "&nbsp;&nbsp;".repeat(goal.depth),
                attr(&anchor("goal", &goal.id)),
                esc(&goal.id),
                esc(&goal.title)
            ),
            esc(&goal.status),
            esc(goal.owner.as_deref().unwrap_or("")),
            esc(goal.horizon.as_deref().unwrap_or("")),
            percent(goal.progress),
            goal.track.as_deref().map_or_else(String::new, |t| {
                format!("<span class=\"{}\">{}</span>", status_class(t), esc(t))
            }),
            mentions(&goal.links),
        ]);
        for k in &goal.key_results {
            rows.push(vec![
                format!(
                    "{}<code>{}</code> {} (now {})",
                    "&nbsp;&nbsp;".repeat(goal.depth + 2),
                    esc(&k.what),
                    esc(&k.target),
                    k.current
                        .map_or_else(|| "unknown".to_string(), |c| format!("{c}"))
                ),
                String::new(),
                String::new(),
                String::new(),
                match &k.unknown {
                    Some(why) => format!("unknown: {}", esc(why)),
                    None => percent(k.progress),
                },
                k.track.as_deref().map_or_else(String::new, |t| {
                    format!("<span class=\"{}\">{}</span>", status_class(t), esc(t))
                }),
                String::new(),
            ]);
        }
    }
    s.push_str(&table(
        Some("goals-table"),
        "Goals and their key results",
        &[
            "goal / key result",
            "status",
            "owner",
            "horizon",
            "#progress",
            "track",
            "served by",
        ],
        &rows,
    ));
    s
}
