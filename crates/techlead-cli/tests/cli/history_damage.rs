//! `techlead history` on damaged repositories and hostile input: a blob
//! missing (loose or packed), a damaged pack or index, durations past the
//! calendar, control characters in names.

use super::fixture::Project;
use super::history_people::{commit_as, fresh};
use std::process::Command;

fn commit(p: &Project, day: u32, msg: &str) {
    commit_as(
        p,
        "Ann",
        "ann@example.com",
        &format!("2026-02-{day:02}T10:00:00Z"),
        msg,
    );
}

fn git(p: &Project, args: &[&str]) -> String {
    p.git("x", "2026-03-01T00:00:00Z", args).trim().to_string()
}

/// A file renamed with an edit (so rename detection must compare
/// contents), whose new version is then missing from the repository.
/// Returns the project and the missing blob's id.
fn missing_blob_repo() -> (Project, String) {
    let p = fresh();
    let text: String = (0..300).map(|i| format!("line {i}\n")).collect();
    p.write("big.txt", &text);
    p.write("a.rs", "fn a() {}\n");
    commit(&p, 1, "start");
    std::fs::remove_file(p.path("big.txt")).unwrap();
    p.write("moved.txt", format!("{text}line 300\n"));
    commit(&p, 2, "move and edit");
    p.write("a.rs", "fn a() { 1 }\n");
    commit(&p, 3, "edit");
    let blob = git(&p, &["rev-parse", "HEAD~1:moved.txt"]);
    (p, blob)
}

fn run(p: &Project, args: &[&str]) -> (Option<i32>, String, String) {
    let out = p.cmd(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_skips_the_missing_blob(p: &Project, blob: &str) {
    let commit = git(p, &["rev-parse", "HEAD~1"]);
    // Before: every analysis stopped with "Could not set destination for
    // similarity checking".
    for analysis in ["revisions", "truck-factor", "entity-churn", "summary"] {
        let (code, out, err) = run(p, &["history", analysis]);
        assert_eq!(code, Some(0), "{analysis}: {err}");
        assert!(!out.is_empty(), "{analysis}");
        let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
        assert_eq!(warnings.len(), 1, "{analysis}: {err}");
        assert!(
            warnings[0].contains(&format!(
                "1 unreadable blob skipped: {blob} in commit {commit}"
            )),
            "{err}"
        );
    }
    let (code, _, err) = run(p, &["history", "revisions", "--strict"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(blob), "{err}");
    // Without rename detection the blob is never read.
    let (code, _, err) = run(p, &["history", "revisions", "--no-renames"]);
    assert_eq!((code, err.contains("warning")), (Some(0), false), "{err}");
}

#[test]
fn a_missing_loose_blob_is_skipped_with_one_warning() {
    let (p, blob) = missing_blob_repo();
    std::fs::remove_file(p.path(&format!(".git/objects/{}/{}", &blob[..2], &blob[2..]))).unwrap();
    assert_skips_the_missing_blob(&p, &blob);
}

#[test]
fn a_blob_missing_from_the_pack_is_skipped_with_one_warning() {
    let (p, blob) = missing_blob_repo();
    // Every object but the blob, into one pack, as a filtered mirror has it.
    let objects = git(&p, &["rev-list", "--objects", "--all"]);
    let list: String = objects
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .filter(|id| *id != blob)
        .map(|id| format!("{id}\n"))
        .collect();
    let pack_dir = p.path(".git/objects/pack");
    let mut child = Command::new("git")
        .current_dir(p.dir.path())
        .args(["pack-objects", "-q", ".git/objects/pack/pack"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), list.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    for dir in std::fs::read_dir(p.path(".git/objects")).unwrap().flatten() {
        let name = dir.file_name();
        if name.len() == 2 {
            std::fs::remove_dir_all(dir.path()).unwrap();
        }
    }
    assert!(
        p.files(".git/objects/pack")
            .iter()
            .any(|f| f.ends_with(".pack"))
    );
    assert!(std::fs::read_dir(&pack_dir).is_ok());
    let (code, _, _) = (
        Command::new("git")
            .current_dir(p.dir.path())
            .args(["cat-file", "-e", &blob])
            .status()
            .unwrap()
            .code(),
        (),
        (),
    );
    assert_ne!(code, Some(0), "the blob is gone");
    assert_skips_the_missing_blob(&p, &blob);
}

/// Overwrites `len` bytes of a file at `at`.
fn damage(path: &std::path::Path, at: u64, bytes: &[u8]) {
    use std::io::{Seek, SeekFrom, Write};
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(path, perms).unwrap();
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(at)).unwrap();
    f.write_all(bytes).unwrap();
}

#[test]
fn a_damaged_pack_or_index_is_named() {
    for (ext, at, bytes, what) in [
        ("idx", 0u64, &[0, 0, 0, 0][..], "pack index"),
        ("pack", 0, b"JUNK", "does not start with PACK"),
    ] {
        let (p, _) = missing_blob_repo();
        git(&p, &["repack", "-adq"]);
        git(&p, &["prune-packed"]);
        let file = p
            .files(".git/objects/pack")
            .into_iter()
            .find(|f| f.ends_with(&format!(".{ext}")))
            .unwrap();
        damage(&p.path(&format!(".git/objects/pack/{file}")), at, bytes);
        // Before: "revision `HEAD`: The rev-spec is malformed".
        let (code, _, err) = run(&p, &["history", "revisions"]);
        assert_eq!(code, Some(2), "{ext}: {err}");
        assert!(err.contains(&file) && err.contains(what), "{ext}: {err}");
    }
}

#[test]
fn durations_past_the_calendar_are_exit_2() {
    let (p, _) = missing_blob_repo();
    // Before: a panic inside the date library.
    for args in [
        &["history", "revisions", "--since", "20000 years"][..],
        &["history", "revisions", "--since", "300000 months"],
        &["history", "revisions", "--since", "9000000 days"],
        &["history", "knowledge-loss", "--window", "1000000 years"],
    ] {
        let (code, _, err) = run(&p, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains("too far back") && !err.contains("panicked"),
            "{err}"
        );
    }
}

#[test]
fn control_characters_in_names_are_escaped_in_text() {
    let p = fresh();
    let evil = "evil\u{1b}]0;pwned\u{7}";
    p.write(&format!("src/{evil}.rs"), "fn f(x: u8) { if x > 1 { } }\n");
    commit_as(&p, evil, "evil@example.com", "2026-02-01T10:00:00Z", "x");
    p.git("x", "2026-02-01T10:00:00Z", &["tag", "v1.0"]);
    for analysis in ["summary", "truck-factor", "delivery", "hotspots", "authors"] {
        let (code, out, err) = run(&p, &["history", analysis]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{analysis}: {out:?}"
        );
    }
    // Data formats keep the bytes.
    let (_, json, _) = run(&p, &["history", "truck-factor", "--format", "json"]);
    assert!(json.contains("\\u001b"), "{json}");
}
