use crate::{Records, check};

#[test]
fn missing_status() {
    // One record in each style: the help names the style's own place.
    let hit = Records::new()
        .record(
            "0001-a.md",
            "# 1. A\n\nDate: 2020-01-01\n\n## Context\n\nWhy.\n",
        )
        .record("0002-b.md", "---\ndate: 2020-01-01\n---\n\n# B\n")
        .record("0003-c.md", "# C\n\n* Date: 2020-01-01\n");
    // The status in each of those places; `Status` as a word in prose
    // after the header is not needed.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n",
        )
        .record(
            "0002-b.md",
            "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# B\n",
        )
        .record(
            "0003-c.md",
            "# C\n\n* Status: accepted\n* Date: 2020-01-01\n",
        )
        .record("0004-d.md", "# D\n\nStatus: accepted\nDate: 2020-01-01\n");
    check("decisions/missing-status", hit, near_miss);
}
