//! What a scanner yields: the same shape for every language.

use serde::Serialize;

/// How a file imports another module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportKind {
    /// A plain import: `use`, `import`, `from x import y`, Go and Java
    /// imports, TS `import x = require("y")`.
    Static,
    /// Loaded at run time from a string literal: JS `import("x")` and
    /// `require("x")`, Python `importlib.import_module("x")` and
    /// `__import__("x")`.
    Dynamic,
    /// Types only: TS `import type` / `export type ... from`, or an import
    /// whose every name is marked `type`.
    TypeOnly,
    /// `export ... from "x"` (TS/JS).
    ReExport,
    /// Python imports under `if TYPE_CHECKING:`.
    TypeChecking,
    /// Rust `mod foo;` (a declaration that pulls in a file).
    #[serde(rename = "mod")]
    ModDecl,
    /// Rust paths used in code without a `use`, such as `crate::a::b()` or
    /// `other_crate::f()`.
    #[serde(rename = "path")]
    PathUse,
}

impl ImportKind {
    /// Every kind, in a fixed order (the cache stores kinds by index).
    pub const ALL: [ImportKind; 7] = [
        ImportKind::Static,
        ImportKind::Dynamic,
        ImportKind::TypeOnly,
        ImportKind::ReExport,
        ImportKind::TypeChecking,
        ImportKind::ModDecl,
        ImportKind::PathUse,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Static => "static",
            ImportKind::Dynamic => "dynamic",
            ImportKind::TypeOnly => "type-only",
            ImportKind::ReExport => "re-export",
            ImportKind::TypeChecking => "type-checking",
            ImportKind::ModDecl => "mod",
            ImportKind::PathUse => "path",
        }
    }
}

/// One import as written. Scanners do not resolve anything; the
/// boundaries crate turns these into files or external packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Import {
    /// The module as written, per language:
    /// - Rust: the full path with `::`, one import per leaf of a `use`
    ///   tree (`use a::{b, c::d}` gives `a::b` and `a::c::d`; a glob gives
    ///   `a::*`; `self` in a group gives the group's own path). For
    ///   `mod foo;` it is `foo`. Paths are relative to the file's own
    ///   module: inside an inline `mod m { ... }`, `self::x` is written as
    ///   `self::m::x` and `super::x` as `self::x`, so that resolution
    ///   needs no knowledge of inline modules. `$crate` paths in macros are
    ///   left out.
    /// - Python: the dotted module, with leading dots for relative
    ///   imports (`..pkg.mod`, or `.` for `from . import x`).
    /// - TS/JS: the specifier string (`./a`, `@scope/pkg/sub`).
    /// - Go: the import path (`github.com/a/b`).
    /// - Java: the qualified name (`a.b.C`, `a.b.*`, or for `import
    ///   static a.b.C.m` the class `a.b.C`).
    pub module: String,
    /// Python `from m import a, b`: the imported names (`*` for a star
    /// import). Empty for other forms and languages.
    pub names: Vec<String>,
    /// 1-based line of the import statement (of the specifier for
    /// multi-line JS imports, of the name for multi-line Python ones).
    pub line: u32,
    pub kind: ImportKind,
    /// Rust `#[path = "x.rs"] mod foo;`: the path attribute.
    pub path_attr: Option<String>,
}

/// A function, method, constructor, closure or lambda that lizard 1.17
/// would report (what counts per language: docs/guide/health.md), with
/// lizard's measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Function {
    /// As lizard names it: `outer.inner` for nested Python functions,
    /// `Class::method` in Java, the bound name of a JS arrow function or
    /// `(anonymous)`, an empty name for a Go function literal.
    pub name: String,
    /// 1-based first and last line, inclusive: where lizard starts the
    /// function (the name, or `func`/`fn`, or the body of a JS arrow) and
    /// the line of its last token.
    pub start_line: u32,
    pub end_line: u32,
    /// Cyclomatic complexity: 1 plus one per branch token of the
    /// language (lizard's rules), nested functions not included.
    pub complexity: u32,
    /// Lines of code: lines with a token of this function (its first line
    /// too), not those of the functions nested in it after their first.
    pub nloc: u32,
    /// Parameters, as lizard counts the pieces of the parameter list.
    pub params: u32,
    /// Deepest nesting of control structures in the body (0 for straight
    /// code); nested functions start again from 0.
    pub nesting: u32,
}

/// What kind of comment a [`Comment`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommentKind {
    /// `// ...` or `# ...` to the end of the line.
    Line,
    /// `/* ... */`, possibly over several lines.
    Block,
    /// A documentation comment: `///`, `//!`, `/** */`, `/*! */`.
    Doc,
}

/// A comment as the scanner saw it (never text inside a string).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// 1-based line and character column of the opening delimiter.
    pub line: u32,
    pub column: u32,
    /// Byte range of the text inside the delimiters in the scanned
    /// source (`//`, `///`, `#`, `/*`, `*/` left out).
    pub start: usize,
    pub end: usize,
    pub kind: CommentKind,
}

impl Comment {
    /// The comment's text without its delimiters.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// What a scan collects beyond imports, functions and line counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Collect every comment into [`Scan::comments`]. Off by default:
    /// the boundaries scan never pays for it.
    pub comments: bool,
}

/// Trouble found while scanning: the scan went on as well as it could.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: u32,
    pub message: String,
}

/// Everything one pass over a file yields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Scan {
    pub imports: Vec<Import>,
    pub functions: Vec<Function>,
    /// Java `package a.b;` and Go `package x`: the declared package.
    pub package: Option<String>,
    /// Lines that hold code (not blank, not only comment).
    pub code_lines: u32,
    /// All lines.
    pub total_lines: u32,
    /// Total cyclomatic complexity of the file: the sum over functions
    /// plus the branch tokens outside any function.
    pub complexity: u32,
    pub problems: Vec<Problem>,
    /// The file's comments in order, when [`ScanOptions::comments`] asked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Rust: inclusive line ranges of code compiled for tests only (items
    /// under `#[cfg(test)]`, `#[cfg(all(test, ..))]`, `#[test]`, and a
    /// module after `#![cfg(test)]`), so that their imports count as
    /// test code. Empty for other languages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub test_lines: Vec<(u32, u32)>,
}
