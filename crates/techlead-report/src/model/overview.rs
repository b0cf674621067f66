//! The overview: key numbers with their movement, the five biggest risks,
//! what changed since the previous snapshot, and each section's state.

use super::*;
use techlead_metrics::{Better, Evidence};

/// The key numbers, each with the section that explains it.
const KEY: &[(&str, &str, &str)] = &[
    ("history.truck_factor", "Truck factor", "knowledge"),
    (
        "boundaries.violations",
        "New boundary violations",
        "architecture",
    ),
    ("radar.hold_in_use", "Hold technologies in use", "radar"),
    (
        "hotspots.top_complexity",
        "Worst hotspot complexity",
        "hotspots",
    ),
    ("coupling.cross_module", "Cross-module coupling", "coupling"),
    (
        "delivery.releases_per_month",
        "Releases per month, last 6 months",
        "delivery",
    ),
    (
        "delivery.lead_time_p90_days_last_year",
        "Lead time p90, last year (days)",
        "delivery",
    ),
    ("decisions.accepted", "Accepted decisions", "decisions"),
    (
        "history.knowledge_island_share",
        "Files known by one person",
        "knowledge",
    ),
    ("deps.direct", "Direct dependencies", "dependencies"),
    ("health.average", "Average code health", "health"),
    ("debt.open_items", "Open debt items", "debt"),
];

fn good(better: Better, from: f64, to: f64) -> Option<bool> {
    match better {
        _ if from == to => None,
        Better::Higher => Some(to > from),
        Better::Lower => Some(to < from),
        Better::Neither => None,
    }
}

