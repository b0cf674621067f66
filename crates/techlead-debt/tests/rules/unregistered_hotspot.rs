use crate::{Debt, check};

const ON: &str = "[debt]\nunregistered_hotspots = true\nhotspot_min_interest = 5\n";

#[test]
fn unregistered_hotspot() {
    // src/hot.py changed 4 times by 2 people, twice to fix bugs: (4 + 2 +
    // 2) × (1 + 1/4) = 10, over the threshold of 5.
    let hit = Debt::new()
        .config(ON)
        .file("src/hot.py", "x = 1\n")
        .commit("ann", &["src/hot.py"], "fix crash")
        .commit("ann", &["src/hot.py", "README.md"], "feature")
        .commit("bob", &["src/hot.py"], "bugfix: rounding")
        .commit("bob", &["src/hot.py"], "tidy");
    // The same history with the file covered by an item, a cold file, and
    // a hot file that is not source code.
    let near_miss = Debt::new()
        .config(ON)
        .item("0001-hot", "title: Hot\nowner: x\npaths: [src/hot.py]\n")
        .file("src/hot.py", "x = 1\n")
        .file("src/cold.py", "y = 1\n")
        .file("README.md", "# r\n")
        .commit("ann", &["src/hot.py", "README.md"], "fix crash")
        .commit("ann", &["src/hot.py", "README.md"], "feature")
        .commit("bob", &["src/hot.py", "README.md"], "bugfix: rounding")
        .commit("bob", &["src/hot.py", "README.md"], "tidy")
        .commit("cy", &["src/cold.py"], "one change");
    check("debt/unregistered-hotspot", hit, near_miss);
}

/// Without history the rule says so once, as a note, and guesses nothing.
#[test]
fn without_history_a_note() {
    use techlead_testing::Fixture;
    let d = Debt::new()
        .config(ON)
        .file("src/hot.py", "x = 1\n")
        .no_history("not a git repository");
    let found = d.findings();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, techlead_core::Severity::Note);
    assert_eq!(
        found[0].message,
        "hotspots were not looked for: history is unavailable: not a git repository"
    );
    // Switched off by default: nothing at all.
    let d = Debt::new().file("src/hot.py", "x = 1\n").no_history("x");
    assert!(d.findings().is_empty());
}
