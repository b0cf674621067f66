//! `techlead ci init github|gitlab`, `techlead check PATHS...` and the
//! pre-commit hook file at the repository root.

use super::check::two_problems;
use super::fixture::Project;
use crate::{snap, snap_text};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// A workflow file read back as YAML, as the CI service would.
fn yaml(p: &Project, rel: &str) -> Value {
    serde_saphyr::from_str(&p.read(rel)).unwrap_or_else(|e| panic!("{rel} is not YAML: {e}"))
}

/// The shell text of every step or script line, joined.
fn all_runs(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(all_runs).collect::<Vec<_>>().join("\n"),
        Value::Object(o) => o.values().map(all_runs).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

#[test]
fn github_workflow_uploads_sarif_keeps_the_report_and_pushes_the_snapshot() {
    let p = Project::new();
    snap!(p, "github_init", p.cmd(&["ci", "init", "github"]));
    snap_text!("github_workflow", p.read(".github/workflows/techlead.yml"));
    let w = yaml(&p, ".github/workflows/techlead.yml");
    let job = &w["jobs"]["techlead"];
    assert_eq!(job["permissions"]["security-events"], "write");
    assert_eq!(job["permissions"]["contents"], "read");
    assert_eq!(w["permissions"]["contents"], "read");
    let steps = job["steps"].as_array().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.contains(&"github/codeql-action/upload-sarif@v4"),
        "{uses:?}"
    );
    assert!(uses.contains(&"actions/cache@v4"), "{uses:?}");
    assert!(uses.contains(&"actions/upload-artifact@v4"), "{uses:?}");
    assert_eq!(steps[0]["with"]["fetch-depth"], 0);
    let runs = all_runs(&job["steps"]);
    assert!(runs.contains("techlead check --format sarif > techlead.sarif"));
    assert!(runs.contains("techlead report --out techlead-report/report.html"));
    assert!(runs.contains("cargo install --locked --no-default-features"));
    // The store URL comes from the secret, only into the step that pushes.
    let push = steps
        .iter()
        .find(|s| all_runs(&s["run"]).contains("techlead snapshot --store \"$TECHLEAD_STORE\""))
        .expect("a step pushes the snapshot");
    assert_eq!(
        push["env"]["TECHLEAD_STORE"],
        "${{ secrets.TECHLEAD_STORE }}"
    );
    assert!(all_runs(&push["run"]).contains("if [ -z \"$TECHLEAD_STORE\" ]"));
    assert!(push["if"].as_str().unwrap().contains("default_branch"));
    assert_eq!(job["env"]["TECHLEAD_REF"], "main");
}

