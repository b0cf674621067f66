//! One fast scanner per language. A scanner makes one lexical pass over a
//! source file and yields its imports (with line and kind), its function
//! spans with a cyclomatic-complexity count, and its line counts.
//!
//! The scanners are hand-written (ADR 0011): they only need to tell code
//! from strings and comments and to recognise a few statement shapes, and
//! a full parser per language would be many times slower and heavier.
//! They never fail: text that does not lex is scanned as far as it goes and
//! the trouble is reported in [`Scan::problems`].

mod clike;
mod frames;
mod go;
mod java;
mod language;
mod lines;
mod python;
mod rust;
mod scan;
mod typescript;

pub use language::Language;
pub use lines::indentation_complexity;
pub use scan::{Function, Import, ImportKind, Problem, Scan};

/// Scans `src` as `lang`. Never panics, whatever the input.
pub fn scan(lang: Language, src: &str) -> Scan {
    match lang {
        Language::Rust => rust::scan(src),
        Language::Python => python::scan(src),
        Language::TypeScript | Language::JavaScript => typescript::scan(src),
        Language::Go => go::scan(src),
        Language::Java => java::scan(src),
    }
}
