use super::fixture::Project;
use super::messy::messy_folder;
use crate::snap;

#[test]
fn list_reads_every_format_and_messy_variant() {
    let p = Project::new();
    messy_folder(&p);
    snap!(p, "list_json", p.cmd(&["adr", "list", "--format", "json"]));
    snap!(p, "list_text", p.cmd(&["adr", "list"]));
    snap!(p, "list_csv", p.cmd(&["adr", "list", "--format", "csv"]));
}

#[test]
fn list_filters_by_status_and_tag() {
    let p = Project::new();
    messy_folder(&p);
    let ids = |args: &[&str]| -> Vec<String> {
        let out = p.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["adr", "list", "--status", "accepted", "--format", "json"]),
        [
            "0001-record-architecture-decisions",
            "0003-use-cockroachdb",
            "0009-numbered-title"
        ]
    );
    assert_eq!(
        ids(&["adr", "list", "--tag", "Orders", "--format", "json"]),
        ["0003-use-cockroachdb"]
    );
    assert_eq!(
        ids(&["adr", "list", "--status", "on hold", "--format", "json"]),
        ["0004-event-bus"]
    );
}

#[test]
fn log4brains_folder_dates_come_from_file_names() {
    let p = Project::new();
    p.write(".log4brains.yml", "project:\n  adrFolder: ./docs/adr\n");
    p.write(
        "docs/adr/20210105-use-log4brains.md",
        "# Use Log4brains to manage the ADRs\n\n- Status: accepted\n- Deciders: Thomas\n\n## Context and Problem Statement\n\nWe want docs.\n",
    );
    snap!(p, p.cmd(&["adr", "list", "--format", "json"]));
}

