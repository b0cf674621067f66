//! The records cache: a warm load gives exactly what a cold one gives, and
//! every way a folder can change is seen.

use crate::cache::{self, Snapshot};
use crate::folder::{CacheUse, load, load_counted};
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Records in every format the reader knows, messy ones included.
const RECORDS: &[(&str, &str)] = &[
    (
        "0001-record-architecture-decisions.md",
        "# 1. Record architecture decisions\n\nDate: 2019-05-13, updated 2023-02-05 (typo)\n\n## Status\n\nAccepted\n\nAmended by [3. Use X](0003-use-x.md)\n\n## Context\n\nSee [the guide](../guide.md#top).\n",
    ),
    (
        "0002-use-postgres.md",
        "# 0002. Use Postgres\n\nDate: 2020-01-02\n\n## Status\n\nSuperceded by [3. Use X](0003-use-x.md)\n",
    ),
    (
        "0003-use-x.md",
        "# Use X\n\n* Status: accepted\n* Deciders: Ann Lee, Bob\n* Date: 2020-02-01\n* Tags: db, storage\n\n## Links\n\n* Supersedes [ADR-0002](0002-use-postgres.md)\n* Amends [ADR-0001](0001-record-architecture-decisions.md)\n",
    ),
    (
        "0004-front-matter.md",
        "\u{feff}---\r\nstatus: on hold\r\ndate: 2021-03-04\r\ntags: [a, b]\r\ndecision-makers: [Cy]\r\nreview-by: 2022-01-01\r\nunknown: kept\r\n---\r\n# A title that disagrees\r\n",
    ),
    (
        "20210105-use-log4brains.md",
        "# Use Log4brains\n\n- Status: draft\n- Deciders: T\n",
    ),
    ("0005-untitled.md", "no heading, no status\n"),
    (
        "0006-docs-site.md",
        "---\nparent: Decisions\nnav_order: 6\n---\n# 6. Docs site keys only\n\n## Status\n\nReverted by [discussion #1198](https://example.com/1198)\n",
    ),
];

fn folder(root: &Path) -> std::path::PathBuf {
    let dir = root.join("docs/adr");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in RECORDS {
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(dir.join("README.md"), "# Decisions\n").unwrap();
    dir
}

/// Sets the mtime of every file in `dir`, and of `dir`, an hour back, as
/// `cp -p` or `rsync -t` leave files. (The ctime stays new.)
fn age(dir: &Path) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    for e in std::fs::read_dir(dir).unwrap() {
        set_mtime(&e.unwrap().path(), past);
    }
    set_mtime(dir, past);
}

fn set_mtime(p: &Path, t: SystemTime) {
    std::fs::File::open(p).unwrap().set_modified(t).unwrap();
}

/// Waits out a coarse clock tick. `warm` trusts stamps at once, so a test
/// that changes a file right after a load must not land in the same tick:
/// before Linux 6.13 a ctime moves only every 1 to 10 ms, and a change in
/// the tick of the last one could keep the same stamp (in real runs the
/// 3 s racy window covers this).
fn tick() {
    std::thread::sleep(Duration::from_millis(25));
}

fn cache_file(root: &Path) -> std::path::PathBuf {
    techlead_core::cache::path(root, cache::NAME)
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// Every record, in order, as `Debug` shows every field.
fn shown(root: &Path, dir: &Path) -> String {
    format!("{:#?}", load(root, dir).unwrap().records)
}

/// A cached load as a run a minute from now makes it, so that files just
/// written (and their ctimes, which no test can set back) are old enough
/// to trust; the updated cache is written at once, as after a command that
/// succeeded. Gives the records, what came from the cache, and whether the
/// cache file was written.
fn warm(root: &Path, dir: &Path) -> (String, CacheUse, bool) {
    let later = SystemTime::now() + Duration::from_secs(60);
    let (d, used, pending) = load_counted(root, dir, later).unwrap();
    let wrote = pending.map(|p| p.save().unwrap()).is_some();
    (format!("{:#?}", d.records), used, wrote)
}

#[test]
fn a_warm_load_equals_a_cold_one_field_for_field() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    let cold = shown(root.path(), &dir);
    let (first, used, wrote) = warm(root.path(), &dir);
    assert_eq!(first, cold);
    let miss = CacheUse {
        listed: false,
        hits: 0,
    };
    assert_eq!((used, wrote), (miss, true));
    let (second, used, wrote) = warm(root.path(), &dir);
    assert_eq!(second, cold);
    let hit = CacheUse {
        listed: true,
        hits: RECORDS.len(),
    };
    assert_eq!((used, wrote), (hit, false));
    // The cache folder keeps itself out of version control.
    let ignore = root.path().join(".techlead/cache/.gitignore");
    assert!(std::fs::read_to_string(ignore).unwrap().contains('*'));
}

