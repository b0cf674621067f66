//! The techlead kernel. Every bounded context depends on this crate and on
//! nothing of each other: config discovery, the findings model, the output
//! formats for findings, input errors, and the one atomic-write helper.

pub mod atomic;
pub mod baseline;
pub mod cache;
pub mod check;
pub mod config;
pub mod content_memo;
pub mod csv;
pub mod eol;
pub mod error;
pub mod escape;
pub mod exit;
pub mod findings;
pub mod generated;
pub mod lock;
#[cfg(test)]
mod mutation_tests;
pub mod output;
pub mod paths;
pub mod read;
pub mod source;
pub mod suggest;
pub mod table;
pub mod terminal;
pub mod text_pos;
pub mod timing;
pub mod words;

pub use error::InputError;
pub use exit::ExitCode;
pub use findings::{Finding, Location, RuleInfo, Severity};
