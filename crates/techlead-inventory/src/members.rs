//! Which projects in the tree declare each package: workspace members
//! (Cargo, npm, yarn and pnpm workspaces) make a package direct even when
//! the workspace root does not name it, and `declared_by` says who does.

use crate::find::Found;
use crate::{Ecosystem, Package};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use techlead_project::cargo::CargoManifest;
use techlead_project::npm::{PackageJson, pnpm_workspace_packages, workspace_members};
use techlead_project::pyproject::Pyproject;
use techlead_project::walk::parent;

/// The folders (relative to the lockfile's folder, `""` for that folder)
/// of the manifests that declare each name, and whether any of them needs
/// it at run time.
type Declarers = HashMap<String, (Vec<String>, bool)>;

fn declare(into: &mut Declarers, folder: &str, runtime: HashSet<String>, dev: HashSet<String>) {
    for (names, is_runtime) in [(runtime, true), (dev, false)] {
        for n in names {
            let e = into.entry(n).or_default();
            e.0.push(folder.to_string());
            e.1 |= is_runtime;
        }
    }
}

/// `dir/rel` for a folder under `dir` (both relative to the root).
fn under(dir: &str, rel: &str) -> String {
    match (dir.is_empty(), rel.is_empty()) {
        (_, true) => dir.to_string(),
        (true, false) => rel.to_string(),
        (false, false) => format!("{dir}/{rel}"),
    }
}

/// `rel` relative to `dir`, if it lies under it.
fn below<'a>(dir: &str, rel: &'a str) -> Option<&'a str> {
    if dir.is_empty() {
        Some(rel)
    } else {
        rel.strip_prefix(dir)?.strip_prefix('/')
    }
}

/// A workspace's Cargo.lock sits beside the root manifest, but members
/// declare the dependencies: a direct crate that some member needs at run
/// or build time is not dev; one that members only name under
/// dev-dependencies is. The members that name a crate declare it.
pub fn cargo_members(packages: &mut [Package], manifests: &[(String, PathBuf)]) {
    let mut by_lock: HashMap<String, Declarers> = HashMap::new();
    for p in packages.iter_mut() {
        if p.ecosystem != Ecosystem::Cargo || p.direct != Some(true) {
            continue;
        }
        let dir = parent(&p.source).to_string();
        let declarers = by_lock.entry(dir.clone()).or_insert_with(|| {
            let read = |abs: &PathBuf| {
                let text = crate::find::text(abs).ok()?;
                CargoManifest::parse(&text).ok()
            };
            // The workspace root beside the lock, for `workspace = true`.
            let lock_manifest = under(&dir, "Cargo.toml");
            let workspace_root = manifests
                .iter()
                .find(|(rel, _)| *rel == lock_manifest)
                .and_then(|(_, abs)| read(abs));
            let mut d = Declarers::new();
            for (rel, abs) in manifests {
                if let Some(inside) = below(&dir, rel)
                    && let Some(m) = read(abs)
                {
                    let (r, dev) = m.runtime_and_dev(workspace_root.as_ref());
                    declare(&mut d, parent(inside), r, dev);
                }
            }
            d
        });
        if let Some((folders, runtime)) = declarers.get(&p.name) {
            if p.dev.is_none() {
                p.dev = Some(!runtime);
            }
            p.declared_by = folders.clone();
        }
    }
}

/// npm, yarn and pnpm workspaces: the root package.json's `workspaces`
/// (or pnpm-workspace.yaml's `packages`) name member folders whose
/// package.json files declare packages too. pnpm and npm lockfiles say per
/// version who declares what (their parsers fill `declared_by`); a
/// yarn.lock says which ranges each version resolves, so a version is
/// direct for the projects that ask for one of its ranges, and, where no
/// declared range is in the lockfile (a range edited since the last
/// install), every version of the name is.
pub fn npm_workspaces(packages: &mut [Package], found: &Found) {
    let is_yarn = |p: &Package| p.ecosystem == Ecosystem::Npm && p.source.ends_with("yarn.lock");
    // Only what the lockfile could not say is completed here: yarn.lock
    // packages, and npm packages found direct with no declarer (v1).
    let wanted = |p: &Package| {
        p.ecosystem == Ecosystem::Npm
            && p.declared_by.is_empty()
            && (is_yarn(p) || p.direct == Some(true))
    };
    let mut by_lock: HashMap<&str, NpmDeclarers> = HashMap::new();
    for p in packages.iter().filter(|p| wanted(p)) {
        let dir = parent(&p.source);
        if !by_lock.contains_key(dir) {
            by_lock.insert(dir, npm_declarers(dir, found));
        }
    }
    let asks = |d: &NpmDeclarer, p: &Package| p.requested.contains(&d.range);
    // Per yarn.lock, the names of which some version resolves a declared
    // range.
    let mut matched: HashMap<String, HashSet<String>> = HashMap::new();
    for p in packages.iter().filter(|p| wanted(p) && is_yarn(p)) {
        if by_lock[parent(&p.source)]
            .get(&p.name)
            .is_some_and(|ds| ds.iter().any(|d| asks(d, p)))
        {
            matched
                .entry(p.source.clone())
                .or_default()
                .insert(p.name.clone());
        }
    }
    let mut updates = Vec::new();
    for (i, p) in packages.iter().enumerate() {
        if !wanted(p) {
            continue;
        }
        let Some(ds) = by_lock[parent(&p.source)].get(&p.name) else {
            continue;
        };
        let exact = matched
            .get(&p.source)
            .is_some_and(|names| names.contains(&p.name));
        let chosen: Vec<&NpmDeclarer> = if is_yarn(p) && exact {
            ds.iter().filter(|d| asks(d, p)).collect()
        } else {
            ds.iter().collect()
        };
        let dev = (!chosen.is_empty()).then(|| !chosen.iter().any(|d| d.runtime));
        let folders: Vec<String> = chosen.iter().map(|d| d.folder.clone()).collect();
        updates.push((i, is_yarn(p), dev, folders));
    }
    drop(by_lock);
    for (i, yarn, dev, folders) in updates {
        let p = &mut packages[i];
        if yarn {
            p.direct = Some(!folders.is_empty());
            p.dev = dev;
        }
        p.declared_by = folders;
    }
}

