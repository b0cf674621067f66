//! `techlead history` on people: one person under several names and
//! emails is one person, and bots are not people.

use super::fixture::Project;

/// A repository with no commits yet.
pub fn fresh() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git("A", "2026-01-01T10:00:00Z", &["init", "-q", "-b", "main"]);
    p
}

/// Commits everything as `name <email>` on `date`.
pub fn commit_as(p: &Project, name: &str, email: &str, date: &str, msg: &str) {
    p.git_as(name, email, date, &["add", "-A"]);
    p.git_as(
        name,
        email,
        date,
        &["commit", "-q", "--allow-empty", "-m", msg],
    );
}

fn day(d: u32) -> String {
    format!("2026-02-{d:02}T10:00:00Z")
}

/// Jane commits as a full name, as a login in two cases and through
/// GitHub's noreply address; Bob is someone else. Each writes files of
/// their own.
fn people_repo() -> Project {
    let p = fresh();
    let jane = [
        ("Jane Doe", "jane@example.com"),
        ("jdoe", "jane@example.com"),
        ("JDoe", "Jane@Example.COM"),
        ("jdoe", "4242+jdoe@users.noreply.github.com"),
        ("jdoe", "jdoe@users.noreply.github.com"),
    ];
    for (i, (name, email)) in jane.iter().enumerate() {
        p.write(&format!("src/jane{i}.rs"), "fn j() {}\n");
        commit_as(&p, name, email, &day(1 + i as u32), "jane");
    }
    for i in 0..3 {
        p.write(&format!("src/bob{i}.rs"), "fn b() {}\n");
        commit_as(&p, "Bob", "bob@example.com", &day(10 + i), "bob");
    }
    p
}

#[test]
fn one_person_under_several_names_is_one_person() {
    let p = people_repo();
    // Before: five identities, two or more of them in the truck factor.
    // Jane's names: "jdoe" on three commits, the most; she covers 5 of 8
    // files, Bob 3: removing her leaves 3 of 8, under half.
    assert_eq!(
        p.ok(&["history", "truck-factor"]),
        "truck factor 1 (jdoe) over 8 files\n"
    );
    let authors = p.ok(&["history", "author-churn", "--format", "csv"]);
    let names: Vec<&str> = authors
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(names, ["Bob", "jdoe"], "{authors}");
    let summary = p.ok(&["history", "summary"]);
    assert!(summary.starts_with("8 commits by 2 people,"), "{summary}");
    // The raw view keeps each name (after .mailmap): "jdoe" three times
    // (two noreply forms and jane@), "Jane Doe", "JDoe", and Bob.
    let raw = p.ok(&[
        "history",
        "author-churn",
        "--no-identity-merge",
        "--format",
        "csv",
    ]);
    assert_eq!(raw.lines().count(), 1 + 4, "{raw}");
}

#[test]
fn a_tie_goes_to_the_name_used_last() {
    let p = fresh();
    p.write("a.rs", "1");
    commit_as(&p, "jdoe", "jane@example.com", &day(1), "a");
    p.write("b.rs", "1");
    commit_as(&p, "Jane Doe", "jane@example.com", &day(2), "b");
    assert_eq!(
        p.ok(&["history", "truck-factor"]),
        "truck factor 1 (Jane Doe) over 2 files\n"
    );
}

/// Bob writes the code; dependabot, renovate, GitHub Actions and a
/// release bot touch every file far more often.
fn bots_repo() -> Project {
    let p = fresh();
    for i in 0..4 {
        p.write(&format!("src/m{i}.rs"), "fn m() {}\n");
    }
    p.write("Cargo.toml", "[package]\n");
    commit_as(&p, "Bob", "bob@example.com", &day(1), "start");
    let bots = [
        (
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com",
        ),
        (
            "renovate[bot]",
            "29139614+renovate[bot]@users.noreply.github.com",
        ),
        (
            "github-actions[bot]",
            "41898282+github-actions[bot]@users.noreply.github.com",
        ),
        ("release-bot", "release@example.com"),
    ];
    for (i, (name, email)) in bots.iter().enumerate() {
        for j in 0..3 {
            for f in 0..4 {
                p.write(
                    &format!("src/m{f}.rs"),
                    format!("fn m() {{}}\n// {i} {j}\n"),
                );
            }
            commit_as(&p, name, email, &day(2 + (i * 3 + j) as u32), "bump");
        }
    }
    p
}

