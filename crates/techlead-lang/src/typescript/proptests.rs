use proptest::prelude::*;

use super::scan_default as scan;

/// Pieces that stress the lexer: unbalanced quotes, templates, regexes,
/// JSX, comments, generics and import forms.
const FRAGMENTS: &[&str] = &[
    "'",
    "\"",
    "`",
    "${",
    "}",
    "{",
    "(",
    ")",
    "[",
    "]",
    "/",
    "/*",
    "*/",
    "//",
    "\n",
    "\\",
    "<",
    ">",
    "</",
    "/>",
    "<div>",
    "</div>",
    "<>",
    "</>",
    "<T,>",
    "import ",
    "export ",
    "require(",
    "import(",
    " from ",
    "'m'",
    "\"m\"",
    "`m`",
    "type ",
    "function ",
    "f(",
    ") {",
    "=>",
    " x ",
    "?",
    "?.",
    "??",
    ":",
    ";",
    ",",
    "&&",
    "||",
    "if (",
    "case ",
    "class A {",
    "interface I {",
    "const x = ",
    "return /re[/]/g",
    "a / b",
    "#!",
    "é",
    "\u{FEFF}",
    "\u{a0}",
    "\r\n",
    "<p>don't</p>",
    "{...p}",
    "async ",
    "*",
    "=",
];

fn check(src: &str) {
    let s = scan(src);
    let total = s.total_lines;
    assert!(s.code_lines <= total);
    for i in &s.imports {
        assert!(
            (1..=total).contains(&i.line),
            "import line {} of {total}",
            i.line
        );
    }
    for f in &s.functions {
        assert!((1..=total).contains(&f.start_line), "{f:?} of {total}");
        assert!(
            (f.start_line..=total).contains(&f.end_line),
            "{f:?} of {total}"
        );
        assert!(f.complexity >= 1);
    }
    for p in &s.problems {
        assert!((1..=total).contains(&p.line), "{p:?} of {total}");
    }
    assert!(
        s.functions
            .windows(2)
            .all(|w| w[0].start_line <= w[1].start_line)
    );
    let sum: u32 =
        s.functions.iter().map(|f| f.complexity - 1).sum::<u32>() + s.functions.len() as u32;
    assert!(s.complexity >= sum);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        check(&src);
    }

    #[test]
    fn tricky_fragments_never_panic(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40)) {
        check(&parts.concat());
    }
}
