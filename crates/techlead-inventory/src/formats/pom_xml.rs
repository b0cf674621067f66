//! `pom_xml`: not written yet.

use crate::{Dep, ParseError};

pub fn parse(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let _ = (text, manifest);
    Ok(Vec::new())
}
