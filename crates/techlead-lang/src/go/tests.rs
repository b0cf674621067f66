use super::scan_default as scan;
use crate::{Function, ImportKind};
use proptest::prelude::*;

fn mods(src: &str) -> Vec<(String, u32)> {
    scan(src)
        .imports
        .into_iter()
        .map(|i| (i.module, i.line))
        .collect()
}

fn funcs(src: &str) -> Vec<(String, u32, u32, u32)> {
    scan(src)
        .functions
        .into_iter()
        .map(
            |Function {
                 name,
                 start_line,
                 end_line,
                 complexity,
                 ..
             }| (name, start_line, end_line, complexity),
        )
        .collect()
}

fn f(name: &str, start: u32, end: u32, complexity: u32) -> (String, u32, u32, u32) {
    (name.to_string(), start, end, complexity)
}

#[test]
fn package_clause() {
    assert_eq!(
        scan("// doc\npackage foo_bar // x\n").package.as_deref(),
        Some("foo_bar")
    );
    assert_eq!(
        scan("/* package no */ package yes\n").package.as_deref(),
        Some("yes")
    );
    assert_eq!(scan("").package, None);
}

#[test]
fn single_imports_with_every_name_form() {
    let src = "package p\nimport \"fmt\"\nimport f \"os\"\nimport _ \"embed\"\nimport . \"math\"\nimport `raw/path`\n";
    assert_eq!(
        mods(src),
        vec![
            ("fmt".into(), 2),
            ("os".into(), 3),
            ("embed".into(), 4),
            ("math".into(), 5),
            ("raw/path".into(), 6)
        ]
    );
    let s = scan(src);
    assert!(
        s.imports
            .iter()
            .all(|i| i.kind == ImportKind::Static && i.names.is_empty())
    );
}

#[test]
fn grouped_imports_and_several_declarations() {
    let src = "package p\n\nimport (\n\t\"a\"\n\tb \"c\"\n\t_ \"d\" // comment \"no\"\n\t/* \"nope\" */ . \"e\"\n\t`f/g`\n)\n\nimport \"h\"\nimport (\"i\"; \"j\")\n";
    assert_eq!(
        mods(src),
        vec![
            ("a".into(), 4),
            ("c".into(), 5),
            ("d".into(), 6),
            ("e".into(), 7),
            ("f/g".into(), 8),
            ("h".into(), 11),
            ("i".into(), 12),
            ("j".into(), 12)
        ]
    );
}

#[test]
fn import_line_is_the_line_of_the_path() {
    assert_eq!(mods("import\n\n  \"x\"\n"), vec![("x".into(), 3)]);
    assert_eq!(mods("import (\n)\nimport y \"z\"\n"), vec![("z".into(), 3)]);
}

#[test]
fn import_word_in_strings_comments_and_identifiers_is_not_an_import() {
    let src = r#"package p
// import "c1"
/* import "c2"
import "c3" */
var s = "import \"s1\""
var r = `
import "r1"
`
var c = '"'
var d = '\''
var myimport = 1
func f() { importer("x"); x.import2("y") }
import "real"
"#;
    assert_eq!(mods(src), vec![("real".into(), 13)]);
}

#[test]
fn strings_do_not_hide_later_imports() {
    let src = "var a = \"\\\\\"\nvar b = \"\\\"import \\\"x\\\"\"\nvar c = '\\\\'\nvar d = `\\`\nimport \"ok\"\n";
    assert_eq!(mods(src), vec![("ok".into(), 5)]);
}

#[test]
fn functions_methods_generics() {
    let src = "package p
func a() {
}
func (r *T) b(x int) error {
	return nil
}
func c[T any, U comparable](x T) (U, error) {
	return
}
func (T) d() {}
";
    assert_eq!(
        funcs(src),
        vec![
            f("a", 2, 3, 1),
            f("b", 4, 6, 1),
            f("c", 7, 9, 1),
            f("d", 10, 10, 1)
        ]
    );
}

#[test]
fn complexity_counts_branch_tokens() {
    let src = "func f(x int) int {
	if x > 0 && x < 10 || x == 99 {
		for i := 0; i < x; i++ {
		}
	}
	switch x {
	case 1, 2:
	case 3:
	default:
	}
	return 0
}
";
    assert_eq!(funcs(src), vec![f("f", 1, 12, 1 + 1 + 1 + 1 + 1 + 2)]);
    assert_eq!(scan(src).complexity, 1 + 6);
}

#[test]
fn anonymous_functions_are_their_own_functions() {
    let src = "func outer() {
	if a {
	}
	go func() {
		if b {
		}
	}()
	defer func(x int) { if c {} }(1)
	call(func() int {
		return 1
	})
	g := func() func() int { return nil }
}
var v = func() { if d {} }
";
    assert_eq!(
        funcs(src),
        vec![
            f("outer", 1, 13, 2),
            f("", 4, 7, 2),
            f("", 8, 8, 2),
            f("", 9, 11, 1),
            f("", 12, 12, 1),
            f("", 14, 14, 2)
        ]
    );
    assert_eq!(scan(src).complexity, 6 + 4);
}

