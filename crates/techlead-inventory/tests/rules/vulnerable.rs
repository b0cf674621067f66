use crate::{Deps, advisory, check, npm_lock};
use techlead_inventory::online::registry::RegistryInfo;

fn lock() -> String {
    npm_lock(&[
        ("lodash", "4.17.20", Some("MIT"), false),
        ("minimist", "1.2.5", Some("MIT"), false),
    ])
}

#[test]
fn vulnerable() {
    // Two vulnerable versions; the radar has one of them on Hold, which
    // is reported first though its lockfile line comes later.
    let hit = Deps::new()
        .config("[deps]\n")
        .file("package-lock.json", &lock())
        .online(
            "npm:lodash@4.17.20",
            RegistryInfo::default(),
            vec![advisory(
                "GHSA-35jh-r3h4-6jhm",
                "CVE-2021-23337",
                "Command Injection in lodash",
                &["4.17.21"],
            )],
        )
        .online(
            "npm:minimist@1.2.5",
            RegistryInfo::default(),
            vec![advisory(
                "GHSA-xvch-5gv4-984h",
                "CVE-2021-44906",
                "Prototype Pollution in minimist",
                &["0.2.4", "1.2.6"],
            )],
        )
        .hold("npm:minimist", "Minimist");
    // One package with no advisory (a Hold without vulnerabilities is the
    // radar's own rule, not this one), one whose advisory is ignored by
    // its CVE alias.
    let near_miss = Deps::new()
        .config("[deps]\nignore_advisories = [\"cve-2021-23337\"]\n")
        .file("package-lock.json", &lock())
        .online(
            "npm:lodash@4.17.20",
            RegistryInfo::default(),
            vec![advisory(
                "GHSA-35jh-r3h4-6jhm",
                "CVE-2021-23337",
                "Command Injection in lodash",
                &["4.17.21"],
            )],
        )
        .online("npm:minimist@1.2.5", RegistryInfo::default(), vec![])
        .hold("npm:minimist", "Minimist");
    check("deps/vulnerable", hit, near_miss);
}
