use super::*;

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (name, text)
        })
        .collect();
    v.sort();
    v
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    let b = dir.path().join("b.md");
    std::fs::write(&a, "a1").unwrap();
    std::fs::write(&b, "b1").unwrap();
    (dir, a, b)
}

#[test]
fn commits_replacements_creations_and_renames_together() {
    let (dir, a, b) = setup();
    let mut tx = Transaction::new(dir.path());
    tx.replace(&a, b"a1", "a2");
    tx.rename(&b, &dir.path().join("c.md"), b"b1", "c2");
    tx.create(&dir.path().join("d.md"), "d2");
    assert_eq!(
        tx.describe(),
        ["updated a.md", "renamed b.md -> c.md", "created d.md"]
    );
    tx.commit().unwrap();
    assert_eq!(
        files(dir.path()),
        [
            ("a.md".into(), "a2".into()),
            ("c.md".into(), "c2".into()),
            ("d.md".into(), "d2".into())
        ]
    );
}

#[test]
fn a_failure_in_the_middle_of_the_commit_undoes_what_was_done() {
    for fail in 1..=3 {
        let (dir, a, b) = setup();
        let before = files(dir.path());
        let mut tx = Transaction::new(dir.path());
        tx.replace(&a, b"a1", "a2");
        tx.rename(&b, &dir.path().join("c.md"), b"b1", "c2");
        tx.create(&dir.path().join("d.md"), "d2");
        tx.create(&dir.path().join("e.md"), "e2");
        let err = tx.fail_before(fail).commit().unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
        assert_eq!(files(dir.path()), before, "failing before op {fail}");
    }
}

#[test]
fn a_failure_while_preparing_touches_nothing() {
    let (dir, a, b) = setup();
    let before = files(dir.path());
    let mut tx = Transaction::new(dir.path());
    tx.replace(&a, b"a1", "a2");
    // b.md changed since it was read: the whole set is refused.
    tx.replace(&b, b"b0", "b2");
    let err = tx.commit().unwrap_err();
    assert_eq!(
        err.to_string(),
        "b.md: changed on disk while techlead was editing it; nothing was written\n  help: run the command again"
    );
    assert_eq!(files(dir.path()), before);
    // A creation over an existing file, likewise.
    let mut tx = Transaction::new(dir.path());
    tx.replace(&a, b"a1", "a2");
    tx.create(&b, "x");
    assert!(tx.commit().is_err());
    assert_eq!(files(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn read_only_files_hard_links_and_paths_outside_the_root_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, a, b) = setup();
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut tx = Transaction::new(dir.path());
    tx.replace(&a, b"a1", "a2");
    tx.replace(&b, b"b1", "b2");
    let err = tx.commit().unwrap_err().to_string();
    assert!(
        err.starts_with("b.md: cannot write: the file is read-only"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "a1");

    let (dir, a, _) = setup();
    std::fs::hard_link(&a, dir.path().join("a-again.md")).unwrap();
    let mut tx = Transaction::new(dir.path());
    tx.replace(&a, b"a1", "a2");
    let err = tx.commit().unwrap_err().to_string();
    assert!(err.contains("has 2 hard links"), "{err}");

    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    std::fs::create_dir(&root).unwrap();
    let mut tx = Transaction::new(&root);
    tx.create(&root.join("..").join("escaped.md"), "x");
    let err = tx.commit().unwrap_err().to_string();
    assert!(err.contains("outside the project root"), "{err}");
    assert!(!outer.path().join("escaped.md").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_is_written_through_and_stays_a_link() {
    let (dir, a, _) = setup();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("a.md", &link).unwrap();
    let mut tx = Transaction::new(dir.path());
    tx.replace(&link, b"a1", "a2");
    tx.commit().unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "a2");
}

#[test]
fn no_temp_file_is_left_registered() {
    let (dir, a, _) = setup();
    let mut tx = Transaction::new(dir.path());
    tx.replace(&a, b"a1", "a2");
    tx.commit().unwrap();
    let tmp = super::super::signals::registered();
    assert!(!tmp.iter().any(|p| p.starts_with(dir.path())), "{tmp:?}");
}
