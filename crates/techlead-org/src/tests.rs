//! The dashboard built from constructed store rows: its model, its HTML
//! (snapshot), and hostile text from a repository rendered inert.

use crate::build::{Input, build};
use crate::html::render;
use techlead_store::org::{
    Findings, HotspotRow, KnowledgeRow, LatestValue, PackageUse, RepoPoint, Repository,
    TechnologyUse,
};
use techlead_store::{Hotspot, Knowledge, Point, Taken};

const HOSTILE: &str = "<script>alert(1)</script>";
const HANDLER: &str = "\" onerror=\"alert(1)";
const LINK: &str = "javascript:alert(1)";

fn repo(name: &str, team: Option<&str>, tags: &[&str], snapshots: usize, last: &str) -> Repository {
    Repository {
        name: name.into(),
        key: format!("name:{name}"),
        team: team.map(String::from),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        snapshots,
        latest: Some(Taken {
            commit: format!("{last}-commit"),
            committed_at: format!("{last}T10:00:00Z"),
            taken_at: format!("{last}T11:00:00Z"),
        }),
        tool_version: Some("0.1.0".into()),
    }
}

fn point(repo: &str, date: &str, value: f64) -> RepoPoint {
    RepoPoint {
        repo: repo.into(),
        point: Point {
            commit: format!("{date}-commit"),
            committed_at: format!("{date}T10:00:00Z"),
            taken_at: format!("{date}T11:00:00Z"),
            value,
        },
    }
}

fn latest(repo: &str, date: &str, metric: &str, value: f64) -> LatestValue {
    LatestValue {
        repo: repo.into(),
        commit: format!("{date}-commit"),
        committed_at: format!("{date}T10:00:00Z"),
        metric: metric.into(),
        value,
    }
}

fn package(repo: &str, eco: &str, name: &str, version: &str, hold: bool) -> PackageUse {
    PackageUse {
        ecosystem: eco.into(),
        package: name.into(),
        version: version.into(),
        direct: true,
        dev: false,
        hold,
        repo: repo.into(),
    }
}

