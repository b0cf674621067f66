use crate::{Records, check, nygard};

#[test]
fn one_sided_supersede() {
    // Each direction once: A says B replaced it, B is silent; D says it
    // replaces C, C is silent.
    let hit = Records::new()
        .record(
            "0001-a.md",
            &nygard(1, "A", "Superseded by [2. B](0002-b.md)"),
        )
        .record("0002-b.md", &nygard(2, "B", "Accepted"))
        .record("0003-c.md", &nygard(3, "C", "Accepted"))
        .record(
            "0004-d.md",
            &nygard(4, "D", "Accepted\n\nSupersedes [3. C](0003-c.md)"),
        );
    // Both sides recorded (in adr-tools' old spelling too), and a one-sided
    // link of another kind.
    let near_miss = Records::new()
        .record(
            "0001-a.md",
            &nygard(1, "A", "Superceded by [2. B](0002-b.md)"),
        )
        .record(
            "0002-b.md",
            &nygard(2, "B", "Accepted\n\nSupersedes [1. A](0001-a.md)"),
        )
        .record(
            "0003-c.md",
            &nygard(3, "C", "Accepted\n\nAmended by [4. D](0004-d.md)"),
        )
        .record("0004-d.md", &nygard(4, "D", "Accepted"));
    check("decisions/one-sided-supersede", hit, near_miss);
}
