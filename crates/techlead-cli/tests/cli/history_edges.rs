//! `techlead history` on the awkward repositories: binary files, files
//! deleted and added again, .mailmap, an empty repository, a single commit,
//! a bare repository, non-UTF-8 paths, modes git itself no longer writes;
//! and the line counts of the churn analyses against `git log --numstat`.

use super::fixture::Project;
use std::collections::BTreeMap;

fn fresh() -> Project {
    let p = Project::new();
    std::fs::remove_dir_all(p.path(".git")).unwrap();
    p.git("A", "2026-01-01T10:00:00Z", &["init", "-q", "-b", "main"]);
    p
}

fn commit(p: &Project, who: &str, date: &str, msg: &str) {
    p.git(who, date, &["add", "-A"]);
    p.git(who, date, &["commit", "-q", "-m", msg]);
}

/// CSV rows after the header, as vectors of cells.
fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// `git log --numstat` summed per file: (added, deleted, changes), with
/// binary files (`-`) as 0, as code-maat reads them.
fn numstat(p: &Project, extra: &[&str]) -> BTreeMap<String, (u64, u64, u64)> {
    let mut args = vec!["log", "--no-merges", "--format=", "--numstat"];
    args.extend(extra);
    let mut sums: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for l in p.git("x", "2026-03-01T00:00:00Z", &args).lines() {
        let mut cells = l.splitn(3, '\t');
        let (Some(a), Some(d), Some(f)) = (cells.next(), cells.next(), cells.next()) else {
            continue;
        };
        let e = sums.entry(f.to_string()).or_default();
        e.0 += a.parse::<u64>().unwrap_or(0);
        e.1 += d.parse::<u64>().unwrap_or(0);
        e.2 += 1;
    }
    sums
}

fn entity_churn(p: &Project, extra: &[&str]) -> BTreeMap<String, (u64, u64, u64)> {
    let mut args = vec!["history", "entity-churn", "--all-files", "--format", "csv"];
    args.extend(extra);
    rows(&p.ok(&args))
        .into_iter()
        .map(|r| {
            (
                r[0].clone(),
                (
                    r[1].parse().unwrap(),
                    r[2].parse().unwrap(),
                    r[3].parse().unwrap(),
                ),
            )
        })
        .collect()
}

/// A history with every kind of line change: edits in the middle, a last
/// line without a newline, CRLF, a binary file, a file deleted and added
/// again, an empty file, a rename with an edit, a symlink, a mode change.
fn lines_repo() -> Project {
    let p = fresh();
    p.write("src/a.txt", "one\ntwo\nthree\nfour\n");
    p.write("bin/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0data".as_slice());
    p.write("empty.txt", "");
    p.write("old/name.txt", "a\nb\nc\nd\ne\nf\ng\nh\n");
    commit(&p, "Alice", "2026-02-01T10:00:00+01:00", "start");
    p.write("src/a.txt", "one\n2\nthree\nfour\nfive");
    p.write("bin/logo.png", b"\x89PNG\r\n\x1a\n\0\0\0other".as_slice());
    p.write("crlf.txt", "x\r\ny\r\n");
    commit(&p, "Bob", "2026-02-02T23:30:00-05:00", "edit");
    std::fs::remove_file(p.path("src/a.txt")).unwrap();
    p.write("empty.txt", "now\nsomething\n");
    std::fs::create_dir_all(p.path("new")).unwrap();
    std::fs::rename(p.path("old/name.txt"), p.path("new/name.txt")).unwrap();
    p.write("new/name.txt", "a\nb\nc\nd\ne\nf\ng\nH\n");
    std::os::unix::fs::symlink("crlf.txt", p.path("link")).unwrap();
    commit(&p, "Alice", "2026-02-03T10:00:00Z", "delete, rename, link");
    p.write("src/a.txt", "back\n");
    p.write("crlf.txt", "x\ny\r\n");
    std::os::unix::fs::symlink("empty.txt", p.path("link2")).unwrap();
    std::fs::remove_file(p.path("link")).unwrap();
    std::os::unix::fs::symlink("empty.txt", p.path("link")).unwrap();
    std::fs::remove_file(p.path("link2")).unwrap();
    let exe = p.path("empty.txt");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    commit(
        &p,
        "Carol",
        "2026-02-04T10:00:00Z",
        "re-add, crlf, relink, chmod",
    );
    p
}

