//! One function per section of the dashboard. Cells are escaped here, as
//! the report's table expects.

use super::{arrow, value};
use crate::model::{Dashboard, RepoCard};
use crate::spark;
use techlead_report::kit::{attr, esc, table};

pub fn render(d: &Dashboard, id: &str) -> String {
    match id {
        "overview" => overview(d),
        "repositories" => repositories(d),
        "practices" => practices(d),
        "radar" => radar(d),
        "dependencies" => dependencies(d),
        "decisions" => decisions(d),
        "hotspots" => hotspots(d),
        "knowledge" => knowledge(d),
        _ => String::new(),
    }
}

fn note(text: &str) -> String {
    format!("<p class=\"absent-note\">{text}</p>\n")
}

fn card(label: &str, value: &str, detail: &str) -> String {
    format!(
        "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"muted\">{}</div></div>",
        esc(label),
        esc(value),
        esc(detail)
    )
}

/// The sum of a figure over the repositories that recorded it, and how
/// many did: a total over some repositories says so.
fn total(d: &Dashboard, metric: &str) -> Option<(f64, usize)> {
    let i = d.figures.iter().position(|f| f.metric == metric)?;
    let vals: Vec<f64> = d
        .repositories
        .iter()
        .filter_map(|r| r.figures[i].value)
        .collect();
    (!vals.is_empty()).then(|| (vals.iter().sum(), vals.len()))
}

