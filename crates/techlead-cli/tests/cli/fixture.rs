//! A temp project folder plus a command builder with fixed environment, and
//! insta filters that hide the temp path.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("techlead-test")
            .tempdir()
            .unwrap();
        // A `.git` marker makes the temp folder the project root, so nothing
        // above it (like a stray techlead.toml in /tmp) leaks in.
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        Project { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn files(&self, rel: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.path(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    /// Sets the mtime of the folder `rel` and of every file in it an hour
    /// back, so the records cache trusts their stamps (it does not trust
    /// files written moments ago).
    pub fn age(&self, rel: &str) {
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let dir = self.path(rel);
        for e in std::fs::read_dir(&dir).unwrap() {
            set_mtime(&e.unwrap().path(), past);
        }
        set_mtime(&dir, past);
    }

    /// `techlead ARGS` in the project folder, with a fixed date and no colour.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(insta_cmd::get_cargo_bin("techlead"));
        c.current_dir(self.dir.path())
            .args(args)
            .env("TECHLEAD_TODAY", "2026-01-15")
            .env_remove("NO_COLOR")
            .env("COLUMNS", "100")
            // No test reads this machine's Cargo registry for licenses, and
            // none reaches a real registry or OSV: each address points at a
            // closed port on loopback unless the test serves one.
            .env("CARGO_HOME", "/nonexistent/techlead-tests/cargo-home")
            .env_remove("SOURCE_DATE_EPOCH")
            // No test pushes to the developer's own organisation store.
            .env_remove("TECHLEAD_STORE")
            .env_remove("PGPASSWORD")
            .env_remove("PGPASSFILE");
        for var in [
            "TECHLEAD_REGISTRY_CRATES",
            "TECHLEAD_REGISTRY_NPM",
            "TECHLEAD_REGISTRY_PYPI",
            "TECHLEAD_OSV_URL",
        ] {
            c.env(var, "http://127.0.0.1:9");
        }
        c
    }

    /// Runs `techlead ARGS`, asserts success, and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs `techlead ARGS`, asserts success, and parses stdout as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// `git ARGS` in the project with a fixed author and date and no user
    /// or system config, as gitoxide's fixture scripts run it; returns
    /// stdout.
    pub fn git(&self, author: &str, date: &str, args: &[&str]) -> String {
        let email = format!("{}@example.com", author.to_lowercase());
        self.git_as(author, &email, date, args)
    }

    /// `git ARGS` as [`Project::git`], with the author's email given.
    pub fn git_as(&self, author: &str, email: &str, date: &str, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(self.dir.path())
            .args(args)
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_COMMITTER_NAME", author)
            .env("GIT_COMMITTER_EMAIL", email)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a findings command with `--format json` and returns its exit
    /// code and the distinct rule ids it reported, sorted.
    pub fn rules_found(&self, args: &[&str]) -> (Option<i32>, Vec<String>) {
        let mut full = args.to_vec();
        full.extend(["--format", "json"]);
        let out = self.cmd(&full).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut rules: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules.dedup();
        (out.status.code(), rules)
    }

    /// Insta settings that replace the temp path with `[TEMP]`.
    /// Snapshot settings for a test in `module`: the group's folder, and
    /// this project's temporary path shown as `[TEMP]`.
    pub fn settings(&self, module: &str) -> insta::Settings {
        let mut s = group_settings(module);
        let real = std::fs::canonicalize(self.dir.path()).unwrap();
        for p in [real.as_path(), self.dir.path()] {
            s.add_filter(&regex_escape(p), "[TEMP]");
        }
        s
    }
}

fn regex_escape(p: &Path) -> String {
    let mut out = String::new();
    for ch in p.to_string_lossy().chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Runs a snapshot assertion with the project's filters.
#[macro_export]
macro_rules! snap {
    ($project:expr, $cmd:expr) => {
        $project
            .settings(module_path!())
            .bind(|| insta_cmd::assert_cmd_snapshot!($cmd))
    };
    ($project:expr, $name:expr, $cmd:expr) => {
        $project
            .settings(module_path!())
            .bind(|| insta_cmd::assert_cmd_snapshot!($name, $cmd))
    };
}

/// A text snapshot (a file the command wrote), in the group's folder.
#[macro_export]
macro_rules! snap_text {
    ($name:expr, $value:expr) => {
        $crate::fixture::group_settings(module_path!())
            .bind(|| insta::assert_snapshot!($name, $value))
    };
}

/// CLI snapshots are command contracts, one folder per command group
/// (`snapshots/adr`, `snapshots/boundaries`, ...), named without the
/// group: `snapshots/boundaries/check_json.snap`.
pub fn group_settings(module: &str) -> insta::Settings {
    let file = module.rsplit("::").next().unwrap_or(module);
    let group = match file {
        "adr_edit" | "adr_lint" | "adr_list" | "adr_new" => "adr",
        "bad_input" | "messy" => "input",
        "boundaries"
        | "boundaries_graph"
        | "boundaries_init"
        | "boundaries_langs"
        | "boundaries_suppress"
        | "boundaries_tests" => "boundaries",
        "debt" | "debt_history" => "debt",
        "deps" | "deps_workspaces" | "deps_sbom" | "deps_risk" => "deps",
        "history" | "history_edges" => "history",
        "rule_docs" => "rules",
        other => other,
    };
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(format!("snapshots/{group}"));
    s.set_prepend_module_to_snapshot(false);
    s
}

pub fn set_mtime(p: &Path, t: std::time::SystemTime) {
    std::fs::File::open(p).unwrap().set_modified(t).unwrap();
}

/// One metric's row in the JSON of `techlead snapshot --format json`.
pub fn measurement(snapshot: &serde_json::Value, metric: &str) -> serde_json::Value {
    snapshot["measurements"]
        .as_array()
        .expect("measurements")
        .iter()
        .find(|m| m["metric"] == metric)
        .unwrap_or_else(|| panic!("no metric {metric}"))
        .clone()
}

/// A good cache file's bytes damaged every way a cache must survive: a
/// flipped byte, cut short, empty, and another file that starts with a
/// format's magic (`magic`).
pub fn damaged(good: &[u8], magic: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut flipped = good.to_vec();
    flipped[good.len() / 2] ^= 0x20;
    let mut foreign = magic.to_vec();
    foreign.extend_from_slice(b" not a cache at all");
    vec![
        ("a flipped byte", flipped),
        ("cut short", good[..good.len() - 7].to_vec()),
        ("empty", Vec::new()),
        ("another file's bytes", foreign),
    ]
}
