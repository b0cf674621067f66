//! Overview, decisions, radar, dependencies and architecture.

use super::table;
use crate::model::build::anchor;
use crate::model::*;
use crate::svg::{self, attr, esc};
use techlead_metrics::evidence::Vulnerable;

fn arrow(k: &KeyNumber) -> String {
    let (sym, word) = match k.trend {
        Trend::Up => ("▲", "up"),
        Trend::Down => ("▼", "down"),
        Trend::Same => ("=", "unchanged"),
        Trend::Unknown => return String::new(),
    };
    let class = match k.good {
        Some(true) => " good",
        Some(false) => " bad",
        None => "",
    };
    let before = k
        .previous_display
        .as_ref()
        .map(|p| format!(" from {p}"))
        .unwrap_or_default();
    format!(
        " <span class=\"{word}{class}\" title=\"{}\">{sym}<span class=\"skip\"> {}</span></span>",
        attr(&format!("{word}{before}")),
        esc(&format!("{word}{before}"))
    )
}

pub fn overview(r: &Report) -> String {
    let o = &r.overview;
    let mut s = String::from("<div class=\"cards\">");
    for k in &o.key_numbers {
        s.push_str(&format!(
            "<div class=\"card\"><div class=\"label\"><a href=\"#{}\">{}</a></div><div class=\"value\"{}>{}{}</div></div>",
            attr(&k.anchor),
            esc(&k.label),
            k.absent.as_ref().map(|a| format!(" title=\"{}\"", attr(a))).unwrap_or_default(),
            esc(&k.display),
            arrow(k)
        ));
    }
    s.push_str("</div>\n<h3>Top risks</h3>\n");
    if o.risks.is_empty() {
        s.push_str("<p>No risk stands out in what could be measured.</p>\n");
    } else {
        s.push_str("<ol class=\"risks\">");
        for risk in &o.risks {
            s.push_str(&format!(
                "<li><a href=\"#{}\"><strong>{}</strong></a>: {}</li>",
                attr(&risk.anchor),
                esc(&risk.title),
                esc(&risk.detail)
            ));
        }
        s.push_str("</ol>\n");
    }
    s.push_str("<h3>Since the previous snapshot</h3>\n");
    match &o.previous {
        None => s.push_str("<p class=\"muted\">No earlier snapshot to compare with: <code>techlead snapshot</code> on each merge builds the history.</p>\n"),
        Some(p) if o.changes.is_empty() => s.push_str(&format!(
            "<p>Nothing changed since <code>{}</code> ({}).</p>\n",
            esc(&p.id[..p.id.len().min(12)]),
            esc(&p.date)
        )),
        Some(p) => {
            let rows: Vec<Vec<String>> = o
                .changes
                .iter()
                .map(|c| {
                    let class = match c.good {
                        Some(true) => "good",
                        Some(false) => "bad",
                        None => "",
                    };
                    vec![
                        format!("<code>{}</code>", esc(&c.metric)),
                        esc(&c.from_display),
                        format!("<span class=\"{class}\">{}</span>", esc(&c.to_display)),
                    ]
                })
                .collect();
            s.push_str(&table(
                None,
                &format!("Changed since {} ({})", &p.id[..p.id.len().min(12)], p.date),
                &["metric", "#before", "#now"],
                &rows,
            ));
        }
    }
    let absent: Vec<&SectionState> = o.sections.iter().filter(|x| !x.ready).collect();
    if !absent.is_empty() {
        s.push_str("<h3>Not in this report</h3>\n<ul>");
        for x in absent {
            s.push_str(&format!(
                "<li><a href=\"#{}\">{}</a>: {}{}</li>",
                attr(&x.id),
                esc(&x.title),
                esc(x.reason.as_deref().unwrap_or("")),
                x.setup
                    .as_ref()
                    .map(|c| format!(" (<code>{}</code>)", esc(c)))
                    .unwrap_or_default()
            ));
        }
        s.push_str("</ul>\n");
    }
    s
}

fn tags(list: &[String]) -> String {
    list.iter()
        .map(|t| format!("<span class=\"tag\">{}</span>", esc(t)))
        .collect()
}

