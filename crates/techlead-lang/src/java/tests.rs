use super::scan_default as scan;
use crate::{Function, ImportKind};
use proptest::prelude::*;

fn imports(src: &str) -> Vec<(String, Vec<String>, u32)> {
    scan(src)
        .imports
        .into_iter()
        .map(|i| (i.module, i.names, i.line))
        .collect()
}

fn imp(module: &str, names: &[&str], line: u32) -> (String, Vec<String>, u32) {
    (
        module.to_string(),
        names.iter().map(|n| n.to_string()).collect(),
        line,
    )
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
fn package_declaration() {
    assert_eq!(scan("package a.b;\n").package.as_deref(), Some("a.b"));
    assert_eq!(
        scan("/** doc */ @Gen package a . /* x */ b.c ;")
            .package
            .as_deref(),
        Some("a.b.c")
    );
    assert_eq!(scan("// package x;\nclass A {}").package, None);
}

#[test]
fn import_forms() {
    let src = "package p;
import a.b.C;
import a.b.*;
import static a.b.C.m;
import static a.b.C.*;
import a . b /* x */ . D ;
import
  e.F;
import module java.base;
";
    assert_eq!(
        imports(src),
        vec![
            imp("a.b.C", &[], 2),
            imp("a.b.*", &[], 3),
            imp("a.b.C", &["m"], 4),
            imp("a.b.C", &["*"], 5),
            imp("a.b.D", &[], 6),
            imp("e.F", &[], 7),
            imp("java.base", &[], 9),
        ]
    );
    assert!(
        scan(src)
            .imports
            .iter()
            .all(|i| i.kind == ImportKind::Static)
    );
}

#[test]
fn import_word_in_strings_comments_and_identifiers_is_not_an_import() {
    let src = r#"package p;
// import c1.X;
/* import c2.X;
import c3.X; */
import real.A;
class A {
  String s = "import s1.X;";
  String t = """
    import t1.X;
    \"""
    import t2.X;
    """;
  char c = '"';
  char d = '\'';
  int importCount = 1;
  void importAll() { myimport(); }
}
"#;
    assert_eq!(imports(src), vec![imp("real.A", &[], 5)]);
    assert_eq!(funcs(src), vec![f("A::importAll", 16, 16, 1)]);
}

#[test]
fn tricky_literals_do_not_hide_later_code() {
    let src = "class A {\n  String a = \"\\\\\";\n  String b = \"\\\"}\";\n  char c = '}';\n  char q = '\\'';\n  String t = \"\"\"\n   }\"\"\";\n  void m() { if (x) {} }\n}\n";
    assert_eq!(funcs(src), vec![f("A::m", 8, 8, 2)]);
}

#[test]
fn methods_and_constructors() {
    let src = "public class A<T extends Comparable<T>> extends B implements C {
  private int x = compute(1);
  @Override
  @SuppressWarnings(\"unchecked\")
  public <U extends List<? super T>> Map<String, U> m(final U u, int... r) throws IOException, E {
    return null;
  }
  A() {
    super(1);
  }
  abstract void none();
  static { if (x) {} }
  int[] arr() [] { return null; }
}
";
    assert_eq!(
        funcs(src),
        vec![
            f("A::m", 5, 7, 1),
            f("A::A", 8, 10, 1),
            f("A::arr", 13, 13, 1)
        ]
    );
    // The static block's `if`, and the `?` of `<? super T>` (lizard's
    // tokenizer swallows only `<?>` and `<? extends X>`).
    assert_eq!(scan(src).complexity, 3 + 1 + 1);
    assert_eq!(scan(src).functions[0].params, 2);
}

#[test]
fn interfaces_enums_records_annotations() {
    let src = "interface I {
  void abs(int x);
  default int d() { return a ? 1 : 2; }
  static I of() { return null; }
}
enum E implements I {
  A(1) { void body() {} },
  B { },
  C(2);
  E(int x) {}
  int get() { return 0; }
}
record R(int a, List<String> b) implements I {
  R {
    if (a < 0) throw new X();
  }
  R(int a) { this(a, null); }
  static int s() { return 0; }
}
@interface Ann {
  String value() default \"x\";
}
";
    assert_eq!(
        funcs(src),
        vec![
            f("I::d", 3, 3, 2),
            f("I::of", 4, 4, 1),
            f("E::A", 7, 7, 1),
            f("E::E", 10, 10, 1),
            f("E::get", 11, 11, 1),
            f("R::R", 14, 16, 2),
            f("R::R", 17, 17, 1),
            f("R::s", 18, 18, 1),
        ]
    );
}

