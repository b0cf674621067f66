//! `techlead deps`: the dependency inventory, and with `--unused` the
//! direct dependencies no source file imports. The CLI composes the two
//! contexts: boundaries records external imports, inventory matches them.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_core::table::csv_field as csv;
use techlead_inventory::{Ecosystem, ImportedName, Package, PypiImportNames, UnreadReason, Usage};

pub fn run(ctx: &Context, unused: bool) -> Result<ExitCode> {
    let format = ctx.output_format();
    let inventory = techlead_inventory::inventory(&ctx.root);
    let packages = inventory.packages;
    let shown: Vec<&Package> = if unused {
        let analysis = super::boundaries::analyze(ctx)?;
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
            local: &inventory.local,
            workspace_imports: &workspace_imports,
        };
        techlead_inventory::unused_direct(&packages, &usage)
    } else {
        packages.iter().collect()
    };
    match format {
        Format::Json => crate::stdout::write_json(&shown)?,
        Format::Csv => {
            let mut s = String::from("ecosystem,name,version,direct,dev,source,declared_by\n");
            for p in &shown {
                s.push_str(&format!(
                    "{},{},{},{},{},{},{}\n",
                    p.ecosystem.as_str(),
                    csv(&p.name),
                    csv(&p.version),
                    tri(p.direct),
                    tri(p.dev),
                    csv(&p.source),
                    csv(&p.declared_by.join(" "))
                ));
            }
            out!("{s}")?;
        }
        _ => {
            let w = |f: fn(&Package) -> usize| shown.iter().map(|p| f(p)).max().unwrap_or(0);
            let (wn, wv) = (w(|p| p.name.len()).max(4), w(|p| p.version.len()).max(7));
            // Who declares a package is worth a column only where another
            // project than the lockfile's own does (workspace members).
            let members = shown.iter().any(|p| !declared_by_lock_folder(p));
            let ws = w(|p| p.source.len() + p.line.to_string().len() + 1).max(6);
            let mut s = format!(
                "{:9}  {:wn$}  {:wv$}  {:6}  {:5}  ",
                "ecosystem", "name", "version", "direct", "dev"
            );
            if members {
                s.push_str(&format!("{:ws$}  declared by\n", "source"));
            } else {
                s.push_str("source\n");
            }
            for p in &shown {
                let at = format!("{}:{}", p.source, p.line);
                s.push_str(&format!(
                    "{:9}  {:wn$}  {:wv$}  {:6}  {:5}  ",
                    p.ecosystem.as_str(),
                    p.name,
                    p.version,
                    tri(p.direct),
                    tri(p.dev),
                ));
                if members && !p.declared_by.is_empty() {
                    s.push_str(&format!("{at:ws$}  {}\n", first_few(&p.declared_by)));
                } else {
                    s.push_str(&at);
                    s.push('\n');
                }
            }
            out!("{s}")?;
        }
    }
    let mut sources: Vec<&str> = packages.iter().map(|p| p.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    let direct = packages.iter().filter(|p| p.direct == Some(true)).count();
    if unused {
        ctx.note(format!(
            "{} direct runtime dependencies that no source file imports (of {direct} direct)",
            shown.len()
        ));
    } else {
        ctx.note(format!(
            "{} packages ({direct} direct) from {} files",
            packages.len(),
            sources.len()
        ));
    }
    unread_notes(ctx, &inventory.unread);
    // Unreadable lockfiles: named with their line, after the data from
    // every other file; the run is an input error.
    for e in &inventory.errors {
        eprintln!("error: {e}");
    }
    Ok(if inventory.errors.is_empty() {
        ExitCode::Clean
    } else {
        ExitCode::Input
    })
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

/// Up to three folders for the table; the JSON and CSV have them all.
fn first_few(folders: &[String]) -> String {
    match folders.len() {
        0..=3 => folders.join(", "),
        n => format!("{} and {} more", folders[..3].join(", "), n - 3),
    }
}

/// Declared by the project whose folder holds the lockfile, or by no one.
fn declared_by_lock_folder(p: &Package) -> bool {
    let dir = p.source.rsplit_once('/').map_or(".", |(d, _)| d);
    p.declared_by.is_empty() || p.declared_by == [dir]
}

/// Manifests found and not read: a note each kind, naming up to five.
fn unread_notes(ctx: &Context, unread: &[techlead_inventory::Unread]) {
    for (reason, what) in [
        (
            UnreadReason::Unsupported,
            "in formats techlead does not read yet",
        ),
        (UnreadReason::NoLockfile, "with no lockfile beside or above"),
    ] {
        let files: Vec<String> = unread
            .iter()
            .filter(|u| u.reason == reason)
            .map(|u| format!("{} ({})", u.path, u.ecosystem))
            .collect();
        if files.is_empty() {
            continue;
        }
        let more = match files.len() {
            n if n > 5 => format!(", and {} more", n - 5),
            _ => String::new(),
        };
        let one = files.len() == 1;
        ctx.note(format!(
            "note: {} manifest{} not read, {what}: {}{more}",
            files.len(),
            if one { "" } else { "s" },
            files[..files.len().min(5)].join(", ")
        ));
    }
}

fn tri(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "true",
        Some(false) => "false",
        None => "null",
    }
}