/// Three repositories in two teams (and one without), one of them named
/// and tagged with markup.
pub fn input() -> Input {
    let decisions = vec![
        point("payments", "2025-11-03", 3.0),
        point("payments", "2026-01-05", 4.0),
        point("payments", "2026-02-02", 6.0),
        point("web", "2025-12-01", 1.0),
        point("web", "2026-02-02", 2.0),
        point(HOSTILE, "2026-02-02", 1.0),
    ];
    let violations = vec![
        point("payments", "2025-11-03", 5.0),
        point("payments", "2026-01-05", 3.0),
        point("payments", "2026-02-02", 2.0),
        point("web", "2025-12-01", 0.0),
        point("web", "2026-02-02", 1.0),
    ];
    let truck = vec![
        point("web", "2025-12-01", 2.0),
        point("web", "2026-02-02", 1.0),
    ];
    let mut values = vec![
        latest("payments", "2026-02-02", "decisions.total", 6.0),
        latest("payments", "2026-02-02", "boundaries.violations", 2.0),
        latest("payments", "2026-02-02", "practices.level", 2.0),
        latest("payments", "2026-02-02", "practices.score", 7.25),
        latest("payments", "2026-02-02", "deps.vulnerable", 3.0),
        latest(
            "payments",
            "2026-02-02",
            "history.knowledge_island_share",
            0.125,
        ),
        latest("web", "2026-02-02", "decisions.total", 2.0),
        latest("web", "2026-02-02", "boundaries.violations", 1.0),
        latest("web", "2026-02-02", "history.truck_factor", 1.0),
        latest("web", "2026-02-02", "radar.hold_in_use", 1.0),
        latest("web", "2026-02-02", "practices.level", 0.0),
        latest(HOSTILE, "2026-02-02", "decisions.total", 1.0),
    ];
    values.sort_by(|a, b| (&a.repo, &a.metric).cmp(&(&b.repo, &b.metric)));
    Input {
        store: "postgres://ci:***@db.example.com/techlead".into(),
        generated: "2026-02-03".into(),
        repositories: vec![
            repo(HOSTILE, Some(HANDLER), &[LINK], 1, "2026-02-02"),
            repo(
                "payments",
                Some("core"),
                &["rust", "tier-1"],
                3,
                "2026-02-02",
            ),
            repo("web", Some("front"), &[], 2, "2026-02-02"),
        ],
        series: vec![
            ("decisions.total".into(), decisions),
            ("boundaries.violations".into(), violations),
            ("history.truck_factor".into(), truck),
        ],
        latest: values,
        technologies: vec![
            TechnologyUse {
                technology: "Moment.js".into(),
                quadrant: Some("languages-and-frameworks".into()),
                ring: Some("adopt".into()),
                repo: "payments".into(),
            },
            TechnologyUse {
                technology: "moment.js".into(),
                quadrant: Some("languages-and-frameworks".into()),
                ring: Some("hold".into()),
                repo: "web".into(),
            },
            TechnologyUse {
                technology: "Rust".into(),
                quadrant: Some("languages-and-frameworks".into()),
                ring: Some("adopt".into()),
                repo: "payments".into(),
            },
            TechnologyUse {
                technology: HOSTILE.into(),
                quadrant: Some(LINK.into()),
                ring: Some(HANDLER.into()),
                repo: HOSTILE.into(),
            },
        ],
        packages: vec![
            package("payments", "npm", "lodash", "4.17.21", false),
            package("web", "npm", "lodash", "4.17.20", false),
            package("web", "npm", "moment", "2.30.1", true),
            package(HOSTILE, "npm", HOSTILE, LINK, true),
        ],
        findings: vec![
            Findings {
                repo: "payments".into(),
                rule: "boundaries/undeclared-dependency".into(),
                severity: "error".into(),
                count: 2,
            },
            Findings {
                repo: "payments".into(),
                rule: "decisions/broken-link".into(),
                severity: "warning".into(),
                count: 1,
            },
        ],
        hotspots: vec![
            HotspotRow {
                repo: "payments".into(),
                hotspot: Hotspot {
                    path: "src/ledger.rs".into(),
                    revisions: 40,
                    loc: 900,
                    complexity: 120,
                    score: 1.0,
                    health: Some(3.5),
                },
            },
            HotspotRow {
                repo: HOSTILE.into(),
                hotspot: Hotspot {
                    path: "<img src=x onerror=alert(1)>.rs".into(),
                    revisions: 2,
                    loc: 10,
                    complexity: 1,
                    score: 0.1,
                    health: None,
                },
            },
        ],
        knowledge: vec![
            KnowledgeRow {
                repo: "web".into(),
                knowledge: Knowledge {
                    kind: "module".into(),
                    path: "checkout".into(),
                    main_dev: Some("alice".into()),
                    ownership: None,
                    truck_factor: Some(1),
                    revisions: 12,
                },
            },
            KnowledgeRow {
                repo: HOSTILE.into(),
                knowledge: Knowledge {
                    kind: "file".into(),
                    path: "a.rs".into(),
                    main_dev: Some(HOSTILE.into()),
                    ownership: Some(0.9),
                    truck_factor: None,
                    revisions: 30,
                },
            },
        ],
    }
}

