use super::*;

fn scan(name: &str, src: &str) -> Vec<(u32, &'static str, String)> {
    let reader = Reader::for_path(Path::new(name)).expect("a reader");
    scan_text(name, reader, src)
        .into_iter()
        .map(|m| (m.line, m.tag, m.text))
        .collect()
}

fn t(line: u32, tag: &'static str, text: &str) -> (u32, &'static str, String) {
    (line, tag, text.to_string())
}

#[test]
fn scanned_languages_read_comments_not_strings() {
    let rs = "// TODO: one\nlet s = \"// TODO not\"; // FIXME after code\n/* XXX\n * HACK: in block */\nlet r = r#\"BUG\"#;\n";
    assert_eq!(
        scan("a.rs", rs),
        [
            t(1, "TODO", "one"),
            t(2, "FIXME", "after code"),
            t(3, "XXX", ""),
            t(4, "HACK", "in block"),
        ]
    );
    // A docstring is documentation; a string in an expression never is.
    let py = "x = '# TODO no'  # TODO yes\n\"\"\"\nTODO in a docstring\n\"\"\"\n# fixme: lower case at the start\ny = \"\"\"\nTODO in a string\n\"\"\"\n";
    assert_eq!(
        scan("a.py", py),
        [
            t(1, "TODO", "yes"),
            t(3, "TODO", "in a docstring"),
            t(5, "FIXME", "lower case at the start")
        ]
    );
    let ts = "const a = `// TODO ${b}`; // BUG(ann): x\n/** @todo later */\n";
    assert_eq!(scan("a.ts", ts), [t(1, "BUG", "x"), t(2, "TODO", "later")]);
    let go = "s := \"/* TODO */\" // TODO: go\n";
    assert_eq!(scan("a.go", go), [t(1, "TODO", "go")]);
}

#[test]
fn case_and_word_rules() {
    // Upper case anywhere in a comment; any case only where a comment
    // line opens with it; never inside a longer word.
    let src = "// see the TODO list\n// todo-list is sorted\n// Todo: capital\n// a todo in prose\n// TODOS DEBUG XXXL\n//  * @FIXME x\n";
    assert_eq!(
        scan("a.js", src),
        [
            t(1, "TODO", "list"),
            t(2, "TODO", "-list is sorted"),
            t(3, "TODO", "capital"),
            t(6, "FIXME", "x"),
        ]
    );
}

#[test]
fn mentions_of_tags_are_not_markers() {
    let src = "/// Finds `TODO`, `FIXME` and XXX markers, not \"BUG\" or #XXX.\n/// TODO, FIXME: both open a list\n// XXX/HACK here\n// a `HACK` x\n// real TODO: yes\n";
    assert_eq!(
        scan("a.rs", src),
        [
            t(2, "TODO", ", FIXME: both open a list"),
            t(3, "XXX", "/HACK here"),
            t(5, "TODO", "yes")
        ]
    );
}

#[test]
fn other_languages() {
    assert_eq!(
        scan("x.c", "char *s = \"TODO\"; // TODO c\n"),
        [t(1, "TODO", "c")]
    );
    assert_eq!(
        scan("ci.yml", "run: echo '# TODO no' # TODO yes\n# FIXME top\n"),
        [t(1, "TODO", "yes"), t(2, "FIXME", "top")]
    );
    assert_eq!(
        scan("Makefile", "all: # HACK: phony\n"),
        [t(1, "HACK", "phony")]
    );
    assert_eq!(
        scan(
            "README.md",
            "<!-- TODO: docs -->\n```\n<!-- TODO code -->\n```\nTODO in prose\n"
        ),
        [t(1, "TODO", "docs")]
    );
    assert!(Reader::for_path(Path::new("a.txt")).is_none());
}

#[test]
fn metadata_is_read() {
    let m = scan_text(
        "a.rs",
        Reader::Scanner(Language::Rust),
        "fn f() {} // TODO(alice, 2027-03-01, #123): remove\n",
    );
    assert_eq!(
        m,
        [Marker {
            file: "a.rs".into(),
            line: 1,
            tag: "TODO",
            text: "remove".into(),
            owner: Some("alice".into()),
            due: Some("2027-03-01".into()),
            issue: Some("#123".into()),
        }]
    );
}

#[test]
fn tree_scan_honours_ignores_and_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let write = |rel: &str, text: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(".gitignore", b"build/\n");
    write("src/a.rs", b"// TODO a\n");
    write("build/b.rs", b"// TODO ignored\n");
    write("vendor/c.go", b"// TODO vendored\n");
    write("static/katex.bundle.js", b"// TODO a library's\n");
    write("api/x.pb.go", b"// TODO generated\n");
    write("gen/d.py", b"# TODO excluded\n");
    write("bin/e.js", b"\0// TODO binary\n");
    write("latin.py", b"# TODO caf\xe9\n");
    let mut ex = globset::GlobSetBuilder::new();
    ex.add(glob("gen/**").unwrap());
    let s = scan_tree(root, &[], &ex.build().unwrap(), &());
    let found: Vec<(&str, &str)> = s
        .markers
        .iter()
        .map(|m| (m.file.as_str(), m.text.as_str()))
        .collect();
    assert_eq!(found, [("latin.py", "caf\u{fffd}"), ("src/a.rs", "a")]);
    assert_eq!(
        s.skipped,
        [(
            "bin/e.js".to_string(),
            "skipped: binary file (NUL byte)".to_string()
        )]
    );
    // Named, a file is read even where the excludes would leave it out.
    let s = scan_tree(
        root,
        &["gen/d.py".into(), "src".into()],
        &ex.build().unwrap(),
        &(),
    );
    assert_eq!(s.markers.len(), 2);
}

proptest::proptest! {
    /// A marker written inside a string literal of a scanned language is
    /// never reported, whatever surrounds it.
    #[test]
    fn never_in_strings(before in "[a-z =;(]{0,8}", tag in proptest::sample::select(vec!["TODO", "FIXME", "HACK", "XXX", "BUG"]), words in "[a-zA-Z ]{0,12}") {
        for (name, src) in [
            ("a.rs", format!("{before}\"{tag} {words}\";\n")),
            ("a.py", format!("{before}x = '{tag} {words}'\n")),
            ("a.ts", format!("{before}`{tag} {words}`;\n")),
            ("a.go", format!("{before}\"{tag} {words}\"\n")),
            ("A.java", format!("{before}\"{tag} {words}\";\n")),
        ] {
            proptest::prop_assert_eq!(scan(name, &src), Vec::new(), "{}", src);
        }
    }

    /// Any text in any reader: no panic.
    #[test]
    fn any_text_scans(src in "\\PC{0,60}") {
        for name in ["a.rs", "a.py", "a.ts", "a.c", "a.sh", "a.yml", "a.md", "a.html"] {
            let _ = scan_text(name, Reader::for_path(Path::new(name)).unwrap(), &src);
        }
    }
}
