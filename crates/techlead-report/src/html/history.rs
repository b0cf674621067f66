//! Hotspots, knowledge, coupling, delivery and trends: the sections read
//! from git history and from the snapshots.

use super::table;
use crate::model::*;
use crate::svg::{self, attr, esc};
use std::collections::HashMap;

/// How many rows a long table shows (the JSON has them all).
const ROWS: usize = 50;

fn code(s: &str) -> String {
    format!("<code>{}</code>", esc(s))
}

fn filter(table_id: &str, what: &str) -> String {
    format!(
        "<p class=\"filters\" hidden data-js-only><label>Filter {what}<input type=\"search\" data-filter=\"{}\" placeholder=\"path or name\"></label></p>",
        attr(table_id)
    )
}

fn map(id: &str, label: &str, leaves: &[svg::treemap::Leaf]) -> String {
    let svg = svg::treemap::map(label, leaves).replacen(
        "<svg ",
        &format!("<svg id=\"{}\" ", attr(id)),
        1,
    );
    format!(
        "<figure>{svg}<figcaption>{} <button type=\"button\" class=\"zoom-reset\" data-map=\"{}\" hidden data-js-only>Whole map</button></figcaption></figure>\n",
        esc(label),
        attr(id)
    )
}

pub fn hotspots(h: &HotspotsPart) -> String {
    let leaves: Vec<svg::treemap::Leaf> = h
        .files
        .iter()
        .map(|f| svg::treemap::Leaf {
            path: f.path.clone(),
            size: f.loc.max(1) as f64,
            fill: svg::heat(f.score.sqrt()),
            title: format!(
                "{}: {} lines, {} changes, complexity {}, score {:.2}",
                f.path, f.loc, f.revisions, f.complexity, f.score
            ),
        })
        .collect();
    let mut s = String::from("<div class=\"side\"><div>");
    s.push_str(&map(
        "hotspot-map",
        "Files by folder: area is lines of code, colour is change frequency times complexity. Click or press Enter on a folder to zoom in, Escape to zoom out.",
        &leaves,
    ));
    s.push_str("<p class=\"legend\"><span>cool <span class=\"heat-scale\"></span> hot</span></p></div><div>");
    s.push_str(&filter("hotspot-table", "hotspots"));
    let rows: Vec<Vec<String>> = h
        .files
        .iter()
        .take(ROWS)
        .map(|f| {
            vec![
                code(&f.path),
                f.revisions.to_string(),
                f.complexity.to_string(),
                f.loc.to_string(),
                format!("{:.2}", f.score),
            ]
        })
        .collect();
    s.push_str("<div class=\"scroll\">");
    s.push_str(&table(
        Some("hotspot-table"),
        &format!("The {} highest hotspots of {}", rows.len(), h.files.len()),
        &["file", "#changes", "#complexity", "#lines", "#score"],
        &rows,
    ));
    s.push_str("</div></div></div>\n");
    s
}

pub fn knowledge(k: &KnowledgePart) -> String {
    let mut s = format!(
        "<p>Truck factor <strong>{}</strong> ({}): the fewest people whose leaving orphans half of the {} files with history. {} of them ({:.0}%) were changed by one person only.</p>\n",
        k.truck_factor,
        esc(&k.truck_people.join(", ")),
        k.files,
        k.islands,
        if k.files > 0 {
            k.islands as f64 * 100.0 / k.files as f64
        } else {
            0.0
        }
    );
    s.push_str("<p class=\"legend\">");
    for (i, o) in k.owners.iter().take(10).enumerate() {
        s.push_str(&format!(
            "<span><span class=\"swatch sw{i}\"></span>{} ({} files)</span>",
            esc(&o.author),
            o.files
        ));
    }
    if k.owners.len() > 10 {
        s.push_str(&format!(
            "<span><span class=\"swatch swo\"></span>{} others</span>",
            k.owners.len() - 10
        ));
    }
    s.push_str("</p>\n");
    s
}

/// The knowledge map needs the hotspots' sizes: drawn by [`knowledge_map`].
pub fn knowledge_map(k: &KnowledgePart, h: Option<&HotspotsPart>) -> String {
    let Some(h) = h else {
        return String::new();
    };
    let colour: HashMap<&str, usize> = k
        .owners
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, o)| (o.author.as_str(), i))
        .collect();
    let leaves: Vec<svg::treemap::Leaf> = h
        .files
        .iter()
        .map(|f| {
            let dev = f.main_dev.as_deref();
            svg::treemap::Leaf {
                path: f.path.clone(),
                size: f.loc.max(1) as f64,
                fill: dev
                    .and_then(|d| colour.get(d))
                    .map_or(svg::OTHER, |&i| svg::PALETTE[i])
                    .to_string(),
                title: format!("{}: main developer {}", f.path, dev.unwrap_or("unknown")),
            }
        })
        .collect();
    map(
        "knowledge-map",
        "The same map coloured by each file's main developer (by commits). Click a folder to zoom.",
        &leaves,
    )
}

