use crate::{Goals, check};
use techlead_goals::Kind;

const GOAL: &str = "title: Keep the architecture\nhorizon: 2026-Q1\nkey_results:\n  - metric: boundaries.violations == 0\n    start: 4\n  - text: Modules with an owner\n    start: 0\n    target: 10\n    current: CURRENT\n";

#[test]
fn off_track() {
    // Half the quarter gone, the violations not moved, and the manual key
    // result at 2 of 10.
    let hit = Goals::new()
        .goal("0001-architecture.md", &GOAL.replace("CURRENT", "2"))
        .work(
            Kind::Decision,
            "0002-layers",
            "accepted",
            "2026-01-10",
            &["1"],
        )
        .metric("boundaries.violations", 4.0);
    // Half way on both (the tolerance lets 0.4 pass at 0.5 of the
    // horizon); the same numbers on a goal that is not active.
    let near_miss = Goals::new()
        .goal("0001-architecture.md", &GOAL.replace("CURRENT", "4"))
        .goal(
            "0003-later.md",
            &GOAL
                .replace("CURRENT", "0")
                .replace("title: Keep", "status: proposed\ntitle: Keep"),
        )
        .work(
            Kind::Decision,
            "0002-layers",
            "accepted",
            "2026-01-10",
            &["1"],
        )
        .metric("boundaries.violations", 2.0);
    check("goals/off-track", hit, near_miss);
}
