use super::*;
use crate::item::DebtItem;
use crate::signals::Interest;
use std::path::Path;

fn item(name: &str, front: &str) -> DebtItem {
    let rel = format!("docs/debt/{name}.md");
    crate::item::parse(
        &rel,
        Path::new(&rel),
        &format!("---\n{front}---\n# {name}\n"),
    )
    .unwrap()
}

fn ranked(item: &DebtItem, score: Option<f64>) -> Ranked<'_> {
    Ranked {
        item,
        signals: Interest::Unavailable {
            unavailable: "history is unavailable: not a git repository".into(),
        },
        score,
        payback_months: None,
    }
}

#[test]
fn capacity_arguments() {
    assert_eq!(Capacity::parse_share("20%"), Ok(0.2));
    assert_eq!(Capacity::parse_share("0.5"), Ok(0.5));
    assert!(Capacity::parse_share("0%").is_err());
    assert!(Capacity::parse_share("120%").is_err());
    assert!(Capacity::parse_share("lots").is_err());
    assert_eq!(Capacity::parse_period("2w"), Ok(2));
    assert_eq!(Capacity::parse_period("3 weeks"), Ok(3));
    assert!(Capacity::parse_period("10d").is_err());
    assert!(Capacity::parse_period("0w").is_err());
}

#[test]
fn schedules_best_and_worst_case_with_targets_and_burndown() {
    let a = item(
        "0001-a",
        "status: in-progress\nprincipal: 1-2d\ntarget: 2026-01-31\n",
    );
    let b = item("0002-b", "principal: 2-4d\ntarget: 2026-02-01\n");
    let c = item("0003-c", "principal: 1w\ntarget: 2026-02-01\n");
    let d = item("0004-d", "owner: x\n");
    // B outranks A, but A is in progress and goes first.
    let ranked_items = vec![
        ranked(&b, Some(5.0)),
        ranked(&c, Some(1.0)),
        ranked(&a, Some(0.5)),
        ranked(&d, None),
    ];
    let cap = Capacity {
        share: 0.2,
        team: 2,
        period_weeks: 2,
    };
    let p = plan(ranked_items, cap, "2026-01-15").unwrap();
    assert_eq!(p.hours_per_period, 32.0);
    let rows: Vec<(&str, &str, &str, Option<Outlook>)> = p
        .items
        .iter()
        .map(|x| {
            (
                x.ranked.item.id.as_str(),
                x.best.as_str(),
                x.worst.as_str(),
                x.outlook,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("0001", "2026-01-28", "2026-01-28", Some(Outlook::OnTrack)),
            ("0002", "2026-01-28", "2026-02-11", Some(Outlook::AtRisk)),
            ("0003", "2026-02-11", "2026-02-25", Some(Outlook::Misses)),
        ]
    );
    assert_eq!(p.total.to_string(), "8-11d");
    let burn: Vec<(String, String)> = p
        .burndown
        .iter()
        .map(|b| (b.date.clone(), b.open.to_string()))
        .collect();
    assert_eq!(
        burn,
        [
            ("2026-01-15".to_string(), "8-11d".to_string()),
            ("2026-01-28".to_string(), "4-7d".to_string()),
            ("2026-02-11".to_string(), "0-3d".to_string()),
            ("2026-02-25".to_string(), "0d".to_string()),
        ]
    );
    assert_eq!(p.unplanned.len(), 1);
    assert_eq!(p.unplanned[0].ranked.item.id, "0004");
    assert_eq!(p.notes, ["history is unavailable: not a git repository"]);
    assert_eq!(late(&p).count(), 2);
    assert_eq!(
        (p.done_best.as_deref(), p.done_worst.as_deref()),
        (Some("2026-02-11"), Some("2026-02-25"))
    );
}

#[test]
fn refuses_a_capacity_that_cannot_finish() {
    let a = item("0001-a", "principal: 50w\n");
    let cap = Capacity {
        share: 0.01,
        team: 1,
        period_weeks: 1,
    };
    let err = plan(vec![ranked(&a, None)], cap, "2026-01-15").unwrap_err();
    assert!(err.contains("raise --capacity"), "{err}");
    let cap = Capacity {
        share: 0.001,
        team: 1,
        period_weeks: 1,
    };
    assert!(plan(vec![], cap, "2026-01-15").is_err());
}

proptest::proptest! {
    /// Whatever the estimates and capacity: best never after worst, dates
    /// never go back down the list, and the burn-down falls to zero.
    #[test]
    fn schedule_is_monotone(est in proptest::collection::vec((0u32..80, 1u32..80), 1..8), team in 1u32..6, pct in 5u32..100, weeks in 1u32..4) {
        let items: Vec<DebtItem> = est
            .iter()
            .enumerate()
            .map(|(i, (lo, extra))| item(&format!("{:04}-x", i + 1), &format!("principal: {lo}-{}h\n", lo + extra)))
            .collect();
        let ranked_items: Vec<Ranked> = items.iter().map(|i| ranked(i, None)).collect();
        let cap = Capacity { share: f64::from(pct) / 100.0, team, period_weeks: weeks };
        let p = plan(ranked_items, cap, "2026-01-15").unwrap();
        let mut last = ("".to_string(), "".to_string());
        for x in &p.items {
            proptest::prop_assert!(x.best <= x.worst);
            proptest::prop_assert!(x.best >= last.0 && x.worst >= last.1);
            last = (x.best.clone(), x.worst.clone());
        }
        let end = p.burndown.last().unwrap();
        proptest::prop_assert_eq!(end.open, Effort::hours(0, 0));
        proptest::prop_assert_eq!(p.burndown[0].open, p.total);
    }
}
