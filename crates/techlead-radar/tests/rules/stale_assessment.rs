use crate::{Radar, check};

#[test]
fn stale_assessment() {
    // Fixtures run on 2026-01-15 with the default limit of 6 months: in
    // Trial since a `date:` 7 months back, and in Assess since a history
    // line 8 months back.
    let hit = Radar::new()
        .record(
            "deno",
            "name: Deno\nquadrant: platforms\nring: trial\ndate: 2025-06-01\n",
            "A pilot service.\n",
        )
        .record(
            "htmx",
            "name: htmx\nquadrant: languages-and-frameworks\nring: assess\ndate: 2023-01-01\n",
            "For admin pages.\n\n## History\n\n- 2025-05-10: adopt → assess: doubts about scale\n",
        );
    // Exactly at the limit; an old record moved into Trial recently; old
    // records in Adopt and Hold, which are decisions.
    let near_miss = Radar::new()
        .record(
            "deno",
            "name: Deno\nquadrant: platforms\nring: trial\ndate: 2025-07-15\n",
            "A pilot service.\n",
        )
        .record(
            "htmx",
            "name: htmx\nquadrant: languages-and-frameworks\nring: trial\ndate: 2023-01-01\n",
            "For admin pages.\n\n## History\n\n- 2025-12-01: assess → trial: first pages shipped\n",
        )
        .record(
            "rust",
            "name: Rust\nquadrant: languages-and-frameworks\nring: adopt\ndate: 2019-01-01\n",
            "Our systems language.\n",
        )
        .record(
            "perl",
            "name: Perl\nquadrant: languages-and-frameworks\nring: hold\ndate: 2015-01-01\n",
            "No new code.\n",
        );
    check("radar/stale-assessment", hit, near_miss);
}
