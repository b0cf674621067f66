//! Decision records (ADRs) in every common format: adr-tools/Nygard, MADR 2
//! bullets, log4brains, and MADR 3/4 front matter. Reading never guesses
//! silently, and edits keep every byte they do not mean to change.

#[cfg(unix)]
pub mod cache;
pub mod check;
pub mod config;
pub mod edit;
pub mod folder;
pub mod graph;
pub mod index;
pub mod lint;
pub mod model;
pub mod new;
pub mod parse;
pub mod renumber;
pub mod score;
pub mod templates;
mod text;
pub mod write;

#[cfg(all(test, unix))]
mod cache_tests;

pub use model::{Field, Href, Link, Record, RecordStyle, RecordSummary};
