use crate::{Project, check};

const MODULES: &str = r#"[boundaries]

[[boundaries.modules]]
name = "web"
paths = ["crates/web"]

[[boundaries.modules]]
name = "billing"
paths = ["crates/billing"]

[[boundaries.modules]]
name = "payments-adapter"
paths = ["crates/payments-adapter"]
visible_to = ["billing"]
"#;

#[test]
fn not_visible() {
    // web uses the adapter meant for billing only.
    let hit = Project::new()
        .krate("web", "use payments_adapter::charge;\n")
        .krate("billing", "use payments_adapter::charge;\n")
        .krate("payments-adapter", "pub fn charge() {}\n")
        .config(MODULES);
    // billing may; the adapter's own files import each other; web names
    // the adapter only in a doc comment.
    let near_miss = Project::new()
        .krate(
            "web",
            "/// Not `use payments_adapter::charge;`: go through billing.\nuse billing::pay;\n",
        )
        .krate(
            "billing",
            "use payments_adapter::charge;\npub fn pay() {}\n",
        )
        .krate("payments-adapter", "mod client;\npub use client::charge;\n")
        .file(
            "crates/payments-adapter/src/client.rs",
            "pub fn charge() {}\n",
        )
        .config(MODULES);
    check("boundaries/not-visible", hit, near_miss);
}
