//! Unit tests: every import form, the lexical traps, function spans and
//! complexity.

use super::scan_default as scan;
use crate::{Function, Import, ImportKind};

fn imp(module: &str, names: &[&str], line: u32, kind: ImportKind) -> Import {
    Import {
        module: module.to_string(),
        names: names.iter().map(|n| n.to_string()).collect(),
        line,
        kind,
        path_attr: None,
    }
}

fn st(module: &str, names: &[&str], line: u32) -> Import {
    imp(module, names, line, ImportKind::Static)
}

/// Modules and lines only, for the lexical tests.
fn modules(src: &str) -> Vec<(String, u32)> {
    scan(src)
        .imports
        .into_iter()
        .map(|i| (i.module, i.line))
        .collect()
}

fn m(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|&(s, l)| (s.to_string(), l)).collect()
}

/// A function with the measures these older tests do not look at.
fn func(name: &str, start_line: u32, end_line: u32, complexity: u32) -> (String, u32, u32, u32) {
    (name.to_string(), start_line, end_line, complexity)
}

fn spans(fs: &[Function]) -> Vec<(String, u32, u32, u32)> {
    fs.iter()
        .map(|f| (f.name.clone(), f.start_line, f.end_line, f.complexity))
        .collect()
}

#[test]
fn plain_imports() {
    let s = scan("import a.b.c\nimport a.b as x, c\n");
    assert_eq!(
        s.imports,
        vec![st("a.b.c", &[], 1), st("a.b", &[], 2), st("c", &[], 2)]
    );
    assert_eq!(s.package, None);
}

#[test]
fn from_imports() {
    let s = scan(
        "from a.b import c, d as e\nfrom a import *\nfrom . import x\nfrom ..pkg.mod import y\nfrom ...up import z\nfrom .import w\n",
    );
    assert_eq!(
        s.imports,
        vec![
            st("a.b", &["c", "d"], 1),
            st("a", &["*"], 2),
            st(".", &["x"], 3),
            st("..pkg.mod", &["y"], 4),
            st("...up", &["z"], 5),
            st(".", &["w"], 6),
        ]
    );
}

#[test]
fn parenthesised_and_continued() {
    let src = "from a import (\n    b,\n    c,  # comment with import x\n)\nimport d, \\\n    e\nfrom f \\\n  import g\nx = 1\n";
    let s = scan(src);
    assert_eq!(
        s.imports,
        vec![
            st("a", &["b", "c"], 1),
            st("d", &[], 5),
            st("e", &[], 6),
            st("f", &["g"], 7),
        ]
    );
    assert_eq!(s.total_lines, 9);
    assert_eq!(s.code_lines, 9);
}

#[test]
fn semicolons_and_compound_headers() {
    assert_eq!(
        modules(
            "import a; import b;from c import d\ntry: import e\nexcept ImportError: import f\n"
        ),
        m(&[("a", 1), ("b", 1), ("c", 1), ("e", 2), ("f", 3)])
    );
}

#[test]
fn indented_imports_are_static() {
    let src = "def f():\n    import a\n    try:\n        from b import c\n    except ImportError:\n        pass\nclass K:\n    if x:\n        import d\n";
    let s = scan(src);
    assert!(s.imports.iter().all(|i| i.kind == ImportKind::Static));
    assert_eq!(modules(src), m(&[("a", 2), ("b", 4), ("d", 9)]));
}

#[test]
fn type_checking_blocks() {
    let src = "\
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from a import B
    import c

    # a comment at column 0 does not end it
    import d
else:
    import e
import f
if typing.TYPE_CHECKING:
    import g
if TYPE_CHECKING: import h
if not TYPE_CHECKING:
    import i
def fn():
    if TYPE_CHECKING:
        import j
    import k
";
    let kinds: Vec<(String, ImportKind)> = scan(src)
        .imports
        .into_iter()
        .map(|i| (i.module, i.kind))
        .collect();
    use ImportKind::{Static as S, TypeChecking as T};
    let want = [
        ("typing", S),
        ("a", T),
        ("c", T),
        ("d", T),
        ("e", S),
        ("f", S),
        ("g", T),
        ("h", T),
        ("i", S),
        ("j", T),
        ("k", S),
    ];
    let want: Vec<(String, ImportKind)> = want.iter().map(|&(m, k)| (m.to_string(), k)).collect();
    assert_eq!(kinds, want);
}

