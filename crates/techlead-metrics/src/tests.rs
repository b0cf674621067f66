use super::*;
use crate::evidence::{Commit, Decisions, Radar};
use std::collections::HashSet;
use std::path::Path;

fn nothing() -> Evidence {
    let absent = || Absent::new("not configured").setup("techlead init");
    Evidence {
        repo: "demo".into(),
        commit: Err(Absent::new("not a git repository")),
        today: "2026-01-15".into(),
        decisions: Err(absent()),
        boundaries: Err(absent()),
        radar: Err(absent()),
        deps: Err(absent()),
        history: Err(Absent::new("not a git repository")),
        debt: Err(Absent::new("no debt register")),
        health: Err(absent()),
        practices: Err(Absent::new("not a git repository")),
        goals: Err(Absent::new("no goals folder")),
    }
}

#[test]
fn names_are_unique_lowercase_and_documented() {
    let mut seen = HashSet::new();
    for m in METRICS {
        assert!(seen.insert(m.name), "{} twice", m.name);
        let (area, name) = m.name.split_once('.').expect("area.name");
        for part in [area, name] {
            assert!(
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}",
                m.name
            );
        }
        assert!(m.description.ends_with('.'), "{}", m.name);
        assert!(m.computed.ends_with('.'), "{}", m.name);
    }
    // The names issue 17's goals bind to.
    for goal in [
        "history.truck_factor",
        "boundaries.violations",
        "radar.hold_in_use",
        "delivery.lead_time_p90_days",
        "delivery.releases_per_month",
        "health.worst_file",
        "debt.open_principal_days",
        "practices.level",
    ] {
        assert!(find(goal).is_some(), "{goal}");
    }
}

#[test]
fn nothing_known_is_absent_with_a_reason_never_zero() {
    let all = measure(&nothing());
    assert_eq!(all.len(), METRICS.len());
    for m in &all {
        assert_eq!(m.value, None, "{}", m.metric);
        assert!(!m.absent.as_deref().unwrap_or_default().is_empty());
    }
    let health = all
        .iter()
        .find(|m| m.metric == "health.worst_file")
        .unwrap();
    // The context's own reason, not a made-up one.
    assert_eq!(health.absent.as_deref(), Some("not configured"));
}

#[test]
fn unknown_metric_suggests_the_closest_name() {
    let err = lookup("history.truckfactor").unwrap_err();
    assert_eq!(err.message, "unknown metric `history.truckfactor`");
    assert!(err.help.unwrap().contains("`history.truck_factor`"));
    assert!(lookup("zzz").unwrap_err().help.unwrap().contains("--list"));
}

#[test]
fn levels_parse_and_print_by_name() {
    let level = find("practices.level").unwrap();
    assert_eq!(level.parse("silver"), Some(2.0));
    assert_eq!(level.parse("Gold"), Some(3.0));
    assert_eq!(level.format(1.0), "bronze");
    let share = find("history.knowledge_island_share").unwrap();
    assert_eq!(share.format(0.25), "25%");
    assert_eq!(
        find("delivery.lead_time_p90_days").unwrap().format(7.5),
        "7.5"
    );
    assert_eq!(find("decisions.total").unwrap().parse("nan"), None);
}

fn record(root: &Path, name: &str, status: &str) -> techlead_records::Record {
    let text = format!("---\nstatus: {status}\ndate: 2025-01-01\n---\n# {name}\n");
    techlead_records::parse::parse_record(root, &root.join(format!("{name}.md")), text.as_bytes())
        .unwrap()
}

#[test]
fn decisions_and_radar_count_what_the_records_say() {
    let root = Path::new("/p");
    let mut e = nothing();
    e.commit = Ok(Commit {
        id: "abc".into(),
        time: 0,
    });
    e.decisions = Ok(Decisions {
        dir: "docs/decisions".into(),
        records: vec![
            record(root, "0001-a", "accepted"),
            record(root, "0002-b", "proposed"),
            record(root, "0003-c", "superseded"),
            record(root, "0004-d", "Accepted"),
        ],
        bodies: vec![String::new(); 4],
        findings: Vec::new(),
    });
    let tech = |ring: &str| {
        let text = format!("---\nname: T{ring}\nquadrant: tools\nring: {ring}\n---\nWhy.\n");
        techlead_radar::parse("docs/radar/t.md", Path::new("t.md"), &text).unwrap()
    };
    e.radar = Ok(Radar {
        technologies: vec![tech("adopt"), tech("hold"), tech("hold")],
        rings: vec!["adopt".into(), "trial".into(), "hold".into()],
        quadrants: vec!["tools".into()],
        hold_in_use: vec![("Thold".into(), vec!["cargo:x".into()])],
        findings: Vec::new(),
        bodies: Vec::new(),
    });
    let got: std::collections::HashMap<String, Option<f64>> = measure(&e)
        .into_iter()
        .map(|m| (m.metric, m.value))
        .collect();
    assert_eq!(got["decisions.total"], Some(4.0));
    assert_eq!(got["decisions.accepted"], Some(2.0));
    assert_eq!(got["decisions.proposed"], Some(1.0));
    assert_eq!(got["decisions.superseded"], Some(1.0));
    assert_eq!(got["radar.hold"], Some(2.0));
    assert_eq!(got["radar.hold_in_use"], Some(1.0));
    // A ring the configuration does not have is absent, not zero.
    assert_eq!(got["radar.assess"], None);
    assert_eq!(got["radar.adopt"], Some(1.0));
}

fn deps_with(risk: Vec<techlead_inventory::summary::EcosystemRisk>) -> Evidence {
    let mut e = nothing();
    e.deps = Ok(crate::evidence::Deps {
        packages: Vec::new(),
        errors: Vec::new(),
        risk,
        vulnerabilities: None,
    });
    e
}

