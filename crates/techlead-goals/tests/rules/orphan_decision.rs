use crate::{Goals, check};
use techlead_goals::Kind;

const CONFIG: &str = "[goals]\norphan_decision_months = 6\n";

fn goals() -> Goals {
    Goals::new()
        .config(CONFIG)
        .goal("0001-revenue.md", "title: Grow revenue\n")
        .work(Kind::Debt, "0001-old-gateway", "open", "", &["1"])
}

#[test]
fn orphan_decision() {
    // Accepted two months ago, serving nothing.
    let hit = goals().work(Kind::Decision, "0004-queue", "accepted", "2025-12-01", &[]);
    // Older than six months, proposed, superseded, or serving a goal.
    let near_miss = goals()
        .work(Kind::Decision, "0001-rust", "accepted", "2025-08-01", &[])
        .work(Kind::Decision, "0002-queue", "proposed", "2026-01-10", &[])
        .work(
            Kind::Decision,
            "0003-kafka",
            "superseded",
            "2026-01-05",
            &[],
        )
        .work(
            Kind::Decision,
            "0004-queue",
            "accepted",
            "2025-12-01",
            &["0001"],
        );
    check("goals/orphan-decision", hit, near_miss);
}
