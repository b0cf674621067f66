use crate::{Records, check, nygard};

#[test]
fn unknown_status() {
    // A typo, and a team status nobody wrote down.
    let hit = Records::new()
        .record("0001-a.md", &nygard(1, "A", "Acepted"))
        .record("0002-b.md", &nygard(2, "B", "On hold"));
    // The same team status listed in [decisions] statuses (any case), and
    // standard statuses followed by prose or emphasis.
    let near_miss = Records::new()
        .file(
            "techlead.toml",
            "[decisions]\ndir = \"docs/adr\"\nstatuses = [\"On Hold\"]\n",
        )
        .record("0001-a.md", &nygard(1, "A", "Accepted, with changes"))
        .record("0002-b.md", &nygard(2, "B", "On hold"))
        .record("0003-c.md", &nygard(3, "C", "**Draft**"))
        .record(
            "0004-d.md",
            "---\nstatus: Rejected. Too costly.\ndate: 2020-01-01\n---\n\n# D\n",
        );
    check("decisions/unknown-status", hit, near_miss);
}
