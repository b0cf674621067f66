use crate::{Practices, check};

fn project() -> Practices {
    Practices::new("[practices]\n\n[practices.minimums]\nsecurity-policy = 5\ncontributing = 4\n")
        .file("src/lib.rs", "pub fn one() -> u32 {\n    1\n}\n")
        .commit("Alice", 10, &["src/lib.rs"])
}

#[test]
fn check_below_minimum() {
    // No security policy and no contributing guide: both below.
    let hit = project();
    // A policy without a contact (5) and a guide alone (4): exactly there.
    let near_miss = project()
        .file("SECURITY.md", "# Security\n\nPlease be careful.\n")
        .file("CONTRIBUTING.md", "# How to help\n");
    check("practices/check-below-minimum", hit, near_miss);
}
