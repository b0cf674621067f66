use crate::{Deps, check};
use techlead_inventory::online::registry::RegistryInfo;

const LOCK: &str = "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n \"time\",\n]\n\n[[package]]\nname = \"time\"\nversion = \"0.3.35\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n";

#[test]
fn yanked() {
    let info = |yanked: Option<&str>| RegistryInfo {
        latest: Some("0.3.36".into()),
        yanked: yanked.map(str::to_string),
        ..RegistryInfo::default()
    };
    let hit = Deps::new()
        .config("[deps]\n")
        .file("Cargo.lock", LOCK)
        .online(
            "cargo:time@0.3.35",
            info(Some("breaks builds on Rust 1.80")),
            vec![],
        );
    // Behind the newest release, but not yanked.
    let near_miss = Deps::new()
        .config("[deps]\n")
        .file("Cargo.lock", LOCK)
        .online("cargo:time@0.3.35", info(None), vec![]);
    check("deps/yanked", hit, near_miss);
}
