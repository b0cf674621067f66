use super::*;
use crate::work::Kind;

fn goal(text: &str) -> Result<Goal, InputError> {
    parse(
        "docs/goals/0002-pay.md",
        Path::new("docs/goals/0002-pay.md"),
        text,
    )
}

const FULL: &str = "---\ntitle: Payments ship on their own\nstatus: active\nowner: payments team\nhorizon: 2026-Q1\nparent: \"0001\"\ncreated: 2026-01-15\nkey_results:\n  - metric: boundaries.violations == 0\n    start: 3\n    added: 2026-01-15\n  # a comment between items\n  - text: Payment methods live\n    start: 3\n    target: 8\n    current: 5\n    unit: methods\n    updated: 2026-01-10\n  - metric: practices.level\n    op: \">=\"\n    target: silver\nlinks: [\"adr:0007\", \"debt:3\"]\n---\n\n# Payments ship on their own\n";

#[test]
fn reads_every_field_with_its_line() {
    let g = goal(FULL).unwrap();
    assert_eq!((g.id.as_str(), g.number), ("0002", Some(2)));
    assert_eq!(g.title, "Payments ship on their own");
    assert_eq!(g.status, Status::Active);
    assert_eq!(g.owner.as_deref(), Some("payments team"));
    assert_eq!(g.horizon.as_ref().unwrap().text, "2026-Q1");
    assert_eq!(g.parent.as_deref(), Some("0001"));
    assert_eq!(g.created.as_deref(), Some("2026-01-15"));
    assert_eq!(g.key_results.len(), 3);
    assert_eq!(
        g.key_results[0].spec,
        Spec::Metric {
            metric: "boundaries.violations".into(),
            op: Op::Eq,
            target: "0".into(),
            start: Some("3".into()),
            added: Some("2026-01-15".into()),
        }
    );
    assert_eq!(g.key_results[0].line, 9);
    assert_eq!(g.key_results[1].line, 13);
    assert_eq!(g.key_results[2].line, 19);
    match &g.key_results[1].spec {
        Spec::Manual { current, unit, .. } => {
            assert_eq!((*current, unit.as_deref()), (Some(5.0), Some("methods")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(g.key_results[2].label(), "practices.level");
    assert_eq!(g.links.len(), 2);
    assert_eq!(g.links[1].to.kind, Kind::Debt);
    assert_eq!(g.links[1].line, 22);
    assert_eq!(g.lines.status, Some(3));
}

#[test]
fn shorthand_key_results_and_defaults() {
    let g = goal("---\nkey_results: [\"history.truck_factor >= 3\", \"Methods live: 3 -> 8\"]\n---\n# Grow the team\n").unwrap();
    assert_eq!(g.title, "Grow the team");
    assert_eq!(g.lines.title, 4);
    assert_eq!(
        g.status,
        Status::Active,
        "a goal without a status is pursued"
    );
    assert_eq!(g.key_results.len(), 2);
    assert_eq!(g.key_results[0].line, 2);
    assert!(matches!(
        g.key_results[1].spec,
        Spec::Manual { current: None, .. }
    ));
}

#[test]
fn values_that_do_not_read_are_errors_at_their_line() {
    let err = |text: &str| goal(text).unwrap_err();
    let e = err("---\ntitle: T\nstatus: done\n---\n");
    assert_eq!(
        (e.line, e.message.as_str()),
        (Some(3), "unknown goal status `done`")
    );
    let e = err("---\ntitle: T\nhorizon: next year\n---\n");
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("not a horizon"));
    let e = err("---\ntitle: T\nkey_results:\n  - metric: a.b == 0\n  - metric: a.b\n---\n");
    assert_eq!(e.line, Some(5));
    assert!(e.message.contains("no comparison"), "{}", e.message);
    let e = err(
        "---\ntitle: T\nkey_results:\n  - text: X\n    start: 1\n    target: 2\n    curent: 1\n---\n",
    );
    assert!(e.message.contains("unknown key `curent`"), "{}", e.message);
    let e = err("---\ntitle: T\nkey_results:\n  - text: X\n    start: one\n    target: 2\n---\n");
    assert!(
        e.message.contains("`start: one` is not a number"),
        "{}",
        e.message
    );
    let e = err("---\ntitle: T\nlinks: [\"jira:3\"]\n---\n");
    assert_eq!(e.line, Some(3));
    let e = err("---\nstatus: active\n---\nno heading\n");
    assert!(e.message.contains("no title"));
    let e = err("---\ntitle: T\ncreated: soon\n---\n");
    assert!(e.message.contains("not a date"));
}

#[test]
fn references_and_loops() {
    let g = goal(FULL).unwrap();
    for key in ["2", "0002", "goal:2", "0002-pay", " 0002 "] {
        assert!(g.matches(key), "{key}");
    }
    assert!(!g.matches("3") && !g.matches("") && !g.matches("pay"));

    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, parent: &str| {
        std::fs::write(
            dir.path().join(name),
            format!("---\ntitle: {name}\nparent: \"{parent}\"\n---\n"),
        )
        .unwrap()
    };
    write("0001-a.md", "3");
    write("0002-b.md", "1");
    write("0003-c.md", "2");
    let e = load(dir.path(), dir.path()).unwrap_err();
    assert!(
        e.message.contains("loop: 0001 -> 0003 -> 0002 -> 0001"),
        "{}",
        e.message
    );
    assert_eq!(e.line, Some(3));
    write("0001-a.md", "9");
    let goals = load(dir.path(), dir.path()).unwrap();
    assert_eq!(goals.len(), 3);
    assert_eq!(resolve(&goals, "3").unwrap().title, "0003-c.md");
    assert!(
        resolve(&goals, "7")
            .unwrap_err()
            .help
            .unwrap()
            .contains("0001, 0002, 0003")
    );
}