#[test]
fn the_model_groups_the_store_rows() {
    let d = build(input());
    let payments = d
        .repositories
        .iter()
        .find(|r| r.name == "payments")
        .unwrap();
    let violations = &payments.figures[1];
    assert_eq!(violations.metric, "boundaries.violations");
    assert_eq!(
        (violations.value, violations.previous),
        (Some(2.0), Some(3.0))
    );
    assert_eq!(violations.trend.len(), 3);
    // Not recorded is None, never zero.
    assert_eq!(payments.figures[6].value, None);
    assert_eq!(payments.findings, [2, 1, 0]);
    assert_eq!(payments.level.as_deref(), Some("silver"));
    // The practices levels: silver, none, and one not recorded.
    let count = |l: &str| {
        d.practices
            .iter()
            .find(|p| p.level == l)
            .unwrap()
            .repositories
            .len()
    };
    assert_eq!(
        (count("silver"), count("none"), count("not recorded")),
        (1, 1, 1)
    );
    // Moment.js once, on Hold somewhere, the rings differ; listed first.
    assert_eq!(d.radar[0].technology, "Moment.js");
    assert!(d.radar[0].on_hold && d.radar[0].rings_differ);
    assert_eq!(d.radar[0].uses.len(), 2);
    assert_eq!(d.hold_in_use.len(), 2);
    assert_eq!(d.shared_packages.len(), 1);
    assert_eq!(d.shared_packages[0].versions, ["4.17.20", "4.17.21"]);
    // Decisions per team at each quarter's end, and the change.
    let q = &d.decisions.quarters;
    assert_eq!(q.last().map(String::as_str), Some("2026-Q1"));
    assert_eq!(q.len(), crate::model::QUARTERS);
    let core = d.decisions.teams.iter().find(|t| t.team == "core").unwrap();
    let n = q.len();
    assert_eq!(core.totals[n - 2..], [Some(3.0), Some(6.0)]);
    assert_eq!(core.added[n - 1], Some(3.0));
    assert_eq!(core.totals[0], None);
}

#[test]
fn the_page_snapshot() {
    insta::assert_snapshot!("dashboard", render(&build(input())));
}

#[test]
fn an_empty_store_says_how_to_fill_it() {
    let html = render(&build(Input::default()));
    assert!(html.contains("No repository in this store yet"));
    assert!(html.contains("techlead snapshot --store URL"));
}

/// Every tag of the page as (name, attribute names): what a browser would
/// parse, as opposed to text shown escaped.
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i + 1..end.saturating_sub(1).max(i + 1)];
        rest = &rest[end..];
        let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
        // Attribute names: words before `=` outside quotes.
        let mut attrs = Vec::new();
        let mut quote = None;
        let mut word = String::new();
        for c in tag[name.len()..].chars() {
            match (c, quote) {
                ('"', None) => quote = Some('"'),
                ('"', Some(_)) => quote = None,
                ('=', None) => attrs.push(std::mem::take(&mut word).trim().to_lowercase()),
                (c, None) if c.is_whitespace() => word.clear(),
                (c, None) => word.push(c),
                _ => {}
            }
        }
        out.push((name.to_lowercase(), attrs));
    }
    out
}

#[test]
fn hostile_text_from_a_repository_is_inert() {
    let html = render(&build(input()));
    // The text is there, shown escaped.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("javascript:alert(1)"));
    const ALLOWED: &[&str] = &[
        "!doctype", "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2",
        "h3", "p", "nav", "ul", "li", "main", "section", "div", "span", "code", "strong", "br",
        "em", "table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "path",
    ];
    for (name, attrs) in tags(&html) {
        let name = name.trim_start_matches('/');
        assert!(ALLOWED.contains(&name), "unexpected tag <{name}>");
        for a in attrs {
            assert!(!a.starts_with("on"), "event handler {a} on <{name}>");
        }
    }
    // Links only to the page's own anchors.
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with('#'),
            "link to {}",
            &href[..href.find('"').unwrap()]
        );
    }
    // No script may run: the policy names none and the page has none.
    let csp = html
        .split("Content-Security-Policy\" content=\"")
        .nth(1)
        .unwrap();
    // As the browser reads the attribute.
    let csp = csp[..csp.find('"').unwrap()].replace("&apos;", "'");
    assert!(
        csp.starts_with("default-src 'none'; style-src 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("script-src") && !html.contains("<script"));
}

#[test]
fn the_style_hash_matches_the_inline_style() {
    let html = render(&build(input()));
    let style = &html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()];
    let want = techlead_report::kit::csp_hash(style);
    assert!(html.contains(&format!("style-src &apos;{want}&apos;")));
}

#[test]
fn the_json_model_serialises() {
    let v = serde_json::to_value(build(input())).unwrap();
    assert_eq!(v["repositories"].as_array().unwrap().len(), 3);
    assert_eq!(v["figures"][0]["metric"], "decisions.total");
    assert_eq!(v["hotspots"][0]["path"], "src/ledger.rs");
}