fn overview(d: &Dashboard) -> String {
    if d.repositories.is_empty() {
        return note(
            "No repository in this store yet. Push one from its CI with <code>techlead snapshot --store URL</code> (<code>techlead ci init github|gitlab</code> writes the pipeline).",
        );
    }
    let n = d.repositories.len();
    let snapshots: usize = d.repositories.iter().map(|r| r.snapshots).sum();
    let mut s = String::from("<div class=\"cards\">");
    s.push_str(&card(
        "Repositories",
        &n.to_string(),
        &format!("{} teams", d.teams.len()),
    ));
    s.push_str(&card("Snapshots", &snapshots.to_string(), "in the store"));
    let hold_repos: std::collections::BTreeSet<&str> = d
        .hold_in_use
        .iter()
        .flat_map(|h| h.repos.iter().map(String::as_str))
        .collect();
    s.push_str(&card(
        "Packages on Hold in use",
        &d.hold_in_use.len().to_string(),
        &format!("in {} repositories", hold_repos.len()),
    ));
    for (metric, label) in [
        ("deps.vulnerable", "Vulnerable package versions"),
        ("boundaries.violations", "Boundary violations"),
        ("debt.open_items", "Open debt items"),
    ] {
        let (v, detail) = match total(d, metric) {
            Some((v, k)) => (
                format!("{}", v.round() as i64),
                format!("{k} of {n} repositories record it"),
            ),
            None => ("—".into(), "no repository records it".into()),
        };
        s.push_str(&card(label, &v, &detail));
    }
    let tf = d
        .figures
        .iter()
        .position(|f| f.metric == "history.truck_factor");
    let lone = tf.map_or(0, |i| {
        d.repositories
            .iter()
            .filter(|r| r.figures[i].value.is_some_and(|v| v <= 1.0))
            .count()
    });
    s.push_str(&card(
        "Truck factor of 1",
        &lone.to_string(),
        "repositories",
    ));
    s.push_str("</div>\n");
    if !d.hold_in_use.is_empty() {
        s.push_str(&format!(
            "<p class=\"callout\"><span class=\"hold\">On Hold, in use:</span> {} — see <a href=\"#radar\">the radar</a>.</p>\n",
            d.hold_in_use
                .iter()
                .map(|h| format!("<code>{}:{}</code> ({})", esc(&h.ecosystem), esc(&h.package), esc(&h.repos.join(", "))))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    s
}

fn repo_cell(r: &RepoCard) -> String {
    let mut s = format!("<strong>{}</strong>", esc(&r.name));
    if let Some(t) = &r.team {
        s.push_str(&format!("<br><span class=\"muted\">{}</span>", esc(t)));
    }
    for t in &r.tags {
        s.push_str(&format!(" <span class=\"tag\">{}</span>", esc(t)));
    }
    s
}

fn repositories(d: &Dashboard) -> String {
    let mut headers: Vec<String> = vec![
        "Repository".into(),
        "Latest commit".into(),
        "#Errors / warnings".into(),
    ];
    headers.extend(d.figures.iter().map(|f| format!("#{}", f.label)));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = d
        .repositories
        .iter()
        .map(|r| {
            let mut row = vec![
                repo_cell(r),
                match (&r.committed_at, &r.commit) {
                    (Some(at), Some(c)) => format!(
                        "<span title=\"commit {}\">{}</span><br><span class=\"muted\">{} snapshots</span>",
                        attr(c),
                        esc(at.get(..10).unwrap_or(at)),
                        r.snapshots
                    ),
                    _ => "<span class=\"muted\">no snapshot</span>".into(),
                },
                format!("{} / {}", r.findings[0], r.findings[1]),
            ];
            for (info, f) in d.figures.iter().zip(&r.figures) {
                let fmt = |v: f64| value(info, v);
                row.push(match f.value {
                    Some(v) => format!(
                        "<span class=\"fig\">{}{}{}</span>",
                        esc(&fmt(v)),
                        f.previous.map(|p| arrow(info, v, p)).unwrap_or_default(),
                        spark::line(&f.trend, &fmt)
                    ),
                    None => "<span class=\"muted\" title=\"not recorded in the latest snapshot\">—</span>".into(),
                });
            }
            row
        })
        .collect();
    format!(
        "<p class=\"muted\">Each repository's latest snapshot; arrows compare it with the snapshot before, green when the figure moved the better way; the lines draw the last snapshots (up to a year of weekly ones). — means the latest snapshot has no value for it.</p>\n<div class=\"wide\">{}</div>\n",
        table(None, "Key figures per repository", &headers, &rows)
    )
}

fn practices(d: &Dashboard) -> String {
    let mut s = String::from("<div class=\"levels\">");
    for l in &d.practices {
        s.push_str(&card(
            &l.level,
            &l.repositories.len().to_string(),
            "repositories",
        ));
    }
    s.push_str("</div>\n");
    let rows: Vec<Vec<String>> = d
        .practices
        .iter()
        .filter(|l| !l.repositories.is_empty())
        .map(|l| vec![esc(&l.level), esc(&l.repositories.join(", "))])
        .collect();
    s + &table(
        None,
        "Repositories per practices level",
        &["Level", "Repositories"],
        &rows,
    )
}

fn radar(d: &Dashboard) -> String {
    let mut s = String::new();
    if d.radar.is_empty() {
        s.push_str(&note("No repository has technology records on its radar. Add them with <code>techlead radar add</code>."));
    } else {
        let rows: Vec<Vec<String>> = d
            .radar
            .iter()
            .map(|t| {
                let uses: Vec<String> = t
                    .uses
                    .iter()
                    .map(|u| {
                        let ring = u.ring.as_deref().unwrap_or("no ring");
                        let hold = ring.eq_ignore_ascii_case("hold");
                        format!(
                            "{} <span class=\"{}\">{}</span>",
                            esc(&u.repo),
                            if hold { "hold" } else { "muted" },
                            esc(ring)
                        )
                    })
                    .collect();
                vec![
                    format!(
                        "{}{}",
                        esc(&t.technology),
                        if t.on_hold {
                            " <span class=\"hold\">on Hold somewhere</span>"
                        } else {
                            ""
                        }
                    ),
                    esc(&t.quadrants.join(", ")),
                    t.uses.len().to_string(),
                    format!(
                        "{}{}",
                        uses.join("; "),
                        if t.rings_differ {
                            " <em>(rings differ)</em>"
                        } else {
                            ""
                        }
                    ),
                ]
            })
            .collect();
        s.push_str(&table(
            None,
            "Each technology with the repositories whose radar has it, and their ring",
            &[
                "Technology",
                "Quadrant",
                "#Repositories",
                "Ring per repository",
            ],
            &rows,
        ));
    }
    s.push_str("<h3>Packages on Hold in use</h3>\n");
    if d.hold_in_use.is_empty() {
        s.push_str("<p>No repository uses a package that its radar puts on Hold.</p>\n");
    } else {
        let rows: Vec<Vec<String>> = d
            .hold_in_use
            .iter()
            .map(|h| {
                vec![
                    format!(
                        "<span class=\"hold\">{}:{}</span>",
                        esc(&h.ecosystem),
                        esc(&h.package)
                    ),
                    esc(&h.versions.join(", ")),
                    if h.direct {
                        "direct".into()
                    } else {
                        "transitive".into()
                    },
                    esc(&h.repos.join(", ")),
                ]
            })
            .collect();
        s.push_str(&table(
            None,
            "Packages on a Hold ring that repositories use",
            &["Package", "Versions", "Dependency", "Repositories"],
            &rows,
        ));
    }
    s
}

fn dependencies(d: &Dashboard) -> String {
    let mut headers = vec!["Repository".to_string()];
    headers.extend(d.risk.iter().map(|f| format!("#{}", f.label)));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = d
        .dependencies
        .iter()
        .map(|r| {
            let mut row = vec![esc(&r.repo)];
            row.extend(d.risk.iter().zip(&r.values).map(|(info, v)| match v {
                Some(v) => esc(&value(info, *v)),
                None => "<span class=\"muted\">—</span>".into(),
            }));
            row
        })
        .collect();
    let mut s = String::from(
        "<p class=\"muted\">From each repository's latest snapshot. Vulnerable, yanked and majors behind are recorded only by <code>techlead snapshot --online</code>; — means not recorded.</p>\n",
    );
    s.push_str(&table(
        None,
        "Dependency risk per repository",
        &headers,
        &rows,
    ));
    let shared: Vec<Vec<String>> = d
        .shared_packages
        .iter()
        .map(|p| {
            vec![
                format!("{}:{}", esc(&p.ecosystem), esc(&p.package)),
                p.repos.to_string(),
                p.versions.len().to_string(),
                esc(&p.versions.join(", ")),
            ]
        })
        .collect();
    if !shared.is_empty() {
        s.push_str(&table(
            None,
            "Packages most repositories share, and the versions they run",
            &["Package", "#Repositories", "#Versions", "Versions"],
            &shared,
        ));
    }
    s
}

fn decisions(d: &Dashboard) -> String {
    if d.decisions.quarters.is_empty() {
        return note("No repository records <code>decisions.total</code> yet.");
    }
    let mut headers = vec!["Team".to_string(), "#Repositories".to_string()];
    headers.extend(d.decisions.quarters.iter().map(|q| format!("#{q}")));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> =
        d.decisions
            .teams
            .iter()
            .map(|t| {
                let mut row = vec![esc(&t.team), t.repos.to_string()];
                row.extend(t.totals.iter().zip(&t.added).map(|(total, added)| {
                    match (total, added) {
                        (Some(v), Some(a)) if *a != 0.0 => {
                            format!("{} <span class=\"muted\">({a:+})</span>", v.round() as i64)
                        }
                        (Some(v), _) => format!("{}", v.round() as i64),
                        (None, _) => "<span class=\"muted\">—</span>".into(),
                    }
                }));
                row
            })
            .collect();
    format!(
        "<p class=\"muted\">Decision records in each team's repositories at the end of each quarter (each repository's latest snapshot by then), and in brackets the change since the quarter before.</p>\n{}",
        table(
            None,
            "Decision records per team and quarter",
            &headers,
            &rows
        )
    )
}

fn hotspots(d: &Dashboard) -> String {
    if d.hotspots.is_empty() {
        return note(
            "No snapshot holds hotspots: they are recorded by <code>techlead snapshot</code> in a repository with history and source files.",
        );
    }
    let rows: Vec<Vec<String>> = d
        .hotspots
        .iter()
        .map(|h| {
            let x = &h.hotspot;
            vec![
                esc(&h.repo),
                format!("<code>{}</code>", esc(&x.path)),
                x.revisions.to_string(),
                x.complexity.to_string(),
                x.loc.to_string(),
                x.health
                    .map_or("<span class=\"muted\">—</span>".into(), |v| {
                        format!("{v:.1}")
                    }),
            ]
        })
        .collect();
    table(
        None,
        "The worst hotspots across the organisation: most changes times complexity",
        &[
            "Repository",
            "File",
            "#Revisions",
            "#Complexity",
            "#Lines",
            "#Health",
        ],
        &rows,
    )
}

fn knowledge(d: &Dashboard) -> String {
    if d.knowledge.is_empty() {
        return note(
            "No snapshot holds knowledge risks: they are recorded by <code>techlead snapshot</code> in a repository with history.",
        );
    }
    let rows: Vec<Vec<String>> = d
        .knowledge
        .iter()
        .map(|k| {
            let x = &k.knowledge;
            vec![
                esc(&k.repo),
                esc(&x.kind),
                format!("<code>{}</code>", esc(&x.path)),
                x.main_dev.as_deref().map(esc).unwrap_or_default(),
                x.ownership.map_or(String::new(), |o| {
                    format!("{}%", (o * 100.0).round() as i64)
                }),
                x.truck_factor.map_or(String::new(), |t| t.to_string()),
                x.revisions.to_string(),
            ]
        })
        .collect();
    table(
        None,
        "Knowledge risks: modules with the lowest truck factor, files one person owns",
        &[
            "Repository",
            "Kind",
            "Module or file",
            "Main developer",
            "#Ownership",
            "#Truck factor",
            "#Changes or files",
        ],
        &rows,
    )
}
