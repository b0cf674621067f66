//! Evidence for `radar evaluate`, composed from three contexts: history
//! (who changed the files), boundaries (which files import a technology)
//! and the inventory (versions and licences in use). The radar context does
//! the counting; this module only hands it each context's answer.

use crate::context::Context;
use anyhow::Result;
use techlead_radar::Technology;
use techlead_radar::evaluate::{self, Scorecard};
use techlead_radar::evidence::{self, Commit, History, Import, PackageFacts, Sources};

/// One scorecard per chosen technology, over the last `months`.
pub fn scorecards(
    ctx: &Context,
    chosen: &[&Technology],
    months: u32,
    online: bool,
) -> Result<Vec<Scorecard>> {
    let analysis = super::super::boundaries::analyze(ctx)?;
    let inventory = techlead_inventory::inventory(&ctx.root).packages;
    let sets = read_history(ctx, months);
    let prefix = techlead_history::revision::prefix(&ctx.root).unwrap_or_default();
    let history = match &sets {
        Ok(sets) => History::Read {
            commits: sets
                .iter()
                .map(|s| Commit {
                    author: &s.author,
                    time: s.time,
                    files: &s.files,
                })
                .collect(),
            prefix: &prefix,
        },
        Err(why) => History::Missing(why.clone()),
    };
    let imports: Vec<Import> = analysis
        .externals
        .iter()
        .map(|x| Import {
            language: x.language.name(),
            name: &x.name,
            from: &x.from,
        })
        .collect();
    let scanned: Vec<(&str, &str)> = analysis
        .scanned
        .iter()
        .map(String::as_str)
        .zip(analysis.scanned_languages.iter().copied())
        .collect();
    // Facts only for the packages a chosen technology covers: with
    // `--online`, each is a registry request.
    let packages: Vec<PackageFacts> = inventory
        .iter()
        .filter(|p| {
            chosen.iter().any(|t| {
                t.packages.iter().any(|r| {
                    techlead_radar::same_package(
                        &r.ecosystem,
                        &r.name,
                        p.ecosystem.as_str(),
                        &p.name,
                    )
                })
            })
        })
        .map(|p| facts(ctx, p, online))
        .collect();
    let sources = Sources {
        imports: &imports,
        scanned: &scanned,
        history: &history,
        packages: &packages,
        months,
        today: &ctx.today,
    };
    Ok(chosen
        .iter()
        .map(|t| {
            let ev = evidence::gather(t, &sources, &techlead_inventory::imports_package);
            evaluate::scorecard(t, &ev)
        })
        .collect())
}

/// The change sets of the last `months`, or why they could not be read.
fn read_history(ctx: &Context, months: u32) -> Result<Vec<techlead_history::ChangeSet>, String> {
    let since = techlead_radar::evidence::window_start(&ctx.today, months)
        .ok()
        .and_then(|d| techlead_history::revision::day_start(&d.to_string()));
    let opts = techlead_history::Options {
        since,
        default_excludes: false,
        ..techlead_history::Options::default()
    };
    techlead_history::change_sets(&ctx.root, &opts).map_err(|e| format!("{e:#}"))
}

/// What is known of a package: from the lockfile, its installed copy, and
/// with `online` the registry.
fn facts(ctx: &Context, p: &techlead_inventory::Package, online: bool) -> PackageFacts {
    let mut released = p.released.clone();
    let mut license = techlead_inventory::installed_license(&ctx.root, p);
    let mut registry = None;
    if online {
        match techlead_inventory::registry_lookup(p.ecosystem, &p.name, &p.version) {
            Some(Ok(info)) => {
                released = released.or(info.released.clone());
                license = license.or(info.license.clone());
                registry = Some(registry_note(&info, &p.version));
            }
            Some(Err(e)) => registry = Some(format!("registry not read: {e}")),
            None => {}
        }
    }
    PackageFacts {
        ecosystem: p.ecosystem.as_str().to_string(),
        name: p.name.clone(),
        version: p.version.clone(),
        source: p.source.clone(),
        released,
        license,
        registry,
    }
}

/// "latest 8.13.1 of 2024-10-27, 2 stable releases behind", or "the latest".
fn registry_note(info: &techlead_inventory::RegistryInfo, version: &str) -> String {
    match &info.latest {
        Some(latest) if latest == version => "the latest release".to_string(),
        Some(latest) => {
            let mut s = format!("latest {latest}");
            if let Some(d) = &info.latest_released {
                s.push_str(&format!(" of {d}"));
            }
            if info.behind > 0 {
                s.push_str(&format!(
                    ", {} stable release{} behind",
                    info.behind,
                    if info.behind == 1 { "" } else { "s" }
                ));
            }
            s
        }
        None => "no release found in the registry".to_string(),
    }
}
