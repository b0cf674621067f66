//! Declared but never imported: direct runtime dependencies that no source
//! file imports. The CLI passes in the external imports that the
//! boundaries scanners recorded, so this context does not depend on that
//! one; matching a package to an import is per ecosystem.

use crate::{Ecosystem, Package};
use std::collections::HashSet;

/// An external package name as code imports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImportedName {
    /// `rust`, `python`, `typescript`, `javascript`, `go` or `java`.
    pub language: String,
    pub name: String,
}

/// PyPI distributions whose import name differs from their own name.
const PYPI_IMPORT_NAMES: &[(&str, &str)] = &[
    ("pyyaml", "yaml"),
    ("beautifulsoup4", "bs4"),
    ("pillow", "PIL"),
    ("scikit-learn", "sklearn"),
    ("scikit-image", "skimage"),
    ("python-dateutil", "dateutil"),
    ("opencv-python", "cv2"),
    ("opencv-python-headless", "cv2"),
    ("protobuf", "google"),
    ("google-cloud-storage", "google"),
    ("python-dotenv", "dotenv"),
    ("pyjwt", "jwt"),
    ("psycopg2-binary", "psycopg2"),
    ("mysqlclient", "MySQLdb"),
    ("pymupdf", "fitz"),
    ("attrs", "attr"),
    ("djangorestframework", "rest_framework"),
    ("python-multipart", "multipart"),
    ("typing-extensions", "typing_extensions"),
    ("msgpack-python", "msgpack"),
    ("pyserial", "serial"),
    ("pycryptodome", "Crypto"),
];

/// Direct runtime dependencies (not dev) of ecosystems whose language was
/// scanned, that no import names. `languages` are the languages that had
/// at least one source file.
pub fn unused_direct<'p>(
    packages: &'p [Package],
    imported: &[ImportedName],
    languages: &[&str],
) -> Vec<&'p Package> {
    let names: HashSet<(&str, String)> = imported
        .iter()
        .map(|i| (i.language.as_str(), normalize_lang(&i.language, &i.name)))
        .collect();
    let used = |lang: &str, name: &str| names.contains(&(lang, normalize_lang(lang, name)));
    packages
        .iter()
        .filter(|p| p.direct == Some(true) && p.dev != Some(true))
        .filter(|p| match p.ecosystem {
            Ecosystem::Cargo => languages.contains(&"rust") && !used("rust", &p.name),
            Ecosystem::Npm => {
                let scanned =
                    languages.contains(&"typescript") || languages.contains(&"javascript");
                let base = p.name.strip_prefix("@types/").map(types_target);
                let any = |n: &str| used("typescript", n) || used("javascript", n);
                scanned && !any(&p.name) && !base.is_some_and(|b| any(&b))
            }
            Ecosystem::Pypi => {
                let norm = normalize_lang("python", &p.name);
                let stub = norm.strip_prefix("types-").map(str::to_string);
                let alias = PYPI_IMPORT_NAMES
                    .iter()
                    .find(|(d, _)| *d == norm)
                    .map(|(_, i)| i.to_string());
                languages.contains(&"python")
                    && !used("python", &norm)
                    && !alias.is_some_and(|a| used("python", &a))
                    && !stub.is_some_and(|s| used("python", &s))
            }
            Ecosystem::Go => {
                languages.contains(&"go")
                    && !imported.iter().any(|i| {
                        i.language == "go"
                            && (i.name == p.name || i.name.starts_with(&format!("{}/", p.name)))
                    })
            }
            Ecosystem::Maven => {
                let group = p.name.split(':').next().unwrap_or_default();
                languages.contains(&"java")
                    && !group.is_empty()
                    && !imported.iter().any(|i| {
                        i.language == "java"
                            && (i.name == group || i.name.starts_with(&format!("{group}.")))
                    })
            }
            // No scanner reads Ruby or PHP: unknown, so never reported.
            Ecosystem::Rubygems | Ecosystem::Packagist => false,
        })
        .collect()
}

