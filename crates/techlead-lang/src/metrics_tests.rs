//! Per-language NLOC, parameters, nesting and lizard-style complexity on
//! small hand-checked snippets, plus comments and markers.

use crate::{CommentKind, Language, ScanOptions, markers, scan, scan_with};
use proptest::prelude::*;

/// (name, start, end, complexity, nloc, params, nesting) per function.
fn m(lang: Language, src: &str) -> Vec<(String, u32, u32, u32, u32, u32, u32)> {
    scan(lang, src)
        .functions
        .into_iter()
        .map(|f| {
            (
                f.name,
                f.start_line,
                f.end_line,
                f.complexity,
                f.nloc,
                f.params,
                f.nesting,
            )
        })
        .collect()
}

fn row(
    n: &str,
    s: u32,
    e: u32,
    c: u32,
    nloc: u32,
    p: u32,
    d: u32,
) -> (String, u32, u32, u32, u32, u32, u32) {
    (n.to_string(), s, e, c, nloc, p, d)
}

#[test]
fn python() {
    let src = "@decorator\ndef top(a, b=2, *args, c: int = 3, **kw):\n    \"\"\"Doc\n    string.\"\"\"\n    x = [i for i in range(3) if i]\n    if a and b:\n        for q in x:\n            pass\n    try:\n        pass\n    finally:\n        pass\n    def inner(q, /, *, r):\n        return q if q else 0\n    return x\n\nclass K:\n    async def m(self) -> int:\n        \"\"\"doc\"\"\"\n        while True:\n            pass\n";
    assert_eq!(
        m(Language::Python, src),
        vec![
            // for, if, if, and, for, finally; docstring not in NLOC
            row("top", 2, 15, 7, 11, 5, 2),
            row("top.inner", 13, 14, 2, 2, 2, 0),
            // `-> int`: lizard keeps this docstring in the NLOC
            row("m", 18, 21, 2, 4, 1, 1),
        ]
    );
}

#[test]
fn typescript_and_tsx() {
    let src = "function foo(a: number, b = 2, ...rest: string[]): number {\n  if (a && b) {\n    for (const x of rest) {\n      if (x) {}\n    }\n  }\n  const g = (x, { y, z }) => x ? 1 : 2;\n  return a;\n}\nclass C {\n  constructor(private x: number) {}\n  get val() { return this.x; }\n}\nexport const App = ({ items }: Props) => {\n  return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;\n};\n";
    assert_eq!(
        m(Language::TypeScript, src),
        vec![
            row("foo", 1, 9, 5, 9, 3, 3),
            row("g", 7, 7, 2, 1, 2, 0),
            row("constructor", 11, 11, 1, 1, 1, 0),
            row("get val", 12, 12, 1, 1, 0, 0),
            row("App", 14, 16, 1, 3, 1, 0),
            row("(anonymous)", 15, 15, 1, 1, 1, 0),
        ]
    );
}

#[test]
fn go() {
    let src = "package p\n\nfunc (r *T) Method(a, b int, c string) (int, error) {\n\tif a > 0 && b > 0 {\n\t\treturn 1, nil\n\t}\n\tf := func(x int) int {\n\t\tswitch x {\n\t\tcase 1:\n\t\t\treturn 1\n\t\t}\n\t\treturn 0\n\t}\n\treturn f(a), nil\n}\n\nfunc Variadic[T any](xs ...T) {}\n";
    assert_eq!(
        m(Language::Go, src),
        vec![
            row("Method", 3, 15, 3, 7, 3, 1),
            row("", 7, 13, 2, 7, 1, 1),
            row("Variadic", 17, 17, 1, 1, 1, 0),
        ]
    );
}

#[test]
fn java() {
    let src = "class A {\n  A(int x) {\n    this.x = x;\n  }\n  int foo(int a, Map<String, Integer> b) throws E {\n    if (a > 0) {\n      while (b != null) { b = null; }\n    }\n    Runnable r = new Runnable() {\n      public void run() { if (true) {} }\n    };\n    return a > 0 ? 1 : 2;\n  }\n}\n";
    assert_eq!(
        m(Language::Java, src),
        vec![
            row("A::A", 2, 4, 1, 3, 1, 0),
            row("A::foo", 5, 13, 4, 9, 2, 2),
            row("(anonymous)::run", 10, 10, 2, 1, 0, 1),
        ]
    );
}