#[test]
fn function_types_and_interfaces_have_no_body() {
    let src = "type F func(int) int
type G func(
	a int,
) (int, error)
type I interface {
	M(f func(int) bool) error
	N()
}
var x []func() = nil
var m = map[string]func(){\"a\": nil}
var s = []func() int{f, g}
var ch chan func()
func Asm(x int) int
func h(cb func(int) int, d func()) func() {
	return nil
}
";
    assert_eq!(funcs(src), vec![f("h", 14, 16, 1)]);
}

#[test]
fn struct_and_interface_types_in_signatures() {
    let src = "func a(x struct{ n int }) interface{} {
	return nil
}
func b() struct {
	x int
} {
	return struct{ x int }{}
}
";
    assert_eq!(funcs(src), vec![f("a", 1, 3, 1), f("b", 4, 8, 1)]);
}

#[test]
fn branch_words_in_strings_and_comments_do_not_count() {
    let src = "func f() {\n\ts := \"if && ||\" // for case\n\t_ = `if`\n\t/* if */\n}\n";
    assert_eq!(funcs(src), vec![f("f", 1, 5, 1)]);
    assert_eq!(scan("if a || b {}\n").complexity, 2);
}

#[test]
fn line_counts() {
    let s = scan("package p\n\n// only comment\n/* block\n still */\nvar s = `a\n\nb`\n");
    assert_eq!(s.total_lines, 8);
    assert_eq!(s.code_lines, 1 + 3);
    assert_eq!(scan("").total_lines, 0);
    assert_eq!(scan("x").total_lines, 1);
    assert_eq!(scan("x\n").total_lines, 1);
    assert_eq!(scan("x\n\n").total_lines, 2);
}

#[test]
fn problems_for_unterminated_text() {
    let s = scan("package p\nvar s = \"abc\nimport \"x\"\n");
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.problems[0].line, 2);
    assert_eq!(
        mods("package p\nvar s = \"abc\nimport \"x\"\n"),
        vec![("x".into(), 3)]
    );
    assert_eq!(scan("/* never closed\n").problems[0].line, 1);
    assert_eq!(scan("x := `raw\n").problems[0].line, 1);
    assert_eq!(scan("r := 'a\n").problems[0].line, 1);
    let s = scan("func f() {\n\tif x {\n");
    assert_eq!(
        s.functions,
        vec![Function {
            name: "f".into(),
            start_line: 1,
            end_line: 2,
            complexity: 2,
            nloc: 2,
            params: 0,
            nesting: 1,
        }]
    );
    assert_eq!(s.problems.len(), 1);
    assert_eq!(scan("}\n").problems.len(), 1);
}

#[test]
fn non_ascii_text() {
    let src = "package é\nimport \"ü/π\"\nfunc 名前() { s := \"日本\\u00e9\" ; r := '本' }\n";
    let s = scan(src);
    assert_eq!(s.package.as_deref(), Some("é"));
    assert_eq!(mods(src), vec![("ü/π".into(), 2)]);
    assert_eq!(funcs(src), vec![f("名前", 3, 3, 1)]);
}

const FRAGMENTS: &[&str] = &[
    "package p\n",
    "import \"a\"\n",
    "import (\n",
    ")\n",
    "x \"b\"\n",
    "func f() {\n",
    "func (r *T) m[",
    "func(",
    "}\n",
    "{",
    "(",
    ")",
    "\"str\\\"",
    "\"",
    "`raw\n",
    "`",
    "'\\''",
    "'\"'",
    "'",
    "// c\n",
    "/* ",
    "*/",
    "\\",
    "if a && b || c ",
    "case 1:",
    "type F func(int) int\n",
    "interface{",
    "é",
    "\n",
    "日本",
];

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(src in "\\PC*") {
        check(&src);
    }

    #[test]
    fn never_panics_on_tricky_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40)) {
        check(&parts.concat());
    }
}

fn check(src: &str) {
    let s = scan(src);
    let ok = |l: u32| (1..=s.total_lines).contains(&l);
    for i in &s.imports {
        assert!(ok(i.line), "import line {} of {}", i.line, s.total_lines);
    }
    for f in &s.functions {
        assert!(
            ok(f.start_line) && ok(f.end_line) && f.start_line <= f.end_line,
            "{f:?}"
        );
    }
    for p in &s.problems {
        assert!(ok(p.line), "{p:?}");
    }
    assert!(s.code_lines <= s.total_lines);
    assert!(
        s.functions
            .windows(2)
            .all(|w| w[0].start_line <= w[1].start_line)
    );
}