/// Whether a source file's external import `imported` (in `language`)
/// uses the package `package` of `ecosystem` (as `deps` names them).
pub fn imports_package(ecosystem: &str, package: &str, language: &str, imported: &str) -> bool {
    match (ecosystem, language) {
        ("cargo", "rust") => normalize_lang("rust", package) == normalize_lang("rust", imported),
        ("npm", "typescript" | "javascript") => {
            package == imported
                || package
                    .strip_prefix("@types/")
                    .is_some_and(|b| types_target(b) == imported)
        }
        ("pypi", "python") => {
            let norm = normalize_lang("python", package);
            let imp = normalize_lang("python", imported);
            norm == imp
                || PYPI_IMPORT_NAMES
                    .iter()
                    .any(|(d, i)| *d == norm && normalize_lang("python", i) == imp)
                || norm.strip_prefix("types-") == Some(imp.as_str())
        }
        ("go", "go") => imported == package || imported.starts_with(&format!("{package}/")),
        ("maven", "java") => {
            let group = package.split(':').next().unwrap_or_default();
            !group.is_empty() && (imported == group || imported.starts_with(&format!("{group}.")))
        }
        _ => false,
    }
}

/// `@types/node` covers `node`; `@types/scope__pkg` covers `@scope/pkg`.
fn types_target(base: &str) -> String {
    match base.split_once("__") {
        Some((scope, name)) => format!("@{scope}/{name}"),
        None => base.to_string(),
    }
}

fn normalize_lang(lang: &str, name: &str) -> String {
    match lang {
        // Crates are imported with `-` as `_`.
        "rust" => name.replace('-', "_"),
        // PEP 503 names against import names: case and separators differ.
        "python" => techlead_project::pep503(name),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(eco: Ecosystem, name: &str, direct: bool, dev: Option<bool>) -> Package {
        Package {
            ecosystem: eco,
            name: name.into(),
            version: "1".into(),
            direct: Some(direct),
            dev,
            source: "x".into(),
            line: 1,
            released: None,
        }
    }

    fn imp(language: &str, name: &str) -> ImportedName {
        ImportedName {
            language: language.into(),
            name: name.into(),
        }
    }

    #[test]
    fn matches_per_ecosystem() {
        let packages = vec![
            pkg(Ecosystem::Cargo, "serde-json", true, Some(false)),
            pkg(Ecosystem::Cargo, "unused-crate", true, None),
            pkg(Ecosystem::Cargo, "insta", true, Some(true)),
            pkg(Ecosystem::Cargo, "transitive", false, None),
            pkg(Ecosystem::Pypi, "PyYAML", true, None),
            pkg(Ecosystem::Pypi, "types-requests", true, None),
            pkg(Ecosystem::Pypi, "Flask-Cors", true, None),
            pkg(Ecosystem::Npm, "@types/node", true, None),
            pkg(Ecosystem::Npm, "@scope/ui", true, None),
            pkg(Ecosystem::Npm, "left-pad", true, None),
            pkg(Ecosystem::Go, "github.com/google/uuid", true, None),
            pkg(Ecosystem::Go, "golang.org/x/text", true, None),
            pkg(Ecosystem::Maven, "org.slf4j:slf4j-api", true, None),
            pkg(Ecosystem::Rubygems, "rails", true, None),
        ];
        let imported = vec![
            imp("rust", "serde_json"),
            imp("python", "yaml"),
            imp("python", "requests"),
            imp("python", "flask_cors"),
            imp("typescript", "node"),
            imp("typescript", "@scope/ui"),
            imp("go", "github.com/google/uuid/v2"),
            imp("java", "org.slf4j"),
        ];
        let langs = ["rust", "python", "typescript", "go", "java"];
        let unused: Vec<&str> = unused_direct(&packages, &imported, &langs)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(unused, ["unused-crate", "left-pad", "golang.org/x/text"]);
        // A language that was not scanned says nothing about its packages.
        let unused = unused_direct(&packages, &[], &["python"]);
        assert!(unused.iter().all(|p| p.ecosystem == Ecosystem::Pypi));
    }
}
