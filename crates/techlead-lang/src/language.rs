//! The languages that have a scanner, and which files are theirs.

use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Rust,
    Python,
    TypeScript,
    JavaScript,
    Go,
    Java,
}

impl Language {
    /// Every language with a scanner.
    pub const ALL: [Language; 6] = [
        Language::Rust,
        Language::Python,
        Language::TypeScript,
        Language::JavaScript,
        Language::Go,
        Language::Java,
    ];

    /// The language [`Language::name`] names.
    pub fn from_name(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The language of a file, by its extension (`.d.ts` is TypeScript).
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "rs" => Language::Rust,
            "py" | "pyi" => Language::Python,
            "ts" | "tsx" | "mts" | "cts" => Language::TypeScript,
            "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            "go" => Language::Go,
            "java" => Language::Java,
            _ => return None,
        })
    }

    /// The name used in JSON and in `techlead.toml` (`rust`, `python`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Python => "python",
            Language::TypeScript => "typescript",
            Language::JavaScript => "javascript",
            Language::Go => "go",
            Language::Java => "java",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for l in Language::ALL {
            assert_eq!(Language::from_name(l.name()), Some(l));
        }
        assert_eq!(Language::from_name("cobol"), None);
    }

    #[test]
    fn extensions() {
        for (p, l) in [
            ("a/b.rs", Some(Language::Rust)),
            ("x.pyi", Some(Language::Python)),
            ("types.d.ts", Some(Language::TypeScript)),
            ("a.cts", Some(Language::TypeScript)),
            ("a.mjs", Some(Language::JavaScript)),
            ("main.go", Some(Language::Go)),
            ("A.java", Some(Language::Java)),
            ("README.md", None),
            ("Makefile", None),
        ] {
            assert_eq!(Language::from_path(Path::new(p)), l, "{p}");
        }
    }
}
