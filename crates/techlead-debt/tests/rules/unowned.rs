use crate::{Debt, check};

#[test]
fn unowned() {
    let hit = Debt::new()
        .item("0001-legacy-auth", "title: Legacy auth\nstatus: open\n")
        .item(
            "0002-retries",
            "title: Retries\nstatus: scheduled\nowner: \"\"\n",
        );
    // Owned, or no longer owed.
    let near_miss = Debt::new()
        .item("0001-a", "title: A\nowner: platform team\n")
        .item("0002-b", "title: B\nstatus: repaid\n")
        .item("0003-c", "title: C\nstatus: accepted\n");
    check("debt/unowned", hit, near_miss);
}