#[test]
fn an_edit_in_place_that_restores_the_mtime_is_seen() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    age(&dir);
    warm(root.path(), &dir);
    // Same size, same mtime (as `cp -p` or `rsync -t` leave it), and the
    // folder's stamp untouched: only the ctime tells.
    let p = dir.join("0002-use-postgres.md");
    let before = mtime(&p);
    let text = std::fs::read_to_string(&p).unwrap();
    tick();
    std::fs::write(&p, text.replace("Use Postgres", "Use Postgrex")).unwrap();
    set_mtime(&p, before);
    let (records, used, _) = warm(root.path(), &dir);
    assert_eq!(records, shown(root.path(), &dir));
    assert!(records.contains("Use Postgrex"));
    assert_eq!(used.hits, RECORDS.len() - 1);
    assert!(used.listed, "an edit in place does not change the folder");
}

#[test]
fn added_removed_and_renamed_records_are_seen() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    warm(root.path(), &dir);
    let changes: [&dyn Fn(); 3] = [
        &|| std::fs::write(dir.join("0007-new.md"), "# 7. New\n").unwrap(),
        &|| std::fs::remove_file(dir.join("0005-untitled.md")).unwrap(),
        &|| {
            std::fs::rename(dir.join("0003-use-x.md"), dir.join("0009-use-x.md")).unwrap();
        },
    ];
    for change in changes {
        tick();
        change();
        let (records, used, _) = warm(root.path(), &dir);
        assert_eq!(records, shown(root.path(), &dir));
        assert!(!used.listed, "the folder changed, so it is read again");
        let (again, used, _) = warm(root.path(), &dir);
        assert_eq!(again, records);
        assert!(used.listed);
    }
    let (d, _, _) = load_counted(root.path(), &dir, SystemTime::now()).unwrap();
    let ids: Vec<&str> = d.records.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"0007-new") && ids.contains(&"0009-use-x"));
    assert!(!ids.contains(&"0005-untitled") && !ids.contains(&"0003-use-x"));
}

#[test]
fn files_changed_moments_ago_are_not_trusted() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    let now = || SystemTime::now();
    // Just written: a second write within the clock's granularity could
    // keep the same stamp, so nothing is cached, and a cache that would
    // trust nothing is not written at all.
    let (_, used, pending) = load_counted(root.path(), &dir, now()).unwrap();
    assert_eq!(used, CacheUse::default());
    assert!(pending.is_none());
    // An old mtime does not make a file old: `cp -p` and `touch -r` set one
    // on a file written this instant, and only the ctime tells.
    age(&dir);
    let (_, _, pending) = load_counted(root.path(), &dir, now()).unwrap();
    assert!(pending.is_none());
    // A trusted cache, then one file rewritten: that file alone is not
    // trusted, and the rest still are.
    warm(root.path(), &dir);
    std::fs::write(dir.join("0005-untitled.md"), "# 5. Now titled\n").unwrap();
    let (_, _, pending) = load_counted(root.path(), &dir, now()).unwrap();
    pending.unwrap().save().unwrap();
    let bytes = body(root.path());
    let snap = Snapshot::read(&bytes, "docs/adr").unwrap();
    let untrusted: Vec<&str> = snap
        .names
        .iter()
        .zip(&snap.entries)
        .filter(|(_, e)| e.is_none())
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(untrusted, ["0005-untitled.md"]);
    assert!(snap.dir.is_none(), "the folder changed moments ago too");
}

#[test]
fn a_damaged_or_foreign_cache_is_rebuilt() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    let cold = shown(root.path(), &dir);
    warm(root.path(), &dir);
    let file = cache_file(root.path());
    let good = std::fs::read(&file).unwrap();
    for bad in [
        good[..good.len() / 2].to_vec(),
        b"garbage".to_vec(),
        [good.as_slice(), b"x"].concat(),
    ] {
        std::fs::write(&file, &bad).unwrap();
        let (records, used, wrote) = warm(root.path(), &dir);
        assert_eq!(records, cold);
        assert_eq!((used.hits, wrote), (0, true));
        assert_eq!(std::fs::read(&file).unwrap(), good);
    }
    // A cache of another folder holding the same file names is a miss too:
    // its stamps would never match, but its folder is checked first.
    let other = root.path().join("adr");
    std::fs::create_dir(&other).unwrap();
    for (name, _) in RECORDS {
        std::fs::write(other.join(name), "# Other\n").unwrap();
    }
    warm(root.path(), &other);
    let bytes = body(root.path());
    assert!(Snapshot::read(&bytes, "adr").is_some());
    assert!(Snapshot::read(&bytes, "docs/adr").is_none());
    let (records, used, _) = warm(root.path(), &dir);
    assert_eq!((records, used.hits), (cold, 0));
}

