//! The dependency inventory: every external package the repository's
//! lockfiles and manifests name, anywhere in the tree (monorepos), with
//! whether it is a direct and a development dependency.
//!
//! One parser per file format lives in `formats/`. Each reads the text of
//! a lockfile (plus, where the lockfile alone cannot tell, the manifest
//! beside it) and returns [`Dep`]s; this module finds the files, runs the
//! parsers in parallel and names the ecosystem and source.

pub mod check;
pub mod config;
mod find;
pub mod formats;
mod imports;
pub mod license;
mod members;
mod model;
pub mod online;
mod pypi_names;
mod reactor;
pub mod risk;
pub mod sbom;
pub mod summary;
mod unread;
mod yarnrc;

pub use find::{Inventory, inventory};
pub use imports::{ImportedName, Usage, imports_package, unused_direct};
pub use model::{Dep, DepRef, Ecosystem, Package, ParseError};
pub use pypi_names::PypiImportNames;
pub use unread::{Reason as UnreadReason, Unread};