#[test]
fn entity_churn_equals_git_numstat() {
    let p = lines_repo();
    assert_eq!(
        entity_churn(&p, &["--no-renames"]),
        numstat(&p, &["--no-renames"])
    );
    // With renames followed, the rename counts its edit under the new name
    // as `git log --numstat` does, and the old name not at all.
    let theirs: BTreeMap<String, (u64, u64, u64)> = numstat(&p, &[])
        .into_iter()
        .map(|(f, v)| {
            // git prints a rename as `old => new` with shared parts braced.
            let f = if f.contains(" => ") {
                "new/name.txt".to_string()
            } else {
                f
            };
            (f, v)
        })
        .collect();
    let ours = entity_churn(&p, &[]);
    assert_eq!(ours, theirs);
    // Worked by hand: the binary file counts 0 lines in both commits, the
    // deleted and re-added file counts its lines each time.
    assert_eq!(ours["bin/logo.png"], (0, 0, 2));
    assert_eq!(ours["src/a.txt"], (4 + 2 + 1, 2 + 4, 4));
    assert_eq!(ours["new/name.txt"], (1, 1, 1));
    assert_eq!(ours["empty.txt"], (2, 0, 3));
}

#[test]
fn churn_per_day_author_and_owner() {
    let p = lines_repo();
    // Worked by hand. Day one: 4 + 8 lines in four files (the binary and
    // the empty file count 0). Day two: two→2 and a last line "five"
    // without a newline (+2 −1), two CRLF lines (+2). Day three: a.txt
    // deleted (−5), empty.txt filled (+2), the rename's edit (+1 −1), a
    // symlink (+1). Day four: a.txt again (+1), one CRLF line now LF
    // (+1 −1), the symlink retargeted (+1 −1), a chmod (0).
    // Days are the authors' own calendar days: Bob's commit at 23:30 New
    // York time is on 2026-02-02 there (04:30 the next day in UTC).
    let abs = p.ok(&["history", "abs-churn", "--format", "csv"]);
    assert_eq!(
        abs,
        "date,added,deleted,commits\n\
         2026-02-01,12,0,4\n\
         2026-02-02,4,1,3\n\
         2026-02-03,4,6,4\n\
         2026-02-04,3,2,4\n"
    );
    let authors = p.ok(&["history", "author-churn", "--format", "csv"]);
    assert_eq!(
        authors,
        "author,added,deleted,commits\nAlice,16,6,8\nBob,4,1,3\nCarol,3,2,4\n"
    );
    let owners = p.ok(&["history", "entity-ownership", "--format", "csv"]);
    assert!(
        owners.contains("src/a.txt,Alice,4,5\nsrc/a.txt,Bob,2,1\nsrc/a.txt,Carol,1,0\n"),
        "{owners}"
    );
    let main = p.ok(&["history", "main-dev", "--format", "csv"]);
    assert!(
        main.starts_with("entity,main-dev,added,total-added,ownership\n"),
        "{main}"
    );
    assert!(main.contains("src/a.txt,Alice,4,7,0.57\n"), "{main}");
    let refactoring = p.ok(&["history", "refactoring-main-dev", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&refactoring).unwrap();
    let a = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["entity"] == "src/a.txt")
        .unwrap();
    assert_eq!(a["main-dev"], "Alice");
    assert_eq!(a["removed"], 5);
    assert_eq!(a["total-removed"], 6);
}

#[test]
fn mailmap_joins_identities() {
    let p = fresh();
    p.write("a.txt", "1\n");
    commit(&p, "Alice", "2026-02-01T10:00:00Z", "one");
    p.write("a.txt", "2\n");
    commit(&p, "alice-laptop", "2026-02-02T10:00:00Z", "two");
    p.write(
        ".mailmap",
        "Alice <alice@example.com> <alice-laptop@example.com>\n",
    );
    p.write("b.txt", "1\n");
    commit(&p, "Bob", "2026-02-03T10:00:00Z", "three");
    let authors = p.ok(&["history", "authors", "--format", "csv"]);
    assert!(authors.contains("a.txt,1,2\n"), "{authors}");
    let churn = p.ok(&["history", "author-churn", "--format", "csv"]);
    assert!(churn.contains("\nAlice,2,1,2\n"), "{churn}");
    assert!(!churn.contains("alice-laptop"), "{churn}");
}

