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
    // `--online`, each is asked of its registry and OSV, through the same
    // lookup (and cache) as `deps --online`.
    let mut covered: Vec<techlead_inventory::Package> = inventory
        .into_iter()
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
        .collect();
    let packages = package_facts(ctx, &mut covered, online);
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

/// What is known of each package: from the lockfile, its installed copy,
/// and with `online` its registry and OSV.
fn package_facts(
    ctx: &Context,
    packages: &mut [techlead_inventory::Package],
    online: bool,
) -> Vec<PackageFacts> {
    use techlead_inventory::online;
    techlead_inventory::license::fill_installed(&ctx.root, ctx.cargo_home().as_deref(), packages);
    let assessment = online.then(|| {
        let refs: Vec<&techlead_inventory::Package> = packages.iter().collect();
        let opts = online::Options::new(!ctx.no_cache, ctx.deps.cache_hours());
        online::assess(&ctx.root, &refs, &opts)
    });
    techlead_inventory::check::fill_licenses(packages, &ctx.deps, assessment.as_ref());
    let facts = packages
        .iter()
        .map(|p| {
            let risk = assessment.as_ref().and_then(|a| a.get(p));
            let info = risk.and_then(|r| r.registry.as_ref());
            PackageFacts {
                ecosystem: p.ecosystem.as_str().to_string(),
                name: p.name.clone(),
                version: p.version.clone(),
                source: p.source.clone(),
                released: p.released.clone().or_else(|| {
                    info.and_then(|i| i.as_ref().ok())
                        .and_then(|i| i.released.clone())
                }),
                license: p.license.as_ref().map(|l| l.shown().to_string()),
                registry: info.map(|i| match i {
                    Ok(info) => registry_note(info, &p.version),
                    Err(e) => format!("registry not read: {e}"),
                }),
                vulnerabilities: risk.map(|r| {
                    r.vulnerabilities
                        .as_ref()
                        .map_err(Clone::clone)
                        .map(|list| list.iter().map(advisory_line).collect())
                }),
            }
        })
        .collect();
    if let Some(a) = assessment {
        for n in &a.notes {
            ctx.note(n);
        }
        ctx.defer_cache(a.cache);
    }
    facts
}

/// `GHSA-... (CVE-...): summary; fixed in 4.17.21`.
fn advisory_line(a: &techlead_inventory::online::osv::Advisory) -> String {
    let mut s = a.id.clone();
    if !a.aliases.is_empty() {
        s.push_str(&format!(" ({})", a.aliases.join(", ")));
    }
    if let Some(summary) = &a.summary {
        s.push_str(&format!(": {summary}"));
    }
    s.push_str(&format!(
        "; {}",
        techlead_inventory::check::fixed_in(std::slice::from_ref(a))
    ));
    s
}

/// "latest 8.13.1 of 2024-10-27, 2 stable releases behind", or "the latest".
fn registry_note(
    info: &techlead_inventory::online::registry::RegistryInfo,
    version: &str,
) -> String {
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
