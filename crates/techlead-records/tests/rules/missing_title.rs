use crate::{Records, check};

#[test]
fn missing_title() {
    // No H1 at all, and an H1 that only a code block holds.
    let hit = Records::new()
        .record("0001-a.md", "Date: 2020-01-01\n\n## Status\n\nAccepted\n")
        .record(
            "0002-b.md",
            "* Status: accepted\n* Date: 2020-01-01\n\n```markdown\n# B\n```\n",
        );
    // A front-matter title with no heading, and an H1 below front matter.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            "---\ntitle: A\nstatus: accepted\ndate: 2020-01-01\n---\n\nThe decision.\n",
        )
        .record(
            "0002-b.md",
            "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# B\n",
        );
    check("decisions/missing-title", hit, near_miss);
}