fn options(name: &str, label: &str, values: &[String]) -> String {
    let mut s = format!("<label>{label}<select name=\"{name}\"><option value=\"\">any</option>");
    for v in values {
        s.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            attr(v),
            esc(v)
        ));
    }
    s.push_str("</select></label>");
    s
}

/// The status filter: the statuses in use, and "(no status)" when some
/// record states none (18 of adr/madr's 19 records).
fn status_options(d: &DecisionsPart) -> String {
    let mut s = options("status", "Status", &d.statuses);
    if d.records.iter().any(|r| r.status.is_none()) {
        let at = s.len() - "</select></label>".len();
        s.insert_str(at, "<option value=\"__none__\">(no status)</option>");
    }
    s
}

pub fn decisions(d: &DecisionsPart) -> String {
    let mut s = format!(
        "<p>{} decision record{} in <code>{}</code>.</p>\n",
        d.records.len(),
        if d.records.len() == 1 { "" } else { "s" },
        esc(&d.dir)
    );
    // The arcs in time order: oldest left.
    let mut order: Vec<&Decision> = d.records.iter().collect();
    order.reverse();
    let index = |id: &str| order.iter().position(|r| r.id == id);
    let nodes: Vec<svg::arcs::Node> = order
        .iter()
        .map(|r| svg::arcs::Node {
            id: &r.id,
            label: format!(
                "{} {} ({})",
                r.date.as_deref().unwrap_or("undated"),
                r.title,
                r.status.as_deref().unwrap_or("no status")
            ),
            status: r.status.as_deref(),
            anchor: anchor("adr", &r.id),
        })
        .collect();
    let links: Vec<(usize, usize, String)> = d
        .links
        .iter()
        .filter_map(|l| Some((index(&l.from)?, index(&l.to)?, l.kind.clone())))
        .collect();
    if !order.is_empty() {
        s.push_str(&format!(
            "<figure>{}<figcaption>Every decision in time order (oldest left); arcs above the line are supersedes, below other links. The links are listed under each record.</figcaption></figure>\n",
            svg::arcs::arcs(&nodes, &links)
        ));
    }
    s.push_str(&format!(
        "<form id=\"decision-filters\" class=\"filters\" role=\"search\" hidden data-js-only><label>Search<input type=\"search\" name=\"q\" placeholder=\"words in any record\"></label>{}{}{}<label>From<input type=\"date\" name=\"from\"></label><label>To<input type=\"date\" name=\"to\"></label><output id=\"decision-count\" aria-live=\"polite\"></output></form>\n",
        status_options(d),
        options("tag", "Tag", &d.tags),
        options("decider", "Decider", &d.deciders),
    ));
    for r in &d.records {
        let outgoing: Vec<String> = d
            .links
            .iter()
            .filter(|l| l.from == r.id)
            .map(|l| {
                format!(
                    "{} <a href=\"#{}\">{}</a>",
                    esc(&l.kind),
                    attr(&anchor("adr", &l.to)),
                    esc(&l.to)
                )
            })
            .chain(d.links.iter().filter(|l| l.to == r.id).map(|l| {
                format!(
                    "<a href=\"#{}\">{}</a> {} this",
                    attr(&anchor("adr", &l.from)),
                    esc(&l.from),
                    esc(&l.kind)
                )
            }))
            .collect();
        s.push_str(&format!(
            "<article class=\"decision\" id=\"{}\" data-status=\"{}\" data-date=\"{}\" data-tags=\"{}\" data-deciders=\"{}\"><header><h3>{}{}</h3><div class=\"meta\"><span class=\"status {}\">{}</span> · {}{}{} · <code>{}</code></div></header>{}{}<details><summary>The record</summary>{}</details></article>\n",
            attr(&anchor("adr", &r.id)),
            attr(r.status.as_deref().unwrap_or("")),
            attr(r.date.as_deref().unwrap_or("")),
            attr(&r.tags.join("\u{1f}")),
            attr(&r.deciders.join("\u{1f}")),
            r.number.map(|n| format!("{n}. ")).unwrap_or_default(),
            esc(&r.title),
            svg::arcs::status_class(r.status.as_deref()),
            esc(r.status.as_deref().unwrap_or("no status")),
            esc(r.date.as_deref().unwrap_or("undated")),
            if r.deciders.is_empty() { String::new() } else { format!(" · deciders: {}", esc(&r.deciders.join(", "))) },
            if r.tags.is_empty() { String::new() } else { format!(" · {}", tags(&r.tags)) },
            esc(&r.path),
            if outgoing.is_empty() { String::new() } else { format!("<p class=\"meta\">Links: {}</p>", outgoing.join("; ")) },
            if r.mentions.is_empty() { String::new() } else { format!("<p class=\"meta\">Names: {}</p>", super::mentions(&r.mentions)) },
            r.html,
        ));
    }
    s.push_str(&findings("Problems in the records", &d.findings));
    s
}

