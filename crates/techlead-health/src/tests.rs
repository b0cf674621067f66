//! Measuring real folders: which files are read, skipped and left out.

use super::*;
use std::fs;

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn paths(r: &Report) -> Vec<&str> {
    r.files.iter().map(|f| f.path.as_str()).collect()
}

const PY: &str = "def f(a):\n    if a:\n        return 1\n    return 2\n";

#[test]
fn walks_sources_and_leaves_out_packages_ignored_and_excluded_files() {
    let dir = tree(&[
        ("src/a.py", PY),
        (
            "src/b.ts",
            "export function g(x: number) { return x ? 1 : 2; }\n",
        ),
        ("README.md", "# not code\n"),
        ("node_modules/m/index.js", "function h() {}\n"),
        ("web/node_modules/m/index.js", "function h() {}\n"),
        ("target/debug/build.rs", "fn main() {}\n"),
        (".venv/lib/x.py", PY),
        ("env/pyvenv.cfg", "home = /usr/bin\n"),
        ("env/lib/site.py", PY),
        ("gen/out.py", PY),
        ("vendor/v.go", "package v\nfunc V() {}\n"),
        (".gitignore", "gen/\n"),
    ]);
    let options = Options {
        exclude: vec!["vendor".into()],
        ..Options::default()
    };
    let r = measure(dir.path(), &[], &options).unwrap();
    // As for boundaries (the project kernel's walker): installed packages
    // and virtual environments are not the project; build output is only
    // when .gitignore says so.
    assert_eq!(paths(&r), ["src/a.py", "src/b.ts", "target/debug/build.rs"]);
    let a = &r.files[0];
    assert_eq!((a.loc, a.complexity, a.health), (4, 2, 10.0));
    assert_eq!(a.functions[0].function.name, "f");
    assert_eq!(r.files[1].functions[0].function.complexity, 2);
}

#[test]
fn paths_narrow_the_walk_and_are_checked() {
    let dir = tree(&[("src/a.py", PY), ("lib/b.py", PY), ("lib/c.py", PY)]);
    let r = measure(
        dir.path(),
        &["lib".into(), "lib/c.py".into()],
        &Options::default(),
    )
    .unwrap();
    assert_eq!(paths(&r), ["lib/b.py", "lib/c.py"]);
    let abs = dir.path().join("src/a.py");
    let r = measure(dir.path(), &[abs], &Options::default()).unwrap();
    assert_eq!(paths(&r), ["src/a.py"]);

    let e = measure(dir.path(), &["nope".into()], &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), "nope: cannot read: not found");
    let e = measure(dir.path(), &["../x".into()], &Options::default()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("../x: is outside the project root"),
        "{e}"
    );
}

#[test]
fn unreadable_files_are_skipped_with_the_reason() {
    let dir = tree(&[
        ("ok.py", PY),
        ("bad.py", "x = 1\ny = '\u{e9}'\n"),
        ("bin.js", "a\0b"),
    ]);
    fs::write(dir.path().join("bad.py"), b"x = 1\ny = '\xe9'\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.py");
        fs::write(dir.path().join(name), PY).unwrap();
    }
    // Over the kernel's limit for source files: generated, not maintained.
    let big = vec![b'#'; 4 * 1024 * 1024 + 1];
    fs::write(dir.path().join("big.py"), big).unwrap();
    let r = measure(dir.path(), &[], &Options::default()).unwrap();
    assert_eq!(paths(&r), ["ok.py"]);
    let skipped: Vec<(&str, &str)> = r
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    let mut expected = vec![
        ("bad.py", "invalid UTF-8 on line 2"),
        ("big.py", "4194305 bytes or more, over the 4 MiB limit"),
        ("bin.js", "binary file (NUL byte)"),
    ];
    if cfg!(unix) {
        expected.push(("caf\u{fffd}.py", "the path is not UTF-8"));
    }
    assert_eq!(skipped, expected);
}