#[test]
fn empty_single_commit_and_bare() {
    let p = fresh();
    let out = p.cmd(&["history", "revisions"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "an empty repository");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no commits yet"), "{stderr}");

    p.write("a.txt", "1\n2\n");
    p.write("b/c.txt", "3\n");
    commit(&p, "Alice", "2026-02-01T10:00:00Z", "only");
    assert_eq!(
        p.ok(&["history", "revisions", "--format", "csv"]),
        "entity,n-revs\na.txt,1\nb/c.txt,1\n"
    );
    assert_eq!(
        p.ok(&["history", "entity-churn", "--format", "csv"]),
        "entity,added,deleted,commits\na.txt,2,0,1\nb/c.txt,1,0,1\n"
    );

    let url = p.dir.path().display().to_string();
    p.git(
        "x",
        "2026-03-01T00:00:00Z",
        &["clone", "-q", "--bare", &url, "bare.git"],
    );
    let bare = p.ok(&[
        "--repo",
        "bare.git",
        "history",
        "revisions",
        "--format",
        "csv",
    ]);
    assert_eq!(bare, "entity,n-revs\na.txt,1\nb/c.txt,1\n");
    // The summary reads the history of a bare repository, and says why it
    // has no hotspots: there are no files to measure. (Outside the work
    // tree: inside it, the work tree around it is the repository found.)
    let outside = tempfile::tempdir().unwrap();
    let alone = outside.path().join("alone.git");
    let alone = alone.to_str().unwrap();
    p.git(
        "x",
        "2026-03-01T00:00:00Z",
        &["clone", "-q", "--bare", &url, alone],
    );
    let summary = p.ok(&["--repo", alone, "history", "summary"]);
    // A bare repository inside another's work tree is read, not the
    // repository around it.
    let other = fresh();
    other.write("other.txt", "o\n");
    commit(&other, "Olga", "2026-02-05T10:00:00Z", "other");
    let other_url = other.dir.path().display().to_string();
    p.git(
        "x",
        "2026-03-01T00:00:00Z",
        &["clone", "-q", "--bare", &other_url, "inner.git"],
    );
    assert_eq!(
        p.ok(&[
            "--repo",
            "inner.git",
            "history",
            "revisions",
            "--format",
            "csv"
        ]),
        "entity,n-revs\nother.txt,1\n"
    );
    assert!(summary.starts_with("1 commits by 1 people"), "{summary}");
    assert!(
        summary.contains("none: a bare repository has no files to measure complexity in"),
        "{summary}"
    );
}

#[test]
fn non_utf8_paths_are_counted() {
    let p = fresh();
    use std::os::unix::ffi::OsStrExt;
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(p.dir.path().join(latin1), "1\n").unwrap();
    commit(&p, "Alice", "2026-02-01T10:00:00Z", "one");
    std::fs::write(p.dir.path().join(latin1), "2\n").unwrap();
    commit(&p, "Alice", "2026-02-02T10:00:00Z", "two");
    let out = p.ok(&["history", "revisions", "--format", "csv"]);
    // The name is shown with the replacement character; the count is right.
    assert_eq!(out, "entity,n-revs\ncaf\u{FFFD}.txt,2\n");
}

#[test]
fn a_mode_git_no_longer_writes_is_no_change() {
    // Early git wrote modes like 100664; git reads them as 100644, so a
    // tree that only rewrites 100664 as 100644 changes nothing for
    // `git log`. Build such trees by hand, as old repositories hold them.
    let p = fresh();
    p.write("a.txt", "hello\n");
    let blob = p
        .git("A", "2026-02-01T10:00:00Z", &["hash-object", "-w", "a.txt"])
        .trim()
        .to_string();
    let tree = |mode: &str| {
        let mut raw = format!("{mode} a.txt\0").into_bytes();
        raw.extend((0..20).map(|i| u8::from_str_radix(&blob[2 * i..2 * i + 2], 16).unwrap()));
        p.write("tree.bin", &raw);
        p.git(
            "A",
            "2026-02-01T10:00:00Z",
            &["hash-object", "-t", "tree", "-w", "--literally", "tree.bin"],
        )
        .trim()
        .to_string()
    };
    let (old, new) = (tree("100664"), tree("100644"));
    let first = p
        .git(
            "A",
            "2026-02-01T10:00:00Z",
            &["commit-tree", &old, "-m", "old"],
        )
        .trim()
        .to_string();
    let second = p
        .git(
            "A",
            "2026-02-02T10:00:00Z",
            &["commit-tree", &new, "-p", &first, "-m", "respelled"],
        )
        .trim()
        .to_string();
    p.git(
        "A",
        "2026-02-02T10:00:00Z",
        &["update-ref", "HEAD", &second],
    );
    let theirs = p.git(
        "x",
        "2026-03-01T00:00:00Z",
        &["log", "--no-renames", "--format=", "--name-only"],
    );
    assert_eq!(theirs.lines().filter(|l| !l.is_empty()).count(), 1);
    assert_eq!(
        p.ok(&["history", "revisions", "--no-renames", "--format", "csv"]),
        "entity,n-revs\na.txt,1\n"
    );
}

/// What `--format csv` prints for `args`, with the delta cache set to
/// `cache_mb` (None: the default).
fn csv_with_cache(p: &Project, args: &[&str], cache_mb: Option<&str>) -> String {
    let mut cmd = p.cmd(args);
    if let Some(mb) = cache_mb {
        cmd.env("TECHLEAD_HISTORY_CACHE_MB", mb);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A packed repository is read by our own pack reader (pread, delta
/// chains resolved and cached level by level); loose objects by gix's.
/// Both must give the same numbers, and so must a cache too small to hold
/// a chain, and they must equal `git log --numstat`.
#[test]
fn a_packed_history_reads_as_the_loose_one() {
    let p = fresh();
    // One file that grows and changes at both ends, one that is rewritten
    // in place, a tree that fills up: long delta chains of blobs and trees.
    let mut grown = String::new();
    for i in 0..60 {
        grown = format!("head {i}\n{grown}line {i}\n");
        p.write("src/grown.txt", &grown);
        p.write(
            "src/rewritten.txt",
            (0..40)
                .map(|l| format!("{}\n", (l * 7 + i) % 13))
                .collect::<String>(),
        );
        p.write(&format!("docs/page{}.md", i % 25), format!("# page {i}\n"));
        let who = ["Alice", "Bob", "Carol"][i % 3];
        commit(
            &p,
            who,
            &format!("2026-01-{:02}T10:00:00Z", 1 + i / 2),
            "step",
        );
    }
    let runs: Vec<Vec<&str>> = ["entity-churn", "revisions", "coupling"]
        .into_iter()
        .map(|name| {
            vec![
                "history",
                name,
                "--all-files",
                "--no-renames",
                "--format",
                "csv",
            ]
        })
        .collect();
    let loose: Vec<String> = runs.iter().map(|a| csv_with_cache(&p, a, None)).collect();
    p.git(
        "x",
        "2026-03-01T00:00:00Z",
        &["repack", "-adq", "--depth=50", "--window=50"],
    );
    p.git("x", "2026-03-01T00:00:00Z", &["prune-packed"]);
    let packs: Vec<String> = p.files(".git/objects/pack");
    assert!(packs.iter().any(|f| f.ends_with(".pack")), "{packs:?}");
    let objects = p.git("x", "2026-03-01T00:00:00Z", &["count-objects", "-v"]);
    assert!(
        objects.starts_with("count: 0\n"),
        "loose objects left: {objects}"
    );
    // The pack really holds deltas, so chains are resolved.
    let idx = packs.iter().find(|f| f.ends_with(".idx")).unwrap();
    let idx = format!(".git/objects/pack/{idx}");
    let verify = p.git("x", "2026-03-01T00:00:00Z", &["verify-pack", "-v", &idx]);
    assert!(verify.contains("chain length = 2"), "{verify}");
    for cache in [None, Some("1")] {
        let packed: Vec<String> = runs.iter().map(|a| csv_with_cache(&p, a, cache)).collect();
        assert_eq!(packed, loose, "cache {cache:?}");
    }
    assert_eq!(
        entity_churn(&p, &["--no-renames"]),
        numstat(&p, &["--no-renames"])
    );
}