pub fn knowledge_rest(k: &KnowledgePart) -> String {
    let mut s = String::new();
    if !k.modules.is_empty() {
        let rows: Vec<Vec<String>> = k
            .modules
            .iter()
            .map(|m| {
                vec![
                    esc(&m.module),
                    m.truck_factor.to_string(),
                    esc(&m.people.join(", ")),
                    m.files.to_string(),
                ]
            })
            .collect();
        s.push_str(&table(
            None,
            "Truck factor per module",
            &["module", "#truck factor", "people", "#files"],
            &rows,
        ));
    }
    if k.departed.is_empty() {
        s.push_str(&format!(
            "<p>Everyone who owns files committed since {}.</p>\n",
            esc(&k.active_since)
        ));
    } else {
        let rows: Vec<Vec<String>> = k
            .departed
            .iter()
            .map(|d| vec![esc(&d.author), esc(&d.last_commit), d.files.to_string()])
            .collect();
        s.push_str(&table(
            None,
            &format!(
                "People who left (no commit since {}) and still own files",
                k.active_since
            ),
            &["person", "last commit", "#files owned"],
            &rows,
        ));
    }
    if !k.loss.is_empty() {
        let rows: Vec<Vec<String>> = k
            .loss
            .iter()
            .take(ROWS)
            .map(|l| {
                vec![
                    code(&l.path),
                    esc(&l.authors.join(", ")),
                    l.revisions.to_string(),
                ]
            })
            .collect();
        s.push_str(&table(
            None,
            &format!(
                "Knowledge islands nobody active knows ({} files)",
                k.loss.len()
            ),
            &["file", "authors (all gone)", "#changes"],
            &rows,
        ));
    }
    s
}

pub fn coupling(c: &CouplingPart) -> String {
    let pair_rows = |pairs: &[&Pair], modules: bool| -> Vec<Vec<String>> {
        pairs
            .iter()
            .take(ROWS)
            .map(|p| {
                let mut row = vec![
                    if modules { esc(&p.a) } else { code(&p.a) },
                    if modules { esc(&p.b) } else { code(&p.b) },
                    format!("{}%", p.degree),
                    p.average_revisions.to_string(),
                ];
                if !modules && c.has_modules {
                    row.push(match (&p.module_a, &p.module_b) {
                        (Some(a), Some(b)) if a != b => {
                            format!("<span class=\"bad\">{} ↔ {}</span>", esc(a), esc(b))
                        }
                        (Some(a), Some(_)) => esc(a),
                        _ => String::new(),
                    });
                }
                row
            })
            .collect()
    };
    let mut s = String::new();
    let crossing: Vec<&Pair> = c.pairs.iter().filter(|p| p.crosses).collect();
    if c.has_modules {
        s.push_str(&format!(
            "<p>{} of {} coupled pairs cross a module boundary: dependencies the module graph does not show.</p>\n",
            crossing.len(),
            c.pairs.len()
        ));
        if !crossing.is_empty() {
            s.push_str(&table(
                None,
                "Coupling across modules",
                &["file", "changes with", "#degree", "#avg changes", "modules"],
                &pair_rows(&crossing, false),
            ));
        }
    }
    let all: Vec<&Pair> = c.pairs.iter().collect();
    if all.is_empty() {
        s.push_str("<p>No pair of files changes together above code-maat's thresholds (5 shared changes, 30%).</p>\n");
    } else {
        let mut headers = vec!["file", "changes with", "#degree", "#avg changes"];
        if c.has_modules {
            headers.push("modules");
        }
        s.push_str(&table(
            None,
            "Strongest pairs",
            &headers,
            &pair_rows(&all, false),
        ));
    }
    if !c.modules.is_empty() {
        let modules: Vec<&Pair> = c.modules.iter().collect();
        s.push_str(&table(
            None,
            "Modules that change together",
            &["module", "changes with", "#degree", "#avg changes"],
            &pair_rows(&modules, true),
        ));
    }
    s
}

