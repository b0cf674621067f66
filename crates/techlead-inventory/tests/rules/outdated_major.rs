use crate::{Deps, check, npm_lock};
use techlead_inventory::online::registry::RegistryInfo;

fn behind(majors: usize) -> RegistryInfo {
    RegistryInfo {
        released: Some("2022-06-14".into()),
        latest: Some("19.0.0".into()),
        latest_released: Some("2024-12-05".into()),
        behind: 40,
        majors_behind: majors,
        ..RegistryInfo::default()
    }
}

#[test]
fn outdated_major() {
    let lock = npm_lock(&[("react", "18.2.0", Some("MIT"), false)]);
    let hit = Deps::new()
        .config("[deps]\n")
        .file("package-lock.json", &lock)
        .online("npm:react@18.2.0", behind(1), vec![]);
    // Behind within its major line; and two majors behind where the
    // threshold is three.
    let near_miss = Deps::new()
        .config("[deps]\noutdated_majors = 3\n")
        .file(
            "package-lock.json",
            &npm_lock(&[
                ("react", "18.2.0", Some("MIT"), false),
                ("vite", "4.5.0", Some("MIT"), false),
            ]),
        )
        .online("npm:react@18.2.0", behind(0), vec![])
        .online("npm:vite@4.5.0", behind(2), vec![]);
    check("deps/outdated-major", hit, near_miss);
}
