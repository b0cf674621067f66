//! Licenses of packages: from the lockfile where it records them, from the
//! installed copies (offline), from the registries (`--online`, see
//! [`crate::risk`]) and from `[deps.clarify]`; normalised to SPDX
//! expressions ([`spdx`]) and judged against `[deps]` allow and deny lists
//! ([`policy`]).

mod installed;
pub mod policy;
pub mod spdx;
mod spellings;

pub use installed::{Installed, fill_installed, npm_license, pypi_license};
pub use spdx::{Expr, normalize};
pub use spellings::classifier;
use std::sync::Arc;

/// Where a package's license was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// The lockfile's entry for the package.
    Lockfile,
    /// The installed copy: node_modules, site-packages, the Cargo
    /// registry sources.
    Installed,
    /// The registry, with `--online`.
    Registry,
    /// `[deps.clarify]` in techlead.toml.
    Config,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Lockfile => "lockfile",
            Origin::Installed => "installed",
            Origin::Registry => "registry",
            Origin::Config => "config",
        }
    }
}

/// A package's license as found, and its SPDX expression. The texts are
/// shared: a lockfile names a handful of licenses 100,000 times, and a
/// clone costs no allocation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct License {
    /// The text as found (`Apache 2.0`, `MIT/Apache-2.0`).
    pub text: Arc<str>,
    /// The canonical SPDX expression, when the text reads as one.
    pub spdx: Option<Arc<str>>,
    pub origin: Origin,
}

impl License {
    pub fn new(text: &str, origin: Origin) -> License {
        let text = text.trim();
        License {
            text: text.into(),
            spdx: normalize(text).map(Into::into),
            origin,
        }
    }

    /// The expression, else the text as found.
    pub fn shown(&self) -> &str {
        self.spdx.as_deref().unwrap_or(&self.text)
    }

    pub fn expr(&self) -> Option<Expr> {
        self.spdx.as_deref().and_then(Expr::parse)
    }
}

/// `license` in the `deps` JSON: the expression, the text when it is not
/// one, or null.
pub fn serialize<S: serde::Serializer>(l: &Option<License>, s: S) -> Result<S::Ok, S::Error> {
    match l {
        Some(l) => s.serialize_str(l.shown()),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests;
