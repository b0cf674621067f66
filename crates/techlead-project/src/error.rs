//! A manifest that does not parse: what and where.

/// Bad manifest text, with the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    pub line: u32,
    pub message: String,
}

impl ManifestError {
    pub fn new(line: u32, message: impl Into<String>) -> Self {
        ManifestError {
            line,
            message: message.into(),
        }
    }

    /// A TOML error, at the line of its span.
    pub fn toml(text: &str, what: &str, e: &toml::de::Error) -> Self {
        let line = e
            .span()
            .map_or(1, |s| techlead_core::text_pos::line_col(text, s.start).0);
        ManifestError::new(line as u32, format!("not a {what}: {}", e.message()))
    }

    /// A JSON error, at its line.
    pub fn json(what: &str, e: &serde_json::Error) -> Self {
        ManifestError::new(e.line().max(1) as u32, format!("not a {what}: {e}"))
    }
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ManifestError {}
