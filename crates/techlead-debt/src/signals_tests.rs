use super::*;
use std::path::Path;

fn item(front: &str) -> DebtItem {
    let text = format!("---\n{front}---\n# T\n");
    crate::item::parse(
        "docs/debt/0001-t.md",
        Path::new("docs/debt/0001-t.md"),
        &text,
    )
    .unwrap()
}

fn commit(author: &str, day: i64, files: &[&str], message: &str) -> Commit {
    Commit {
        author: author.into(),
        time: day * 86_400,
        files: files.iter().map(|f| f.to_string()).collect(),
        message: message.into(),
        bot: false,
    }
}

fn evidence(commits: Vec<Commit>, health: Health) -> Evidence {
    Evidence {
        history: History::Read {
            commits,
            prefix: "app/".into(),
        },
        health,
        files: vec![
            "src/pay/a.py".into(),
            "src/pay/b.py".into(),
            "src/other.py".into(),
        ],
        module_of: [("src/other.py".to_string(), "other".to_string())].into(),
        source: None,
        window_days: 90,
        max_changeset_size: 3,
        bug_fix: regex::Regex::new(crate::config::DEFAULT_BUG_FIX_PATTERN).unwrap(),
    }
}

#[test]
fn counts_by_hand() {
    let commits = vec![
        commit("ann", 1, &["app/src/pay/a.py"], "Fix rounding"),
        commit(
            "ann",
            2,
            &["app/src/pay/a.py", "app/src/other.py"],
            "add retries",
        ),
        commit(
            "bob",
            3,
            &["app/src/pay/b.py", "app/README.md"],
            "Revert \"x\"",
        ),
        // Too big for coupling, still a revision.
        commit(
            "cy",
            4,
            &["app/src/pay/a.py", "app/1", "app/2", "app/3"],
            "prefix the ids",
        ),
        commit("dee", 5, &["app/src/other.py"], "fix other"),
        Commit {
            bot: true,
            ..commit("bot", 6, &["app/src/pay/a.py"], "bump")
        },
    ];
    let health = Health::Scored(
        [
            ("src/pay/a.py".to_string(), 4.0),
            ("src/pay/b.py".to_string(), 6.0),
        ]
        .into(),
    );
    let ev = evidence(commits, health);
    let i = item("paths: [src/pay]\n");
    let Interest::Computed(s) = interest(&i, &ev) else {
        panic!()
    };
    assert_eq!((s.files, s.revisions, s.authors, s.bug_fixes), (2, 4, 3, 2));
    // 2 of the 3 commits of at most 3 files leave the item.
    assert_eq!(s.coupling, 0.67);
    assert_eq!(
        s.coupled_with,
        [
            ("README.md".to_string(), 1),
            ("src/other.py".to_string(), 1)
        ]
    );
    assert_eq!(s.health, Some(5.0));
    assert_eq!(s.main_author.as_deref(), Some("ann"));
    // (4 + 2 + 3) × (1 + 2/3) × (11 − 5) / 5.5
    assert_eq!(s.interest, round2(9.0 * (1.0 + 2.0 / 3.0) * 6.0 / 5.5));
}

#[test]
fn modules_globs_and_missing_evidence() {
    let commits = vec![commit("ann", 1, &["app/src/other.py"], "x")];
    let ev = evidence(
        commits.clone(),
        Health::Missing("the health context is not available".into()),
    );
    let Interest::Computed(s) = interest(&item("modules: [other]\n"), &ev) else {
        panic!()
    };
    assert_eq!((s.revisions, s.files, s.health), (1, 1, None));
    assert_eq!(
        s.health_missing.as_deref(),
        Some("the health context is not available")
    );
    assert_eq!(s.interest, 2.0);
    let Interest::Computed(s) = interest(&item("paths: [\"src/*.py\"]\n"), &ev) else {
        panic!()
    };
    assert_eq!(s.revisions, 1);
    assert_eq!(
        interest(&item("owner: x\n"), &ev),
        Interest::Unavailable {
            unavailable: "the item names no paths or modules".into()
        }
    );
    let ev = Evidence {
        history: History::Missing("not a git repository".into()),
        ..ev
    };
    assert_eq!(interest(&item("paths: [src]\n"), &ev).value(), None);
}

#[test]
fn folder_prefixes_are_whole_components() {
    let i = item("paths: [src/pay/, ./lib/x.py]\n");
    let c = Coverage::of(&i);
    let none = HashMap::new();
    assert!(c.covers("src/pay/a.py", &none));
    assert!(!c.covers("src/payments/a.py", &none));
    assert!(c.covers("lib/x.py", &none));
    assert!(!c.covers("lib/x.pyc", &none));
}