#[test]
fn gitlab_job_writes_code_quality_and_a_new_pipeline_includes_it() {
    let p = Project::new();
    snap!(p, "gitlab_init", p.cmd(&["ci", "init", "gitlab"]));
    snap_text!("gitlab_job", p.read(".gitlab/techlead.yml"));
    snap_text!("gitlab_pipeline", p.read(".gitlab-ci.yml"));
    let pipeline = yaml(&p, ".gitlab-ci.yml");
    assert_eq!(pipeline["include"][0]["local"], ".gitlab/techlead.yml");
    let job = &yaml(&p, ".gitlab/techlead.yml")["techlead"];
    assert_eq!(
        job["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(job["artifacts"]["when"], "always");
    assert_eq!(job["variables"]["GIT_DEPTH"], "0");
    let script = all_runs(&job["script"]);
    assert!(script.contains("techlead check --format gitlab > gl-code-quality-report.json"));
    assert!(script.contains("techlead report --out techlead-report/report.html"));
    assert!(script.contains("techlead snapshot --store \"$TECHLEAD_STORE\""));
    assert!(script.contains("\"$CI_COMMIT_BRANCH\" != \"$CI_DEFAULT_BRANCH\""));
    assert!(all_runs(&job["before_script"]).contains("--root .techlead-bin techlead-cli"));
}

#[test]
fn an_existing_gitlab_pipeline_is_never_changed() {
    let p = Project::new();
    let mine = "stages: [build]\n\nbuild:\n  stage: build\n  script: [make]\n";
    p.write(".gitlab-ci.yml", mine);
    snap!(
        p,
        "gitlab_existing_pipeline",
        p.cmd(&["ci", "init", "gitlab"])
    );
    assert_eq!(p.read(".gitlab-ci.yml"), mine);
    assert!(p.path(".gitlab/techlead.yml").is_file());
    // Once it names the job, it is said to include it.
    p.write(
        ".gitlab-ci.yml",
        format!("{mine}include:\n  - local: .gitlab/techlead.yml\n"),
    );
    let out = p.ok(&["ci", "init", "gitlab", "--force"]);
    assert!(
        out.contains("includes .gitlab/techlead.yml already"),
        "{out}"
    );
}

#[test]
fn an_existing_workflow_is_refused_and_force_replaces_it() {
    let p = Project::new();
    let mine = "name: mine\n";
    p.write(".github/workflows/techlead.yml", mine);
    snap!(p, "github_exists", p.cmd(&["ci", "init", "github"]));
    assert_eq!(p.read(".github/workflows/techlead.yml"), mine);
    p.write(".gitlab/techlead.yml", mine);
    let out = p.cmd(&["ci", "init", "gitlab"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(p.read(".gitlab/techlead.yml"), mine);
    // Nothing else was written either.
    assert!(!p.path(".gitlab-ci.yml").exists());
    let out = p.ok(&["ci", "init", "github", "--force"]);
    assert_eq!(out, "replaced .github/workflows/techlead.yml\n");
    assert!(
        p.read(".github/workflows/techlead.yml")
            .contains("upload-sarif")
    );
    // No temporary file is left beside it.
    assert_eq!(p.files(".github/workflows"), ["techlead.yml"]);
}

#[test]
fn install_source_is_quoted_into_the_file() {
    let p = Project::new();
    let git = "https://git.example.com/tools/techlead.git#x: \"y\"";
    p.ok(&["ci", "init", "gitlab", "--git", git, "--ref", "v1.2.0"]);
    let job = &yaml(&p, ".gitlab/techlead.yml")["techlead"];
    assert_eq!(job["variables"]["TECHLEAD_GIT"], git);
    assert_eq!(job["variables"]["TECHLEAD_REF"], "v1.2.0");
    let out = p
        .cmd(&["ci", "init", "github", "--ref", ""])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!p.path(".github").exists());
}

#[test]
fn a_placeholder_install_source_is_a_warning_a_real_one_is_not() {
    let p = Project::new();
    let out = p
        .cmd(&[
            "ci",
            "init",
            "github",
            "--git",
            "https://example.invalid/techlead",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a placeholder") && err.contains("--git URL"),
        "{err}"
    );
    let out = p
        .cmd(&[
            "ci",
            "init",
            "gitlab",
            "--git",
            "ssh://git@git.example.com/tools/techlead.git",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("placeholder"));
}

fn paths_found(p: &Project, cwd: &str, args: &[&str]) -> Vec<String> {
    let mut full = vec!["check", "--format", "json"];
    full.extend(args);
    let out = p.cmd(&full).current_dir(p.path(cwd)).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap_or("-").to_string())
        .collect()
}

#[test]
fn check_paths_report_only_the_findings_in_those_files() {
    let p = Project::new();
    two_problems(&p);
    let all = paths_found(&p, "", &[]);
    assert_eq!(
        all,
        ["docs/decisions/0001-a.md", "docs/decisions/0002-c.md"]
    );
    assert_eq!(
        paths_found(&p, "", &["docs/decisions/0002-c.md"]),
        ["docs/decisions/0002-c.md"]
    );
    // Relative to the current directory, and folders cover what they hold.
    assert_eq!(
        paths_found(&p, "docs/decisions", &["0001-a.md"]),
        ["docs/decisions/0001-a.md"]
    );
    assert_eq!(paths_found(&p, "docs", &["."]), all);
    p.write("README.md", "# x\n");
    assert!(paths_found(&p, "", &["README.md"]).is_empty());
    // The exit code follows the findings reported: 0002's is a warning.
    let out = p
        .cmd(&["check", "docs/decisions/0002-c.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = p
        .cmd(&["check", "docs/decisions/0001-a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    snap!(p, "check_missing_path", p.cmd(&["check", "docs/nope.md"]));
}

/// `PATH` with the techlead under test first, as an installed one would be.
fn path_with_techlead() -> String {
    let bin = insta_cmd::get_cargo_bin("techlead");
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The repository's `.pre-commit-hooks.yaml`.
fn hooks() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

#[test]
fn the_pre_commit_hook_runs_check_on_the_staged_files() {
    let hooks = hooks();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "techlead-check");
    assert_eq!(hook["pass_filenames"], true);
    assert_eq!(hook["require_serial"], true);
    assert_eq!(hook["language"], "system");
    let entry = hook["entry"].as_str().unwrap();
    // As pre-commit runs it: the entry, then the file names, from the root.
    let p = Project::new();
    two_problems(&p);
    let path = path_with_techlead();
    let run = |files: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{entry} {files}"))
            .current_dir(p.path(""))
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run("docs/decisions/0001-a.md");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("0001-a.md") && !text.contains("0002-c.md"),
        "{text}"
    );
    p.write("notes.txt", "x\n");
    assert_eq!(run("notes.txt").status.code(), Some(0));
}

/// With `TECHLEAD_PRE_COMMIT` naming a pre-commit executable (.ci/run
/// installs one), the hook runs through pre-commit itself, from a clone of
/// this repository, on a project's staged files.
#[test]
fn pre_commit_runs_the_hook_from_this_repository() {
    let Some(pre_commit) = std::env::var_os("TECHLEAD_PRE_COMMIT") else {
        eprintln!("skipped: set TECHLEAD_PRE_COMMIT to a pre-commit executable to run it");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A repository holding just the hook file at a commit, as a hook repository.
    let hooks = Project::new();
    hooks.git(
        "alice",
        "2026-01-15T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    hooks.write(
        ".pre-commit-hooks.yaml",
        std::fs::read(root.join(".pre-commit-hooks.yaml")).unwrap(),
    );
    hooks.git("alice", "2026-01-15T10:00:00Z", &["add", "-A"]);
    hooks.git(
        "alice",
        "2026-01-15T10:00:00Z",
        &["commit", "-q", "-m", "hooks"],
    );
    let rev = hooks.git("alice", "2026-01-15T10:00:00Z", &["rev-parse", "HEAD"]);
    let p = Project::new();
    p.git(
        "alice",
        "2026-01-15T10:00:00Z",
        &["init", "-q", "-b", "main"],
    );
    two_problems(&p);
    p.write(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {}\n    hooks:\n      - id: techlead-check\n",
            hooks.path("").display(),
            rev.trim()
        ),
    );
    let path = path_with_techlead();
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(&pre_commit)
            .args(args)
            .current_dir(p.path(""))
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", home.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    p.git(
        "alice",
        "2026-01-15T10:00:00Z",
        &["add", ".pre-commit-config.yaml", "docs/decisions/0001-a.md"],
    );
    let out = run(&["run", "techlead-check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    // Only 0001 is staged: its broken link fails the hook, 0002 is not named.
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("0001-a.md") && !text.contains("0002-c.md"),
        "{text}"
    );
    p.write("notes.txt", "x\n");
    p.git("alice", "2026-01-15T10:00:00Z", &["add", "notes.txt"]);
    let out = run(&["run", "techlead-check", "--files", "notes.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A git repository standing for techlead's: a branch `main` and an
/// annotated tag `v1` on an older commit. Returns (main, v1's commit).
fn upstream(p: &Project) -> (String, String) {
    let at = "2026-01-15T10:00:00Z";
    p.git("alice", at, &["init", "-q", "-b", "main"]);
    p.git("alice", at, &["commit", "-q", "--allow-empty", "-m", "one"]);
    p.git("alice", at, &["tag", "-a", "v1", "-m", "v1"]);
    p.git("alice", at, &["commit", "-q", "--allow-empty", "-m", "two"]);
    let rev = |r: &str| p.git("alice", at, &["rev-parse", r]).trim().to_string();
    (rev("main"), rev("v1^{}"))
}

/// A `cargo` that records its arguments and installs a `techlead` script
/// under `--root`, so the pipelines' install logic runs without a build.
fn fake_cargo(dir: &Path) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let cargo = bin.join("cargo");
    std::fs::write(
        &cargo,
        "#!/bin/sh\necho \"$*\" >> \"$CARGO_LOG\"\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=$2; shift; done\nmkdir -p \"$root/bin\" && printf '#!/bin/sh\\necho techlead \"$@\"\\n' > \"$root/bin/techlead\" && chmod +x \"$root/bin/techlead\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn gitlab_install_resolves_the_ref_and_builds_once_per_commit() {
    let up = Project::new();
    let (main, v1) = upstream(&up);
    let p = Project::new();
    p.ok(&[
        "ci",
        "init",
        "gitlab",
        "--git",
        &up.path("").display().to_string(),
    ]);
    let job = &yaml(&p, ".gitlab/techlead.yml")["techlead"];
    let script = format!("{}\ntechlead --version", all_runs(&job["before_script"]));
    let tools = tempfile::tempdir().unwrap();
    let path = fake_cargo(tools.path());
    let log = tools.path().join("cargo.log");
    let run = |git_ref: &str| {
        let out = Command::new("sh")
            .arg("-ec")
            .arg(&script)
            .current_dir(p.path(""))
            .env("PATH", &path)
            .env("CARGO_LOG", &log)
            .env("TECHLEAD_GIT", up.path(""))
            .env("TECHLEAD_REF", git_ref)
            .output()
            .unwrap();
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            log,
        )
    };
    let (code, out, log) = run("main");
    assert_eq!((code, out.as_str()), (Some(0), "techlead --version\n"));
    assert_eq!(log.lines().count(), 1);
    assert!(
        log.contains(&format!("--rev {main}")) && log.contains("--locked"),
        "{log}"
    );
    // The cache holds that commit: the next job builds nothing.
    let (code, _, log) = run("main");
    assert_eq!((code, log.lines().count()), (Some(0), 1));
    // A tag is peeled to its commit; a new commit is a new build.
    let (code, _, log) = run("v1");
    assert_eq!(code, Some(0));
    assert!(
        log.lines().nth(1).unwrap().contains(&format!("--rev {v1}")),
        "{log}"
    );
    let (code, _, log) = run(&main);
    assert_eq!((code, log.lines().count()), (Some(0), 3));
    let (code, _, _) = run("no-such-ref");
    assert_eq!(code, Some(2));
}

#[test]
fn github_resolve_step_peels_tags_and_refuses_unknown_refs() {
    let up = Project::new();
    let (main, v1) = upstream(&up);
    let p = Project::new();
    p.ok(&["ci", "init", "github"]);
    let w = yaml(&p, ".github/workflows/techlead.yml");
    let steps = w["jobs"]["techlead"]["steps"].as_array().unwrap();
    let resolve = steps.iter().find(|s| s["id"] == "techlead").unwrap();
    let script = resolve["run"].as_str().unwrap();
    let output = tempfile::NamedTempFile::new().unwrap();
    let run = |git_ref: &str| {
        std::fs::write(output.path(), "").unwrap();
        let out = Command::new("bash")
            .arg("-e")
            .arg("-c")
            .arg(script)
            .env("GITHUB_OUTPUT", output.path())
            .env("TECHLEAD_GIT", up.path(""))
            .env("TECHLEAD_REF", git_ref)
            .output()
            .unwrap();
        (
            out.status.code(),
            std::fs::read_to_string(output.path()).unwrap(),
        )
    };
    assert_eq!(run("main"), (Some(0), format!("commit={main}\n")));
    assert_eq!(run("v1"), (Some(0), format!("commit={v1}\n")));
    assert_eq!(run(&v1), (Some(0), format!("commit={v1}\n")));
    assert_eq!(run("nope"), (Some(2), String::new()));
}
