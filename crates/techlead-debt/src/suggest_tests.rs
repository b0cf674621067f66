use super::*;
use crate::signals::Commit;

fn commit(author: &str, files: &[&str], message: &str) -> Commit {
    Commit {
        author: author.into(),
        time: 0,
        files: files.iter().map(|f| f.to_string()).collect(),
        message: message.into(),
        bot: false,
    }
}

fn item(front: &str) -> DebtItem {
    let text = format!("---\n{front}---\n# T\n");
    crate::item::parse(
        "docs/debt/0001-t.md",
        Path::new("docs/debt/0001-t.md"),
        &text,
    )
    .unwrap()
}

fn evidence(history: History) -> Evidence {
    Evidence {
        history,
        health: Health::Scored([("src/hot.py".to_string(), 3.0)].into()),
        files: [
            "src/hot.py",
            "src/warm.go",
            "src/it's.rs",
            "README.md",
            "src/known.py",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        module_of: HashMap::new(),
        source: None,
        window_days: 90,
        max_changeset_size: 30,
        bug_fix: regex::Regex::new(crate::config::DEFAULT_BUG_FIX_PATTERN).unwrap(),
    }
}

#[test]
fn ranks_uncovered_source_files() {
    let commits = vec![
        commit("ann", &["src/hot.py", "README.md"], "fix crash"),
        commit("bob", &["src/hot.py"], "tidy"),
        commit("ann", &["src/warm.go", "src/known.py"], "feature"),
        commit("ann", &["src/it's.rs"], "feature"),
        commit("ann", &["README.md", "src/gone.py"], "docs"),
    ];
    let ev = evidence(History::Read {
        commits,
        prefix: String::new(),
    });
    let items = [
        item("paths: [src/known.py]\nstatus: accepted\n"),
        item("paths: [src/hot.py]\nstatus: repaid\n"),
    ];
    let got = suggest(&items, &ev, 10, 0.0).unwrap();
    let files: Vec<(&str, f64)> = got
        .iter()
        .map(|s| (s.file.as_str(), s.signals.interest))
        .collect();
    // hot.py: (2 + 1 + 2) × (1 + 1/2) × (11 − 3) / 5.5; warm.go: (1 + 0 + 1) × 2
    assert_eq!(
        files,
        [
            ("src/hot.py", round2(7.5 * 8.0 / 5.5)),
            ("src/warm.go", 4.0),
            ("src/it's.rs", 2.0)
        ]
    );
    assert_eq!(
        got[0].command,
        "techlead debt add 'Hotspot: src/hot.py' --path src/hot.py --owner ann"
    );
    assert_eq!(
        got[2].command,
        "techlead debt add 'Hotspot: src/it'\\''s.rs' --path 'src/it'\\''s.rs' --owner ann"
    );
    assert_eq!(
        got[1].signals.health_missing.as_deref(),
        Some("the file has no health score")
    );
    assert_eq!(got[0].signals.coupled_with, [("README.md".to_string(), 1)]);
    assert_eq!(suggest(&items, &ev, 1, 5.0).unwrap().len(), 1);
    assert_eq!(suggest(&items, &ev, 10, 5.0).unwrap().len(), 1);
}

#[test]
fn without_history_it_says_why() {
    let ev = evidence(History::Missing("not a git repository".into()));
    assert_eq!(
        suggest(&[], &ev, 5, 0.0).unwrap_err(),
        "history is unavailable: not a git repository"
    );
}
