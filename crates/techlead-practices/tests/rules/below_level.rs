use crate::{Practices, check};

fn project() -> Practices {
    Practices::new("[practices]\nmin_level = \"bronze\"\n")
        .file("src/lib.rs", "pub fn one() -> u32 {\n    1\n}\n")
        .commit("Alice", 10, &["src/lib.rs"])
}

#[test]
fn below_level() {
    // Code, and none of bronze's checks: no CI, tests, licence or guide.
    let hit = project();
    // Bronze exactly: CI on pushes, a test, a licence file, a guide.
    let near_miss = project()
        .file(".github/workflows/ci.yml", "on: [push]\njobs:\n  t:\n    steps:\n      - run: cargo test\n")
        .file("tests/one.rs", "#[test]\nfn one() {\n    assert_eq!(x::one(), 1);\n}\n")
        .file("LICENSE", "Permission is hereby granted, free of charge, to any person obtaining a copy\nThe above copyright notice and this permission notice shall be included\n")
        .file("CONTRIBUTING.md", "# How to help\n");
    check("practices/below-level", hit, near_miss);
}
