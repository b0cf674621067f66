//! `techlead snapshot --backfill` and `--rev`: past commits read from git
//! objects give the snapshot a checkout of them gives, and the repository
//! is left as it was.

use super::fixture::Project;
use super::history_people::commit_as;
use super::snapshot::{assessed, second_commit};
use std::process::Output;

/// Today for these runs: after every commit of the fixture.
const TODAY: &str = "2026-04-01";
const GIT_DATE: &str = "2026-04-01T10:00:00Z";

fn run(p: &Project, today: &str, args: &[&str]) -> Output {
    p.cmd(args).env("TECHLEAD_TODAY", today).output().unwrap()
}

fn json(p: &Project, today: &str, args: &[&str]) -> serde_json::Value {
    let out = run(p, today, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Three commits, each with other records, lockfiles and sources: the
/// fixture of `snapshot` (2026-01-01, 2026-02-01, tags v1.0 and v1.1),
/// then a third on 2026-03-10 with a new dependency, a new module file, a
/// third decision and a debt register.
fn three_commits() -> (Project, Vec<String>) {
    let p = assessed();
    second_commit(&p);
    p.write("requirements.txt", "requests==2.31.0\nhttpx==0.27.0\n");
    p.write(
        "app/cli.py",
        "import sys\nfrom lib import util\n\nfor a in sys.argv:\n    if a:\n        print(util.helper(a))\n",
    );
    p.write(
        "docs/decisions/0003-httpx.md",
        "---\nstatus: accepted\ndate: 2026-03-01\n---\n# 3. Move to httpx\n",
    );
    p.write(
        "docs/debt/0001-old-client.md",
        "---\nowner: ann\nprincipal: 2d\nstatus: open\ncreated: 2026-03-01\n---\n# Old HTTP client\n",
    );
    commit_as(
        &p,
        "Ann",
        "ann@example.com",
        "2026-03-10T10:00:00Z",
        "httpx",
    );
    let ids = p.git(
        "A",
        "2026-03-10T10:00:00Z",
        &["rev-list", "--reverse", "HEAD"],
    );
    (p, ids.lines().map(str::to_string).collect())
}

/// The measurements by metric.
fn comparable(snapshot: &serde_json::Value) -> Vec<serde_json::Value> {
    snapshot["measurements"].as_array().unwrap().clone()
}

/// Every byte of the repository a backfill must not touch: the working
/// tree (but .techlead/, where snapshots go), the index, HEAD and refs.
fn state(p: &Project) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![p.dir.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let rel = path
                .strip_prefix(p.dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == ".techlead" || rel.starts_with(".git/objects") || rel == ".git/logs" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_backfilled_snapshot_equals_the_snapshot_of_a_checkout() {
    let (p, ids) = three_commits();
    for (i, (id, day, later_tags)) in [
        (&ids[0], "2026-01-01", &["v1.1"][..]),
        (&ids[1], "2026-02-01", &[][..]),
    ]
    .into_iter()
    .enumerate()
    {
        let past = json(
            &p,
            TODAY,
            &["snapshot", "--rev", id, "--dry-run", "--format", "json"],
        );
        assert_eq!(past["commit"], id.as_str());
        assert_eq!(past["backfilled"], true);
        // The same commit checked out in a clone, on its own day, with
        // the releases made after it not made yet.
        let q = checkout_of(&p, id, later_tags);
        let checkout = json(&q, day, &["snapshot", "--dry-run", "--format", "json"]);
        assert_eq!(checkout["backfilled"], false);
        assert_eq!(comparable(&past), comparable(&checkout), "commit {i}");
        let value =
            |s: &serde_json::Value, m: &str| super::fixture::measurement(s, m)["value"].clone();
        assert_eq!(value(&past, "decisions.total"), (i + 1) as f64);
        assert_eq!(value(&past, "history.commits"), (i + 1) as f64);
        // The practices scorecard as it stood then, as on the checkout.
        assert!(value(&past, "practices.score").is_number(), "commit {i}");
    }
}

/// A clone of `p` checked out at `id`, without the tags in `drop_tags`.
fn checkout_of(p: &Project, id: &str, drop_tags: &[&str]) -> Project {
    let q = Project::new();
    std::fs::remove_dir_all(q.path(".git")).unwrap();
    q.git(
        "A",
        GIT_DATE,
        &["clone", "-q", p.dir.path().to_str().unwrap(), "."],
    );
    q.git("A", GIT_DATE, &["checkout", "-q", id]);
    for t in drop_tags {
        q.git("A", GIT_DATE, &["tag", "-d", t]);
    }
    q
}

/// A commit whose files test every way the contexts reach a file: a
/// tracked file its `.gitignore` ignores, hidden and installed folders, a
/// virtual environment, npm workspace members, a tsconfig extending a
/// file that is not there, a record linking to a file and to nothing, a
/// goals folder and a manifest without a lockfile. Its backfilled
/// snapshot must be a checkout's, metric for metric.
#[test]
fn a_backfill_reads_each_file_as_a_checkout_of_the_commit_does() {
    let (p, _) = three_commits();
    // Files no walk may read: each imports across the modules' boundary
    // and is unhealthy, so reading one would change two metrics.
    let tangled = format!("from lib import util\n\ndef f(a, b, c):\n{}", nested(8));
    let files = [
        (".gitignore", ".techlead/\nbuild/\n"),
        ("app/build/gen.py", tangled.as_str()),
        ("app/.hidden/tool.py", tangled.as_str()),
        ("node_modules/x/package.json", "{\"name\": \"x\"}\n"),
        ("env/pyvenv.cfg", "home = /usr\n"),
        ("env/lib/site.py", tangled.as_str()),
        (
            "web/package.json",
            "{\"name\": \"web\", \"workspaces\": [\"packages/*\"]}\n",
        ),
        (
            "web/package-lock.json",
            "{\"name\": \"web\", \"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"web\"}, \"node_modules/left-pad\": {\"version\": \"1.3.0\"}}}\n",
        ),
        (
            "web/packages/ui/package.json",
            "{\"name\": \"ui\", \"dependencies\": {\"left-pad\": \"^1.3.0\"}}\n",
        ),
        (
            "web/packages/ui/index.ts",
            "import pad from 'left-pad';\nexport const x = pad;\n",
        ),
        (
            "web/tsconfig.json",
            "{\"extends\": \"./.generated/tsconfig.json\"}\n",
        ),
        (
            "lib/tools/setup.cfg",
            "[metadata]\nname = tools\n[options]\ninstall_requires = attrs\n",
        ),
        (
            "docs/decisions/0004-links.md",
            "---\nstatus: accepted\ndate: 2026-03-12\n---\n# 4. Links\n\nSee [util](../../lib/util.py) and [gone](../../lib/gone.py).\n",
        ),
        ("docs/logo.png", "\u{89}PNG, read by no context"),
        (
            "docs/goals/0001-faster.md",
            "---\ntitle: Faster releases\nstatus: active\nowner: ann\nhorizon: 2026\nkey_results:\n  - metric: decisions.total >= 5\n    start: 3\n---\n# Faster releases\n",
        ),
    ];
    for (f, text) in files {
        p.write(f, text);
    }
    let id = commit_forcing(
        &p,
        "2026-03-15T10:00:00Z",
        &["app/build/gen.py", "node_modules", "env"],
    );
    // A later commit, so that the one measured is not HEAD.
    p.write("lib/util.py", "def helper(x):\n    return x\n");
    commit_as(
        &p,
        "Bob",
        "bob@example.com",
        "2026-03-20T10:00:00Z",
        "later",
    );
    let q = checkout_of(&p, &id, &[]);
    // A blob that no context reads (an image a partial clone left out)
    // does not cost the commit its snapshot.
    remove_blob(&p, &format!("{id}:docs/logo.png"));
    let past = json(
        &p,
        TODAY,
        &["snapshot", "--rev", &id, "--dry-run", "--format", "json"],
    );
    assert_eq!(past["backfilled"], true);
    let checkout = json(
        &q,
        "2026-03-15",
        &["snapshot", "--dry-run", "--format", "json"],
    );
    assert_eq!(comparable(&past), comparable(&checkout));
    let value = |m: &str| super::fixture::measurement(&past, m)["value"].clone();
    assert_eq!(value("decisions.total"), 4.0);
    assert_eq!(value("goals.total"), 1.0);
    assert_eq!(value("boundaries.violations"), 2.0);
    assert_eq!(value("health.worst_file"), 10.0);
    assert_eq!(value("deps.packages"), 3.0);
}

/// A project in a folder of its repository: the repository's own
/// `.gitignore` above it applies to a backfill as to a checkout.
#[test]
fn a_project_below_the_repository_top_is_backfilled_as_its_checkout() {
    let p = super::history_people::fresh();
    let tangled = format!("def f(a, b, c):\n{}", nested(8));
    p.write(".gitignore", "dist/\n.techlead/\n");
    p.write("app/techlead.toml", "");
    p.write("app/main.py", "def main(x):\n    return x\n");
    p.write("app/dist/bundle.py", &tangled);
    let id = commit_forcing(&p, "2026-03-01T10:00:00Z", &["app/dist/bundle.py"]);
    p.write("app/main.py", "def main(x):\n    return 2 * x\n");
    commit_as(
        &p,
        "Ann",
        "ann@example.com",
        "2026-03-05T10:00:00Z",
        "later",
    );
    let app = p.path("app");
    let app = app.to_str().unwrap();
    let past = json(
        &p,
        TODAY,
        &[
            "snapshot",
            "--repo",
            app,
            "--rev",
            &id,
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(past["backfilled"], true);
    let q = checkout_of(&p, &id, &[]);
    let q_app = q.path("app");
    let checkout = json(
        &q,
        "2026-03-01",
        &[
            "snapshot",
            "--repo",
            q_app.to_str().unwrap(),
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(comparable(&past), comparable(&checkout));
    let value = |m: &str| super::fixture::measurement(&past, m)["value"].clone();
    assert_eq!(value("health.worst_file"), 10.0);
}

/// Commits everything as Ann on `date`, `forced` too although ignored;
/// the commit's id.
fn commit_forcing(p: &Project, date: &str, forced: &[&str]) -> String {
    p.git("Ann", date, &["add", "-A"]);
    let mut add = vec!["add", "-f"];
    add.extend_from_slice(forced);
    p.git("Ann", date, &add);
    p.git("Ann", date, &["commit", "-q", "-m", "work"]);
    p.git("A", GIT_DATE, &["rev-parse", "HEAD"])
        .trim()
        .to_string()
}

/// Deletes the loose object `spec` (`COMMIT:PATH`) names; its id.
fn remove_blob(p: &Project, spec: &str) -> String {
    let blob = p.git("A", TODAY, &["rev-parse", spec]).trim().to_string();
    std::fs::remove_file(p.path(&format!(".git/objects/{}/{}", &blob[..2], &blob[2..]))).unwrap();
    blob
}

/// A body of `depth` nested ifs, four spaces deeper each.
fn nested(depth: usize) -> String {
    let mut s = String::new();
    for d in 1..=depth {
        s.push_str(&format!("{}if a > {d}:\n", "    ".repeat(d)));
    }
    s.push_str(&format!(
        "{}return b\n    return c\n",
        "    ".repeat(depth + 1)
    ));
    s
}

#[test]
fn backfill_records_each_period_once_and_leaves_the_repository_alone() {
    let (p, ids) = three_commits();
    // Uncommitted work stays as it is, index and all.
    p.write("lib/util.py", "def helper(x):\n    return 0\n");
    p.write("scratch.py", "print(1)\n");
    p.git("A", GIT_DATE, &["add", "scratch.py"]);
    let before = state(&p);
    let args = [
        "snapshot",
        "--backfill",
        "--since",
        "2025-12-01",
        "--every",
        "1mo",
        "--format",
        "json",
    ];
    let out = run(&p, TODAY, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Boundaries 12-01, 01-01 (no commit yet), 02-01 (the first commit),
    // 03-01 (the second), 04-01 (HEAD, whose snapshot is the usual one).
    assert!(
        stderr.contains(
            "2 snapshots backfilled from 2026-01 to 2026-02; HEAD itself: run `techlead snapshot`"
        ),
        "{stderr}"
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["commit"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [(ids[0].as_str(), "new"), (ids[1].as_str(), "new")]);
    assert_eq!(state(&p), before, "the working tree, index or refs changed");
    // Again: nothing new; --force records them again.
    let again = json(&p, TODAY, &args);
    assert!(
        again
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "recorded already"),
        "{again}"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    let forced = json(&p, TODAY, &forced);
    assert!(
        forced
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "replaced"),
        "{forced}"
    );
    let db = rusqlite::Connection::open(p.path(".techlead/snapshots.db")).unwrap();
    let rows: (i64, i64) = db
        .query_row("SELECT count(*), sum(backfilled) FROM snapshots", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(rows, (2, 2));
    // The trend has the past on the first run: one point per commit.
    let t = json(&p, TODAY, &["trend", "decisions.total", "--format", "json"]);
    let values: Vec<f64> = t["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [1.0, 2.0]);
    // Periods with no commit are counted, not filled.
    let weekly = run(
        &p,
        TODAY,
        &[
            "snapshot",
            "--backfill",
            "--since",
            "2026-01-20",
            "--every",
            "1w",
            "--dry-run",
        ],
    );
    let stderr = String::from_utf8_lossy(&weekly.stderr);
    assert!(
        stderr
            .contains("2 snapshots computed, not recorded (--dry-run), from 2026-01 to 2026-02, 8 periods without commits"),
        "{stderr}"
    );
}

#[test]
fn bad_periods_exit_2_and_touch_nothing() {
    let (p, _) = three_commits();
    for (args, message) in [
        (
            &["--every", "1m"][..],
            "--every `1m`: `m` could be minutes or months; write `1mo` for months",
        ),
        (
            &["--every", "often"][..],
            "--every `often`: expected a number and a unit",
        ),
        (
            &["--since", "2027-01-01"][..],
            "--since `2027-01-01`: 2027-01-01 is after today (2026-04-01)",
        ),
        (
            &["--since", "last year"][..],
            "--since `last year`: expected a number and a unit",
        ),
    ] {
        let mut all = vec!["snapshot", "--backfill"];
        all.extend_from_slice(args);
        let out = run(&p, TODAY, &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!p.path(".techlead/snapshots.db").exists());
    }
    let out = run(&p, TODAY, &["snapshot", "--every", "1mo"]);
    assert_eq!(out.status.code(), Some(2), "--every needs --backfill");
}

#[test]
fn a_commit_with_a_missing_object_or_a_broken_config_is_said_and_the_others_go_on() {
    let (p, ids) = three_commits();
    // A fourth commit breaks techlead.toml, a fifth (HEAD) mends it; the
    // blob of the first commit's lib/util.py is lost.
    let config = p.read("techlead.toml");
    p.write("techlead.toml", "[decisions\n");
    commit_as(&p, "Ann", "ann@example.com", "2026-03-20T10:00:00Z", "oops");
    p.write("techlead.toml", &config);
    commit_as(&p, "Ann", "ann@example.com", "2026-03-25T10:00:00Z", "mend");
    let blob = remove_blob(&p, &format!("{}:lib/util.py", ids[0]));
    let blob = blob.as_str();
    // Boundaries 01-22 (the first commit), 02-22 (the second), 03-22 (the
    // fourth).
    let out = run(
        &p,
        "2026-04-15",
        &[
            "snapshot",
            "--backfill",
            "--since",
            "2026-01-22",
            "--every",
            "1mo",
            "--format",
            "json",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("skipped: object {blob} (lib/util.py) is missing")),
        "{stderr}"
    );
    assert!(
        stderr.contains("the commit's techlead.toml cannot be read, the defaults are used"),
        "{stderr}"
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let statuses: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.len(), 3, "{rows}");
    assert!(statuses[0].starts_with("skipped: object"), "{rows}");
    assert_eq!(&statuses[1..], ["new", "new"]);
    assert!(
        stderr.contains("2 snapshots backfilled from 2026-02 to 2026-03, 1 commit skipped"),
        "{stderr}"
    );
}
