use crate::{Goals, check};
use techlead_goals::Kind;

#[test]
fn goal_without_work() {
    // An active goal that nothing serves.
    let hit = Goals::new()
        .goal("0001-revenue.md", "title: Grow revenue\n")
        .goal(
            "0002-hiring.md",
            "title: Hire two engineers\nstatus: active\n",
        )
        .work(Kind::Debt, "0003-old-gateway", "open", "", &["1"]);
    // A company goal served through its team goal, a team goal linked
    // from its own `links:`, and goals that are not active.
    let near_miss = Goals::new()
        .goal("0001-revenue.md", "title: Grow revenue\n")
        .goal(
            "0002-payments.md",
            "title: Payments ship alone\nparent: \"1\"\nlinks: [\"debt:3\"]\n",
        )
        .goal("0004-later.md", "title: Later\nstatus: proposed\n")
        .goal("0005-gone.md", "title: Gone\nstatus: dropped\n")
        .work(Kind::Debt, "0003-old-gateway", "open", "", &[]);
    check("goals/goal-without-work", hit, near_miss);
}
