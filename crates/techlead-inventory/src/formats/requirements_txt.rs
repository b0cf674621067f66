//! `requirements_txt`: not written yet.

use crate::{Dep, ParseError};

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let _ = (text, manifest);
    Ok(Vec::new())
}

/// `requirements.txt`, `requirements-dev.txt`, `requirements/base.txt`...
pub fn matches(name: &str) -> bool {
    name.starts_with("requirements") && name.ends_with(".txt")
}
