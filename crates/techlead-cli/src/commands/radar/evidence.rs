//! Evidence for `radar evaluate`, composed from three contexts: who changed
//! the files that import a technology (git), the files themselves
//! (boundaries), and the versions and licenses in use (inventory).

use crate::context::Context;
use techlead_radar::{Technology, evaluate};

/// What this repository says about a technology: who changed the files
/// that import its packages (git), the versions in the lockfiles, and the
/// licenses of installed copies (offline).
/// The history `evaluate` reads once: the change sets of the window and
/// where the project sits in its repository.
pub struct History {
    pub sets: Vec<techlead_history::ChangeSet>,
    pub prefix: String,
}

impl History {
    /// The last `months` of history; empty outside git.
    pub fn read(ctx: &Context, months: u32) -> History {
        let since = ctx
            .today
            .clone()
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| {
                d.checked_sub(jiff::Span::new().months(i64::from(months)))
                    .ok()
            })
            .and_then(|d| techlead_history::revision::day_start(&d.to_string()));
        let opts = techlead_history::Options {
            since,
            default_excludes: false,
            ..techlead_history::Options::default()
        };
        History {
            sets: techlead_history::change_sets(&ctx.root, &opts).unwrap_or_default(),
            prefix: techlead_history::revision::prefix(&ctx.root).unwrap_or_default(),
        }
    }
}

pub fn evidence(
    ctx: &Context,
    history: &History,
    t: &Technology,
    analysis: &techlead_boundaries::Analysis,
    inventory: &[techlead_inventory::Package],
    months: u32,
    online: bool,
) -> evaluate::Evidence {
    let mut files: Vec<&str> = analysis
        .externals
        .iter()
        .filter(|x| {
            t.packages.iter().any(|p| {
                techlead_inventory::imports_package(
                    &p.ecosystem,
                    &p.name,
                    x.language.name(),
                    &x.name,
                )
            })
        })
        .map(|x| &*x.from)
        .collect();
    // A language technology (named like a scanned language: Rust,
    // Python, TypeScript, Go, Java) is used by every file in it.
    let language = t.name.to_ascii_lowercase();
    if analysis.languages.contains(&language.as_str()) {
        files.extend(analysis.files_in(&language));
    }
    files.sort();
    files.dedup();
    // Who changed those files, from the history read once for all
    // technologies (paths there are relative to the repository's top).
    let wanted: std::collections::HashSet<String> = files
        .iter()
        .map(|f| format!("{}{f}", history.prefix))
        .collect();
    let mut counts: std::collections::BTreeMap<String, (usize, i64)> = Default::default();
    for set in &history.sets {
        if set.files.iter().any(|f| wanted.contains(f)) {
            let e = counts.entry(set.author.clone()).or_default();
            e.0 += 1;
            e.1 = e.1.max(set.time);
        }
    }
    let counts: std::collections::BTreeMap<String, (usize, String)> = counts
        .into_iter()
        .map(|(who, (n, t))| (who, (n, techlead_history::revision::date_of(t))))
        .collect();
    let mut contributors: Vec<(String, usize, String)> =
        counts.into_iter().map(|(n, (c, d))| (n, c, d)).collect();
    contributors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut versions = Vec::new();
    let mut licenses = Vec::new();
    for p in inventory {
        let covered = t.packages.iter().any(|r| {
            r.ecosystem == p.ecosystem.as_str()
                && (r.name == p.name
                    || (r.ecosystem == "pypi" && r.name.eq_ignore_ascii_case(&p.name)))
        });
        if !covered {
            continue;
        }
        let mut line = format!(
            "{}:{} {} ({})",
            p.ecosystem.as_str(),
            p.name,
            p.version,
            p.source
        );
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
        if let Some(r) = &released {
            line.push_str(&format!(", released {r}"));
            if let Some(age) = months_since(r) {
                line.push_str(&format!(" ({age} months ago)"));
            }
        }
        if let Some(r) = registry {
            line.push_str(&format!(", {r}"));
        }
        versions.push(line);
        if let Some(l) = license
            && !licenses.contains(&l)
        {
            licenses.push(l);
        }
    }
    versions.dedup();
    evaluate::Evidence {
        contributors,
        files: files.len(),
        months,
        versions,
        licenses,
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

/// Whole months from a date to today.
fn months_since(date: &str) -> Option<i64> {
    let then = techlead_history::revision::day_start(date)?;
    let now = techlead_history::revision::day_start(&crate::today().ok()?)?;
    Some(techlead_history::revision::whole_months(then, now))
}
