//! The cache file reads back what it wrote, a cut or longer one is no
//! cache, and only a changed run writes it.

use super::*;

fn sample() -> (SavedLog, HashMap<String, TreeMeasure>) {
    let sig = |name: &str, time| Signature {
        name: name.into(),
        email: format!("{name}@example.com"),
        time,
    };
    let log = SavedLog {
        mailmap: 7,
        since: -5,
        diff_since: Some(1_700_000_000),
        max_diffs: 10_000,
        head: "b".into(),
        commits: vec![
            LogCommit {
                id: "b".into(),
                parents: vec!["a".into()],
                author: sig("Ann", 20),
                committer: sig("Bo", 21),
                message: "two\n\nReviewed-by: Bo <bo@example.com>\n".into(),
                files: Some(vec!["src/é.rs".into(), "x".into()]),
            },
            LogCommit {
                id: "a".into(),
                parents: vec![],
                author: sig("Ann", 10),
                committer: sig("Ann", 10),
                message: "one".into(),
                files: None,
            },
        ],
    };
    let quarters = HashMap::from([(
        "a".to_string(),
        TreeMeasure {
            ci: true,
            source_bytes: 10,
            test_bytes: 3,
        },
    )]);
    (log, quarters)
}

#[test]
fn reads_back_what_it_wrote_and_nothing_of_another_prefix() {
    let (log, quarters) = sample();
    let body = encode("sub/", Some(&log), &quarters);
    let (back, q) = decode(&body, "sub/").unwrap();
    assert_eq!(encode("sub/", back.as_ref(), &q), body);
    assert_eq!(q, quarters);
    assert_eq!(format!("{:?}", back.unwrap()), format!("{log:?}"));
    assert!(decode(&body, "").is_none());
    let body = encode("", None, &quarters);
    let (back, q) = decode(&body, "").unwrap();
    assert!(back.is_none());
    assert_eq!(q, quarters);
}

#[test]
fn every_cut_or_longer_body_is_no_cache() {
    let (log, quarters) = sample();
    let body = encode("", Some(&log), &quarters);
    for cut in 0..body.len() {
        assert!(decode(&body[..cut], "").is_none(), "cut at {cut}");
    }
    let mut longer = body.clone();
    longer.push(0);
    assert!(decode(&longer, "").is_none());
}

#[test]
fn an_unchanged_run_writes_nothing_and_a_changed_one_the_file() {
    let root = tempfile::tempdir().unwrap();
    let (log, _) = sample();
    let memo = Memo::load(root.path(), "");
    assert!(memo.pending(root.path()).is_none());
    memo.keep_log(log.clone());
    let m = memo.quarter("a", || Some(TreeMeasure::default()));
    assert_eq!(m, Some(TreeMeasure::default()));
    memo.pending(root.path()).unwrap().save().unwrap();
    let again = Memo::load(root.path(), "");
    let kept = again.old_log(log.mailmap).unwrap();
    assert_eq!(format!("{kept:?}"), format!("{log:?}"));
    assert!(again.old_log(log.mailmap + 1).is_none());
    // A kept measure is used without measuring.
    assert_eq!(again.quarter("a", || unreachable!()), m);
    again.keep_log(log);
    assert!(again.pending(root.path()).is_none());
    assert!(Memo::in_memory().pending(root.path()).is_none());
}