/// The folder at the project root, outside it, and named through `..`:
/// paths and ids that the cache derives from the folder and file name
/// equal what parsing gives.
#[test]
fn paths_and_ids_survive_wherever_the_folder_is() {
    let base = tempfile::tempdir().unwrap();
    let root = base.path().join("project");
    std::fs::create_dir(&root).unwrap();
    let at_root = root.clone();
    let outside = base.path().join("elsewhere/adr");
    let dotted = root.join("docs/../docs/adr");
    for (dir, make) in [
        (&at_root, &root),
        (&outside, &outside),
        (&dotted, &root.join("docs/adr")),
    ] {
        std::fs::create_dir_all(make).unwrap();
        for (name, text) in RECORDS {
            std::fs::write(make.join(name), text).unwrap();
        }
        let cold = shown(&root, dir);
        warm(&root, dir);
        let (records, used, _) = warm(&root, dir);
        assert_eq!(records, cold, "{}", dir.display());
        assert_eq!(used.hits, RECORDS.len(), "{}", dir.display());
    }
}

#[test]
fn bad_input_fails_as_without_the_cache() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    warm(root.path(), &dir);
    let file = cache_file(root.path());
    let cached = std::fs::read(&file).unwrap();
    // Two bad files: both loads name the first in load order, whichever
    // thread reads it.
    tick();
    for name in ["0002-use-postgres.md", "0006-docs-site.md"] {
        let p = dir.join(name);
        let before = mtime(&p);
        let mut bytes = std::fs::read(&p).unwrap();
        bytes[3] = 0xff;
        std::fs::write(&p, &bytes).unwrap();
        set_mtime(&p, before);
    }
    let later = SystemTime::now() + Duration::from_secs(60);
    for _ in 0..5 {
        let cold = load(root.path(), &dir).unwrap_err().to_string();
        let err = load_counted(root.path(), &dir, later)
            .unwrap_err()
            .to_string();
        assert_eq!(err, cold);
        assert!(
            err.contains("0002-use-postgres.md") && err.contains("UTF-8"),
            "{err}"
        );
    }
    // A failed load leaves the cache as it was.
    assert_eq!(std::fs::read(&file).unwrap(), cached);
}

proptest! {
    /// Damage anywhere in a real cache: reading it never panics, and a
    /// record that still decodes is whole.
    #[test]
    fn damaged_caches_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let mut bytes = real_cache().to_vec();
        for (at, v) in flips {
            let at = at % bytes.len();
            bytes[at] = v;
        }
        if let Some(snap) = Snapshot::read(&bytes, "docs/adr") {
            for (name, entry) in snap.names.iter().zip(&snap.entries) {
                if let Some((_, body)) = entry {
                    let _ = cache::decode_record(body, "docs/adr", name);
                }
            }
        }
    }
}

/// The cache of the [`RECORDS`] folder, built once.
fn real_cache() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let root = tempfile::tempdir().unwrap();
        let dir = folder(root.path());
        warm(root.path(), &dir);
        body(root.path())
    })
}

/// The cache file's body once its checksum is checked.
fn body(root: &Path) -> Vec<u8> {
    techlead_core::cache::load(root, cache::NAME).expect("a whole cache")
}

/// The guide promises that a damaged cache is ignored: a byte changed
/// anywhere in a real cache file gives the records of a cold load, never
/// a changed title, number or link, nor a false "not found".
#[test]
fn a_byte_changed_anywhere_gives_the_cold_answer() {
    let root = tempfile::tempdir().unwrap();
    let dir = folder(root.path());
    let cold = shown(root.path(), &dir);
    warm(root.path(), &dir);
    let file = cache_file(root.path());
    let good = std::fs::read(&file).unwrap();
    // An even spread of 400 positions (each run in debug builds reads the
    // folder again: keep `cargo test` fast), one bit of three flipped.
    let step = (good.len() / 400).max(1);
    for at in (0..good.len()).step_by(step) {
        {
            let flip = [0x01u8, 0x20, 0x80][at % 3];
            let mut bad = good.clone();
            bad[at] ^= flip;
            std::fs::write(&file, &bad).unwrap();
            let later = SystemTime::now() + Duration::from_secs(60);
            let records = load_counted(root.path(), &dir, later)
                .map(|(d, _, _)| format!("{:#?}", d.records))
                .map_err(|e| e.to_string());
            assert_eq!(records, Ok(cold.clone()), "byte {at} ^ {flip:#x}");
        }
    }
}

#[test]
fn every_cut_of_a_real_cache_is_rejected() {
    let good = real_cache();
    assert!(Snapshot::read(good, "docs/adr").is_some());
    for cut in 0..good.len() {
        assert!(
            Snapshot::read(&good[..cut], "docs/adr").is_none(),
            "cut at {cut}"
        );
    }
}
