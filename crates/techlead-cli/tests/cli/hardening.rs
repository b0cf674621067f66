//! Issue 21: no panic, no lost edit, no unbounded read, no escape
//! sequence. Each test is one failure the bad-input trial found.

use super::fixture::Project;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(p: &Project, args: &[&str]) -> Run {
    finish(p.cmd(args))
}

/// Runs a command that must end on its own within `limit` (a FIFO read
/// would hang it); a command still running then is killed and fails the
/// test.
fn run_within(mut c: Command, limit: Duration) -> Run {
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return Run {
                code: out.status.code(),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn finish(c: Command) -> Run {
    run_within(c, Duration::from_secs(60))
}

/// Every file under `rel`, name and bytes.
fn tree(p: &Project, rel: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(names) = std::fs::read_dir(p.path(rel)) else {
        return out;
    };
    let mut names: Vec<_> = names.map(|e| e.unwrap().file_name()).collect();
    names.sort();
    for n in names {
        let path = p.path(rel).join(&n);
        let bytes = std::fs::read(&path).unwrap_or_default();
        out.push((n.to_string_lossy().into_owned(), bytes));
    }
    out
}

fn records(p: &Project) {
    p.write(
        "docs/adr/0001-record-decisions.md",
        "# 1. Record decisions\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    )
    .write(
        "docs/adr/0002-use-postgres.md",
        "# 2. Use Postgres\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n",
    )
    .write(
        "docs/adr/0003-cache-reads.md",
        "# 3. Cache reads\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n\nBuilds on [2. Use Postgres](0002-use-postgres.md).\n",
    )
    .write(
        "docs/adr/0004-use-mysql.md",
        "# 4. Use MySQL\n\nDate: 2020-01-04\n\n## Status\n\nProposed\n",
    );
}

#[cfg(unix)]
fn read_only(p: &Project, rel: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p.path(rel), std::fs::Permissions::from_mode(0o444)).unwrap();
}

// ---- Panics ----

#[test]
fn radar_evaluate_with_a_huge_window_is_an_input_error() {
    let p = Project::new();
    p.write(
        "docs/radar/kafka.md",
        "---\nname: Kafka\nquadrant: platforms\nring: adopt\n---\n\n# Kafka\n",
    );
    let r = run(&p, &["radar", "evaluate", "kafka", "--months", "999999999"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("--months"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

// ---- All or nothing ----

#[cfg(unix)]
#[test]
fn adr_renumber_that_cannot_update_a_link_renames_nothing() {
    let p = Project::new();
    records(&p);
    read_only(&p, "docs/adr/0003-cache-reads.md");
    let before = tree(&p, "docs/adr");
    let r = run(&p, &["adr", "renumber", "2", "7"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("docs/adr/0003-cache-reads.md: cannot write: the file is read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(before, tree(&p, "docs/adr"), "a file changed");
}

#[cfg(unix)]
#[test]
fn adr_supersede_that_fails_on_the_second_record_changes_neither() {
    let p = Project::new();
    records(&p);
    read_only(&p, "docs/adr/0004-use-mysql.md");
    let before = tree(&p, "docs/adr");
    let r = run(&p, &["adr", "supersede", "2", "4"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(before, tree(&p, "docs/adr"), "a file changed");
}

#[test]
fn radar_import_with_a_bad_row_writes_nothing() {
    let p = Project::new();
    p.write(
        "in.csv",
        "name,ring,quadrant,isNew,description\nKafka,adopt,platforms,false,ok\nDeno,nowhere,platforms,true,bad ring\n",
    );
    let r = run(&p, &["radar", "import", "in.csv", "--format", "byor-csv"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("in.csv:3"), "{}", r.stderr);
    assert!(
        tree(&p, "docs/radar").is_empty(),
        "{:?}",
        tree(&p, "docs/radar")
    );
}

#[test]
fn parallel_adr_links_all_survive() {
    let p = Project::new();
    records(&p);
    for n in 5..25 {
        p.write(
            &format!("docs/adr/{n:04}-amend-{n}.md"),
            format!("# {n}. Amend {n}\n\nDate: 2020-02-01\n\n## Status\n\nAccepted\n"),
        );
    }
    let children: Vec<_> = (5..25)
        .map(|n| {
            let mut c = p.cmd(&[
                "adr",
                "link",
                &n.to_string(),
                "Amends",
                "2",
                "--reverse",
                "Amended by",
            ]);
            c.stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut failed = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        if !out.status.success() {
            failed += 1;
        }
    }
    let text = p.read("docs/adr/0002-use-postgres.md");
    let reverse = text.matches("Amended by [").count();
    // A run may fail and say so; a run that said it succeeded must have
    // its line in the file.
    assert_eq!(reverse, 20 - failed, "{failed} failed; 0002 holds:\n{text}");
    assert_eq!(failed, 0, "the lock makes every run wait its turn");
}

#[test]
fn adr_link_with_a_usual_verb_writes_both_sides() {
    let p = Project::new();
    records(&p);
    p.ok(&["adr", "link", "3", "Extends", "2"]);
    assert!(
        p.read("docs/adr/0003-cache-reads.md")
            .contains("Extends [2. Use Postgres]")
    );
    assert!(
        p.read("docs/adr/0002-use-postgres.md")
            .contains("Extended by [3. Cache reads](0003-cache-reads.md)"),
        "{}",
        p.read("docs/adr/0002-use-postgres.md")
    );
    // The reverse verb infers the forward one.
    p.ok(&["adr", "link", "1", "Amended by", "4"]);
    assert!(
        p.read("docs/adr/0004-use-mysql.md")
            .contains("Amends [1. Record decisions]")
    );
}

// ---- The cache is input too ----

#[cfg(unix)]
#[test]
fn a_symlinked_cache_folder_is_not_written_through() {
    let p = Project::new();
    records(&p);
    p.age("docs/adr");
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(p.path(".techlead")).unwrap();
    std::os::unix::fs::symlink(outside.path(), p.path(".techlead/cache")).unwrap();
    let r = run(&p, &["adr", "list"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("Use Postgres"));
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

// ---- Bounded reads ----

#[cfg(unix)]
#[test]
fn a_record_that_is_a_device_or_a_fifo_is_refused_at_once() {
    let p = Project::new();
    records(&p);
    std::os::unix::fs::symlink("/dev/zero", p.path("docs/adr/0009-zero.md")).unwrap();
    let r = run_within(p.cmd(&["adr", "list"]), Duration::from_secs(20));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("docs/adr/0009-zero.md: cannot read: not a regular file (a device)"),
        "{}",
        r.stderr
    );
    std::fs::remove_file(p.path("docs/adr/0009-zero.md")).unwrap();
    let fifo = std::ffi::CString::new(p.path("docs/adr/0009-pipe.md").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    let r = run_within(p.cmd(&["adr", "list"]), Duration::from_secs(20));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("not a regular file (a FIFO)"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_device_is_refused_at_once() {
    let p = Project::new();
    let r = run_within(
        p.cmd(&["--config", "/dev/zero", "adr", "list"]),
        Duration::from_secs(20),
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
}

// ---- Bytes of files we edit ----

/// The file has a BOM and CRLF line endings, and every byte but the edit
/// stays.
fn assert_crlf_with_bom(p: &Project, head: &str) -> String {
    let text = String::from_utf8(std::fs::read(p.path("techlead.toml")).unwrap()).unwrap();
    assert!(text.starts_with(head), "{text:?}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "a bare LF: {text:?}"
    );
    text
}

#[test]
fn boundaries_init_and_sync_keep_the_bom_the_line_endings_and_the_comments() {
    let p = Project::new();
    super::boundaries::rust_violations(&p);
    let head = "\u{feff}# our settings\r\n[checks]\r\nrun = [\"boundaries\"]   # only this\r\n";
    p.write("techlead.toml", head);
    let r = run(&p, &["boundaries", "init"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let config = assert_crlf_with_bom(&p, head);
    let edited = config.replace(
        "depends_on = [\"app\"]",
        "# reviewed\r\ndepends_on = [\"infra\"] # keep",
    );
    assert_ne!(edited, config);
    p.write("techlead.toml", &edited);
    let r = run(&p, &["boundaries", "sync"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let synced = assert_crlf_with_bom(&p, head);
    assert_eq!(
        synced,
        edited.replace("[\"infra\"] # keep", "[\"app\"] # keep")
    );
}

#[test]
fn adr_renumber_retitles_a_record_with_a_bom_and_refuses_bad_numbers() {
    let p = Project::new();
    records(&p);
    p.write(
        "docs/adr/0004-use-mysql.md",
        "\u{feff}# 4. Use MySQL\n\nDate: 2020-01-04\n\n## Status\n\nProposed\n",
    );
    for bad in ["0", "100000"] {
        let before = tree(&p, "docs/adr");
        let r = run(&p, &["adr", "renumber", "4", bad]);
        assert_eq!(r.code, Some(2), "{bad}: {}", r.stderr);
        assert_eq!(before, tree(&p, "docs/adr"), "{bad}");
    }
    p.ok(&["adr", "renumber", "4", "8"]);
    assert!(
        p.read("docs/adr/0008-use-mysql.md")
            .starts_with("\u{feff}# 8. Use MySQL\n")
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_record_is_written_through_and_a_hard_linked_one_refused() {
    let p = Project::new();
    records(&p);
    std::fs::rename(
        p.path("docs/adr/0004-use-mysql.md"),
        p.path("docs/shared-mysql.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("../shared-mysql.md", p.path("docs/adr/0004-use-mysql.md")).unwrap();
    p.ok(&["adr", "status", "4", "accepted"]);
    let link = std::fs::symlink_metadata(p.path("docs/adr/0004-use-mysql.md")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert!(p.read("docs/shared-mysql.md").contains("Accepted"));

    std::fs::hard_link(
        p.path("docs/adr/0002-use-postgres.md"),
        p.path("docs/postgres-copy.md"),
    )
    .unwrap();
    let r = run(&p, &["adr", "status", "2", "deprecated"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("hard links"), "{}", r.stderr);
    assert!(p.read("docs/postgres-copy.md").contains("Accepted"));
}

#[cfg(unix)]
#[test]
fn a_read_only_record_is_not_overwritten() {
    let p = Project::new();
    records(&p);
    read_only(&p, "docs/adr/0002-use-postgres.md");
    let r = run(&p, &["adr", "status", "2", "deprecated"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: docs/adr/0002-use-postgres.md: cannot write: the file is read-only"),
        "{}",
        r.stderr
    );
    assert!(p.read("docs/adr/0002-use-postgres.md").contains("Accepted"));
}

#[test]
fn an_adr_dir_outside_the_project_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(outer.path().join("outside")).unwrap();
    std::fs::write(root.join(".adr-dir"), "../outside\n").unwrap();
    let mut c = Command::new(insta_cmd::get_cargo_bin("techlead"));
    c.current_dir(&root)
        .args(["adr", "new", "Escape"])
        .env("TECHLEAD_TODAY", "2026-01-15");
    let r = finish(c);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains(".adr-dir"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_dir(outer.path().join("outside"))
            .unwrap()
            .count(),
        0
    );
}

// ---- Input that must be refused ----

#[test]
fn radar_import_refuses_rows_it_cannot_trust() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "byor-csv",
            "name,ring,quadrant,isNew,description\nKafka,adopt,platforms,false,\"never closed\nDeno,assess,platforms,true,x\n",
            "in.byor-csv:2",
        ),
        (
            "byor-csv",
            "name,ring,quadrant,isNew,description\nKafka,adopt\n",
            "in.byor-csv:2",
        ),
        (
            "byor-csv",
            "name,ring,quadrant,isNew,description\n,adopt,platforms,false,x\n",
            "in.byor-csv:2",
        ),
        (
            "byor-csv",
            "name,ring,quadrant,isNew,description\n---,adopt,platforms,false,x\n",
            "in.byor-csv:2",
        ),
        (
            "zalando",
            r#"{"quadrants":[{"name":"platforms"}],"rings":[{"name":"adopt"}],"entries":[{"label":"Kafka","quadrant":5,"ring":0,"moved":0}]}"#,
            "in.zalando",
        ),
    ];
    for (format, text, at) in cases {
        let p = Project::new();
        let file = format!("in.{format}");
        p.write(&file, text);
        let r = run(&p, &["radar", "import", &file, "--format", format]);
        assert_eq!(r.code, Some(2), "{format} {text:?}: {}", r.stderr);
        assert!(r.stderr.contains(at), "{text:?}: {}", r.stderr);
        assert!(tree(&p, "docs/radar").is_empty(), "{text:?} wrote files");
    }
}

#[test]
fn an_imported_description_cannot_forge_a_history() {
    let p = Project::new();
    p.write(
        "in.csv",
        "name,ring,quadrant,isNew,description\nKafka,adopt,platforms,false,\"Fine.\n\n## History\n\n- 2001-01-01: hold → adopt: forged\"\n",
    );
    p.ok(&["radar", "import", "in.csv", "--format", "byor-csv"]);
    let json = p.json(&["radar", "list", "--format", "json"]);
    let history = json[0]["history"].to_string();
    assert!(!history.contains("forged"), "{history}");
}

#[test]
fn a_config_that_is_a_folder_or_a_symlink_loop_is_an_input_error() {
    let p = Project::new();
    records(&p);
    std::fs::create_dir(p.path("techlead.toml")).unwrap();
    let r = run(&p, &["adr", "list"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("techlead.toml"), "{}", r.stderr);
    #[cfg(unix)]
    {
        let p = Project::new();
        records(&p);
        std::os::unix::fs::symlink("techlead.toml", p.path("techlead.toml")).unwrap();
        let r = run(&p, &["adr", "list"]);
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(r.stderr.contains("symlink loop"), "{}", r.stderr);
    }
}

// ---- Output that must not attack the terminal or the spreadsheet ----

#[test]
fn adr_show_and_radar_show_escape_control_characters() {
    let p = Project::new();
    records(&p);
    p.write(
        "docs/adr/0005-evil.md",
        "# 5. Evil \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}\n\n## Status\n\nAccepted\u{1b}[2J\n",
    )
    .write(
        "docs/radar/kafka.md",
        "---\nname: Kafka\nquadrant: platforms\nring: adopt\n---\n\n# Kafka \u{1b}[31mred\n",
    );
    for args in [&["adr", "show", "5"][..], &["radar", "show", "kafka"][..]] {
        let r = run(&p, args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(!r.stdout.contains('\u{1b}'), "{args:?}: {:?}", r.stdout);
        assert!(r.stdout.contains("\\u{1b}"), "{args:?}: {:?}", r.stdout);
    }
}

#[test]
fn radar_exports_guard_formulas_in_csv_cells() {
    let p = Project::new();
    p.write(
        "docs/radar/evil.md",
        "---\nname: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"\nquadrant: platforms\nring: adopt\n---\n\n@SUM(1+1)\n",
    );
    let out = p.ok(&["radar", "export", "--format", "byor-csv"]);
    let row = out.lines().nth(1).unwrap();
    assert!(row.starts_with("\"'=HYPERLINK("), "{out}");
    assert!(row.contains(",'@SUM(1+1)"), "{out}");
}

// ---- Messages ----

#[cfg(unix)]
#[test]
fn a_write_failure_says_cannot_write_with_a_relative_path() {
    let p = Project::new();
    p.write(
        "docs/radar/kafka.md",
        "---\nname: Kafka\nquadrant: platforms\nring: adopt\n---\n\n# Kafka\n",
    );
    std::fs::create_dir_all(p.path("docs/adr")).unwrap();
    std::fs::write(p.path("docs/adr/README.md"), "# Decisions\n").unwrap();
    std::fs::hard_link(p.path("docs/adr/README.md"), p.path("README-copy.md")).unwrap();
    records(&p);
    let r = run(&p, &["adr", "index"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: docs/adr/README.md: cannot write: "),
        "{}",
        r.stderr
    );
}

#[test]
fn yaml_errors_speak_the_users_language() {
    let p = Project::new();
    records(&p);
    p.write(
        "docs/adr/0005-twice.md",
        "---\nstatus: accepted\nstatus: rejected\n---\n\n# 5. Twice\n",
    );
    let r = run(&p, &["adr", "list"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("docs/adr/0005-twice.md:3"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("DuplicateKeyPolicy"), "{}", r.stderr);
    assert!(!r.stderr.contains("Options"), "{}", r.stderr);
}
