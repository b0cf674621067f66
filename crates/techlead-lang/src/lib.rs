//! One fast scanner per language. A scanner makes one lexical pass over a
//! source file and yields its imports (with line and kind), its functions
//! with lizard-compatible measures (cyclomatic complexity, NLOC,
//! parameters) and their nesting depth, its line counts, and on request
//! its comments (for `TODO`-style markers).
//!
//! The scanners are hand-written (ADR 0011): they only need to tell code
//! from strings and comments and to recognise a few statement shapes, and
//! a full parser per language would be many times slower and heavier.
//! They never fail: text that does not lex is scanned as far as it goes and
//! the trouble is reported in [`Scan::problems`].

mod clike;
mod comments;
mod frames;
mod go;
mod java;
mod language;
mod lines;
mod metrics;
#[cfg(test)]
mod metrics_tests;
mod python;
mod rust;
mod scan;
mod typescript;

pub use comments::{MARKER_TAGS, Marker, markers};
pub use language::Language;
pub use lines::indentation_complexity;
pub use scan::{Comment, CommentKind, Function, Import, ImportKind, Problem, Scan, ScanOptions};

/// Scans `src` as `lang` with the default options (no comments). Never
/// panics, whatever the input.
pub fn scan(lang: Language, src: &str) -> Scan {
    scan_with(lang, src, &ScanOptions::default())
}

/// Scans `src` as `lang`, collecting what `options` asks for on top of
/// what [`scan`] yields. Never panics, whatever the input.
pub fn scan_with(lang: Language, src: &str, options: &ScanOptions) -> Scan {
    match lang {
        Language::Rust => rust::scan(src, options),
        Language::Python => python::scan(src, options),
        Language::TypeScript | Language::JavaScript => typescript::scan(src, options),
        Language::Go => go::scan(src, options),
        Language::Java => java::scan(src, options),
    }
}
