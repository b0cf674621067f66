use crate::{Debt, check};

#[test]
fn overdue() {
    // Fixtures run on 2026-01-15: an open item due the day before, and one
    // in progress due last year.
    let hit = Debt::new()
        .item(
            "0001-legacy-auth",
            "title: Legacy auth\nstatus: open\nowner: identity team\ntarget: 2026-01-14\nprincipal: 2-4d\n",
        )
        .item(
            "0002-retries",
            "title: Retries in three places\nstatus: in-progress\nowner: payments\ntarget: 2025-06-30\n",
        );
    // Due today; past due but repaid, accepted or won't fix; no target.
    let near_miss = Debt::new()
        .item("0001-a", "title: A\nowner: x\ntarget: 2026-01-15\n")
        .item(
            "0002-b",
            "title: B\nowner: x\nstatus: repaid\ntarget: 2025-01-01\n",
        )
        .item(
            "0003-c",
            "title: C\nowner: x\nstatus: accepted\ntarget: 2025-01-01\n",
        )
        .item(
            "0004-d",
            "title: D\nowner: x\nstatus: wont-fix\ntarget: 2025-01-01\n",
        )
        .item("0005-e", "title: E\nowner: x\n");
    check("debt/overdue", hit, near_miss);
}
