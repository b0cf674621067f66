use crate::{Deps, check, npm_lock};

#[test]
fn denied_license() {
    let hit = Deps::new()
        .config("[deps]\ndeny_licenses = [\"GPL-3.0-only\", \"AGPL-3.0-or-later\"]\n")
        .file(
            "package-lock.json",
            &npm_lock(&[
                ("gpl-thing", "1.0.0", Some("GPLv3"), false),
                ("mixed", "2.0.0", Some("MIT AND AGPL-3.0-or-later"), false),
                ("fine", "1.0.0", Some("MIT"), false),
            ]),
        );
    // A choice that avoids the denied license, a development-only
    // package (not checked by default), and `-or-later` where `-only` is
    // denied.
    let near_miss = Deps::new()
        .config("[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n")
        .file(
            "package-lock.json",
            &npm_lock(&[
                ("dual", "1.0.0", Some("MIT OR GPL-3.0-only"), false),
                ("test-tool", "1.0.0", Some("GPL-3.0-only"), true),
                ("later", "1.0.0", Some("GPL-3.0-or-later"), false),
            ]),
        );
    check("deps/denied-license", hit, near_miss);
}

#[test]
fn allow_list() {
    // Not on the allow list is refused too, as the same rule.
    let hit = Deps::new()
        .config("[deps]\nallow_licenses = [\"MIT\", \"Apache-2.0\"]\n")
        .file(
            "package-lock.json",
            &npm_lock(&[("weak", "1.0.0", Some("MPL-2.0"), false)]),
        );
    let found = techlead_testing::Fixture::findings(&hit);
    assert_eq!(found.len(), 1);
    assert!(
        found[0]
            .message
            .contains("MPL-2.0 is not in [deps] allow_licenses"),
        "{}",
        found[0].message
    );
}
