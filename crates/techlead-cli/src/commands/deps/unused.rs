//! `deps --unused`: direct runtime dependencies no source file imports,
//! from the boundaries context's external imports.

use crate::context::Context;
use anyhow::Result;
use techlead_inventory::{Ecosystem, ImportedName, Package, PypiImportNames, Usage};

pub fn unused<'a>(
    ctx: &Context,
    packages: &'a [Package],
    local: &[(Ecosystem, String)],
) -> Result<Vec<&'a Package>> {
    let analysis = super::super::boundaries::analyze(ctx)?;
    let imported: Vec<ImportedName> = analysis
        .externals
        .iter()
        .map(|x| ImportedName {
            language: x.language.name().to_string(),
            name: x.name.clone(),
        })
        .collect();
    // The Python projects' folders: their virtual environments say
    // what each distribution is imported as.
    let python_dirs: Vec<&str> = packages
        .iter()
        .filter(|p| p.ecosystem == Ecosystem::Pypi)
        .map(|p| p.source.rsplit_once('/').map_or("", |(d, _)| d))
        .collect();
    let pypi = PypiImportNames::load(&ctx.root, python_dirs);
    if !pypi.environments.is_empty() {
        ctx.note(format!(
            "Python import names read from {}",
            pypi.environments.join(", ")
        ));
    }
    let workspace_imports = workspace_imports(&analysis);
    let usage = Usage {
        imported: &imported,
        languages: &analysis.languages,
        pypi: &pypi,
        local,
        workspace_imports: &workspace_imports,
    };
    Ok(techlead_inventory::unused_direct(packages, &usage))
}

/// JS/TS imports resolved into one of the tree's workspace packages from
/// outside it: (package name, importing file).
fn workspace_imports(analysis: &techlead_boundaries::Analysis) -> Vec<(String, String)> {
    let by_folder: std::collections::HashMap<&str, &str> = analysis
        .packages
        .iter()
        .map(|(name, dir)| (dir.as_str(), name.as_str()))
        .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for e in &analysis.edges {
        if !matches!(e.language.name(), "typescript" | "javascript") {
            continue;
        }
        // The deepest package folder holding the target.
        let mut dir: &str = &e.to;
        let package = loop {
            dir = dir.rfind('/').map_or("", |i| &dir[..i]);
            if let Some(&name) = by_folder.get(dir) {
                break Some((name, dir));
            }
            if dir.is_empty() {
                break None;
            }
        };
        if let Some((name, dir)) = package
            && !dir.is_empty()
            && !e.from.starts_with(&format!("{dir}/"))
        {
            out.push((name.to_string(), e.from.to_string()));
        }
    }
    out.sort();
    out.dedup();
    out
}
