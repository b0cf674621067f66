use super::scan_default as scan;
use crate::ImportKind;
use proptest::prelude::*;

fn imports(src: &str) -> Vec<(String, u32, &'static str)> {
    scan(src)
        .imports
        .into_iter()
        .map(|i| (i.module, i.line, i.kind.as_str()))
        .collect()
}

fn modules(src: &str) -> Vec<String> {
    scan(src).imports.into_iter().map(|i| i.module).collect()
}

#[test]
fn nested_use_trees_give_one_import_per_leaf() {
    let src =
        "use a::{b, c::{d, e as f}, g::*};\npub(crate) use crate::x::{self, y};\nuse ::ext::z;\n";
    assert_eq!(
        modules(src),
        [
            "a::b",
            "a::c::d",
            "a::c::e",
            "a::g::*",
            "crate::x",
            "crate::x::y",
            "ext::z"
        ]
    );
}

#[test]
fn multi_line_use_reports_the_leaf_line() {
    let src = "use crate::{\n    a,\n    b::c,\n};\n";
    assert_eq!(
        imports(src),
        [
            ("crate::a".into(), 2, "static"),
            ("crate::b::c".into(), 3, "static")
        ]
    );
}

#[test]
fn mod_declarations_and_path_attributes() {
    let s = scan(
        "mod a;\n#[path = \"gen/b.rs\"]\npub mod b;\nmod c { mod d; }\n#[cfg(test)]\nmod tests;\n",
    );
    let got: Vec<_> = s
        .imports
        .iter()
        .map(|i| (i.module.as_str(), i.kind, i.path_attr.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("a", ImportKind::ModDecl, None),
            ("b", ImportKind::ModDecl, Some("gen/b.rs")),
            ("c::d", ImportKind::ModDecl, None),
            ("tests", ImportKind::ModDecl, None),
        ]
    );
}

#[test]
fn paths_without_use_are_reported_once() {
    let src = "fn f() -> crate::a::B {\n    crate::a::make();\n    crate::a::make();\n    other_crate::run();\n    Vec::new();\n    Self::X;\n    std::mem::drop(1);\n    x.y::<T>();\n}\n";
    assert_eq!(
        imports(src),
        [
            ("crate::a::B".into(), 1, "path"),
            ("crate::a::make".into(), 2, "path"),
            ("other_crate::run".into(), 4, "path"),
        ]
    );
}

#[test]
fn inline_modules_rewrite_self_and_super() {
    let src = "mod tests {\n    use super::*;\n    use super::super::up;\n    use self::inner::x;\n    mod deeper { use super::y; use super::super::z; }\n}\n";
    assert_eq!(
        modules(src),
        [
            "self::*",
            "super::up",
            "self::tests::inner::x",
            "self::tests::y",
            "self::z"
        ]
    );
}

#[test]
fn strings_comments_chars_and_lifetimes_hide_nothing_and_fake_nothing() {
    let src = r####"
// use fake::a;
/* use fake::b; /* nested */ use fake::c; */
const S: &str = "use fake::d; \" use fake::e;";
const R: &str = r#"use fake::f; " still raw"#;
const R2: &str = r##"a "# b"##;
const B: &[u8] = br"use fake::g;";
const C: char = '"';
const Q: char = '\'';
const U: char = 'é';
fn f<'a>(x: &'a str) -> &'a str { x }
macro_rules! m { () => { $crate::fake::h() } }
use real::one;
"####;
    assert_eq!(modules(src), ["real::one"]);
}

#[test]
fn extern_crate() {
    assert_eq!(
        imports("extern crate serde as s;\n"),
        [("serde".into(), 1, "static")]
    );
}

#[test]
fn functions_spans_and_complexity() {
    let src = "fn a(x: u8) -> u8 {\n    if x > 1 && x < 5 {\n        1\n    } else {\n        match x { 0 => 2, _ => 3 }\n    }\n}\n\ntrait T { fn decl(&self); fn def(&self) { for _ in 0..1 {} } }\n\nimpl X {\n    fn m(&self) -> bool {\n        let c = || true;\n        self.a || c()\n    }\n}\n";
    let s = scan(src);
    let got: Vec<_> = s
        .functions
        .iter()
        .map(|f| (f.name.as_str(), f.start_line, f.end_line, f.complexity))
        .collect();
    // Lizard: `match` counts once (not per arm); every `||`, the
    // closure's too.
    assert_eq!(got, [("a", 1, 7, 4), ("def", 9, 9, 2), ("m", 12, 15, 3)]);
    assert_eq!(s.complexity, 4 + 2 + 3);
}