fn value(e: &Evidence, name: &str) -> Result<f64, String> {
    find(name).unwrap().compute(e)
}

#[test]
fn dependency_risk_counts_need_their_answers() {
    use techlead_inventory::summary::EcosystemRisk;
    let offline = EcosystemRisk {
        ecosystem: "npm".into(),
        packages: 4,
        unknown_license: 1,
        ..EcosystemRisk::default()
    };
    let e = deps_with(vec![offline.clone()]);
    assert_eq!(value(&e, "deps.unknown_license"), Ok(1.0));
    for name in ["deps.vulnerable", "deps.yanked", "deps.outdated_major"] {
        let why = value(&e, name).unwrap_err();
        assert!(why.contains("snapshot --online"), "{name}: {why}");
    }
    assert!(
        value(&e, "deps.denied_license")
            .unwrap_err()
            .contains("no license policy")
    );
    // Online, every version answered: sums over the ecosystems.
    let npm = EcosystemRisk {
        vulnerable: Some(2),
        yanked: Some(0),
        outdated_major: Some(1),
        not_assessed: Some(0),
        vulnerabilities_unknown: Some(0),
        registry_unknown: Some(0),
        denied_license: Some(1),
        ..offline.clone()
    };
    let cargo = EcosystemRisk {
        ecosystem: "cargo".into(),
        vulnerable: Some(1),
        yanked: Some(1),
        ..npm.clone()
    };
    let e = deps_with(vec![cargo.clone(), npm.clone()]);
    assert_eq!(value(&e, "deps.vulnerable"), Ok(3.0));
    assert_eq!(value(&e, "deps.yanked"), Ok(1.0));
    assert_eq!(value(&e, "deps.outdated_major"), Ok(2.0));
    assert_eq!(value(&e, "deps.denied_license"), Ok(2.0));
    // One version without OSV's answer: that sum would be short, so it
    // is absent; the registry's counts stand.
    let short = EcosystemRisk {
        not_assessed: Some(1),
        vulnerabilities_unknown: Some(1),
        ..npm.clone()
    };
    let e = deps_with(vec![cargo.clone(), short]);
    let why = value(&e, "deps.vulnerable").unwrap_err();
    assert!(
        why.starts_with("1 package version without an answer from OSV"),
        "{why}"
    );
    assert_eq!(value(&e, "deps.outdated_major"), Ok(2.0));
    // OSV out of reach for every version: unknown, and said why (not
    // "needs --online": it was asked).
    let unreached = EcosystemRisk {
        vulnerable: None,
        vulnerabilities_unknown: Some(4),
        ..npm.clone()
    };
    let why = value(&deps_with(vec![unreached]), "deps.vulnerable").unwrap_err();
    assert!(
        why.starts_with("4 package versions without an answer from OSV"),
        "{why}"
    );
    // An ecosystem no registry is asked of (Go): staleness unknown.
    let go = EcosystemRisk {
        ecosystem: "go".into(),
        registry_unknown: Some(3),
        ..npm
    };
    let e = deps_with(vec![cargo, go]);
    assert_eq!(value(&e, "deps.vulnerable"), Ok(3.0));
    assert!(
        value(&e, "deps.yanked")
            .unwrap_err()
            .starts_with("3 package versions without an answer from a registry")
    );
    assert_eq!(value(&e, "deps.unknown_license"), Ok(2.0));
}

fn with_goals(front: &str) -> Evidence {
    let path = "docs/goals/0001-grow.md";
    let goal =
        techlead_goals::goal::parse(path, Path::new(path), &format!("---\n{front}---\n")).unwrap();
    Evidence {
        goals: Ok(crate::evidence::Goals {
            goals: vec![goal],
            works: techlead_goals::Works::default(),
            tolerance: 0.1,
        }),
        ..nothing()
    }
}

#[test]
fn goals_metrics_count_active_key_results_on_track() {
    // 14 of 90 days of the quarter gone on 2026-01-15.
    let manual = "title: Grow\nhorizon: 2026-Q1\nkey_results:\n  - text: A\n    start: 0\n    target: 10\n    current: 1\n  - text: B\n    start: 0\n    target: 10\n    current: 0\n";
    let e = with_goals(manual);
    assert_eq!(find("goals.total").unwrap().compute(&e), Ok(1.0));
    assert_eq!(find("goals.on_track").unwrap().compute(&e), Ok(0.5));

    // A key result whose metric is absent cannot be evaluated: no share.
    let bound = format!("{manual}  - metric: history.truck_factor >= 3\n    start: 1\n");
    let e = with_goals(&bound);
    let why = find("goals.on_track").unwrap().compute(&e).unwrap_err();
    assert!(
        why.starts_with("1 key result of active goals cannot be evaluated"),
        "{why}"
    );

    // An unknown metric is an input error at its line, with the closest name.
    let e = with_goals("title: Grow\nkey_results:\n  - metric: history.truck_factr >= 3\n");
    let Ok(g) = &e.goals else { unreachable!() };
    let errors = crate::goals::unknown_metrics(&g.goals);
    assert_eq!(errors[0].line, Some(4));
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `history.truck_factor`?")
    );
    // A key result bound to a goals metric would count itself.
    let values = crate::goals::values(&e, &["goals.total".to_string()]);
    assert!(
        values["goals.total"]
            .as_ref()
            .unwrap_err()
            .contains("count itself")
    );
    // Dropped goals are not counted.
    let e = with_goals(&manual.replace("title: Grow", "title: Grow\nstatus: dropped"));
    assert_eq!(find("goals.total").unwrap().compute(&e), Ok(0.0));
    assert!(find("goals.on_track").unwrap().compute(&e).is_err());
}
