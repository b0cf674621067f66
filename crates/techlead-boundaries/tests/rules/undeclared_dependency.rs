use crate::{Project, check};

const MODULES: &str = r#"[boundaries]

[[boundaries.modules]]
name = "app"
paths = ["crates/app"]
depends_on = ["domain"]

[[boundaries.modules]]
name = "domain"
paths = ["crates/domain"]

[[boundaries.modules]]
name = "infra"
paths = ["crates/infra"]

[[boundaries.modules]]
name = "util"
paths = ["crates/util"]
utility = true

[[boundaries.modules]]
name = "scripts"
paths = ["crates/scripts"]
depends_on = []
unchecked = true
"#;

fn workspace(app: &str) -> Project {
    Project::new()
        .krate("app", app)
        .krate("domain", "pub struct Order;\n")
        .krate("infra", "pub mod db;\n")
        .file("crates/infra/src/db.rs", "pub fn connect() {}\n")
        .krate("util", "pub fn fmt() {}\n")
        .krate("scripts", "use infra::db;\nuse app::run;\n")
        .config(MODULES)
}

#[test]
fn undeclared_dependency() {
    // app reaches infra twice in one file: one finding, at the first.
    let hit = workspace(
        "use domain::Order;\nuse infra::db;\n\npub fn run() {\n    infra::db::connect();\n}\n",
    );
    // A declared module, a utility module, an external crate, an import in
    // a comment and in a string; scripts breaks its empty depends_on but
    // is unchecked, and domain declares no depends_on at all.
    let near_miss = workspace(
        "use domain::Order;\nuse util::fmt;\nuse serde::Serialize;\n\
         // use infra::db;\nconst S: &str = \"use infra::db;\";\npub fn run() {}\n",
    )
    .krate("domain", "use infra::db;\npub struct Order;\n");
    check("boundaries/undeclared-dependency", hit, near_miss);
}