#[test]
fn of_text_equals_what_measure_finds() {
    let src = "def big(a, b, c, d, e, f):\n    return a\n";
    let dir = tree(&[("x.py", src)]);
    let r = measure(dir.path(), &[], &Options::default()).unwrap();
    let one = of_text("x.py", Language::Python, src, &Thresholds::default());
    assert_eq!(r.files[0], one);
    let scan = techlead_lang::scan(Language::Python, src);
    assert_eq!(file_health(&scan, scan.code_lines), one.health);
    assert!(one.health < 10.0);
}

#[test]
fn average_health_weighs_by_lines_of_code() {
    let big: String = (0..30)
        .map(|i| format!("def f{i}(a, b, c, d, e, f, g, h):\n    return a\n"))
        .collect();
    let dir = tree(&[("small.py", PY), ("big.py", &big)]);
    let r = measure(dir.path(), &[], &Options::default()).unwrap();
    let (big, small) = (&r.files[0], &r.files[1]);
    assert_eq!(small.health, 10.0);
    let expected = (big.health * 60.0 + 10.0 * 4.0) / 64.0;
    assert_eq!(r.average_health(), Some((expected * 100.0).round() / 100.0));
}

#[test]
fn sorting_puts_the_worst_first() {
    let nested = "def deep(a):\n    if a:\n        for x in a:\n            while x:\n                if x:\n                    if x:\n                        return 1\n";
    let dir = tree(&[
        ("a.py", PY),
        ("b.py", nested),
        ("c.py", "def many(a, b, c, d, e, f):\n    return a\n"),
    ]);
    let r = measure(dir.path(), &[], &Options::default()).unwrap();
    let names = |v: Vec<&FileHealth>| v.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(sorted_files(&r.files, SortKey::Health)),
        ["b.py", "c.py", "a.py"]
    );
    // A tie on the key goes to the less healthy file.
    assert_eq!(
        names(sorted_files(&r.files, SortKey::Params)),
        ["c.py", "b.py", "a.py"]
    );
    assert_eq!(
        names(sorted_files(&r.files, SortKey::Path)),
        ["a.py", "b.py", "c.py"]
    );
    let fns: Vec<&str> = sorted_functions(&r.files, SortKey::Health)
        .iter()
        .map(|(_, x)| x.function.name.as_str())
        .collect();
    assert_eq!(fns, ["deep", "many", "f"]);
    let fns: Vec<&str> = sorted_functions(&r.files, SortKey::Complexity)
        .iter()
        .map(|(_, x)| x.function.name.as_str())
        .collect();
    assert_eq!(fns, ["deep", "f", "many"]);
}

#[test]
fn rollup_by_folder_weighs_by_loc_and_names_the_worst_file() {
    let nested = "def deep(a):\n    if a:\n        for x in a:\n            while x:\n                if x:\n                    if x:\n                        return 1\n";
    let dir = tree(&[("src/a.py", PY), ("src/b.py", nested), ("top.py", PY)]);
    let r = measure(dir.path(), &[], &Options::default()).unwrap();
    let (groups, left_out) = rollup(&r.files, |p| Some(folder_of(p, 1)), SortKey::Health);
    assert_eq!(left_out, 0);
    assert_eq!(groups.len(), 2);
    let src = &groups[0];
    assert_eq!(
        (src.name.as_str(), src.files, src.loc, src.functions),
        ("src", 2, 11, 2)
    );
    assert_eq!(src.worst_file, "src/b.py");
    let b = r.files.iter().find(|f| f.path == "src/b.py").unwrap();
    let expected = ((b.health * 7.0 + 10.0 * 4.0) / 11.0 * 100.0).round() / 100.0;
    assert_eq!(src.health, expected);
    assert_eq!(groups[1].name, ".");
    let (groups, left_out) = rollup(
        &r.files,
        |p| p.starts_with("src/").then(|| "core".into()),
        SortKey::Health,
    );
    assert_eq!((groups.len(), left_out), (1, 1));
}

#[test]
fn folder_of_cuts_to_depth() {
    assert_eq!(folder_of("a/b/c/d.py", 2), "a/b");
    assert_eq!(folder_of("a/b.py", 3), "a");
    assert_eq!(folder_of("b.py", 1), ".");
}
