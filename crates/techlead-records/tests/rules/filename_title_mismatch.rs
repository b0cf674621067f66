use crate::{Records, check, nygard};

#[test]
fn filename_title_mismatch() {
    // The title was edited; the file kept its old name.
    let hit = Records::new()
        .record(
            "0001-use-mysql.md",
            &nygard(1, "Use PostgreSQL", "Accepted"),
        )
        .record("20200101-old-name.md", "# New name\n\n* Status: accepted\n");
    // Punctuation and case, a label before the title, a long name some
    // tool cut short, and a front-matter title.
    let near_miss = Records::new()
        .record("0001-use-rust.md", &nygard(1, "Use Rust!", "Accepted"))
        .record(
            "adr-002-use-go.md",
            "# ADR-002: Use Go\n\n* Status: accepted\n* Date: 2020-01-01\n",
        )
        .record(
            "0003-use-postgresql-for-the.md",
            &nygard(3, "Use PostgreSQL for the event store", "Accepted"),
        )
        .record(
            "20200101-use-nats.md",
            "---\ntitle: Use NATS\nstatus: accepted\n---\n\n# Something else\n",
        );
    check("decisions/filename-title-mismatch", hit, near_miss);
}
