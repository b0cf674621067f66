//! `gradle_catalog`: not written yet.

use crate::{Dep, ParseError};

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let _ = (text, manifest);
    Ok(Vec::new())
}

/// Gradle version catalogs: `libs.versions.toml` and any `*.versions.toml`.
pub fn matches(name: &str) -> bool {
    name.ends_with(".versions.toml")
}
