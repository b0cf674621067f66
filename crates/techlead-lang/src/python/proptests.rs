//! No input makes the scanner panic, and every line it reports exists.

use super::scan_default as scan;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "import a.b\n",
    "from . import (x,\n y)\n",
    "from ..p import *\n",
    "if TYPE_CHECKING:\n",
    "    ",
    "\t",
    "def f(",
    "async def g():\n",
    "):\n",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "f'",
    "rb\"",
    "f\"{",
    "}",
    "{",
    "{{",
    "\\",
    "\\\n",
    "#",
    "# import z\n",
    "\n",
    "\r\n",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "importlib.import_module(\"m\")",
    "__import__('n')",
    "match x:\n",
    "case 1:\n",
    " if ",
    " and ",
    " or ",
    "else:\n",
    "\\N{",
    "!r:",
    "é",
    "🦀",
    "yield from ",
    "x.import_",
];

fn check(src: &str) {
    let s = scan(src);
    let ok = |l: u32| (1..=s.total_lines).contains(&l);
    for i in &s.imports {
        assert!(ok(i.line), "import line {} of {}", i.line, s.total_lines);
    }
    for f in &s.functions {
        assert!(ok(f.start_line) && ok(f.end_line) && f.start_line <= f.end_line);
    }
    for p in &s.problems {
        assert!(ok(p.line), "problem line {}", p.line);
    }
    assert!(s.code_lines <= s.total_lines);
}

proptest! {
    #[test]
    fn arbitrary_text(src in any::<String>()) {
        check(&src);
    }

    #[test]
    fn tricky_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40)) {
        check(&parts.concat());
    }
}
