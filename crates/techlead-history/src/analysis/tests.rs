//! The numbered views of the history give what the change sets give:
//! present files through renames, kinds, revisions and coupling.

use super::*;
use crate::numbered::Numbered;
use proptest::prelude::*;

const NAMES: &[&str] = &["a.py", "b.py", "lib/c.py", "lib/d.py", "t/test_e.py", "z"];

/// A change set from numbers: its author, time, files and renames.
fn set(author: u8, time: i64, files: Vec<u8>, renames: Vec<(u8, u8)>) -> ChangeSet {
    let name = |i: u8| NAMES[i as usize % NAMES.len()].to_string();
    let mut files: Vec<String> = files.into_iter().map(name).collect();
    files.sort();
    files.dedup();
    ChangeSet {
        author: ["bo", "al", "cy"][author as usize % 3].into(),
        time,
        files,
        renames: renames
            .into_iter()
            .map(|(old, new)| (name(old), name(new)))
            .collect(),
        bot: author == 2,
        ..Default::default()
    }
}

fn sets() -> impl Strategy<Value = Vec<ChangeSet>> {
    let one = (
        0u8..3,
        0i64..4,
        prop::collection::vec(0u8..6, 0..5),
        prop::collection::vec((0u8..6, 0u8..6), 0..2),
    )
        .prop_map(|(a, t, f, r)| set(a, t, f, r));
    prop::collection::vec(one, 0..12)
}

/// The names of each row's files.
fn names(n: &Numbered, rows: &[NRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.files.iter().map(|&f| n.path(f).to_string()).collect())
        .collect()
}

fn view(existing: &[&str]) -> View {
    let snap = Snapshot {
        paths: existing.iter().map(|p| p.to_string()).collect(),
        attributes: Vec::new(),
    };
    let classifier =
        Classifier::new(&HistoryConfig::default(), &snap, &|_, m| InputError::new(m)).unwrap();
    View {
        present: Some(snap),
        classifier,
    }
}

proptest! {
    #[test]
    fn numbered_views_are_the_change_sets_views(sets in sets(), gone in 0usize..6) {
        let existing: Vec<&str> = NAMES.iter().copied().filter(|p| *p != NAMES[gone]).collect();
        let v = view(&existing);
        let n = Numbered::new(&sets);
        // Every commit as it is.
        let mut rows = n.rows();
        let as_written: Vec<Vec<String>> = sets.iter().map(|s| s.files.clone()).collect();
        prop_assert_eq!(names(&n, &rows), as_written);
        prop_assert_eq!(n.revisions(&rows), crate::revisions(&sets));
        // Present files, through the renames.
        let mut present = sets.clone();
        v.present(&mut present);
        v.present_rows(&n, &mut rows);
        let want: Vec<Vec<String>> = present.iter().map(|s| s.files.clone()).collect();
        prop_assert_eq!(names(&n, &rows), want);
        // Source only, and the coupling of what is left, with thresholds
        // low enough to keep pairs.
        let mut code = present.clone();
        v.of_kinds(&mut code, &[]);
        v.of_kinds_rows(&n, &mut rows, &[]);
        let want: Vec<Vec<String>> = code.iter().map(|s| s.files.clone()).collect();
        prop_assert_eq!(names(&n, &rows), want);
        let o = CouplingOptions {
            max_changeset_size: 3,
            min_revs: 1,
            min_shared_revs: 1,
            min_coupling: 1,
            max_coupling: 100,
        };
        let slices: Vec<&[u32]> = rows.iter().map(|r| r.files.as_slice()).collect();
        prop_assert_eq!(
            crate::coupling::coupling_of(&slices, &n.paths, &o).unwrap(),
            crate::coupling(&code, &o).unwrap()
        );
    }
}
