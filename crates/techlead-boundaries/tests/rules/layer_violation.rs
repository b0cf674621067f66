use crate::{Project, check};

/// `domain` is closed: `web` reaches `infra` only through it.
const MODULES: &str = r#"[boundaries]
layers = ["web", { name = "domain", closed = true }, "infra"]

[[boundaries.modules]]
name = "web"
paths = ["crates/web"]
layer = "web"

[[boundaries.modules]]
name = "domain"
paths = ["crates/domain"]
layer = "domain"

[[boundaries.modules]]
name = "infra"
paths = ["crates/infra"]
layer = "infra"

[[boundaries.modules]]
name = "telemetry"
paths = ["crates/telemetry"]

[[boundaries.modules]]
name = "scripts"
paths = ["crates/scripts"]
"#;

#[test]
fn layer_violation() {
    // Upwards (infra -> domain), and past the closed layer (web -> infra).
    let hit = Project::new()
        .krate("web", "use domain::Order;\nuse infra::Db;\n")
        .krate("domain", "pub struct Order;\n")
        .krate("infra", "use domain::Order;\npub struct Db;\n")
        .krate("telemetry", "pub fn trace() {}\n")
        .krate("scripts", "pub fn main() {}\n")
        .config(MODULES);
    // Downwards one layer at a time, within a layer, and to and from a
    // module in no layer.
    let near_miss = Project::new()
        .krate("web", "use domain::Order;\nuse telemetry::trace;\n")
        .krate("domain", "use infra::Db;\npub struct Order;\n")
        .krate("infra", "use telemetry::trace;\npub struct Db;\n")
        .krate("telemetry", "pub fn trace() {}\n")
        .krate("scripts", "use web::*;\nuse infra::Db;\n")
        .config(MODULES);
    check("boundaries/layer-violation", hit, near_miss);
}
