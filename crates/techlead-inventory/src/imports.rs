//! Declared but never imported: direct runtime dependencies that no source
//! file imports. The CLI passes in the external imports that the
//! boundaries scanners recorded, so this context does not depend on that
//! one; matching a package to an import is per ecosystem.

use crate::{Ecosystem, Package, PypiImportNames};
use std::collections::HashSet;
use techlead_project::pep503;

/// An external package name as code imports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImportedName {
    /// `rust`, `python`, `typescript`, `javascript`, `go` or `java`.
    pub language: String,
    pub name: String,
}

/// What the code uses, for [`unused_direct`].
pub struct Usage<'a> {
    /// The external imports the scanners recorded.
    pub imported: &'a [ImportedName],
    /// The languages that had at least one source file.
    pub languages: &'a [&'a str],
    /// How PyPI distributions are imported.
    pub pypi: &'a PypiImportNames,
    /// The tree's own packages: an import of one of them is not a use of a
    /// registry package of the same name.
    pub local: &'a [(Ecosystem, String)],
    /// JS/TS imports that the resolver sent to one of the tree's workspace
    /// packages, as (package name, importing file). Where a project
    /// declares a registry package of that name (a workspace pinning an
    /// older published release of its own library), the package manager
    /// installs the registry one for that project: its files' imports of
    /// the name use it.
    pub workspace_imports: &'a [(String, String)],
}

/// Direct runtime dependencies (not dev) of ecosystems whose language was
/// scanned, that no import names.
pub fn unused_direct<'p>(packages: &'p [Package], usage: &Usage) -> Vec<&'p Package> {
    let Usage {
        imported,
        languages,
        pypi,
        local,
        workspace_imports,
    } = *usage;
    // An import from a project that declares the registry package.
    let from_declarer = |p: &Package| {
        workspace_imports.iter().any(|(name, from)| {
            *name == p.name
                && p.declared_by.iter().any(|d| {
                    d == "."
                        || from
                            .strip_prefix(d.as_str())
                            .is_some_and(|r| r.starts_with('/'))
                })
        })
    };
    let is_local = |lang: &str, name: &str| {
        local.iter().any(|(eco, n)| match (eco, lang) {
            (Ecosystem::Npm, "typescript" | "javascript") => n == name,
            (Ecosystem::Cargo, "rust") => normalize_lang("rust", n) == name,
            (Ecosystem::Pypi, "python") => *n == pep503(name),
            _ => false,
        })
    };
    let names: HashSet<(&str, String)> = imported
        .iter()
        .filter(|i| !is_local(&i.language, &i.name))
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
                scanned && !any(&p.name) && !base.is_some_and(|b| any(&b)) && !from_declarer(p)
            }
            Ecosystem::Pypi => {
                languages.contains(&"python")
                    && !python_names(pypi, &p.name)
                        .iter()
                        .any(|n| used("python", n))
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
            let imp = normalize_lang("python", imported);
            python_names(&PypiImportNames::default(), package)
                .iter()
                .any(|n| normalize_lang("python", n) == imp)
        }
        ("go", "go") => imported == package || imported.starts_with(&format!("{package}/")),
        ("maven", "java") => {
            let group = package.split(':').next().unwrap_or_default();
            !group.is_empty() && (imported == group || imported.starts_with(&format!("{group}.")))
        }
        _ => false,
    }
}

/// The top-level module names that use a PyPI distribution: its import
/// names (installed metadata, the shipped table, or its own name) and,
/// for a `types-x` stub package, what `x` is imported as.
fn python_names(pypi: &PypiImportNames, distribution: &str) -> Vec<String> {
    let norm = pep503(distribution);
    let mut names = pypi.import_names(&norm);
    names.push(norm.clone());
    if let Some(stubbed) = norm.strip_prefix("types-") {
        names.extend(pypi.import_names(stubbed));
    }
    // `google.protobuf`: imports are recorded by their top-level module.
    names
        .iter()
        .map(|n| n.split('.').next().unwrap_or(n).to_string())
        .collect()
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
        "python" => pep503(name),
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
            declared_by: Vec::new(),
            requested: Vec::new(),
            license: None,
            depends: Vec::new(),
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
        let pypi = PypiImportNames::default();
        let usage = |imported, languages| Usage {
            imported,
            languages,
            pypi: &pypi,
            local: &[],
            workspace_imports: &[],
        };
        let unused: Vec<&str> = unused_direct(&packages, &usage(&imported, &langs))
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(unused, ["unused-crate", "left-pad", "golang.org/x/text"]);
        // A language that was not scanned says nothing about its packages.
        let unused = unused_direct(&packages, &usage(&[], &["python"]));
        assert!(unused.iter().all(|p| p.ecosystem == Ecosystem::Pypi));
    }
}