/// Issue 14: a log4brains monorepo declares one ADR folder per package in
/// `.log4brains.yml`; only the root folder was listed (9 of 17 records).
/// Every declared folder is read, and each record names its package.
#[test]
fn log4brains_package_folders_are_read_and_named() {
    let p = Project::new();
    p.write(
        ".log4brains.yml",
        "project:\n  name: shop\n  tz: Europe/Paris\n  adrFolder: ./docs/adr\n  packages:\n    - name: backend\n      path: ./packages/backend\n      adrFolder: ./packages/backend/adr\n    - name: web\n      path: ./packages/web\n      adrFolder: ./packages/web/adr\n",
    );
    let record = |title: &str| {
        format!(
            "# {title}\n\n- Status: accepted\n- Date: 2021-01-05\n\n## Context and Problem Statement\n\nx\n"
        )
    };
    p.write(
        "docs/adr/20210105-use-log4brains.md",
        record("Use Log4brains"),
    )
    .write(
        "packages/backend/adr/20210301-use-postgres.md",
        record("Use Postgres"),
    )
    .write(
        "packages/web/adr/20210301-use-react.md",
        record("Use React"),
    );
    snap!(p, "log4brains_packages", p.cmd(&["adr", "list"]));
    let json = p.json(&["adr", "list", "--format", "json"]);
    let packages: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["package"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(packages, ["-", "backend", "web"]);
    // The same date-slug in two packages is not a clash, and lint reads all.
    let (code, rules) = p.rules_found(&["adr", "lint"]);
    assert_eq!((code, rules.len()), (Some(0), 0));
    // `--dir` reads that folder alone.
    let only = p.ok(&["adr", "list", "--dir", "packages/web/adr"]);
    assert!(
        only.contains("Use React") && !only.contains("Use Postgres"),
        "{only}"
    );
}

#[test]
fn show_resolves_number_stem_and_title_piece() {
    let p = Project::new();
    messy_folder(&p);
    for id in ["3", "0003", "ADR-0003", "0003-use-cockroachdb", "cockroach"] {
        let out = p
            .cmd(&["adr", "show", id, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["id"], "0003-use-cockroachdb", "{id}");
    }
    // "use" is in several titles: ambiguous is an input error naming them.
    snap!(p, "show_ambiguous", p.cmd(&["adr", "show", "use"]));
    snap!(p, "show_text", p.cmd(&["adr", "show", "9"]));
}

#[test]
fn unsupported_format_is_a_usage_error() {
    let p = Project::new();
    messy_folder(&p);
    snap!(p, p.cmd(&["adr", "list", "--format", "sarif"]));
}

#[test]
fn closed_stdout_pipe_ends_quietly() {
    // `techlead adr list | head -1`: the reader goes away before the
    // output is written. That is exit 0 with nothing on stderr, not a panic.
    let p = Project::new();
    for n in 1..=300 {
        p.write(
            &format!("doc/adr/{n:04}-record-{n}.md"),
            format!("# {n}. Record {n}\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n"),
        );
    }
    let mut child = p
        .cmd(&["adr", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Every command that only reads records gives the same output, exit code
/// and messages from the cache as from the files; the warm run really takes
/// its records from the cache; and an edit that keeps size and mtime is
/// still seen.
#[test]
fn reading_commands_use_the_cache_and_see_every_edit() {
    let p = Project::new();
    messy_folder(&p);
    p.write(
        "docs/adr/0010-message-broker.md",
        "# Message broker\n\n## Decision Matrix\n\n\
| Criterion | Weight | Kafka | SQS |\n|---|---:|---:|---:|\n| Cost | 2 | 2 | 5 |\n| Speed | 3 | 5 | 3 |\n",
    );
    p.age("docs/adr");
    // Files changed less than 3 s before a run are never trusted, and a
    // ctime cannot be set back: wait until they are old enough.
    std::thread::sleep(std::time::Duration::from_millis(3200));
    let runs: &[&[&str]] = &[
        &["adr", "list", "--format", "json"],
        &["adr", "list"],
        &["adr", "list", "--format", "csv"],
        &["adr", "lint", "--format", "json"],
        &["adr", "graph", "--format", "mermaid"],
        &["adr", "index", "--print"],
        &["adr", "show", "event bus", "--format", "json"],
        &["adr", "score", "broker"],
        &["check"],
    ];
    let result = |args: &[&str]| {
        let o = p.cmd(args).output().unwrap();
        (o.status.code(), o.stdout, o.stderr)
    };
    // A command that stops on bad input writes no cache either.
    let failed = result(&["adr", "show", "no such record"]);
    assert_eq!(failed.0, Some(2));
    assert!(
        !p.path(".techlead").exists(),
        "a failed command wrote the cache"
    );
    let cache = p.path(".techlead/cache/decisions.bin");
    // `adr list | head`: a reader gone before the output is written is
    // exit 0, and the cache the run built is still written. The pipe's read
    // end is closed before the run starts, so the write always fails.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let closed = p.cmd(&["adr", "list"]).stdout(writer).output().unwrap();
    assert_eq!(closed.status.code(), Some(0));
    assert!(cache.exists(), "a closed stdout pipe lost the cache");
    std::fs::remove_dir_all(p.path(".techlead")).unwrap();
    for args in runs {
        let uncached = result(&[&["--no-cache"], *args].concat());
        assert!(matches!(uncached.0, Some(0 | 1)), "{args:?}: {uncached:?}");
        assert!(!cache.exists(), "--no-cache wrote the cache");
        let first = result(args);
        let written = std::fs::read(&cache).unwrap();
        let warm = result(args);
        assert_eq!(first, uncached, "{args:?}");
        assert_eq!(warm, uncached, "{args:?}");
        assert_eq!(std::fs::read(&cache).unwrap(), written, "{args:?}");
        std::fs::remove_dir_all(p.path(".techlead")).unwrap();
    }

    // A title changed in the cache file (same length) is damage, not
    // news: the checksum catches it, the records are read again, and the
    // cache is written back whole.
    let before = p.ok(&["adr", "list"]);
    let good = std::fs::read(&cache).unwrap();
    let mut bytes = good.clone();
    let at = bytes
        .windows(7)
        .position(|w| w == b"Event b")
        .expect("the title is in the cache");
    bytes[at..at + 7].copy_from_slice(b"Event X");
    std::fs::write(&cache, &bytes).unwrap();
    assert_eq!(p.ok(&["adr", "list"]), before);
    assert_eq!(
        std::fs::read(&cache).unwrap(),
        good,
        "the cache was not rebuilt"
    );
    assert_eq!(p.ok(&["--no-cache", "adr", "list"]), before);
    std::fs::remove_dir_all(p.path(".techlead")).unwrap();
    assert_eq!(p.ok(&["adr", "list"]), before);

    // A record rewritten in place to the same size, its mtime put back as
    // `cp -p` or `rsync -t` would: the cache still sees the change.
    let rel = "docs/adr/0001-record-architecture-decisions.md";
    let mtime = std::fs::metadata(p.path(rel)).unwrap().modified().unwrap();
    let text = p.read(rel).replace("Accepted", "Rejected");
    p.write(rel, text);
    super::fixture::set_mtime(&p.path(rel), mtime);
    let after = p.ok(&["adr", "list"]);
    assert_ne!(after, before);
    assert_eq!(after, p.ok(&["--no-cache", "adr", "list"]));
    assert!(after.contains("rejected"), "{after}");
}
