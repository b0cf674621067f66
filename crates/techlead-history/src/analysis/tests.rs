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

/// Thresholds low enough to keep pairs of a short history.
fn loose() -> CouplingOptions {
    CouplingOptions {
        max_changeset_size: 3,
        min_revs: 1,
        min_shared_revs: 1,
        min_coupling: 1,
        max_coupling: 100,
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
        let o = loose();
        let slices: Vec<&[u32]> = rows.iter().map(|r| r.files.as_slice()).collect();
        prop_assert_eq!(
            crate::coupling::coupling_of(&slices, &n.paths, &o).unwrap(),
            crate::coupling(&code, &o).unwrap()
        );
    }
}

/// A change set with line counts: its author (one of them has no name),
/// time and UTC offset, and its files with their counts.
fn counted_set(
    author: u8,
    time: i64,
    offset: i32,
    files: Vec<(u8, u32, u32)>,
    renames: Vec<(u8, u8)>,
) -> ChangeSet {
    let name = |i: u8| NAMES[i as usize % NAMES.len()].to_string();
    let mut files: Vec<(String, crate::FileLines)> = files
        .into_iter()
        .map(|(f, added, deleted)| {
            let lines = crate::FileLines {
                added,
                deleted,
                binary: false,
            };
            (name(f), lines)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    ChangeSet {
        author: ["bo", "al", "", "cy"][author as usize % 4].into(),
        time,
        offset,
        lines: files.iter().map(|f| f.1).collect(),
        files: files.into_iter().map(|f| f.0).collect(),
        renames: renames
            .into_iter()
            .map(|(old, new)| (name(old), name(new)))
            .collect(),
        ..Default::default()
    }
}

fn counted_sets() -> impl Strategy<Value = Vec<ChangeSet>> {
    let one = (
        0u8..4,
        // A few days either side of the epoch, so that days and time
        // zones matter.
        -300_000i64..300_000,
        -50_400i32..50_400,
        prop::collection::vec((0u8..6, 0u32..20, 0u32..20), 0..5),
        prop::collection::vec((0u8..6, 0u8..6), 0..2),
    )
        .prop_map(|(a, t, o, f, r)| counted_set(a, t, o, f, r));
    prop::collection::vec(one, 0..14)
}

proptest! {
    /// Each analysis over numbered rows gives what it gave over the
    /// change sets (the maps keyed by strings it counted in before).
    #[test]
    fn numbered_analyses_are_the_change_sets_analyses(
        sets in counted_sets(),
        gone in 0usize..6,
        since in -300_000i64..300_000,
    ) {
        let existing: Vec<&str> = NAMES.iter().copied().filter(|p| *p != NAMES[gone]).collect();
        let v = view(&existing);
        let n = Numbered::new(&sets);
        let all = n.rows();
        // Analyses of the whole history, as written.
        prop_assert_eq!(crate::churn::abs_churn_of(&n, &all), crate::abs_churn(&sets));
        prop_assert_eq!(crate::churn::author_churn_of(&n, &all), crate::author_churn(&sets));
        prop_assert_eq!(crate::churn::entity_churn_of(&n, &all), crate::entity_churn(&sets));
        prop_assert_eq!(crate::people::age_of(&n, &all, 400_000), crate::age(&sets, 400_000));
        prop_assert_eq!(crate::coupling::soc_of(&n, &all, 3), crate::soc(&sets, 3));
        // Analyses of the present, line counts following their files.
        let mut present = sets.clone();
        v.present(&mut present);
        let mut rows = all.clone();
        v.present_rows(&n, &mut rows);
        prop_assert_eq!(crate::people::authors_of(&n, &rows), crate::authors(&present));
        prop_assert_eq!(crate::people::main_devs(&n, &rows), crate::main_dev_by_revs(&present));
        prop_assert_eq!(
            crate::churn::entity_ownership_of(&n, &rows),
            crate::entity_ownership(&present)
        );
        for removed in [false, true] {
            prop_assert_eq!(
                crate::churn::main_dev_of(&n, &rows, removed),
                crate::main_dev(&present, removed)
            );
        }
        prop_assert_eq!(
            crate::people::truck_factor_of(&n, &rows),
            crate::truck_factor(&present)
        );
        prop_assert_eq!(
            crate::people::fragmentation_of(&n, &rows),
            crate::fragmentation(&present)
        );
        prop_assert_eq!(
            crate::people::knowledge_loss_of(&n, &rows, since),
            crate::knowledge_loss(&present, since)
        );
        // Groups: coupling between folders, hotspots rolled up.
        let o = loose();
        let folder = |f: &str| Some(crate::folder_of(f, 1)).filter(|g| g != "t");
        prop_assert_eq!(
            crate::coupling::coupling_of_groups(&n, &rows, folder, &o).unwrap(),
            crate::coupling(&crate::grouped(&present, folder), &o).unwrap()
        );
        let spots: Vec<crate::Hotspot> = n
            .revisions(&rows)
            .into_iter()
            .map(|r| crate::Hotspot {
                complexity: r.entity.len() as u32,
                loc: 1,
                score: 0.0,
                health: (r.n_revs > 1).then_some(5.0),
                entity: r.entity,
                revisions: r.n_revs,
            })
            .collect();
        prop_assert_eq!(
            crate::hotspots::by_group_of(&spots, &n, &rows, folder),
            crate::by_group(&spots, &present, folder)
        );
    }
}
