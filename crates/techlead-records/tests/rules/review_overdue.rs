use crate::{Records, check};

#[test]
fn review_overdue() {
    // Fixtures run on 2026-01-15: yesterday's review is overdue.
    let hit = Records::new()
        .record(
            "0001-a.md",
            "---\nstatus: accepted\ndate: 2020-01-01\nreview-by: 2025-12-31\n---\n\n# A\n",
        )
        .record(
            "0002-b.md",
            "# B\n\n* Status: accepted\n* Date: 2020-01-01\n* Review-by: 2026-01-14\n",
        );
    // Due today, due later, and `review_by` spelled with an underscore.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            "---\nstatus: accepted\ndate: 2020-01-01\nreview-by: 2026-01-15\n---\n\n# A\n",
        )
        .record(
            "0002-b.md",
            "# B\n\n* Status: accepted\n* Date: 2020-01-01\n* Review-by: 2027-01-01\n",
        )
        .record(
            "0003-c.md",
            "---\nstatus: accepted\ndate: 2020-01-01\nreview_by: 2026-06-30\n---\n\n# C\n",
        );
    check("decisions/review-overdue", hit, near_miss);
}