pub fn delivery(d: &DeliveryPart) -> String {
    let first = d.releases.iter().find(|r| r.first);
    let lead = match (d.median_lead_days, d.p90_lead_days, first) {
        (Some(m), Some(p), Some(f)) => format!(
            "lead time from commit to release: median {m:.1} days, p90 {p:.1} days, over the {} commits released after the first release ({}, which has no earlier release to start from)",
            d.lead_commits,
            esc(&f.tag)
        ),
        (_, _, Some(f)) => format!(
            "lead time: not measured, no commit was released after the first release ({})",
            esc(&f.tag)
        ),
        _ => "lead time: not measured, no release tag is on the main line".into(),
    };
    let r = &d.recent;
    let recent = match (r.median_lead_days, r.p90_lead_days) {
        (Some(m), Some(p)) => format!(
            "; over the last year (the {} releases since {}, {} commits): median {m:.1} days, p90 {p:.1} days",
            r.releases,
            esc(&r.since),
            r.lead_commits
        ),
        _ if first.is_some() && !r.since.is_empty() => format!(
            "; over the last year: not measured, no release since {} shipped a commit",
            esc(&r.since)
        ),
        _ => String::new(),
    };
    let mut s = format!(
        "<p>{} releases; {lead}{recent}; {} reverts in {} released commits ({:.1}%).{}</p>\n",
        d.releases.len(),
        d.reverts,
        d.commits_released,
        d.revert_rate * 100.0,
        if d.prereleases > 0 {
            format!(" {} pre-release tags are not counted.", d.prereleases)
        } else {
            String::new()
        }
    );
    let months: Vec<(String, f64)> = d
        .per_month
        .iter()
        .map(|m| (m.month.clone(), m.releases as f64))
        .collect();
    let whole = |v: f64| format!("{v:.0}");
    s.push_str(&format!(
        "<figure>{}<figcaption>Releases per month.</figcaption></figure>\n",
        svg::chart::bars("Releases per month", &months, 1.0, &whole)
    ));
    let lead: Vec<(String, f64)> = d
        .releases
        .iter()
        .map(|r| (r.tag.clone(), r.median_lead_days))
        .collect();
    let days = |v: f64| format!("{v:.1}");
    s.push_str(&format!(
        "<figure>{}<figcaption>Median lead time of each release, in days.</figcaption></figure>\n",
        svg::chart::bars("Median lead time per release (days)", &lead, 0.1, &days)
    ));
    let rows: Vec<Vec<String>> = d
        .releases
        .iter()
        .rev()
        .take(ROWS)
        .map(|r| {
            vec![
                esc(&r.tag),
                esc(&r.date),
                r.commits.to_string(),
                r.reverts.to_string(),
                match r.first {
                    true => format!("{:.1} (first release)", r.median_lead_days),
                    false => format!("{:.1}", r.median_lead_days),
                },
            ]
        })
        .collect();
    s.push_str(&table(
        None,
        "Releases, newest first",
        &[
            "release",
            "date",
            "#commits",
            "#reverts",
            "#median lead days",
        ],
        &rows,
    ));
    s
}

pub fn trends(t: &TrendsPart) -> String {
    let mut s = format!(
        "<p>{} snapshot{} recorded. Dashed lines mark the dates of decisions.</p>\n<div role=\"tablist\" aria-label=\"Metrics\" hidden data-js-only>",
        t.snapshots,
        if t.snapshots == 1 { "" } else { "s" }
    );
    for (i, series) in t.series.iter().enumerate() {
        s.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"trend-tab-{i}\" aria-controls=\"trend-{i}\" aria-selected=\"false\">{}</button>",
            esc(&series.metric)
        ));
    }
    s.push_str("</div>\n");
    let markers: Vec<(String, String)> = t
        .decisions
        .iter()
        .map(|m| (m.date.clone(), format!("{}: {}", m.id, m.title)))
        .collect();
    for (i, series) in t.series.iter().enumerate() {
        let info = techlead_metrics::find(&series.metric);
        let fmt = |v: f64| info.map_or_else(|| v.to_string(), |m| m.format(v));
        let points: Vec<(String, f64, String)> = series
            .points
            .iter()
            .map(|p| (p.date.clone(), p.value, p.commit.clone()))
            .collect();
        let rows: Vec<Vec<String>> = series
            .points
            .iter()
            .map(|p| {
                vec![
                    esc(&p.date),
                    code(&p.commit[..p.commit.len().min(12)]),
                    esc(&fmt(p.value)),
                ]
            })
            .collect();
        s.push_str(&format!(
            "<div id=\"trend-{i}\" role=\"tabpanel\" aria-labelledby=\"trend-tab-{i}\"><h3><code>{}</code></h3><p class=\"muted\">{} ({}, {})</p><figure>{}</figure>{}</div>\n",
            esc(&series.metric),
            esc(&series.description),
            esc(&series.unit),
            esc(match series.better.as_str() {
                "higher" => "higher is better",
                "lower" => "lower is better",
                _ => "a size to watch",
            }),
            svg::chart::line(
                &series.metric,
                &points,
                &markers,
                if series.unit == "count" || series.unit == "level" { 1.0 } else { 0.01 },
                &fmt
            ),
            table(None, &format!("{} by snapshot", series.metric), &["commit date", "commit", "#value"], &rows)
        ));
    }
    s
}
