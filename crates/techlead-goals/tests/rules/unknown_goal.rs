use crate::{Goals, check};
use techlead_goals::Kind;

#[test]
fn unknown_goal() {
    // A decision serves a goal that was never written, and a team goal
    // names a parent that does not exist.
    let hit = Goals::new()
        .goal("0001-revenue.md", "title: Grow revenue\nhorizon: 2026\n")
        .goal(
            "0002-payments.md",
            "title: Payments ship alone\nstatus: proposed\nparent: \"0007\"\n",
        )
        .work(
            Kind::Decision,
            "0003-split-payments",
            "accepted",
            "2026-01-10",
            &["0001", "0009"],
        );
    // Goals named by number without zeros, by file stem, and a parent
    // that exists.
    let near_miss = Goals::new()
        .goal("0001-revenue.md", "title: Grow revenue\nhorizon: 2026\n")
        .goal(
            "0002-payments.md",
            "title: Payments ship alone\nparent: \"1\"\n",
        )
        .work(
            Kind::Decision,
            "0003-split-payments",
            "accepted",
            "2026-01-10",
            &["2"],
        )
        .work(
            Kind::Debt,
            "0004-old-gateway",
            "open",
            "",
            &["0001-revenue"],
        );
    check("goals/unknown-goal", hit, near_miss);
}