/// A package.json that declares a name: its folder relative to the
/// lockfile's, the range it asks for, and whether at run time.
struct NpmDeclarer {
    folder: String,
    range: String,
    runtime: bool,
}

type NpmDeclarers = HashMap<String, Vec<NpmDeclarer>>;

fn npm_declarers(dir: &str, found: &Found) -> NpmDeclarers {
    let read = |rel: &str| -> Option<PackageJson> {
        let abs = &found.package_json.iter().find(|(r, _)| r == rel)?.1;
        PackageJson::parse(&crate::find::text(abs).ok()?).ok()
    };
    let mut d = NpmDeclarers::new();
    let Some(root) = read(&under(dir, "package.json")) else {
        return d;
    };
    let mut patterns = root.workspaces.clone();
    let pnpm = under(dir, "pnpm-workspace.yaml");
    if let Some((_, abs)) = found.pnpm_workspace.iter().find(|(r, _)| *r == pnpm)
        && let Ok(text) = crate::find::text(abs)
        && let Ok(globs) = pnpm_workspace_packages(&text)
    {
        patterns.extend(globs);
    }
    let catalogs = crate::yarnrc::Catalogs::read(&found.root.join(dir));
    let mut add = |folder: &str, m: &PackageJson| {
        let (runtime, _) = m.runtime_and_dev();
        for dep in &m.dependencies {
            let range = catalogs.resolve(&dep.name, &dep.range);
            let list = d.entry(dep.name.clone()).or_default();
            // A name in several maps of one manifest (a peer and a dev
            // dependency) is one declarer, at run time if any map is.
            if list.iter().any(|x| x.folder == folder && x.range == range) {
                continue;
            }
            list.push(NpmDeclarer {
                folder: folder.to_string(),
                range,
                runtime: runtime.contains(&dep.name),
            });
        }
    };
    add("", &root);
    let folders: Vec<&str> = found
        .package_json
        .iter()
        .filter_map(|(rel, _)| below(dir, parent(rel)))
        .collect();
    for member in workspace_members(&patterns, folders) {
        if let Some(m) = read(&under(&under(dir, member), "package.json")) {
            add(member, &m);
        }
    }
    d
}

/// Parsers give `declared_by` relative to the lockfile's folder, or leave
/// it empty; here it becomes relative to the root (`.` for the root), and
/// a direct package nobody named is declared by its lockfile's folder.
pub fn fill_declared_by(packages: &mut [Package]) {
    for p in packages.iter_mut() {
        let dir = parent(&p.source);
        if p.declared_by.is_empty() {
            if p.direct == Some(true) {
                p.declared_by.push(dir.to_string());
            }
        } else if !dir.is_empty() {
            for f in p.declared_by.iter_mut() {
                *f = under(dir, f);
            }
        }
        for f in p.declared_by.iter_mut() {
            if f.is_empty() {
                *f = ".".to_string();
            }
        }
        p.declared_by.sort();
        p.declared_by.dedup();
    }
}

/// The tree's own packages by the names their manifests give them: npm
/// projects beside a lockfile and their workspace members (not every
/// package.json: test fixtures and templates are named after anything),
/// Cargo packages, Python projects.
pub fn local_packages(found: &Found) -> Vec<(Ecosystem, String)> {
    let mut out = Vec::new();
    let text = |abs: &PathBuf| crate::find::text(abs).unwrap_or_default();
    let npm_roots: HashSet<&str> = found
        .lockfiles
        .iter()
        .filter(|(_, _, f)| f.ecosystem == Ecosystem::Npm)
        .map(|(r, _, _)| parent(r))
        .collect();
    let manifests: HashMap<&str, PackageJson> = found
        .package_json
        .iter()
        .filter_map(|(rel, abs)| Some((parent(rel), PackageJson::parse(&text(abs)).ok()?)))
        .collect();
    let folders: Vec<&str> = manifests.keys().copied().collect();
    for (dir, m) in &manifests {
        if !npm_roots.contains(dir) && m.workspaces.is_empty() {
            continue;
        }
        out.extend(m.name.iter().map(|n| (Ecosystem::Npm, n.clone())));
        let inside = folders.iter().filter_map(|f| below(dir, f));
        for member in workspace_members(&m.workspaces, inside) {
            if let Some(name) = manifests
                .get(under(dir, member).as_str())
                .and_then(|m| m.name.as_ref())
            {
                out.push((Ecosystem::Npm, name.clone()));
            }
        }
    }
    for (_, abs) in &found.cargo {
        if let Ok(Some(name)) = CargoManifest::parse(&text(abs)).map(|m| m.package) {
            out.push((Ecosystem::Cargo, name));
        }
    }
    for (_, abs) in &found.pyproject {
        if let Ok(Some(name)) = Pyproject::parse(&text(abs)).map(|p| p.name) {
            out.push((Ecosystem::Pypi, techlead_project::pep503(&name)));
        }
    }
    out.sort();
    out.dedup();
    out
}
