//! `git` run in a fixture repository as gitoxide's fixture scripts run it:
//! a fixed author, committer and date, and no user or system config, so
//! that the ids a test sees are the same on every machine.

use std::path::Path;
use std::process::Command;

/// `git ARGS` in `dir` as `author <email>` (committer too) at `date`;
/// returns stdout, and panics with git's stderr when git fails.
pub fn git(dir: &Path, author: &str, email: &str, date: &str, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .envs([
            ("GIT_AUTHOR_NAME", author),
            ("GIT_AUTHOR_EMAIL", email),
            ("GIT_COMMITTER_NAME", author),
            ("GIT_COMMITTER_EMAIL", email),
            ("GIT_AUTHOR_DATE", date),
            ("GIT_COMMITTER_DATE", date),
            ("GIT_CONFIG_GLOBAL", "/dev/null"),
            ("GIT_CONFIG_SYSTEM", "/dev/null"),
        ])
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("git's output is UTF-8")
}