#[test]
fn rust() {
    let src = "fn top<T>(a: i32, b: &str) -> Result<i32, E> where T: Clone {\n    if a > 0 && b.is_empty() {\n        loop {\n            match a { 1 => {}, _ => {} }\n        }\n    }\n    let x = foo()?;\n    let c = |q| q + 1;\n    Ok(x)\n}\nimpl S {\n    pub fn m(&self, v: Vec<u8>) -> u8 { 0 }\n}\n";
    assert_eq!(
        m(Language::Rust, src),
        vec![
            // where, if, &&, match, ?
            row("top", 1, 10, 6, 10, 2, 3),
            row("m", 12, 12, 1, 1, 2, 0),
        ]
    );
}

#[test]
fn comments_and_markers_in_every_language() {
    let cases = [
        (
            Language::Rust,
            "/// doc TODO: one\nlet s = \"TODO no\"; // FIXME(ann): two\n/* a\n  HACK three */\n",
        ),
        (
            Language::Python,
            "s = '# TODO no'  # XXX: one\nt = \"\"\"TODO no\"\"\"\n# BUG two\n",
        ),
        (
            Language::TypeScript,
            "const s = `// TODO ${x}`; // TODO: one\n/** FIXME two */\n",
        ),
        (
            Language::Go,
            "s := `// TODO no` // TODO one\n/* FIXME two */\n",
        ),
        (
            Language::Java,
            "String s = \"/* TODO */\"; // TODO one\n/** HACK two */\n",
        ),
    ];
    for (lang, src) in cases {
        let s = scan_with(lang, src, &ScanOptions { comments: true });
        let found = markers(src, &s.comments);
        let texts: Vec<_> = found.iter().map(|m| (m.tag, m.line)).collect();
        assert!(found.len() >= 2, "{lang:?}: {texts:?}");
        assert!(
            found.iter().all(|m| !m.text.contains("no")),
            "{lang:?}: {found:?}"
        );
        assert!(scan(lang, src).comments.is_empty());
    }
    let src = "x = 1  # TODO(ann): fix this\n";
    let s = scan_with(Language::Python, src, &ScanOptions { comments: true });
    assert_eq!(s.comments[0].text(src), " TODO(ann): fix this");
    assert_eq!((s.comments[0].line, s.comments[0].column), (1, 8));
    let found = markers(src, &s.comments);
    assert_eq!(
        (found[0].tag, found[0].line, found[0].column),
        ("TODO", 1, 10)
    );
    assert_eq!(found[0].text, "(ann): fix this");
    // A docstring is documentation; a string in an expression is not.
    let py = "def f():\n    \"\"\"TODO: document\"\"\"\n    x = '''FIXME no'''\n    'XXX as a comment'\n    f('BUG no')\n";
    let s = scan_with(Language::Python, py, &ScanOptions { comments: true });
    let found: Vec<_> = markers(py, &s.comments)
        .iter()
        .map(|m| (m.tag, m.line, m.column))
        .collect();
    assert_eq!(found, [("TODO", 2, 8), ("XXX", 4, 6)]);
    assert!(s.comments.iter().all(|c| c.kind == CommentKind::Doc));
    let rust = "/* a\n   b FIXME c */\nfn f() {} //! TODOS DEBUG todo\n";
    let s = scan_with(Language::Rust, rust, &ScanOptions { comments: true });
    let found = markers(rust, &s.comments);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].column), (2, 6));
}

const LANGS: [Language; 5] = [
    Language::Rust,
    Language::Python,
    Language::TypeScript,
    Language::Go,
    Language::Java,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn comments_never_panic(src in "[ -~\\n\\t'\"`#/*\\\\{}()é]{0,200}") {
        for lang in LANGS {
            let s = scan_with(lang, &src, &ScanOptions { comments: true });
            for c in &s.comments {
                prop_assert!(c.start <= c.end && c.end <= src.len());
                prop_assert!(src.is_char_boundary(c.start) && src.is_char_boundary(c.end));
            }
            let _ = markers(&src, &s.comments);
            for f in &s.functions {
                prop_assert!(f.start_line <= f.end_line);
                prop_assert!(f.nloc <= f.end_line - f.start_line + 1);
            }
        }
    }

    #[test]
    fn markers_in_strings_are_never_reported(
        before in "[a-z =;(]{0,10}",
        tag in prop::sample::select(vec!["TODO", "FIXME", "HACK", "XXX", "BUG"]),
        quote in prop::sample::select(vec!["\"", "'"]),
    ) {
        let src = format!("{before}x = {quote}{tag} in a string{quote}\n");
        for lang in LANGS {
            if lang == Language::Rust && quote == "'" {
                continue;
            }
            let s = scan_with(lang, &src, &ScanOptions { comments: true });
            prop_assert!(markers(&src, &s.comments).is_empty(), "{:?} {}", lang, src);
        }
    }
}