#[test]
fn line_counts() {
    let s = scan("// only a comment\n\nfn f() {\n    let s = \"a\nb\";\n}\n");
    assert_eq!(s.total_lines, 6);
    assert_eq!(s.code_lines, 4);
    assert_eq!(scan("").total_lines, 0);
    assert_eq!(scan("x").total_lines, 1);
}

#[test]
fn unterminated_literals_are_problems_not_panics() {
    for src in [
        "fn f() { \"abc",
        "/* open",
        "r#\"raw",
        "'\\",
        "b'",
        "br##\"x\"#",
    ] {
        let s = scan(src);
        assert!(!s.problems.is_empty(), "{src:?}");
    }
}

fn fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "use a::{b, c};",
        "mod m {",
        "}",
        "{",
        "fn f() {",
        "\"",
        "r#\"",
        "\"#",
        "'",
        "'a",
        "/*",
        "*/",
        "//",
        "\n",
        "crate::x::y",
        "#[path = \"p\"]",
        "mod n;",
        "é",
        "&&",
        "||",
        "=>",
        "b'",
        "\\",
        "r#",
        "::",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #[test]
    fn never_panics_on_any_text(src in any::<String>()) {
        let s = scan(&src);
        for i in &s.imports {
            prop_assert!(i.line >= 1 && i.line <= s.total_lines.max(1));
        }
    }

    #[test]
    fn never_panics_on_tricky_fragments(parts in prop::collection::vec(fragment(), 0..40)) {
        let src = parts.concat();
        let s = scan(&src);
        for i in &s.imports {
            prop_assert!(i.line >= 1 && i.line <= s.total_lines.max(1));
        }
        for f in &s.functions {
            prop_assert!(f.start_line <= f.end_line || f.end_line == f.start_line);
            prop_assert!(f.end_line <= s.total_lines.max(1));
        }
    }
}

fn test_lines(src: &str) -> Vec<(u32, u32)> {
    let mut r = scan(src).test_lines;
    r.sort();
    r
}

#[test]
fn inline_test_modules_are_test_lines() {
    let src = r##"use a::x;
#[cfg(test)]
mod tests {
    use b::x;
    fn f() { if true { let s = "}}{"; let c = '}'; } }
    // } in a comment
    use c::y;
}
use d::z;
#[cfg(all(test, not(loom)))] mod t2 {
    use e::w;
}
#[cfg(not(test))]
mod real { use f::v; }
#[cfg(any(test, feature = "x"))]
mod both { use g::u; }
#[cfg(any(test, all(test, unix)))]
mod only_tests { }
"##;
    assert_eq!(test_lines(src), [(2, 8), (10, 12), (17, 18)]);
}

#[test]
fn test_functions_items_and_inner_attributes() {
    let src = "#[test]\nfn a() {\n  use x::y;\n}\n#[tokio::test]\nasync fn b() {}\n#[cfg(test)]\nuse z::w;\nfn prod() { use p::q; }\nstruct S {\n  #[cfg(test)]\n  f: u32,\n  g: u32,\n}\n#[cfg(test)]\nimpl<A, B> T<A, B> {\n}\n#[cfg(test)]\nmod decl;\n";
    assert_eq!(
        test_lines(src),
        [(1, 4), (5, 6), (7, 8), (11, 12), (15, 17), (18, 19)]
    );
    let inner = "//! docs\n#![cfg(test)]\nuse a::b;\n";
    assert_eq!(test_lines(inner), [(2, 3)]);
    assert!(test_lines("use a::b;\n#[cfg(feature = \"test\")]\nmod m {}\n").is_empty());
    // With arguments, as tokio's multi-threaded tests are written.
    let args = "#[tokio::test(flavor = \"multi_thread\")]\nasync fn c() {\n  use x::y;\n}\n";
    assert_eq!(test_lines(args), [(1, 4)]);
    assert!(test_lines("#[my::attr(test)]\nfn d() {}\n").is_empty());
}
