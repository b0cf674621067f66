//! The technical-debt register: items in `docs/debt/NNNN-slug.md`
//! (markdown with front matter, edited byte for byte), the markers
//! (`TODO`, `FIXME`, `HACK`, `XXX`, `BUG`) the language scanners find in
//! real comments, interest signals from history, and a repayment plan that
//! fits a capacity.
//!
//! This context depends on the kernels only. What history, health and
//! the module boundaries say comes in as plain data ([`signals::Evidence`]),
//! composed by the CLI.

pub mod check;
pub mod config;
pub mod edit;
pub mod effort;
pub mod item;
pub mod new;
pub mod plan;
pub mod rank;
pub mod render;
pub mod rules;
pub mod scan;
pub mod shell;
pub mod signals;
pub mod status;
pub mod suggest;

pub use effort::Effort;
pub use item::{DebtItem, load, resolve};
pub use status::Status;