pub fn overview(r: &Report, e: &Evidence, history: Option<&History>) -> Overview {
    let previous = history.and_then(|h| h.previous.as_ref());
    let before = |metric: &str| -> Option<f64> {
        previous.and_then(|(_, values)| values.iter().find(|(m, _)| m == metric).map(|(_, v)| *v))
    };
    let key_numbers = KEY
        .iter()
        .filter_map(|(metric, label, anchor)| {
            let info = techlead_metrics::find(metric)?;
            let m = r.metrics.iter().find(|m| m.metric == *metric)?;
            let prev = before(metric);
            let trend = match (prev, m.value) {
                (Some(a), Some(b)) if b > a => Trend::Up,
                (Some(a), Some(b)) if b < a => Trend::Down,
                (Some(_), Some(_)) => Trend::Same,
                _ => Trend::Unknown,
            };
            let (display, previous_display) = match (prev, m.value) {
                (Some(a), Some(b)) => {
                    let (a, b) = apart(info, a, b);
                    (b, Some(a))
                }
                (p, v) => (
                    v.map_or_else(|| "n/a".into(), |v| info.format(v)),
                    p.map(|v| info.format(v)),
                ),
            };
            Some(KeyNumber {
                metric: metric.to_string(),
                label: label.to_string(),
                value: m.value,
                display,
                absent: m.absent.clone(),
                previous: prev,
                previous_display,
                trend,
                good: prev.zip(m.value).and_then(|(a, b)| good(info.better, a, b)),
                anchor: anchor.to_string(),
            })
        })
        .collect();
    let changes = previous
        .map(|_| {
            r.metrics
                .iter()
                .filter_map(|m| {
                    let info = techlead_metrics::find(&m.metric)?;
                    let (from, to) = (before(&m.metric)?, m.value?);
                    let (from_display, to_display) = apart(info, from, to);
                    (from != to).then(|| Change {
                        metric: m.metric.clone(),
                        from,
                        to,
                        from_display,
                        to_display,
                        good: good(info.better, from, to),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Overview {
        key_numbers,
        risks: risks(r, e),
        previous: previous.map(|(c, _)| c.clone()),
        changes,
        sections: sections(r),
    }
}

/// Two values as people read them, with one more decimal for shares that
/// differ but round alike: "27.4% → 26.8%", never "27% → 27% (better)".
fn apart(info: &techlead_metrics::Metric, from: f64, to: f64) -> (String, String) {
    let (a, b) = (info.format(from), info.format(to));
    if a == b && from != to && info.unit == techlead_metrics::Unit::Ratio {
        (
            format!("{:.1}%", from * 100.0),
            format!("{:.1}%", to * 100.0),
        )
    } else {
        (a, b)
    }
}

fn value(r: &Report, metric: &str) -> Option<f64> {
    r.metrics.iter().find(|m| m.metric == metric)?.value
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every risk the evidence shows, weighted; the five worst are kept.
fn risks(r: &Report, _e: &Evidence) -> Vec<Risk> {
    let mut out = Vec::new();
    let mut add = |weight: u32, title: String, detail: String, anchor: &str| {
        out.push(Risk {
            title,
            detail,
            anchor: anchor.to_string(),
            weight,
        })
    };
    if let Some(a) = r.architecture.ready() {
        let new = a.findings.iter().filter(|f| f.severity != "note").count();
        if new > 0 {
            let first = &a.findings[0];
            add(
                90,
                plural(new, "new boundary violation", "new boundary violations"),
                format!("first: {}", first.message),
                "architecture",
            );
        }
        if a.baseline > 0 {
            add(
                35,
                plural(
                    a.baseline,
                    "known boundary violation",
                    "known boundary violations",
                ),
                "recorded in the baseline and still to be paid down".into(),
                "architecture",
            );
        }
    }
    if let Some(h) = r.health.ready()
        && h.unhealthy > 0
    {
        add(
            70,
            plural(h.unhealthy, "file in poor health", "files in poor health"),
            format!(
                "health under 4 of 10; the worst: {} ({:.2})",
                h.worst[0].path, h.worst[0].health
            ),
            "health",
        );
    }
    if let Some(d) = r.debt.ready() {
        let late: Vec<&DebtRow> = d
            .items
            .iter()
            .filter(|i| {
                i.owed
                    && i.target
                        .as_deref()
                        .is_some_and(|t| t < r.generated.as_str())
            })
            .collect();
        if !late.is_empty() {
            add(
                65,
                plural(
                    late.len(),
                    "debt item past its date",
                    "debt items past their date",
                ),
                format!("first: {} {}", late[0].id, late[0].title),
                "debt",
            );
        }
    }
    if let Some(radar) = r.radar.ready()
        && !radar.hold_in_use.is_empty()
    {
        let names: Vec<&str> = radar
            .hold_in_use
            .iter()
            .map(|h| h.technology.as_str())
            .collect();
        add(
            85,
            plural(
                names.len(),
                "technology on Hold in use",
                "technologies on Hold in use",
            ),
            names.join(", "),
            "radar",
        );
    }
    if let Some(scan) = r
        .dependencies
        .ready()
        .and_then(|d| d.vulnerabilities.as_ref())
        && !scan.vulnerable.is_empty()
    {
        let vulnerable = &scan.vulnerable;
        let held = vulnerable.iter().filter(|v| v.on_hold.is_some()).count();
        let first = &vulnerable[0];
        add(
            if held > 0 { 95 } else { 75 },
            if held > 0 {
                plural(
                    held,
                    "vulnerable package on Hold",
                    "vulnerable packages on Hold",
                )
            } else {
                plural(
                    vulnerable.len(),
                    "vulnerable package",
                    "vulnerable packages",
                )
            },
            format!(
                "first: {} {} ({})",
                first.name,
                first.version,
                first.advisories.join(", ")
            ),
            "dependencies",
        );
    }
    if let Some(k) = r.knowledge.ready() {
        if k.files > 0 && k.truck_factor <= 2 {
            add(
                if k.truck_factor <= 1 { 80 } else { 60 },
                format!("Truck factor {}", k.truck_factor),
                format!(
                    "{} {} half of the code's knowledge",
                    k.truck_people.join(", "),
                    if k.truck_people.len() == 1 {
                        "holds"
                    } else {
                        "hold"
                    }
                ),
                "knowledge",
            );
        }
        if !k.departed.is_empty() {
            let files: usize = k.departed.iter().map(|d| d.files).sum();
            add(
                70,
                format!(
                    "{} who left still {} {}",
                    plural(k.departed.len(), "person", "people"),
                    if k.departed.len() == 1 { "owns" } else { "own" },
                    plural(files, "file", "files")
                ),
                format!("no commit since {}", k.active_since),
                "knowledge",
            );
        }
        if !k.loss.is_empty() {
            add(
                40,
                plural(
                    k.loss.len(),
                    "file nobody active knows",
                    "files nobody active knows",
                ),
                {
                    // A source file leads (hotspots list every present
                    // one), not a template's `_gitignore` or a config file.
                    let source: std::collections::HashSet<&str> = r
                        .hotspots
                        .ready()
                        .map(|h| h.files.iter().map(|f| f.path.as_str()).collect())
                        .unwrap_or_default();
                    match k.loss.iter().find(|l| source.contains(l.path.as_str())) {
                        Some(l) => format!(
                            "every author left; the most changed source file: {}",
                            l.path
                        ),
                        None => format!("every author left; the most changed: {}", k.loss[0].path),
                    }
                },
                "knowledge",
            );
        }
    }
    if let Some(c) = r.coupling.ready() {
        let crossing = c.pairs.iter().filter(|p| p.crosses).count();
        if crossing > 0 {
            add(
                55,
                plural(
                    crossing,
                    "hidden dependency between modules",
                    "hidden dependencies between modules",
                ),
                "files in different modules that change together".into(),
                "coupling",
            );
        }
    }
    if let Some(h) = r.hotspots.ready()
        && let Some(top) = h.files.first()
    {
        add(
            50,
            format!("Hotspot {}", top.path),
            format!(
                "{}, complexity {}",
                plural(top.revisions, "change", "changes"),
                top.complexity
            ),
            "hotspots",
        );
    }
    if let Some(p90) = value(r, "delivery.lead_time_p90_days_last_year")
        && p90 > 30.0
    {
        add(
            45,
            format!("Slow delivery: p90 lead time {p90:.0} days"),
            "over the last year's releases, one commit in ten waited longer than that for a release"
                .into(),
            "delivery",
        );
    }
    if let Some(d) = r.decisions.ready() {
        let open = d
            .records
            .iter()
            .filter(|x| matches!(x.status.as_deref(), Some("proposed" | "draft")))
            .count();
        if open > 0 {
            add(
                30,
                plural(open, "decision still proposed", "decisions still proposed"),
                "decisions not yet made".into(),
                "decisions",
            );
        }
        if let Some((title, detail)) = record_problems(&d.findings) {
            add(25, title, detail, "decisions");
        }
    }
    out.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.title.cmp(&b.title)));
    out.truncate(5);
    out
}

/// The decision records' problems as a risk: errors and warnings (notes
/// are advice, not risk), with the rules that find most of them, errors
/// first: "19 missing date, 18 missing status". One finding's message
/// would stand for the whole count.
fn record_problems(findings: &[Finding]) -> Option<(String, String)> {
    let mut by_rule: Vec<(&str, bool, usize)> = Vec::new();
    for f in findings.iter().filter(|f| f.severity != "note") {
        let name = f.rule.strip_prefix("decisions/").unwrap_or(&f.rule);
        match by_rule.iter_mut().find(|(n, _, _)| *n == name) {
            Some(e) => e.2 += 1,
            None => by_rule.push((name, f.severity == "error", 1)),
        }
    }
    let total: usize = by_rule.iter().map(|e| e.2).sum();
    if total == 0 {
        return None;
    }
    by_rule.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    let mut detail: Vec<String> = by_rule
        .iter()
        .take(3)
        .map(|(n, _, c)| format!("{c} {}", n.replace('-', " ")))
        .collect();
    if by_rule.len() > 3 {
        detail.push("...".into());
    }
    Some((
        plural(
            total,
            "problem in the decision records",
            "problems in the decision records",
        ),
        detail.join(", "),
    ))
}

fn sections(r: &Report) -> Vec<SectionState> {
    fn state<T>(id: &str, title: &str, p: &Part<T>) -> SectionState {
        let (ready, reason, setup) = match p {
            Part::Ready(_) => (true, None, None),
            Part::Absent(a) => (false, Some(a.reason.clone()), a.setup.clone()),
        };
        SectionState {
            id: id.into(),
            title: title.into(),
            ready,
            reason,
            setup,
        }
    }
    SECTIONS
        .iter()
        .filter_map(|(id, title)| {
            Some(match *id {
                "decisions" => state(id, title, &r.decisions),
                "radar" => state(id, title, &r.radar),
                "architecture" => state(id, title, &r.architecture),
                "hotspots" => state(id, title, &r.hotspots),
                "knowledge" => state(id, title, &r.knowledge),
                "coupling" => state(id, title, &r.coupling),
                "delivery" => state(id, title, &r.delivery),
                "dependencies" => state(id, title, &r.dependencies),
                "health" => state(id, title, &r.health),
                "debt" => state(id, title, &r.debt),
                "practices" => state(id, title, &r.practices),
                "goals" => state(id, title, &r.goals),
                "trends" => state(id, title, &r.trends),
                _ => return None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_that_round_alike_get_a_decimal() {
        let share = techlead_metrics::find("history.knowledge_island_share").unwrap();
        assert_eq!(
            super::apart(share, 0.274, 0.268),
            ("27.4%".into(), "26.8%".into())
        );
        assert_eq!(
            super::apart(share, 0.30, 0.25),
            ("30%".into(), "25%".into())
        );
        let commits = techlead_metrics::find("history.commits").unwrap();
        assert_eq!(super::apart(commits, 3.0, 4.0), ("3".into(), "4".into()));
    }
}

#[cfg(test)]
mod record_problem_tests {
    use super::*;

    fn f(rule: &str, severity: &str) -> Finding {
        Finding {
            rule: format!("decisions/{rule}"),
            severity: severity.into(),
            message: "m".into(),
            path: None,
            line: None,
        }
    }

    /// adr/madr: 38 warnings and 6 notes were "44 problems" with the first
    /// record's "no date" as the only detail.
    #[test]
    fn notes_are_not_problems_and_the_detail_counts_by_rule() {
        let mut list = vec![f("filename-title-mismatch", "note"); 6];
        list.extend(vec![f("missing-date", "warning"); 19]);
        list.extend(vec![f("missing-status", "warning"); 18]);
        list.push(f("unknown-status", "warning"));
        let (title, detail) = record_problems(&list).unwrap();
        assert_eq!(title, "38 problems in the decision records");
        assert_eq!(
            detail,
            "19 missing date, 18 missing status, 1 unknown status"
        );
        list.push(f("one-sided-supersede", "error"));
        list.push(f("broken-link", "warning"));
        let (_, detail) = record_problems(&list).unwrap();
        assert_eq!(
            detail,
            "1 one sided supersede, 19 missing date, 18 missing status, ..."
        );
        assert_eq!(record_problems(&list[..6]), None);
    }
}
