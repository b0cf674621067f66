use super::*;
use crate::links;
use crate::readings::MetricInfo;
use std::collections::BTreeMap;
use std::path::Path;

fn goal(file: &str, front: &str) -> Goal {
    let path = format!("docs/goals/{file}");
    crate::goal::parse(&path, Path::new(&path), &format!("---\n{front}---\n")).unwrap()
}

fn catalog() -> Catalog {
    let m = |name: &str, unit: &str| MetricInfo {
        name: name.into(),
        unit: unit.into(),
    };
    Catalog {
        metrics: vec![
            m("boundaries.violations", "count"),
            m("history.truck_factor", "count"),
            m("practices.level", "level"),
        ],
        levels: ["none", "bronze", "silver", "gold"]
            .map(String::from)
            .to_vec(),
    }
}

/// Each metric's series as (date, value) points.
type History<'a> = &'a [(&'a str, &'a [(&'a str, f64)])];

fn readings(values: &[(&str, Result<f64, &str>)], history: Option<History>) -> Readings {
    Readings {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.map_err(str::to_string)))
            .collect(),
        history: history.map(|h| {
            h.iter()
                .map(|(metric, points)| {
                    let series = points
                        .iter()
                        .map(|(date, value)| Point {
                            commit: format!("c{date}"),
                            date: date.to_string(),
                            value: *value,
                        })
                        .collect();
                    (metric.to_string(), series)
                })
                .collect::<BTreeMap<_, _>>()
        }),
    }
}

fn run(goals: &[Goal], readings: &Readings, today: &str) -> Vec<GoalStatus> {
    let works = Works::default();
    let links = links::resolve(goals, &works);
    assert!(validate(goals, &catalog()).is_empty());
    evaluate(
        goals,
        &works,
        &links,
        &Inputs {
            catalog: &catalog(),
            readings,
            today,
            tolerance: 0.1,
        },
    )
}

const HALF: &str = "title: Keep the architecture\nhorizon: 2026-Q1\nkey_results:\n  - metric: boundaries.violations == 0\n    start: 4\n  - metric: history.truck_factor >= 3\n    start: 1\n";

#[test]
fn progress_of_metric_key_results_and_their_goal() {
    let g = goal("0001-a.md", HALF);
    let r = readings(
        &[
            ("boundaries.violations", Ok(1.0)),
            ("history.truck_factor", Ok(2.0)),
        ],
        None,
    );
    // 2026-02-15: 45 of 90 days gone.
    let s = &run(&[g], &r, "2026-02-15")[0];
    assert_eq!(s.key_results[0].progress, Some(0.75));
    assert_eq!(s.key_results[0].start_from, Some(StartFrom::Record));
    assert_eq!(s.key_results[1].progress, Some(0.5));
    assert_eq!(s.progress, Some(0.625));
    assert_eq!(s.elapsed, Some(0.5));
    assert_eq!(s.track, Some(Track::OnTrack));
    assert_eq!(
        s.key_results[1].track,
        Some(Track::OnTrack),
        "0.5 + 0.1 >= 0.5"
    );
    assert_eq!(s.key_results[0].shown.current.as_deref(), Some("1"));
    assert!(s.key_results[0].trend.is_none(), "no snapshots kept");

    // Late in the quarter the truck factor falls behind.
    let s = &run(&[goal("0001-a.md", HALF)], &r, "2026-03-10")[0];
    assert_eq!(s.key_results[1].track, Some(Track::OffTrack));
    assert_eq!(s.key_results[0].track, Some(Track::OnTrack));
}

#[test]
fn an_absent_metric_leaves_progress_unknown_never_zero() {
    let r = readings(
        &[
            (
                "boundaries.violations",
                Err("no [[boundaries.modules]] declared"),
            ),
            ("history.truck_factor", Ok(3.0)),
        ],
        None,
    );
    let s = &run(&[goal("0001-a.md", HALF)], &r, "2026-02-15")[0];
    let k = &s.key_results[0];
    assert_eq!((k.progress, k.current, k.met), (None, None, None));
    assert_eq!(
        k.unknown.as_deref(),
        Some("boundaries.violations cannot be computed: no [[boundaries.modules]] declared")
    );
    assert_eq!(k.track, Some(Track::Unknown));
    assert_eq!(s.key_results[1].progress, Some(1.0));
    assert_eq!(s.key_results[1].track, Some(Track::Met));
    assert_eq!(s.progress, None);
    assert!(
        s.unknown
            .as_deref()
            .unwrap()
            .starts_with("key result `boundaries.violations`")
    );
    assert_eq!(s.track, Some(Track::Unknown));
}

#[test]
fn the_start_comes_from_the_record_else_the_first_snapshot_in_the_horizon() {
    let front = "title: T\nhorizon: 2026-Q1\nkey_results:\n  - metric: boundaries.violations == 0\n  - metric: history.truck_factor >= 3\n    start: 2\n";
    let history: History = &[
        (
            "boundaries.violations",
            &[
                ("2025-12-20", 9.0),
                ("2026-01-03", 6.0),
                ("2026-02-01", 3.0),
            ],
        ),
        ("history.truck_factor", &[("2026-01-03", 1.0)]),
    ];
    let r = readings(
        &[
            ("boundaries.violations", Ok(3.0)),
            ("history.truck_factor", Ok(2.0)),
        ],
        Some(history),
    );
    let s = &run(&[goal("0001-a.md", front)], &r, "2026-02-15")[0];
    let k = &s.key_results[0];
    assert_eq!(
        (k.start, k.start_from),
        (Some(6.0), Some(StartFrom::Snapshot))
    );
    assert_eq!(k.progress, Some(0.5));
    assert_eq!(k.trend.as_ref().unwrap().len(), 3, "the whole series");
    let k = &s.key_results[1];
    assert_eq!(
        (k.start, k.start_from),
        (Some(2.0), Some(StartFrom::Record)),
        "the record wins"
    );
    assert_eq!(k.progress, Some(0.0));

    // No snapshot in the horizon, and none kept: the reason says which.
    let r = readings(
        &[
            ("boundaries.violations", Ok(3.0)),
            ("history.truck_factor", Ok(2.0)),
        ],
        Some(&[]),
    );
    let s = &run(&[goal("0001-a.md", front)], &r, "2026-02-15")[0];
    assert!(
        s.key_results[0]
            .unknown
            .as_deref()
            .unwrap()
            .contains("no snapshot was taken in the horizon")
    );
    let r = readings(
        &[
            ("boundaries.violations", Ok(3.0)),
            ("history.truck_factor", Ok(2.0)),
        ],
        None,
    );
    let s = &run(&[goal("0001-a.md", front)], &r, "2026-02-15")[0];
    assert!(
        s.key_results[0]
            .unknown
            .as_deref()
            .unwrap()
            .contains("no snapshots are kept")
    );
    // A met target needs no start.
    let r = readings(
        &[
            ("boundaries.violations", Ok(0.0)),
            ("history.truck_factor", Ok(2.0)),
        ],
        None,
    );
    let s = &run(&[goal("0001-a.md", front)], &r, "2026-02-15")[0];
    assert_eq!(s.key_results[0].progress, Some(1.0));
}

#[test]
fn manual_key_results_levels_and_tracks() {
    let front = "title: T\nstatus: active\nhorizon: 2026-Q2\nkey_results:\n  - text: Payment methods live\n    start: 3\n    target: 8\n    current: 5\n    unit: methods\n  - text: Churn\n    start: 5\n    target: 3\n  - metric: practices.level >= silver\n    start: bronze\n";
    let r = readings(&[("practices.level", Ok(2.0))], None);
    let s = &run(&[goal("0001-a.md", front)], &r, "2026-02-15")[0];
    assert_eq!(s.key_results[0].progress, Some(0.4));
    assert_eq!(s.key_results[0].op, Op::Ge);
    assert_eq!(s.key_results[1].op, Op::Le);
    assert_eq!(
        s.key_results[1].unknown.as_deref(),
        Some("no `current:` value yet")
    );
    assert_eq!(s.key_results[2].shown.target, "silver");
    assert_eq!(s.key_results[2].shown.start.as_deref(), Some("bronze"));
    assert_eq!(s.key_results[2].met, Some(true));
    assert_eq!(s.elapsed, Some(0.0));
    assert_eq!(s.key_results[0].track, Some(Track::NotStarted));
    assert_eq!(s.key_results[2].track, Some(Track::Met));

    // Only active goals have a track.
    let s = &run(
        &[goal("0001-a.md", &front.replace("active", "achieved"))],
        &r,
        "2026-02-15",
    )[0];
    assert_eq!(s.track, None);
    assert!(s.key_results.iter().all(|k| k.track.is_none()));
}

#[test]
fn trees_roll_progress_up_to_goals_without_key_results() {
    let goals = [
        goal("0001-company.md", "title: Company\nhorizon: 2026\n"),
        goal("0002-other.md", "title: Other\n"),
        goal(
            "0003-team.md",
            "title: Team\nparent: \"1\"\nkey_results: [\"Methods: 0 -> 10\"]\n",
        ),
        goal(
            "0004-team.md",
            "title: Team two\nparent: \"0001\"\nkey_results:\n  - text: X\n    start: 0\n    target: 4\n    current: 1\n",
        ),
        goal("0005-squad.md", "title: Squad\nparent: \"0003\"\n"),
    ];
    let s = run(&goals, &Readings::default(), "2026-02-15");
    let order: Vec<(&str, usize)> = s.iter().map(|g| (g.id.as_str(), g.depth)).collect();
    assert_eq!(
        order,
        [
            ("0001", 0),
            ("0003", 1),
            ("0005", 2),
            ("0004", 1),
            ("0002", 0)
        ]
    );
    let by = |id: &str| s.iter().find(|g| g.id == id).unwrap();
    assert_eq!(by("0001").children, ["0003", "0004"]);
    assert_eq!(by("0003").parent.as_deref(), Some("0001"));
    // 0003's manual key result has no current value: its progress, and so
    // its parent's, is unknown; 0005 has neither key results nor children.
    assert_eq!(by("0005").unknown.as_deref(), Some("no key results"));
    assert_eq!(by("0003").progress, None);
    assert_eq!(by("0001").progress, None);
    assert_eq!(
        by("0001").unknown.as_deref(),
        Some("a child goal's progress is unknown")
    );

    let goals = [
        goal("0001-company.md", "title: Company\nhorizon: 2026\n"),
        goal(
            "0002-team.md",
            "title: Team\nparent: \"1\"\nkey_results:\n  - text: X\n    start: 0\n    target: 4\n    current: 1\n",
        ),
        goal(
            "0003-team.md",
            "title: Team\nparent: \"1\"\nkey_results:\n  - text: Other\n    start: 0\n    target: 4\n    current: 4\n",
        ),
    ];
    let s = run(&goals, &Readings::default(), "2026-02-15");
    assert_eq!(s[0].progress, Some(0.625));
    assert_eq!(s[0].track, Some(Track::OnTrack));
}

#[test]
fn unknown_metrics_and_unreadable_targets_are_input_errors() {
    let goals = [goal(
        "0001-a.md",
        "title: T\nkey_results:\n  - metric: boundaries.violation == 0\n  - metric: practices.level >= platinum\n  - metric: history.truck_factor >= three\n",
    )];
    let errors = validate(&goals, &catalog());
    let lines: Vec<Option<usize>> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [Some(4), Some(5), Some(6)]);
    assert_eq!(errors[0].message, "unknown metric `boundaries.violation`");
    assert!(
        errors[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `boundaries.violations`?")
    );
    assert!(
        errors[1]
            .help
            .as_deref()
            .unwrap()
            .contains("none, bronze, silver, gold")
    );
    assert!(errors[2].message.contains("target `three`"));
}
