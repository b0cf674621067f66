use crate::{Radar, check};

#[test]
fn unknown_quadrant() {
    // Half of a default quadrant's name, and no quadrant at all.
    let hit = Radar::new()
        .record(
            "rust",
            "name: Rust\nquadrant: languages\nring: adopt\ndate: 2024-01-10\n",
            "Our systems language.\n",
        )
        .record(
            "adr",
            "name: Decision records\nring: adopt\ndate: 2024-01-10\n",
            "We write ADRs.\n",
        );
    // Quadrants compare without case, and a team's own quadrants count
    // once configured.
    let near_miss = Radar::new()
        .config("[radar]\nquadrants = [\"Data\", \"Techniques\", \"Tools\", \"Platforms\"]\n")
        .record(
            "postgresql",
            "name: PostgreSQL\nquadrant: data\nring: adopt\ndate: 2024-01-10\n",
            "Our database.\n",
        )
        .record(
            "adr",
            "name: Decision records\nquadrant: TECHNIQUES\nring: adopt\ndate: 2024-01-10\n",
            "We write ADRs.\n",
        );
    check("radar/unknown-quadrant", hit, near_miss);
}
