//! `techlead deps`: the dependency inventory with licenses; its SBOMs
//! (`--format cyclonedx|spdx`); with `--unused` the direct dependencies no
//! source file imports; with `--online` the risk the registries and OSV
//! know of. The CLI composes the contexts: boundaries records external
//! imports, the radar says what is on Hold, the inventory does the rest.

mod list;
mod online;
mod sbom;
mod unused;

use crate::cli::{DepsArgs, Format};
use crate::context::Context;
use anyhow::Result;
use techlead_core::ExitCode;
use techlead_inventory::{Package, UnreadReason};

pub fn run(ctx: &Context, args: &DepsArgs) -> Result<ExitCode> {
    let format = ctx.output_format();
    let sbom = matches!(format, Format::Cyclonedx | Format::Spdx);
    if args.timestamp.is_some() && !sbom {
        return Err(techlead_core::InputError::new(
            "--timestamp sets an SBOM's creation time: use it with --format cyclonedx or spdx",
        )
        .into());
    }
    if sbom && (args.online || args.unused) {
        return Err(techlead_core::InputError::new(
            "an SBOM lists every package: --online and --unused do not apply to --format cyclonedx or spdx",
        )
        .into());
    }
    let opts = args
        .online
        .then(|| techlead_inventory::online::Options::new(!ctx.no_cache, ctx.deps.cache_hours()));
    let cargo_home = ctx.cargo_home();
    let risk = techlead_inventory::risk::dependency_risk(
        &ctx.root,
        &ctx.deps,
        cargo_home.as_deref(),
        opts.as_ref(),
    );
    let packages = &risk.inventory.packages;
    if sbom {
        sbom::write(ctx, format, args, packages)?;
    } else if let Some(assessment) = &risk.online {
        online::show(ctx, format, &risk, assessment)?;
    } else {
        let shown: Vec<&Package> = if args.unused {
            unused::unused(ctx, packages, &risk.inventory.local)?
        } else {
            packages.iter().collect()
        };
        list::show(format, &shown)?;
        summary_note(ctx, packages, args.unused.then_some(shown.len()));
    }
    if !risk.environments.is_empty() {
        ctx.note(format!(
            "licenses read from the Python environments {}",
            risk.environments.join(", ")
        ));
    }
    unread_notes(ctx, &risk.inventory.unread);
    if let Some(a) = risk.online {
        ctx.defer_cache(a.cache);
    }
    // Unreadable lockfiles: named with their line, after the data from
    // every other file; the run is an input error.
    for e in &risk.inventory.errors {
        eprintln!("error: {e}");
    }
    Ok(if risk.inventory.errors.is_empty() {
        ExitCode::Clean
    } else {
        ExitCode::Input
    })
}

/// "12 packages (3 direct) from 2 files", or the `--unused` count. The
/// counts are the report's and the `deps.*` metrics': distinct versions,
/// distinct declared names; the table's rows are entries, one per package
/// per file, so their number is said when it differs.
fn summary_note(ctx: &Context, packages: &[Package], unused: Option<usize>) {
    let mut sources: Vec<&str> = packages.iter().map(|p| p.source.as_str()).collect();
    sources.sort();
    sources.dedup();
    let c = techlead_inventory::summary::counts(packages);
    let direct = c.direct;
    match unused {
        Some(n) => ctx.note(format!(
            "{} that no source file imports (of {direct} direct)",
            techlead_core::words::count_irregular(
                n as u64,
                "direct runtime dependency",
                "direct runtime dependencies"
            )
        )),
        None => {
            let entries = if c.entries == c.packages {
                String::new()
            } else {
                format!(
                    "; {} (a package in several files is listed once in each)",
                    techlead_core::words::count(c.entries as u64, "row")
                )
            };
            ctx.note(format!(
                "{} ({direct} direct) from {}{entries}",
                techlead_core::words::count(c.packages as u64, "package"),
                techlead_core::words::count(sources.len() as u64, "file")
            ))
        }
    }
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