#[test]
fn bots_are_not_people() {
    let p = bots_repo();
    // Before: the bots made most changes and were the truck factor.
    assert_eq!(
        p.ok(&["history", "truck-factor"]),
        "truck factor 1 (Bob) over 5 files\n"
    );
    let main = p.ok(&["history", "main-dev-by-revs", "--format", "csv"]);
    assert!(main.contains("src/m0.rs,Bob,1,1,1.00\n"), "{main}");
    let summary = p.ok(&["history", "summary"]);
    assert!(summary.starts_with("13 commits by 1 people,"), "{summary}");
    // Their commits still count as changes.
    let revs = p.ok(&["history", "revisions", "--format", "csv"]);
    assert!(revs.contains("src/m0.rs,13\n"), "{revs}");
    // --include-bots keeps them.
    let with = p.ok(&[
        "history",
        "main-dev-by-revs",
        "--include-bots",
        "--format",
        "csv",
    ]);
    assert!(
        with.contains("src/m0.rs,dependabot[bot],3,13,0.23\n"),
        "{with}"
    );
    let authors = p.ok(&["history", "authors", "--include-bots", "--format", "csv"]);
    assert!(authors.contains("src/m0.rs,5,13\n"), "{authors}");
}

/// requests' "☿ Kenneth Reitz" (5 commits at the address of his 712, too
/// few to join through it) and click's "jacobtolar" beside "Jacob Tolar"
/// (two addresses) were people of their own; two one-word "Ben"s are not
/// joined with "ben" on a letter match.
#[test]
fn a_full_name_written_differently_is_one_person() {
    let p = fresh();
    for i in 0..30 {
        p.write("src/k.rs", format!("fn k() {{ {i} }}\n"));
        commit_as(&p, "Kenneth Reitz", "me@example.org", &day(1), "k");
    }
    p.write("src/k.rs", "fn k() {}\n");
    commit_as(&p, "☿ Kenneth Reitz", "me@example.org", &day(2), "k");
    p.write("src/j.rs", "fn j() {}\n");
    commit_as(&p, "Jacob Tolar", "jacob@example.net", &day(3), "j");
    p.write("src/j2.rs", "fn j() {}\n");
    commit_as(&p, "jacobtolar", "accounts@example.net", &day(4), "j");
    // prometheus: "Bjoern Rabenstein" at beorn7's address was beorn7, and
    // at an address of his own a second person under the same name.
    for i in 0..4 {
        p.write("src/r.rs", format!("fn r() {{ {i} }}\n"));
        commit_as(&p, "beorn7", "beorn@example.com", &day(7), "r");
    }
    commit_as(&p, "Bjoern Rabenstein", "beorn@example.com", &day(8), "r");
    p.write("src/r2.rs", "fn r() {}\n");
    commit_as(&p, "Bjoern Rabenstein", "bjoern@example.com", &day(9), "r");
    // Short keys are not joined: "Chris Tian" and "christian" may be two.
    p.write("src/c.rs", "fn c() {}\n");
    commit_as(&p, "Chris Tian", "ct@example.com", &day(5), "c");
    p.write("src/c2.rs", "fn c() {}\n");
    commit_as(&p, "christian", "christian@example.org", &day(5), "c");
    p.write("src/b.rs", "fn b() {}\n");
    commit_as(&p, "ben", "ben@example.com", &day(5), "b");
    p.write("src/b2.rs", "fn b() {}\n");
    commit_as(&p, "Ben", "other-ben@example.com", &day(6), "b");
    let authors = p.ok(&["history", "author-churn", "--format", "csv"]);
    let names: Vec<&str> = authors
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Ben",
            "Chris Tian",
            "Jacob Tolar",
            "Kenneth Reitz",
            "ben",
            "beorn7",
            "christian"
        ],
        "{authors}"
    );
}
