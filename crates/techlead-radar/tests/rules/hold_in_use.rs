use crate::{Radar, check};

fn radar() -> Radar {
    Radar::new()
        .record(
            "moment",
            "name: Moment.js\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"npm:moment\"]\ndate: 2024-01-10\n",
            "Replaced by date-fns.\n",
        )
        .record(
            "dateutil",
            "name: dateutil\nquadrant: languages-and-frameworks\nring: hold\npackages: [\"pypi:python_dateutil\"]\ndate: 2024-01-10\n",
            "Use the standard library.\n",
        )
        .record(
            "date-fns",
            "name: date-fns\nquadrant: languages-and-frameworks\nring: adopt\npackages: [\"npm:date-fns\"]\ndate: 2024-01-10\n",
            "Small and tree-shakable.\n",
        )
}

#[test]
fn hold_in_use() {
    // On Hold, still in the lockfiles; PyPI names compare as PEP 503 says.
    let hit = radar()
        .uses("npm:moment", Some(true), "web/package-lock.json", 12)
        .uses("pypi:python-dateutil", Some(false), "uv.lock", 40);
    // Names that only look alike (a longer name, another ecosystem), and
    // the technology the radar recommends.
    let near_miss = radar()
        .uses(
            "npm:moment-timezone",
            Some(true),
            "web/package-lock.json",
            12,
        )
        .uses("pypi:moment", Some(true), "uv.lock", 7)
        .uses("npm:date-fns", Some(true), "web/package-lock.json", 30);
    check("radar/hold-in-use", hit, near_miss);
}
