use crate::{Health, check, statements};

/// A Java method of `n` statements: NLOC `n + 2` (its first and last
/// lines count).
fn java(n: usize, extra: &str) -> String {
    format!(
        "package app;\n\nclass Report {{\n    void render(int x) {{\n{extra}{}    }}\n}}\n",
        statements(n, "        ", true)
    )
}

#[test]
fn long_function() {
    // 71 lines of code, over the default 70; and a Rust function over a
    // configured limit would need its own tree, so the Java one is enough.
    let hit = Health::new("").file("src/app/Report.java", &java(69, ""));
    // 70 lines of code, plus comment and blank lines that are not code.
    let near_miss = Health::new("").file(
        "src/app/Report.java",
        &java(
            68,
            "        // a comment\n\n        /* a block\n           comment */\n",
        ),
    );
    check("health/long-function", hit, near_miss);
}
