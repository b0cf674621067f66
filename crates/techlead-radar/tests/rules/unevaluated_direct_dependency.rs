use crate::{Radar, check};

fn radar(require_evaluation: bool) -> Radar {
    Radar::new()
        .config(&format!("[radar]\nrequire_evaluation = {require_evaluation}\n"))
        .record(
            "serde",
            "name: serde\nquadrant: languages-and-frameworks\nring: adopt\npackages: [\"cargo:serde\", \"pypi:pyyaml\"]\ndate: 2024-01-10\n",
            "Serialization.\n",
        )
}

#[test]
fn unevaluated_direct_dependency() {
    // A direct dependency that no record covers.
    let hit = radar(true)
        .uses("cargo:serde", Some(true), "Cargo.lock", 300)
        .uses("cargo:anyhow", Some(true), "Cargo.lock", 12);
    // Covered (PyPI names as PEP 503 compares them), pulled in by another
    // package, or of unknown directness (a lockfile that does not say).
    let near_miss = radar(true)
        .uses("cargo:serde", Some(true), "Cargo.lock", 300)
        .uses("pypi:PyYAML", Some(true), "uv.lock", 9)
        .uses("cargo:itoa", Some(false), "Cargo.lock", 150)
        .uses("npm:left-pad", None, "yarn.lock", 4);
    check("radar/unevaluated-direct-dependency", hit, near_miss);
}
