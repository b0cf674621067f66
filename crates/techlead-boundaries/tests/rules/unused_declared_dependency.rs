use crate::{Project, check};

fn modules(strict: bool) -> String {
    format!(
        r#"[boundaries]
strict = {strict}

[[boundaries.modules]]
name = "app"
paths = ["crates/app"]
depends_on = ["domain", "util"]

[[boundaries.modules]]
name = "domain"
paths = ["crates/domain"]
depends_on = []

[[boundaries.modules]]
name = "util"
paths = ["crates/util"]
depends_on = []
"#
    )
}

#[test]
fn unused_declared_dependency() {
    // app declares util but never imports it: reported at the line of
    // `"util"` in techlead.toml.
    let hit = Project::new()
        .krate("app", "use domain::Order;\n")
        .krate("domain", "pub struct Order;\n")
        .krate("util", "pub fn fmt() {}\n")
        .config(&modules(true));
    // Every declared dependency used, one only by a nested file's
    // re-export.
    let near_miss = Project::new()
        .krate("app", "mod fmt;\nuse domain::Order;\n")
        .file("crates/app/src/fmt.rs", "pub use util::fmt;\n")
        .krate("domain", "pub struct Order;\n")
        .krate("util", "pub fn fmt() {}\n")
        .config(&modules(true));
    check("boundaries/unused-declared-dependency", hit, near_miss);
}
