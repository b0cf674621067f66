//! Bad input: exit 2, a message naming the file and line, and no file
//! touched.

use super::fixture::Project;
use crate::snap;

fn tree(p: &Project) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for f in p.files("docs/adr") {
        let path = p.path(&format!("docs/adr/{f}"));
        if path.is_file() {
            out.push((f, std::fs::read(path).unwrap()));
        }
    }
    out
}

fn base(p: &Project) {
    p.write(
        "docs/adr/0001-good.md",
        "# 1. Good\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
}

/// Every command that reads the folder must refuse it, and change nothing.
fn refused(p: &Project, name: &str) {
    let before = tree(p);
    snap!(p, name, p.cmd(&["adr", "list"]));
    for args in [
        vec!["adr", "lint"],
        vec!["adr", "status", "1", "rejected"],
        vec!["adr", "new", "Another"],
        vec!["adr", "index"],
        vec!["check"],
    ] {
        let out = p.cmd(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(before, tree(p), "a refused command touched a file");
}

#[test]
fn invalid_utf8_names_file_and_line() {
    let p = Project::new();
    base(&p);
    p.write(
        "docs/adr/0002-latin1.md",
        b"# 2. Caf\xe9\n\nDate: 2020-01-01\n".as_slice(),
    );
    refused(&p, "invalid_utf8");
}

#[test]
fn broken_yaml_names_file_and_line() {
    let p = Project::new();
    base(&p);
    p.write(
        "docs/adr/0002-yaml.md",
        "---\nstatus: accepted\ndate: [2020-01-01\ntags: x\n---\n\n# Yaml\n",
    );
    refused(&p, "broken_yaml");
}

#[test]
fn binary_markdown_is_refused() {
    let p = Project::new();
    base(&p);
    p.write(
        "docs/adr/0002-binary.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice(),
    );
    refused(&p, "binary_md");
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_refused() {
    let p = Project::new();
    base(&p);
    std::os::unix::fs::symlink("0002-loop.md", p.path("docs/adr/0002-loop.md")).unwrap();
    refused(&p, "symlink_loop");
}

#[test]
fn unreadable_entry_is_refused() {
    let p = Project::new();
    base(&p);
    // A folder named like a record cannot be read as one; this works even
    // as root, where permission bits do not stop reads.
    std::fs::create_dir_all(p.path("docs/adr/0002-folder.md")).unwrap();
    refused(&p, "unreadable_entry");
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new();
    base(&p);
    let dir = p.path("docs/adr");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read_dir(&dir).is_ok(); // root reads anyway
    if !readable {
        let out = p
            .cmd(&["adr", "list", "--dir", "docs/adr"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("docs/adr"));
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn unknown_id_and_bad_arguments_are_exit_2() {
    let p = Project::new();
    base(&p);
    snap!(p, "unknown_id", p.cmd(&["adr", "show", "42"]));
    snap!(p, "bad_flag", p.cmd(&["adr", "list", "--bogus"]));
    snap!(p, "no_folder", p.cmd(&["adr", "list", "--dir", "nowhere"]));
    p.write(
        "techlead.toml",
        "# decisions live elsewhere\n[decisions]\ndir = \"nowhere\"\n",
    );
    snap!(p, "configured_folder_missing", p.cmd(&["check"]));
}
