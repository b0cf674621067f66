use crate::{Goals, check};
use techlead_goals::Kind;

#[test]
fn unknown_record() {
    // The goal links a decision that does not exist.
    let hit = Goals::new()
        .goal(
            "0001-revenue.md",
            "title: Grow revenue\nlinks: [\"adr:0001\", \"adr:0009\"]\n",
        )
        .work(
            Kind::Decision,
            "0001-use-rust",
            "accepted",
            "2026-01-10",
            &[],
        );
    // Records named by number, by stem, and a technology by its name.
    let near_miss = Goals::new()
        .goal(
            "0001-revenue.md",
            "title: Grow revenue\nlinks: [\"adr:1\", \"debt:0002-old-gateway\", \"radar:postgresql\"]\n",
        )
        .work(Kind::Decision, "0001-use-rust", "accepted", "2026-01-10", &[])
        .work(Kind::Debt, "0002-old-gateway", "open", "", &[])
        .work(Kind::Technology, "postgresql", "adopt", "", &[]);
    check("goals/unknown-record", hit, near_miss);
}
