use super::scan_default as scan;
use crate::ImportKind::{self, Dynamic, ReExport, Static, TypeOnly};

fn imports(src: &str) -> Vec<(String, u32, ImportKind)> {
    scan(src)
        .imports
        .into_iter()
        .map(|i| (i.module, i.line, i.kind))
        .collect()
}

fn modules(src: &str) -> Vec<String> {
    scan(src).imports.into_iter().map(|i| i.module).collect()
}

fn one(m: &str, line: u32, kind: ImportKind) -> Vec<(String, u32, ImportKind)> {
    vec![(m.to_string(), line, kind)]
}

/// (name, start, end, complexity) per function.
fn funcs(src: &str) -> Vec<(String, u32, u32, u32)> {
    scan(src)
        .functions
        .into_iter()
        .map(|f| (f.name, f.start_line, f.end_line, f.complexity))
        .collect()
}

fn names(src: &str) -> Vec<String> {
    scan(src).functions.into_iter().map(|f| f.name).collect()
}

#[test]
fn static_import_forms() {
    assert_eq!(imports(r#"import x from "m""#), one("m", 1, Static));
    assert_eq!(imports("import * as ns from 'm';"), one("m", 1, Static));
    assert_eq!(
        imports(r#"import {a, b as c} from "m""#),
        one("m", 1, Static)
    );
    assert_eq!(imports(r#"import x, {y} from "m""#), one("m", 1, Static));
    assert_eq!(imports(r#"import x, * as y from "m""#), one("m", 1, Static));
    assert_eq!(imports(r#"import "m";"#), one("m", 1, Static));
    assert_eq!(
        imports("import {\n a,\n b\n} from \"./m\""),
        one("./m", 4, Static)
    );
    assert_eq!(imports(r#"import x = require("m");"#), one("m", 1, Static));
    assert_eq!(
        imports(r#"export import x = require("m");"#),
        one("m", 1, Static)
    );
    assert_eq!(imports(r#"import type from "m""#), one("m", 1, Static));
    assert_eq!(imports(r#"import {} from "m""#), one("m", 1, Static));
    assert_eq!(
        imports("import x from \"@scope/pkg/sub\"\nimport y from '../a'"),
        vec![
            ("@scope/pkg/sub".to_string(), 1, Static),
            ("../a".to_string(), 2, Static)
        ]
    );
}

#[test]
fn type_only_imports() {
    assert_eq!(imports(r#"import type X from "m""#), one("m", 1, TypeOnly));
    assert_eq!(
        imports(r#"import type {X, Y} from "m""#),
        one("m", 1, TypeOnly)
    );
    assert_eq!(
        imports(r#"import type * as T from "m""#),
        one("m", 1, TypeOnly)
    );
    assert_eq!(
        imports(r#"import {type A, type B} from "m""#),
        one("m", 1, TypeOnly)
    );
    assert_eq!(
        imports(r#"import {type A, B} from "m""#),
        one("m", 1, Static)
    );
    assert_eq!(
        imports(r#"import X, {type A} from "m""#),
        one("m", 1, Static)
    );
    assert_eq!(imports(r#"import {type} from "m""#), one("m", 1, Static));
    assert_eq!(
        imports(r#"import {type as t} from "m""#),
        one("m", 1, Static)
    );
    assert_eq!(
        imports(r#"export type {X} from "m""#),
        one("m", 1, TypeOnly)
    );
    assert_eq!(imports(r#"export type * from "m""#), one("m", 1, TypeOnly));
    assert_eq!(
        imports("export type X = import('m').Y"),
        one("m", 1, Dynamic)
    );
}

#[test]
fn re_exports() {
    assert_eq!(imports(r#"export * from "m""#), one("m", 1, ReExport));
    assert_eq!(imports(r#"export * as ns from "m""#), one("m", 1, ReExport));
    assert_eq!(
        imports(r#"export {a, b as c} from "m""#),
        one("m", 1, ReExport)
    );
    assert_eq!(
        imports("export {\n  a,\n} from './m';"),
        one("./m", 3, ReExport)
    );
    assert_eq!(
        imports(r#"export {default} from "m""#),
        one("m", 1, ReExport)
    );
    assert!(imports("export {a, b};\nexport const x = 1;").is_empty());
    assert!(imports("export default from;").is_empty());
}

#[test]
fn dynamic_imports() {
    assert_eq!(imports(r#"const m = import("m")"#), one("m", 1, Dynamic));
    assert_eq!(
        imports(r#"const m = await import('m')"#),
        one("m", 1, Dynamic)
    );
    assert_eq!(imports("const m = require(\"m\")"), one("m", 1, Dynamic));
    assert_eq!(imports("const m = require(`m`)"), one("m", 1, Dynamic));
    assert_eq!(
        imports("const m = import(\n  './lazy'\n)"),
        one("./lazy", 2, Dynamic)
    );
    assert!(imports("require(`m${x}`); import(name); require(a + 'b')").is_empty());
    assert!(imports("require.resolve('m'); x.require('m'); x?.require('m')").is_empty());
    assert!(imports("obj.import('m'); const a = import.meta.url;").is_empty());
    assert!(imports("importX('m'); requireY('m'); myimport('m')").is_empty());
    assert_eq!(modules("require(require('a'))"), vec!["a"]);
}

#[test]
fn imports_in_strings_and_comments_are_not_imports() {
    let src = r#"
// import a from "a"
/* import b from "b"
   require("b2") */
const s = "import c from 'c'";
const t = 'require("d")';
const u = `import e from "e" ${ "import('f')" }`;
const r = /import g from "g"/;
import real from "real";
"#;
    assert_eq!(imports(src), one("real", 9, Static));
}

#[test]
fn escapes_in_strings_do_not_end_them() {
    let src = "const a = 'it\\'s \"x\"'; const b = \"a\\\"b // c\";\nimport x from 'm'";
    assert_eq!(imports(src), one("m", 2, Static));
    let cont = "const a = 'one \\\ntwo';\nimport x from 'm'";
    assert_eq!(imports(cont), one("m", 3, Static));
}

#[test]
fn nested_template_literals() {
    let src = "const t = `a ${ {k: `b ${ `c ${'}'}` }`}.k } d ${ \"`\" } e`;\nimport x from 'm';\n";
    assert_eq!(imports(src), one("m", 2, Static));
    let deep = "const t = `${a ? `x${b ? `y${c}` : '`'}` : `}`}`;\nconst m = require('m');";
    assert_eq!(imports(deep), one("m", 2, Dynamic));
    let multi = "const t = `\nline\n${ require('a') }\n`;\nrequire('b')";
    assert_eq!(
        imports(multi),
        vec![("a".to_string(), 3, Dynamic), ("b".to_string(), 5, Dynamic)]
    );
}

#[test]
fn regex_literals() {
    let src = r#"
const a = /'/; const b = /"/g; const c = /[/'"]/;
const d = x / 2 / 3; const e = /\/'/;
function f() { return /'`/.test(s); }
if (typeof /x/ === 'object') {}
const g = (h) / 2; const k = [1] / 'x'.length;
const l = a ? /'/ : /"/;
import m from "m";
"#;
    assert_eq!(imports(src), one("m", 8, Static));
    // `a++ / b` divides; `=> /re/` is a regex.
    let src = "let i = a++ / 2; const f = () => /'/;\nimport x from 'y';";
    assert_eq!(imports(src), one("y", 2, Static));
}

#[test]
fn jsx_text_does_not_break_the_lexer() {
    let src = r#"
const A = () => <p>don't import x from "y"</p>;
const B = () => (
  <div className="a" href="//x">
    it's <b>{user.name}</b> // not a comment
    {items.map(i => <li key={i}>{i}'s</li>)}
    <br/>
  </div>
);
const C = <>fragment's text</>;
import real from "real";
"#;
    assert_eq!(imports(src), one("real", 11, Static));
    let fs = names(src);
    assert!(fs.contains(&"A".to_string()) && fs.contains(&"B".to_string()));
}

#[test]
fn jsx_holes_are_code() {
    let src = "const a = <div onClick={() => { if (x) go(); }}>{cond && require('m')}</div>;";
    let s = scan(src);
    assert_eq!(imports(src), one("m", 1, Dynamic));
    assert_eq!(s.functions.len(), 1);
    assert_eq!(s.functions[0].complexity, 2);
    assert_eq!(s.complexity, 1 + 2);
}

#[test]
fn ts_generics_are_not_jsx() {
    let src = "const f = <T,>(x: T) => x;\nconst g = <T>(x: T): T => x;\nconst h = <any>y;\nfunction k<T extends X>(a: T) {}\nimport m from 'm';";
    assert_eq!(imports(src), one("m", 5, Static));
    assert_eq!(names(src), vec!["f", "g", "k"]);
}

#[test]
fn shebang_and_bom() {
    assert_eq!(
        imports("#!/usr/bin/env node 'x\nconst a = require('a');"),
        one("a", 2, Dynamic)
    );
    assert_eq!(imports("\u{FEFF}import a from 'a'"), one("a", 1, Static));
}

#[test]
fn keywords_inside_words_or_properties() {
    assert!(imports("obj.import; importX from 'y'; x.export * from 'z'").is_empty());
    // Lizard counts the words wherever they stand.
    let s = scan("a.if(b); x = { if: 1, for: 2 }; y.while = 3;");
    assert_eq!(s.complexity, 4);
}

#[test]
fn line_counts() {
    let s = scan("");
    assert_eq!((s.total_lines, s.code_lines), (0, 0));
    let src = "// c\nconst a = 1;\n\n/* x\n y */\nconst b = `\nt\n`;\nlet c";
    let s = scan(src);
    assert_eq!(s.total_lines, 9);
    assert_eq!(s.code_lines, 5);
    let s = scan("a\n");
    assert_eq!((s.total_lines, s.code_lines), (1, 1));
}

#[test]
fn function_forms() {
    let src = r#"
function a(x) {
  return x;
}
async function b() {}
function* c() { yield 1; }
const d = function () {};
const e = (x) => {
  return x;
};
const f = x => x + 1;
const g = async (x) => await x;
class K extends Base {
  constructor(a) { super(a); }
  m(x) { return x; }
  async n() {}
  get p() { return 1; }
  static q() {}
  *gen() {}
  #priv() {}
  'quoted'() {}
  [Symbol.iterator]() {}
}
const o = {
  meth(a) { return a; },
  prop: function () {},
  arrow: () => 1,
};
"#;
    assert_eq!(
        funcs(src),
        vec![
            ("a".to_string(), 2, 4, 1),
            ("b".to_string(), 5, 5, 1),
            ("c".to_string(), 6, 6, 1),
            ("d".to_string(), 7, 7, 1),
            ("e".to_string(), 8, 10, 1),
            ("f".to_string(), 11, 11, 1),
            ("g".to_string(), 12, 12, 1),
            ("constructor".to_string(), 14, 14, 1),
            ("m".to_string(), 15, 15, 1),
            ("n".to_string(), 16, 16, 1),
            ("get p".to_string(), 17, 17, 1),
            ("q".to_string(), 18, 18, 1),
            ("gen".to_string(), 19, 19, 1),
            ("#priv".to_string(), 20, 20, 1),
            ("quoted".to_string(), 21, 21, 1),
            ("<computed>".to_string(), 22, 22, 1),
            ("meth".to_string(), 25, 25, 1),
            ("prop".to_string(), 26, 26, 1),
            ("arrow".to_string(), 27, 27, 1),
        ]
    );
}

#[test]
fn control_keywords_are_not_methods() {
    let src = "if (a) {}\nfor (;;) {}\nwhile (x) {}\nswitch (y) { case 1: break; }\ntry {} catch (e) {}\nfor await (const x of y) {}";
    assert!(names(src).is_empty());
}

#[test]
fn anonymous_functions() {
    let src = "foo(function () {});\nbar((x) => {\n  y();\n});\n[1].map(x => x * 2);";
    assert_eq!(
        funcs(src),
        vec![
            ("(anonymous)".to_string(), 1, 1, 1),
            ("(anonymous)".to_string(), 2, 4, 1),
            ("(anonymous)".to_string(), 5, 5, 1),
        ]
    );
}

#[test]
fn complexity_tokens() {
    let src = r#"
function f(a, b) {
  if (a && b || c ?? d) {
    for (;;) {}
  } else if (x) {
    while (y) {}
  } else {
    do {} while (z);
  }
  switch (a) {
    case 1: break;
    case 2: break;
    default: break;
  }
  try {} catch (e) {}
  return a ? b : c;
}
"#;
    // if, &&, ||, ?? (two `?` to lizard), for, if, while, while, case,
    // case, catch, ?
    assert_eq!(funcs(src), vec![("f".to_string(), 2, 17, 14)]);
    assert_eq!(scan(src).complexity, 14);
}

#[test]
fn optional_markers_and_chains_are_not_ternaries() {
    let src = "interface I { a?: number; b?(x?: string): void; }\nfunction f(x?, y?: T, z? = 1) { return a?.b ?? c?.[0]; }";
    let s = scan(src);
    assert_eq!(s.functions.len(), 1);
    // `??` after a blank: two `?` tokens to lizard; `a?.` and `c?.` none.
    assert_eq!(s.functions[0].complexity, 3);
    assert_eq!(s.complexity, 3);
}

#[test]
fn branches_go_to_the_innermost_function() {
    let src = "if (top) {}\nfunction outer() {\n  if (a) {}\n  const inner = () => {\n    if (b && c) {}\n  };\n  return x ? 1 : 2;\n}\n";
    assert_eq!(
        funcs(src),
        vec![
            ("outer".to_string(), 2, 8, 3),
            ("inner".to_string(), 4, 6, 3),
        ]
    );
    assert_eq!(scan(src).complexity, 2 + 1 + 1 + 2 + 1);
}

#[test]
fn expression_arrows_end_with_their_expression() {
    let src = "const a = x =>\n  x > 0\n    ? 1\n    : 2;\nconst b = 1;\nfoo(y => y, z => z ? 1 : 2);\nconst c = () => ({\n  k: 1,\n})\nconst d = 2";
    assert_eq!(
        funcs(src),
        vec![
            // Lizard starts an arrow at its body's first token and ends
            // an expression body at the first token of a new line.
            ("a".to_string(), 2, 2, 1),
            ("(anonymous)".to_string(), 6, 6, 1),
            ("(anonymous)".to_string(), 6, 6, 2),
            ("c".to_string(), 7, 10, 1),
        ]
    );
    let src = "class A {\n  h = (e) => this.go(e)\n  other = 1\n}";
    // Ended by the next line's first token, which lizard counts in.
    assert_eq!(funcs(src), vec![("h".to_string(), 2, 3, 1)]);
}

#[test]
fn ts_types_are_not_functions() {
    let src = r#"
interface I { cb: (x: number) => void; m(): string; o: { f: () => void } }
type F = (a: string) => Promise<void>;
type G = {
  h: (b: number) => void
}
let v: (x: number) => void = noop;
function take(cb: (e: Event) => void, o: { a: () => void }): () => void {
  return () => {};
}
class C {
  handler: (e: Event) => void;
  method(a: string): Promise<{ a: number }> {
    return x;
  }
  declare(x: string): void;
}
declare function over(a: string): void;
declare function over(a: number): void;
"#;
    assert_eq!(
        funcs(src),
        vec![
            ("take".to_string(), 8, 10, 1),
            ("(anonymous)".to_string(), 9, 9, 1),
            ("method".to_string(), 13, 15, 1),
        ]
    );
}

#[test]
fn return_types_and_generics() {
    let src = "function f(): { a: T } {\n  return x;\n}\nclass K {\n  m<T>(a: T): Map<string, T> {\n  }\n  n(): void {}\n}\nconst g = async <T,>(x: T): Promise<T> => {\n  return x;\n};";
    assert_eq!(
        funcs(src),
        vec![
            ("f".to_string(), 1, 3, 1),
            ("m".to_string(), 5, 6, 1),
            ("n".to_string(), 7, 7, 1),
            ("g".to_string(), 9, 11, 1),
        ]
    );
}

#[test]
fn class_heritage_calls_are_not_methods() {
    let src = "class A extends mixin(B) {\n  m() {}\n}";
    assert_eq!(names(src), vec!["m"]);
}

#[test]
fn lexing_problems_are_reported() {
    let s = scan("const a = 'oops\nimport x from 'm'");
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.problems[0].line, 1);
    assert_eq!(
        imports("const a = 'oops\nimport x from 'm'"),
        one("m", 2, Static)
    );
    assert!(!scan("/* never closed").problems.is_empty());
    assert!(!scan("const t = `never ${ closed").problems.is_empty());
    assert!(!scan("function f() {").problems.is_empty());
    assert_eq!(funcs("function f() {\n"), vec![("f".to_string(), 1, 1, 1)]);
}

#[test]
fn functions_are_ordered_by_start_line() {
    let src = "class A {\n  m(a = () => 1,\n    b = () => 2) {\n  }\n}";
    let lines: Vec<u32> = scan(src).functions.iter().map(|f| f.start_line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
    assert_eq!(lines.len(), 3);
}

#[test]
fn regex_after_blocks_and_conditions() {
    let src =
        "function f() {}\n/'/.test(s);\nif (x) /'/.test(s);\nconst o = {} / 2;\nimport m from 'm';";
    assert_eq!(imports(src), one("m", 5, Static));
    let src = "const a = {b: 1}\n/ 2 / 'x'.length;\nimport m from 'm';";
    assert_eq!(imports(src), one("m", 3, Static));
    // Lizard reads `b?` as one token: this `?` is no branch to it.
    assert_eq!(scan("let a = b?.5:1;").complexity, 0);
}

#[test]
fn typed_bindings_name_their_functions() {
    let src = "const App: React.FC<Props> = (props) => {\n};\nconst g: Fn = function () {};\nclass A {\n  private h: Handler = async (e) => go(e);\n}\nconst k = <T,>(x: T) => x;";
    assert_eq!(names(src), vec!["App", "g", "h", "k"]);
}

#[test]
fn methods_named_like_keywords() {
    let src =
        "class M {\n  delete(k) {}\n  return(v) { return v; }\n  throw(e) {}\n  import(x) {}\n}";
    assert_eq!(names(src), vec!["delete", "return", "throw", "import"]);
    assert!(imports(src).is_empty());
}

#[test]
fn more_lexical_traps() {
    let src = r#"
const u = `http://example.com/*not a comment*/`;
const r = /\/\/'/; const s = /[//]"/; const arrow = /=>/;
const d = (a + b) / 2; // it's a comment
const e = this / 2 / 'x'.length;
import json from "./data.json" with { type: "json" };
"#;
    assert_eq!(imports(src), one("./data.json", 6, Static));
}

#[test]
fn declaration_files() {
    let src = r#"/// <reference path="./globals.d.ts" />
declare module "ambient" {
  export function f(a: string): void;
  export const x: number;
}
export declare function g(): Promise<void>;
export as namespace Lib;
export = Lib;
import type { T } from "./types";
"#;
    let s = scan(src);
    assert!(s.functions.is_empty());
    assert_eq!(
        imports(src),
        vec![
            ("./globals.d.ts".to_string(), 1, Static),
            ("./types".to_string(), 9, TypeOnly)
        ]
    );
}

#[test]
fn export_default_forms() {
    let src = "export default function () {}\nexport default async function named() {}\nexport default class { m() {} }\nexport default (x) => x;";
    assert_eq!(names(src), vec!["(anonymous)", "named", "m", "(anonymous)"]);
}

#[test]
fn legacy_type_assertions_are_not_jsx() {
    let src = "const a = <Foo>bar;\nconst b = 'x';\nimport m from 'm';\nfunction f() { return <Foo.Bar>baz; }";
    assert_eq!(imports(src), one("m", 3, Static));
    assert_eq!(names(src), vec!["f"]);
}

#[test]
fn non_null_assertion_before_a_division_is_not_a_regex() {
    let src = "f(ms! / this.factor);\nconst y = (a)! / 2;\nconst r = !/x/.test(s);\nimport { z } from \"./z\";\n";
    let s = scan(src);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(s.imports.len(), 1);
    assert_eq!(s.imports[0].module, "./z");
}

#[test]
fn triple_slash_reference_directives_are_imports() {
    let src = "#!/usr/bin/env node\n/// <reference path=\"./operators/index.ts\" />\n/// <reference types='node' />\n// a comment\n/// <reference path=\"globals.d.ts\" />\nimport { a } from \"./a\";\n/// <reference path=\"./late.ts\" />\n";
    assert_eq!(
        imports(src),
        vec![
            ("./operators/index.ts".to_string(), 2, Static),
            ("node".to_string(), 3, TypeOnly),
            ("./globals.d.ts".to_string(), 5, Static),
            ("./a".to_string(), 6, Static),
        ]
    );
}