#[test]
fn dynamic_imports() {
    let src = "\
import importlib
m = importlib.import_module(\"a.b\")
n = import_module('.x', package=__name__)
o = __import__(\"c\")
p = import_module(name)
q = import_module(f\"d{x}\")
r = __import__(b\"e\")
def import_module(name): pass
";
    let s = scan(src);
    let dynamic: Vec<Import> = s
        .imports
        .into_iter()
        .filter(|i| i.kind == ImportKind::Dynamic)
        .collect();
    assert_eq!(
        dynamic,
        vec![
            imp("a.b", &[], 2, ImportKind::Dynamic),
            imp(".x", &[], 3, ImportKind::Dynamic),
            imp("c", &[], 4, ImportKind::Dynamic),
        ]
    );
}

#[test]
fn strings_hide_imports() {
    let src = "\
s = 'import a'
t = \"import b\"
u = '''
import c
'''
v = \"\"\"
from d import e
\"\"\"
w = r'\\\\' ; import f
x = 'it\\'s' ; import g
y = \"a # not a comment\" ; import h
z = rb'''import i''' + Br\"import j\" + U'import k'
import l  # import m
";
    assert_eq!(
        modules(src),
        m(&[("f", 9), ("g", 10), ("h", 11), ("l", 13)])
    );
}

#[test]
fn raw_string_escaped_quote() {
    // `\'` does not end a raw string, and `r'\\'` does end.
    let src = "a = r'x\\'y' ; import b\nc = r'\\\\' ; import d\n";
    assert_eq!(modules(src), m(&[("b", 1), ("d", 2)]));
}

#[test]
fn fstrings() {
    let src = "\
a = f\"{x['import q']} {{import r}}\" ; import a1
b = f'{\"}\"}' ; import b1
c = f\"{f\"{'nested'}\"}\" ; import c1
d = f'''
import s {y:{width}} {z!r:>10}
''' ; import d1
e = rf'\\{w}' ; import e1
g = f\"{a if b else c}\" ; import g1
h = f\"\\N{DASH} {x}\" ; import h1
";
    assert_eq!(
        modules(src),
        m(&[
            ("a1", 1),
            ("b1", 2),
            ("c1", 3),
            ("d1", 6),
            ("e1", 7),
            ("g1", 8),
            ("h1", 9)
        ])
    );
    // The `if` inside the field is code, but lizard reads an f-string as
    // one string token, so it is no branch.
    assert_eq!(scan(src).complexity, 0);
}

#[test]
fn import_as_part_of_words() {
    let src = "reimport a\nimportant = 1\nx.import_ = 2\nimport_module_x(1)\ndef f():\n    yield from g()\n    raise X from Y\n";
    assert_eq!(modules(src), m(&[]));
}

#[test]
fn line_continuation_in_brackets() {
    let src = "x = (1,\n     2)\nimport a\ny = [\n  'import b',\n]\nimport c\n";
    assert_eq!(modules(src), m(&[("a", 3), ("c", 7)]));
}

#[test]
fn functions_and_spans() {
    let src = "\
@decorator
def f(a, b):
    if a and b:
        return 1

    # trailing comment

def g(): return 1
class C:
    async def m(self):
        for x in y:
            pass
        def inner():
            while True:
                pass
        return [z for z in w if z]

    def n(self):
        '''doc
string at column 0'''
    x = 1
";
    let s = scan(src);
    assert_eq!(
        spans(&s.functions),
        vec![
            func("f", 2, 4, 3),
            // `def g(): ...` on one line: lizard reports no such function.
            func("m", 10, 16, 4),
            // Lizard names a nested function after its outer one.
            func("m.inner", 13, 15, 2),
            func("n", 18, 20, 1),
        ]
    );
    // The one-line `g` is no function, so it adds no 1.
    assert_eq!(s.complexity, 5 + 2 + 1 + 2);
}

#[test]
fn branch_tokens() {
    let src = "\
def f(x):
    if x: pass
    elif y: pass
    else: pass
    try:
        pass
    except A:
        pass
    except* B:
        pass
    match x:
        case 1:
            pass
        case _:
            pass
    a = b if c else d
    return x or y
if top and level:
    pass
match = 1
case = 2
";
    let s = scan(src);
    // if elif except except if or (lizard counts no `case`)
    assert_eq!(spans(&s.functions), vec![func("f", 1, 17, 1 + 6)]);
    // + top-level `if` and `and`
    assert_eq!(s.complexity, 1 + 6 + 2);
}

#[test]
fn line_counts() {
    assert_eq!(scan("").total_lines, 0);
    let s = scan("# c\n\nx = '''\n\n'''\n  # c\ny = 1");
    assert_eq!(s.total_lines, 7);
    assert_eq!(s.code_lines, 4);
    let s = scan("x = 1\n\n");
    assert_eq!((s.total_lines, s.code_lines), (2, 1));
}

#[test]
fn problems_do_not_stop_the_scan() {
    let s = scan("x = 'open\nimport a\ny = \"\"\"never closed\nimport b\n");
    assert_eq!(modules("x = 'open\nimport a\n"), m(&[("a", 2)]));
    assert_eq!(s.problems.len(), 2);
    assert_eq!(s.problems[0].line, 1);
    assert_eq!(s.problems[1].line, 3);
    let s = scan("x = f'{a\nimport c\nz = f\"\"\"{\n");
    assert_eq!(s.imports, vec![st("c", &[], 2)]);
    assert_eq!(s.problems.len(), 2);
}

#[test]
fn unclosed_bracket_recovers_at_a_statement() {
    let s = scan("x = foo(\n  1,\nimport a\ndef f():\n    return (\n");
    assert_eq!(s.imports, vec![st("a", &[], 3)]);
    assert_eq!(spans(&s.functions), vec![func("f", 4, 5, 1)]);
    let lines: Vec<u32> = s.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![1, 5]);
}

#[test]
fn tabs_and_crlf() {
    let src = "def f():\r\n\tif x:\r\n\t\timport a\r\n\treturn 1\r\nimport b\r\n";
    let s = scan(src);
    assert_eq!(spans(&s.functions), vec![func("f", 1, 4, 2)]);
    assert_eq!(modules(src), m(&[("a", 3), ("b", 5)]));
}

#[test]
fn nested_same_quotes_and_specs() {
    // Python 3.12 lets a field hold the string's own quote.
    let src = "a = f\"{\"import x\"}\" ; import a1\nb = f\"{x:{'>'}{w}} {y!r}\" ; import b1\nc = f'{d[\"k\"]:%Y}' ; import c1\n";
    assert_eq!(modules(src), m(&[("a1", 1), ("b1", 2), ("c1", 3)]));
}

#[test]
fn byte_order_mark() {
    assert_eq!(modules("\u{feff}import a\n"), m(&[("a", 1)]));
}

#[test]
fn multi_line_def_header_and_decorated_methods() {
    let src = "\
class C:
    def a(
        self,
        x=1 if y else 2,
    ):
        return x

    @property
    def b(self):
        return 2
";
    assert_eq!(
        spans(&scan(src).functions),
        vec![func("a", 2, 6, 2), func("b", 9, 10, 1)]
    );
}

/// `cargo test --release -p techlead-lang python_speed -- --ignored --nocapture`
#[test]
#[ignore]
fn python_speed() {
    let head = "\
from __future__ import annotations
import os, sys  # comment
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from a.b import (C, D)
";
    let unit = "
class Thing(Base):
    '''A docstring
    over lines.'''
    def method(self, x: int = 3) -> str:
        if x and self.y or not x:
            return f\"{x!r:>10} {self.name}\"
        for i in range(10):
            while i < 3:
                i += 1
        return 'plain string with # hash' + r\"raw\\d\"
";
    let src = format!("{head}{}", unit.repeat(250_000));
    let t = std::time::Instant::now();
    let s = scan(&src);
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "{} MB in {secs:.3}s: {:.0} MB/s, {} functions",
        src.len() / 1_000_000,
        src.len() as f64 / 1e6 / secs,
        s.functions.len()
    );
}

#[test]
fn string_prefixes_in_any_case() {
    for p in [
        "r", "R", "b", "B", "u", "U", "f", "F", "rb", "Rb", "bR", "BR", "br", "fr", "Fr", "rF",
        "RF",
    ] {
        for q in ["'", "\"", "'''", "\"\"\""] {
            let src = format!("x = {p}{q}import a{q} ; import b\n");
            assert_eq!(modules(&src), m(&[("b", 1)]), "{src}");
        }
    }
    // Not prefixes: a name then a string.
    assert_eq!(modules("print 'x' ; import c\n"), m(&[("c", 1)]));
}

#[test]
fn from_names_with_aliases_in_parens() {
    let s = scan("from a import (b as c,\n    d)\n");
    assert_eq!(s.imports, vec![st("a", &["b", "d"], 1)]);
}
