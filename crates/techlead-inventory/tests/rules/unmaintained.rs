use crate::{Deps, check, npm_lock};
use techlead_inventory::online::registry::RegistryInfo;

fn last(date: &str, deprecated: Option<&str>) -> RegistryInfo {
    RegistryInfo {
        last_release: Some(date.into()),
        deprecated: deprecated.map(str::to_string),
        ..RegistryInfo::default()
    }
}

#[test]
fn unmaintained() {
    let lock = npm_lock(&[
        ("request", "2.88.2", Some("Apache-2.0"), false),
        ("left-pad", "1.3.0", Some("WTFPL"), false),
    ]);
    // No release for six years; and one its registry deprecates.
    let hit = Deps::new()
        .config("[deps]\n")
        .file("package-lock.json", &lock)
        .online("npm:request@2.88.2", last("2020-02-11", None), vec![])
        .online(
            "npm:left-pad@1.3.0",
            last("2025-11-01", Some("use String.prototype.padStart()")),
            vec![],
        );
    // Released 23 months before today, under the 24-month default; and
    // an old release of a transitive package (only direct ones count).
    let near_miss = Deps::new()
        .config("[deps]\n")
        .file("package-lock.json", &lock)
        .file(
            "package-lock.json",
            "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"dependencies\": { \"request\": \"*\" } },\n    \"node_modules/request\": { \"version\": \"2.88.2\" },\n    \"node_modules/left-pad\": { \"version\": \"1.3.0\" }\n  }\n}\n",
        )
        .online("npm:request@2.88.2", last("2024-02-16", None), vec![])
        .online("npm:left-pad@1.3.0", last("2016-01-01", None), vec![]);
    check("deps/unmaintained", hit, near_miss);
}
