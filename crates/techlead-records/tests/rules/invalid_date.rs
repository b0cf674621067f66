use crate::{Records, check};

#[test]
fn invalid_date() {
    // A day that does not exist, and no date at all.
    let hit = Records::new()
        .record(
            "0001-a.md",
            "# 1. A\n\nDate: 2023-02-30\n\n## Status\n\nAccepted\n",
        )
        .record(
            "0002-b.md",
            "---\nstatus: accepted\ndate: someday\n---\n\n# B\n",
        );
    // A leap day, and a real date followed by more text.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            "# 1. A\n\nDate: 2024-02-29\n\n## Status\n\nAccepted\n",
        )
        .record(
            "0002-b.md",
            "# B\n\n* Status: accepted\n* Date: 2019-05-13, updated 2023-02-05\n",
        );
    check("decisions/invalid-date", hit, near_miss);
}
