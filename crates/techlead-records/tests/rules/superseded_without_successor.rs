use crate::{Records, check, nygard};

#[test]
fn superseded_without_successor() {
    let hit = Records::new()
        .record("0001-a.md", &nygard(1, "A", "Superseded"))
        .record(
            "0002-b.md",
            "---\nstatus: superseded\ndate: 2020-01-01\n---\n\n# B\n",
        );
    // Superseded with its successor linked, in a section and in front
    // matter; deprecated needs no successor.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            &nygard(1, "A", "Superseded by [3. C](0003-c.md)"),
        )
        .record(
            "0002-b.md",
            "---\nstatus: superseded by [3. C](0003-c.md)\ndate: 2020-01-01\n---\n\n# B\n",
        )
        .record(
            "0003-c.md",
            &nygard(
                3,
                "C",
                "Accepted\n\nSupersedes [1. A](0001-a.md)\n\nSupersedes [2. B](0002-b.md)",
            ),
        )
        .record("0004-d.md", &nygard(4, "D", "Deprecated"));
    check("decisions/superseded-without-successor", hit, near_miss);
}
