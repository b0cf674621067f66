//! Decisions, debt items and goals linked both ways, from a register
//! written the way users write it.

use crate::model::{Mention, Part, Report};
use std::path::Path;
use techlead_goals::{Kind, Work, Works};
use techlead_metrics::evidence::{Debt, Decisions, Goals};
use techlead_metrics::{Absent, Evidence};

fn record(stem: &str, title: &str) -> (techlead_records::Record, String) {
    let text = format!("---\nstatus: accepted\ndate: 2025-01-01\n---\n# {title}\n\nBody.\n");
    let path = Path::new("/p/docs/decisions").join(format!("{stem}.md"));
    let r = techlead_records::parse::parse_record(Path::new("/p"), &path, text.as_bytes()).unwrap();
    (r, text)
}

fn work(kind: Kind, id: &str, title: &str, path: &str, goals: &[&str]) -> Work {
    Work {
        kind,
        id: id.into(),
        stem: path
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".md")
            .into(),
        number: id.parse().ok(),
        title: title.into(),
        status: None,
        date: None,
        path: path.into(),
        line: None,
        goals: goals.iter().map(|g| g.to_string()).collect(),
        goals_line: None,
    }
}

fn evidence() -> Evidence {
    let (r1, t1) = record("0001-use-postgres", "Use Postgres");
    let (r2, t2) = record("0002-one-queue", "One queue");
    let (r3, t3) = record("0003-no-link", "Nothing links here");
    // The debt item names decision 1 two ways, one that does not exist,
    // and the goal.
    let debt = techlead_debt::item::parse(
        "docs/debt/0004-retries.md",
        Path::new("/p/docs/debt/0004-retries.md"),
        "---\ntitle: Retries in three places\nstatus: open\ndecisions: [\"0001\", \"adr:1\", \"0099\"]\ngoals: [\"0001\"]\n---\n",
    )
    .unwrap();
    // The goal names decision 2 in its `links:`; decision 3 is named by no one.
    let goal = techlead_goals::goal::parse(
        "docs/goals/0001-reliable.md",
        Path::new("/p/docs/goals/0001-reliable.md"),
        "---\ntitle: Reliable payments\nstatus: active\nlinks: [\"adr:0002\"]\n---\n# Reliable payments\n",
    )
    .unwrap();
    let works = Works {
        items: vec![
            work(Kind::Decision, "0001", "Use Postgres", &r1.rel_path, &[]),
            work(Kind::Decision, "0002", "One queue", &r2.rel_path, &[]),
            work(
                Kind::Decision,
                "0003",
                "Nothing links here",
                &r3.rel_path,
                &[],
            ),
            work(
                Kind::Debt,
                "0004",
                "Retries in three places",
                &debt.path,
                &["0001"],
            ),
        ],
        kinds: vec![Kind::Decision, Kind::Debt],
    };
    Evidence {
        repo: "p".into(),
        commit: Err(Absent::new("not a git repository")),
        today: "2026-01-15".into(),
        practices: Err(Absent::new("not a git repository")),
        goals: Ok(Goals {
            goals: vec![goal],
            works,
            tolerance: 0.1,
        }),
        decisions: Ok(Decisions {
            dir: "docs/decisions".into(),
            records: vec![r1, r2, r3],
            bodies: vec![t1, t2, t3],
            findings: Vec::new(),
        }),
        boundaries: Err(Absent::new("no modules")),
        radar: Err(Absent::new("no radar")),
        deps: Err(Absent::new("no lockfile")),
        history: Err(Absent::new("not a git repository")),
        debt: Ok(Debt { items: vec![debt] }),
        health: Err(Absent::new("no source file")),
    }
}

fn report() -> Report {
    let e = evidence();
    let metrics = techlead_metrics::measure(&e);
    crate::build(&e, &metrics, &Err(Absent::new("no snapshots")))
}

fn names(list: &[Mention]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|m| (m.kind.clone(), m.name.clone(), m.anchor.clone()))
        .collect()
}

fn triple(kind: &str, name: &str, anchor: &str) -> (String, String, String) {
    (kind.into(), name.into(), anchor.into())
}

#[test]
fn decisions_debt_and_goals_link_both_ways() {
    let r = report();
    let Part::Ready(d) = &r.decisions else {
        panic!()
    };
    let mentions = |id: &str| names(&d.records.iter().find(|x| x.id == id).unwrap().mentions);
    // The debt item names decision 1 (twice, one link) and no other.
    assert_eq!(
        mentions("0001-use-postgres"),
        [triple("debt", "0004 Retries in three places", "debt-0004")]
    );
    // The goal names decision 2 in its links.
    assert_eq!(
        mentions("0002-one-queue"),
        [triple("goal", "0001 Reliable payments", "goal-0001")]
    );
    assert!(mentions("0003-no-link").is_empty());
    // The other ends: the debt item shows the decision it names (not the
    // one that does not exist) and the goal it serves.
    let Part::Ready(debt) = &r.debt else { panic!() };
    assert_eq!(
        names(&debt.items[0].links),
        [
            triple("decision", "0001 Use Postgres", "adr-0001-use-postgres"),
            triple("goal", "0001 Reliable payments", "goal-0001"),
        ]
    );
    assert_eq!(debt.items[0].decisions, ["0001", "adr:1", "0099"]);
    let Part::Ready(goals) = &r.goals else {
        panic!()
    };
    assert_eq!(
        names(&goals.goals[0].links),
        [
            triple("debt", "0004 Retries in three places", "debt-0004"),
            triple("decision", "0002 One queue", "adr-0002-one-queue"),
        ]
    );
}

#[test]
fn every_link_of_the_page_lands_on_an_element() {
    let html = crate::html::render(&report());
    let mut hrefs = 0;
    for part in html.split("href=\"#").skip(1) {
        let target = &part[..part.find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{target}\"")), "#{target}");
        hrefs += 1;
    }
    assert!(hrefs > 0);
    for target in [
        "debt-0004",
        "goal-0001",
        "adr-0001-use-postgres",
        "adr-0002-one-queue",
    ] {
        assert!(html.contains(&format!("href=\"#{target}\"")), "{target}");
    }
}

#[test]
fn without_goals_or_debt_decisions_still_link_what_there_is() {
    let mut e = evidence();
    e.goals = Err(Absent::new("no goals folder"));
    let metrics = techlead_metrics::measure(&e);
    let r = crate::build(&e, &metrics, &Err(Absent::new("no snapshots")));
    let Part::Ready(d) = &r.decisions else {
        panic!()
    };
    assert!(
        d.records
            .iter()
            .all(|x| x.mentions.iter().all(|m| m.kind == "debt"))
    );
    e.debt = Err(Absent::new("no debt register"));
    let r = crate::build(&e, &metrics, &Err(Absent::new("no snapshots")));
    let Part::Ready(d) = &r.decisions else {
        panic!()
    };
    assert!(d.records.iter().all(|x| x.mentions.is_empty()));
}
