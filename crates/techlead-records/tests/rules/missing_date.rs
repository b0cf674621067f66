use crate::{Records, check};

#[test]
fn missing_date() {
    let hit = Records::new()
        .record("0001-a.md", "# 1. A\n\n## Status\n\nAccepted\n")
        .record("0002-b.md", "---\nstatus: accepted\n---\n\n# B\n");
    // A date in front matter, as a bullet, as a line, or in a log4brains
    // `YYYYMMDD-` file name.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# A\n",
        )
        .record(
            "0002-b.md",
            "# B\n\n* Status: accepted\n* Date: 2020-01-01\n",
        )
        .record(
            "0003-c.md",
            "# 3. C\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
        )
        .record("20200101-use-d.md", "# Use D\n\n* Status: accepted\n");
    check("decisions/missing-date", hit, near_miss);
}