pub fn findings(caption: &str, list: &[Finding]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|f| {
            vec![
                esc(&f.severity),
                format!("<code>{}</code>", esc(&f.rule)),
                esc(&f.message),
                f.path
                    .as_ref()
                    .map(|p| {
                        format!(
                            "<code>{}{}</code>",
                            esc(p),
                            f.line.map(|l| format!(":{l}")).unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
            ]
        })
        .collect();
    table(
        None,
        caption,
        &["severity", "rule", "message", "where"],
        &rows,
    )
}

pub fn radar(r: &RadarPart) -> String {
    let mut quadrants = r.quadrants.clone();
    quadrants.resize(4, String::new());
    let blips = r
        .technologies
        .iter()
        .filter_map(|t| {
            Some(crate::radar::Blip {
                name: t.name.clone(),
                ring: r.rings.iter().position(|x| Some(x) == t.ring.as_ref())?,
                quadrant: quadrants
                    .iter()
                    .take(4)
                    .position(|x| Some(x) == t.quadrant.as_ref())?,
                movement: match t.movement.as_str() {
                    "new" => crate::radar::Movement::New,
                    "moved_in" => crate::radar::Movement::MovedIn,
                    "moved_out" => crate::radar::Movement::MovedOut,
                    _ => crate::radar::Movement::Unchanged,
                },
                description: t.packages.join(", "),
                rationale: String::new(),
            })
        })
        .collect();
    let picture = crate::radar::svg(&crate::radar::Radar {
        title: "Technology radar".into(),
        subtitle: "movement over the last 90 days".into(),
        rings: r.rings.clone(),
        quadrants,
        blips,
    });
    let mut s = format!(
        "<figure>{picture}<figcaption>The radar; the table below lists every technology with its rationale.</figcaption></figure>\n"
    );
    if !r.hold_in_use.is_empty() {
        s.push_str("<p class=\"bad\"><strong>On Hold but in use:</strong> ");
        let items: Vec<String> = r
            .hold_in_use
            .iter()
            .map(|h| format!("{} ({})", esc(&h.technology), esc(&h.packages.join(", "))))
            .collect();
        s.push_str(&items.join("; "));
        s.push_str("</p>\n");
    }
    let rows: Vec<Vec<String>> = r
        .technologies
        .iter()
        .map(|t| {
            vec![
                format!(
                    "<span id=\"{}\">{}</span>",
                    attr(&anchor("tech", &t.id)),
                    esc(&t.name)
                ),
                esc(t.ring.as_deref().unwrap_or("")),
                esc(t.quadrant.as_deref().unwrap_or("")),
                esc(&t.movement.replace('_', " ")),
                esc(&t.packages.join(", "))
                    + if t.in_use {
                        " <span class=\"tag\">in use</span>"
                    } else {
                        ""
                    },
                t.decision
                    .as_ref()
                    .map(|d| format!("<a href=\"#{}\">{}</a>", attr(&anchor("adr", d)), esc(d)))
                    .unwrap_or_default(),
                t.rationale_html.clone(),
            ]
        })
        .collect();
    s.push_str(&table(
        None,
        "Technologies",
        &[
            "name",
            "ring",
            "quadrant",
            "movement",
            "packages",
            "decision",
            "rationale",
        ],
        &rows,
    ));
    s.push_str(&findings("Radar findings", &r.findings));
    s
}

pub fn dependencies(d: &DependenciesPart) -> String {
    let rows: Vec<Vec<String>> = d
        .ecosystems
        .iter()
        .map(|e| {
            vec![
                esc(&e.ecosystem),
                e.packages.to_string(),
                e.direct.to_string(),
                e.dev.to_string(),
            ]
        })
        .collect();
    let mut s = String::new();
    // What to fix first, above everything else.
    if let Some(v) = d.vulnerabilities.as_ref().map(|v| &v.vulnerable) {
        let held: Vec<&Vulnerable> = v.iter().filter(|p| p.on_hold.is_some()).collect();
        if !held.is_empty() {
            s.push_str("<div class=\"bad\"><p><strong>On the radar's Hold ring and vulnerable: fix these first.</strong></p><ul>\n");
            for p in held {
                s.push_str(&format!(
                    "<li>{} {} {} ({}, on Hold as {}): {}; {}</li>\n",
                    esc(&p.ecosystem),
                    esc(&p.name),
                    esc(&p.version),
                    esc(&format!("{}:{}", p.source, p.line)),
                    esc(p.on_hold.as_deref().unwrap_or_default()),
                    esc(&p.advisories.join(", ")),
                    esc(&fixed_in(&p.fixed)),
                ));
            }
            s.push_str("</ul></div>\n");
        }
    }
    s.push_str(&format!(
        "<p>{} packages, {} direct, from every lockfile and manifest in the tree (<code>techlead deps</code>).</p>\n",
        d.packages, d.direct
    ));
    s.push_str(&table(
        None,
        "Dependencies by ecosystem",
        &["ecosystem", "#packages", "#direct", "#direct dev"],
        &rows,
    ));
    s.push_str(&dependency_risk(d));
    if d.hold_in_use.is_empty() {
        s.push_str("<p>No technology on Hold is in use.</p>\n");
    } else {
        let rows: Vec<Vec<String>> = d
            .hold_in_use
            .iter()
            .map(|h| vec![esc(&h.technology), esc(&h.packages.join(", "))])
            .collect();
        s.push_str(&table(
            None,
            "On Hold and in use",
            &["technology", "packages"],
            &rows,
        ));
    }
    for e in &d.errors {
        s.push_str(&format!("<p class=\"bad\">Not read: {}</p>\n", esc(e)));
    }
    s
}

/// "fixed in 1.2.3, 2.0.1", or that no fix is known.
fn fixed_in(fixed: &[String]) -> String {
    if fixed.is_empty() {
        "no fixed version is known".to_string()
    } else {
        format!("fixed in {}", fixed.join(", "))
    }
}

/// The risk per ecosystem, and the vulnerable packages when the online
/// answers were asked; offline, what the missing counts need.
fn dependency_risk(d: &DependenciesPart) -> String {
    let online = d.vulnerabilities.is_some();
    let rows: Vec<Vec<String>> = d
        .risk
        .iter()
        .map(|r| {
            // Packages an answer is missing for may be among those not
            // counted: none answered is unknown, some is a lower bound.
            let count = |n: Option<usize>, missing: Option<usize>| match (n, missing) {
                (None, _) => "?".to_string(),
                (Some(_), Some(missing)) if missing >= r.packages => "?".to_string(),
                (Some(n), Some(missing)) if missing > 0 => format!("≥{n}"),
                (Some(n), _) => n.to_string(),
            };
            vec![
                esc(&r.ecosystem),
                count(r.vulnerable, r.vulnerabilities_unknown),
                count(r.outdated_major, r.registry_unknown),
                count(r.yanked, r.registry_unknown),
                r.not_assessed
                    .map_or_else(|| "?".to_string(), |n| n.to_string()),
                r.unknown_license.to_string(),
                r.denied_license
                    .map_or_else(|| "-".to_string(), |n| n.to_string()),
            ]
        })
        .collect();
    let mut s = table(
        None,
        "Dependency risk by ecosystem",
        &[
            "ecosystem",
            "#vulnerable",
            "#majors behind",
            "#yanked",
            "#not assessed",
            "#unknown licence",
            "#refused licence",
        ],
        &rows,
    );
    if !online {
        s.push_str("<p>Vulnerabilities, outdated and yanked versions (<code>?</code>) need the registries and OSV: <code>techlead report --online</code>. A refused licence (<code>-</code>) needs a <code>[deps]</code> licence policy.</p>\n");
    }
    if let Some(scan) = &d.vulnerabilities
        && scan.unknown > 0
    {
        s.push_str(&format!(
            "<p class=\"bad\">OSV gave no answer for {}: their vulnerabilities are unknown, not absent (<code>?</code>, <code>≥</code>: a count that may miss them).</p>\n",
            if scan.unknown == 1 { "1 package".to_string() } else { format!("{} packages", scan.unknown) }
        ));
    }
    match &d.vulnerabilities {
        Some(scan) if scan.vulnerable.is_empty() && scan.unknown == 0 => {
            s.push_str("<p>No package has a known vulnerability (OSV).</p>\n");
        }
        Some(scan) if !scan.vulnerable.is_empty() => {
            let rows: Vec<Vec<String>> = scan
                .vulnerable
                .iter()
                .map(|p| {
                    vec![
                        esc(&p.ecosystem),
                        esc(&p.name),
                        esc(&p.version),
                        esc(&p.advisories.join(", ")),
                        esc(&fixed_in(&p.fixed)),
                        esc(p.on_hold.as_deref().unwrap_or("")),
                        esc(&format!("{}:{}", p.source, p.line)),
                    ]
                })
                .collect();
            s.push_str(&table(
                None,
                "Vulnerable packages",
                &[
                    "ecosystem",
                    "package",
                    "version",
                    "advisories",
                    "fix",
                    "on Hold",
                    "lockfile",
                ],
                &rows,
            ));
        }
        _ => {}
    }
    s
}

pub fn architecture(a: &ArchitecturePart) -> String {
    let nodes: Vec<svg::graph::Node> = a
        .modules
        .iter()
        .map(|m| svg::graph::Node {
            name: &m.name,
            layer: m.layer.as_deref(),
        })
        .collect();
    let edges: Vec<svg::graph::Edge> = a
        .dependencies
        .iter()
        .map(|e| svg::graph::Edge {
            from: &e.from,
            to: &e.to,
            imports: e.imports,
            violations: &e.violations,
        })
        .collect();
    let bad = a
        .dependencies
        .iter()
        .filter(|e| !e.violations.is_empty())
        .count();
    let mut s = format!(
        "<p>{} modules, {} dependencies between them, {} breaking a rule; {} new violation{} and {} known in the baseline.</p>\n",
        a.modules.len(),
        a.dependencies.len(),
        bad,
        a.findings.iter().filter(|f| f.severity != "note").count(),
        if a.findings.len() == 1 { "" } else { "s" },
        a.baseline
    );
    s.push_str(&format!(
        "<figure>{}<figcaption>Modules in their layers (top to bottom as declared); arrows are imports, red ones break a rule. The table lists every dependency.</figcaption></figure>\n",
        svg::graph::layered(&a.layers, &nodes, &edges, &|m| anchor("module", m))
    ));
    let rows: Vec<Vec<String>> = a
        .dependencies
        .iter()
        .map(|e| {
            vec![
                esc(&e.from),
                esc(&e.to),
                e.imports.to_string(),
                if e.violations.is_empty() {
                    "allowed".into()
                } else {
                    format!(
                        "<span class=\"bad\">{}</span>",
                        esc(&e.violations.join(", "))
                    )
                },
            ]
        })
        .collect();
    s.push_str(&table(
        None,
        "Module dependencies",
        &["from", "to", "#imports", "rules"],
        &rows,
    ));
    s.push_str(&findings(
        "Boundary findings (after the baseline)",
        &a.findings,
    ));
    s
}
