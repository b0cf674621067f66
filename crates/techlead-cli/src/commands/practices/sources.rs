//! The other contexts' answers, read through the scorecard's tree so that
//! a bare repository gives the same answers as its checkout: packages
//! from the inventory's lockfile parsers, decision records from the
//! records context (its folder lookup and parser), and the modules
//! declared in techlead.toml.

use std::path::Path;
use techlead_core::check::Env;
use techlead_practices::{Boundaries, Decision, Decisions, Package, Tree};

/// Every package the inventory's parsers find in the tree's lockfiles and
/// manifests. A file that does not parse is noted and skipped.
pub fn packages(tree: &dyn Tree, env: &dyn Env) -> Vec<Package> {
    let mut out = Vec::new();
    for path in tree.files() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let Some(format) = techlead_inventory::formats::format_of(name) else {
            continue;
        };
        if path
            .split('/')
            .any(|d| matches!(d, "node_modules" | "vendor" | ".venv"))
        {
            continue;
        }
        let Some(bytes) = tree.read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let manifest = format.manifest.and_then(|m| {
            let sibling = match path.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{m}"),
                None => m.to_string(),
            };
            tree.read(&sibling)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        });
        match (format.parse)(text.trim_start_matches('\u{feff}'), manifest.as_deref()) {
            Ok(deps) => out.extend(deps.into_iter().map(|d| Package {
                ecosystem: format.ecosystem.as_str().to_string(),
                name: d.name,
                direct: d.direct,
                source: path.clone(),
                line: d.line,
            })),
            Err(e) => env.note(&format!(
                "warning: {path}:{}: {} (its packages are left out of the practices checks)",
                e.line, e.message
            )),
        }
    }
    out
}

/// The decision records of a working tree, as `adr list` reads them.
pub fn decisions_on_disk(
    env: &dyn Env,
    config: &techlead_records::config::DecisionsConfig,
) -> Decisions {
    let root = env.root();
    let dir = match techlead_records::check::find_dir(root, env.file(), config, None) {
        Ok(Some(dir)) => dir,
        Ok(None) => return Decisions::None,
        Err(e) => return Decisions::Unreadable(e.to_string()),
    };
    match techlead_records::check::read_project(env, &dir) {
        Ok(d) => Decisions::Read {
            dir: techlead_core::paths::display_rel(root, &dir),
            records: d
                .records
                .into_iter()
                .map(|r| Decision {
                    path: r.rel_path,
                    date: r.date,
                })
                .collect(),
        },
        Err(e) => Decisions::Unreadable(e.to_string()),
    }
}

/// The decision records of a commit's tree: the configured folder, else
/// adr-tools' `.adr-dir`, else the usual places, parsed as the records
/// context parses them.
pub fn decisions_in_tree(tree: &dyn Tree, root: &Path, configured: Option<&str>) -> Decisions {
    let files = tree.files();
    let has_dir = |d: &str| files.iter().any(|f| f.starts_with(&format!("{d}/")));
    let adr_dir = tree.read(".adr-dir").map(|b| {
        String::from_utf8_lossy(&b)
            .trim()
            .trim_end_matches('/')
            .to_string()
    });
    let dir = configured
        .map(str::to_string)
        .into_iter()
        .chain(adr_dir)
        .chain(
            techlead_records::folder::AUTO_DIRS
                .iter()
                .map(|d| d.to_string()),
        )
        .find(|d| has_dir(d));
    let Some(dir) = dir else {
        return Decisions::None;
    };
    let mut records = Vec::new();
    for f in files {
        let Some(name) = f.strip_prefix(&format!("{dir}/")) else {
            continue;
        };
        if name.contains('/') || !techlead_records::folder::is_record_name(name) {
            continue;
        }
        let Some(bytes) = tree.read(f) else { continue };
        match techlead_records::parse::parse_record(root, &root.join(f), &bytes) {
            Ok(r) => records.push(Decision {
                path: f.clone(),
                date: r.date,
            }),
            Err(e) => return Decisions::Unreadable(e.to_string()),
        }
    }
    Decisions::Read { dir, records }
}

/// The modules declared in `[boundaries]`.
pub fn boundaries(
    env: &dyn Env,
    config: &techlead_boundaries::config::BoundariesConfig,
) -> Boundaries {
    Boundaries {
        modules: config.modules.len(),
        config: env
            .file()
            .path
            .as_ref()
            .map(|p| p.to_string_lossy().replace('\\', "/")),
    }
}
