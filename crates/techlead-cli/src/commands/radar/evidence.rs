//! Evidence for `radar evaluate`, composed from three contexts: who changed
//! the files that import a technology (git), the files themselves
//! (boundaries), and the versions and licenses in use (inventory).

use super::movement::git;
use crate::context::Context;
use techlead_records::radar::{Technology, evaluate};

/// What this repository says about a technology: who changed the files
/// that import its packages (git), the versions in the lockfiles, and the
/// licenses of installed copies (offline).
pub fn evidence(
    ctx: &Context,
    t: &Technology,
    analysis: &techlead_boundaries::Analysis,
    inventory: &[techlead_inventory::Package],
    months: u32,
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
    let since = crate::today()
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| {
            d.checked_sub(jiff::Span::new().months(i64::from(months)))
                .ok()
        })
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut counts: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    let since_arg = format!("--since={since}");
    for chunk in files.chunks(400) {
        let mut args = vec![
            "log",
            "--no-merges",
            "--format=%aN%x09%as",
            since_arg.as_str(),
            "--",
        ];
        args.extend_from_slice(chunk);
        let Some(out) = git(ctx, &args) else { break };
        for line in out.lines() {
            if let Some((who, date)) = line.split_once('\t') {
                let e = counts.entry(who.to_string()).or_default();
                e.0 += 1;
                if date > e.1.as_str() {
                    e.1 = date.to_string();
                }
            }
        }
    }
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
        versions.push(format!(
            "{}:{} {} ({})",
            p.ecosystem.as_str(),
            p.name,
            p.version,
            p.source
        ));
        if let Some(l) = techlead_inventory::installed_license(&ctx.root, p)
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
