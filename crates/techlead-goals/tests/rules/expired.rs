use crate::{Goals, check};
use techlead_goals::Kind;

#[test]
fn expired() {
    // Still active after 2025-Q4 ended.
    let hit = Goals::new()
        .goal(
            "0001-launch.md",
            "title: Launch in Spain\nstatus: active\nhorizon: 2025-Q4\n",
        )
        .work(
            Kind::Decision,
            "0002-eu-region",
            "accepted",
            "2025-10-01",
            &["1"],
        );
    // Closed after its horizon; active with a horizon that ends today or later.
    let near_miss = Goals::new()
        .goal(
            "0001-launch.md",
            "title: Launch in Spain\nstatus: achieved\nhorizon: 2025-Q4\n",
        )
        .goal(
            "0002-france.md",
            "title: Launch in France\nstatus: active\nhorizon: 2025-11-01..2026-02-15\n",
        )
        .work(
            Kind::Decision,
            "0002-eu-region",
            "accepted",
            "2025-10-01",
            &["1", "2"],
        );
    check("goals/expired", hit, near_miss);
}
