//! The project kernel: what every context needs to know about a
//! repository's own files and manifests, read in one place.
//!
//! - [`walk`]: one walker with one documented skip list, for code
//!   (boundaries) and for manifests and lockfiles (inventory); [`mounted`]:
//!   the same walk over a past commit's tree mounted for a backfill;
//! - [`cargo`], [`gomod`], [`npm`], [`pyproject`]: one reader per manifest
//!   format (Cargo.toml, go.mod, package.json and pnpm-workspace.yaml,
//!   pyproject.toml), with lines where findings need them;
//! - [`source`]: the same skip list over a commit's tracked paths;
//! - [`pypi`]: the one PEP 503 name normaliser, used wherever a PyPI name
//!   is compared.
//!
//! Readers return data, never findings: each context decides what a
//! manifest means for it.

pub mod cargo;
mod error;
pub mod gomod;
pub mod mounted;
pub mod npm;
pub mod pypi;
pub mod pyproject;
pub mod source;
pub mod walk;

pub use error::ManifestError;
pub use pypi::pep503;
