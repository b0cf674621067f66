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

/// A function (or method, or closure-free lambda-less body) and its
/// cyclomatic complexity: 1 plus one per branch token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Function {
    pub name: String,
    /// 1-based first and last line, inclusive.
    pub start_line: u32,
    pub end_line: u32,
    pub complexity: u32,
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
}