#[test]
fn nested_anonymous_and_local_classes() {
    let src = "class A {
  class Inner {
    void i() {}
  }
  void m() {
    Runnable r = new Runnable() {
      public void run() { if (a) {} }
    };
    class Local {
      int l() { return b ? 1 : 0; }
    }
    record P(int x) { P { } }
    foo(new Object() { public String toString() { return \"\"; } }, new int[] {1, 2});
    if (c) {}
    Inner in = outer.new Inner() { void q() {} };
    if (s.map(Foo::new).isPresent()) { }
  }
}
";
    assert_eq!(
        funcs(src),
        vec![
            f("Inner::i", 3, 3, 1),
            f("A::m", 5, 17, 3),
            f("(anonymous)::run", 7, 7, 2),
            f("Local::l", 10, 10, 2),
            f("P::P", 12, 12, 1),
            f("(anonymous)::toString", 13, 13, 1),
            f("(anonymous)::q", 15, 15, 1),
        ]
    );
}

#[test]
fn lambdas_and_control_words_are_not_methods() {
    let src = "class A {
  Runnable f = () -> { if (a) {} };
  void m() {
    list.forEach((x) -> {
      if (x > 0 && y) {}
    });
    synchronized (this) { while (z) {} }
    try (var r = open()) {} catch (E e) {} finally {}
    switch (k) { case 1 -> {} case 2: default: }
    for (;;) {}
    do {} while (q || w);
    if (record instanceof R r) {}
    record = record(1);
  }
}
";
    // m: if && synchronized-while catch case case for while ||.
    assert_eq!(
        funcs(src),
        vec![f("A::m", 3, 14, 1 + 2 + 1 + 1 + 2 + 1 + 2 + 1)]
    );
    assert_eq!(scan(src).complexity, 1 + 1 + 10);
}

#[test]
fn braces_inside_a_declaration_do_not_end_it() {
    let src = "class A {
  @Test
  public void m(
      @P({
        \"a\",
      }) String s) {
    if (x) {}
  }
  int[] xs = {1, 2}, ys = g();
  Object o = new Object() { void in() {} }, p = h();
  void after() {}
}
";
    assert_eq!(
        funcs(src),
        vec![
            f("A::m", 3, 8, 2),
            f("A::Object", 10, 10, 1),
            f("A::after", 11, 11, 1)
        ]
    );
}

#[test]
fn ternary_counts_but_wildcards_do_not() {
    let src = "class A {
  Map<?, ?> m(List<? extends T> a, Class<?> c) {
    return x ? y : (z ? 1 : 2);
  }
}
";
    assert_eq!(funcs(src), vec![f("A::m", 2, 4, 3)]);
}

#[test]
fn line_counts() {
    let s = scan(
        "package p;\n\n// c\n/**\n * doc\n */\nclass A {\n  String t = \"\"\"\n\n  \"\"\";\n}\n",
    );
    assert_eq!(s.total_lines, 11);
    assert_eq!(s.code_lines, 1 + 1 + 3 + 1);
    // Code before or after a comment on one line makes it a code line.
    let s = scan(
        "/* a */ int x;
int y; /* b

 c */
// d
  
",
    );
    assert_eq!((s.code_lines, s.total_lines), (2, 6));
    assert_eq!(scan("").total_lines, 0);
    assert_eq!(scan("a").total_lines, 1);
    assert_eq!(
        scan(
            "a
b
"
        )
        .total_lines,
        2
    );
}

#[test]
fn problems_for_unterminated_text() {
    let s = scan("class A {\n  String s = \"abc\n  void m() {}\n}\n");
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.problems[0].line, 2);
    assert_eq!(
        funcs("class A {\n  String s = \"abc\n;  void m() {}\n}\n"),
        vec![f("A::m", 3, 3, 1)]
    );
    assert_eq!(scan("String t = \"\"\"\nabc\n").problems[0].line, 1);
    assert_eq!(scan("/* open\n").problems[0].line, 1);
    let s = scan("class A {\n void m() {\n");
    assert_eq!(
        s.functions,
        vec![Function {
            name: "A::m".into(),
            start_line: 2,
            end_line: 2,
            complexity: 1,
            nloc: 1,
            params: 0,
            nesting: 0,
        }]
    );
    assert_eq!(s.problems.len(), 1);
    assert_eq!(scan("}").problems.len(), 1);
}

#[test]
fn non_ascii_identifiers() {
    let src = "package é;\nimport ü.Π;\nclass Ä { void 名前$() { s = \"日本\"; c = 'é'; } }\n";
    let s = scan(src);
    assert_eq!(s.package.as_deref(), Some("é"));
    assert_eq!(imports(src), vec![imp("ü.Π", &[], 2)]);
    assert_eq!(funcs(src), vec![f("Ä::名前$", 3, 3, 1)]);
}

const FRAGMENTS: &[&str] = &[
    "package a.b;\n",
    "import a.b.C;\n",
    "import static a.B.*;\n",
    "import ",
    "class A ",
    "enum E ",
    "record R(int x) ",
    "interface I ",
    "@interface N ",
    "void m() ",
    "new X() ",
    "new int[] ",
    "{",
    "}\n",
    "(",
    ")",
    ";",
    "\"s\\\"",
    "\"",
    "\"\"\"\n",
    "'\\''",
    "'\"'",
    "'",
    "// c\n",
    "/* ",
    "*/",
    "\\",
    "if (a && b || c ? d : e) ",
    "<? extends T>",
    "() -> ",
    "@Ann(x = 1) ",
    "case 1 -> ",
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
