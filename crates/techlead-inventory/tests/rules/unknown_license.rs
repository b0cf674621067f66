use crate::{Deps, check, npm_lock};

#[test]
fn unknown_license() {
    let hit = Deps::new()
        .config("[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n")
        .file(
            "package-lock.json",
            &npm_lock(&[
                ("nothing-said", "1.0.0", None, false),
                ("vague", "1.0.0", Some("BSD"), false),
            ]),
        );
    // The same packages, clarified in techlead.toml; and no policy at all
    // would not ask.
    let near_miss = Deps::new()
        .config(
            "[deps]\ndeny_licenses = [\"GPL-3.0-only\"]\n\n[deps.clarify]\n\"npm:nothing-said\" = \"MIT\"\n\"npm:vague\" = \"BSD-3-Clause\"\n",
        )
        .file(
            "package-lock.json",
            &npm_lock(&[
                ("nothing-said", "1.0.0", None, false),
                ("vague", "1.0.0", Some("BSD"), false),
            ]),
        );
    check("deps/unknown-license", hit, near_miss);
}
