//! Architecture fit: deployable units against the people who work on
//! them. A unit is a Dockerfile with its own build context (one per
//! folder), a Kubernetes Deployment or StatefulSet, a serverless
//! function, a compose service built from this repository, or a platform
//! app (fly.toml, vercel.json, Procfile, app.yaml) in its own folder, or
//! a workspace package a CI step deploys by its folder; the same name
//! found twice is one unit. More units than active engineers,
//! or one per engineer, is more architecture than the team can carry:
//! start with a modular monolith, and split when team and load require it.

use crate::checks::count;
use crate::checks::pinned::{dockerfile, example};
use crate::facts::Facts;
use crate::model::{Deployable, Fit};

fn folder_name(path: &str) -> String {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let leaf = dir.rsplit('/').next().unwrap_or(dir);
    // `services/cart/Dockerfile` is `cart`; one at the root is `(root)`.
    if leaf.is_empty()
        || matches!(
            leaf,
            "docker" | "deploy" | "deployment" | "build" | "src" | "container" | "image"
        )
    {
        dir.split('/')
            .rev()
            .nth(1)
            .filter(|s| !s.is_empty())
            .unwrap_or("(root)")
            .to_string()
    } else {
        leaf.to_string()
    }
}

fn add(units: &mut Vec<Deployable>, name: String, kind: &'static str, at: String) {
    let key = name.to_ascii_lowercase();
    if !units.iter().any(|u| u.name.to_ascii_lowercase() == key) {
        units.push(Deployable { name, kind, at });
    }
}

/// Whether a Dockerfile sits below the folder of another one (not the
/// root's): `src/checkout/genproto/Dockerfile` builds code for the
/// checkout service, it is not a unit of its own.
fn nested(path: &str, dockerfiles: &[&str]) -> bool {
    let dir = |p: &str| {
        p.rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    };
    let own = dir(path);
    dockerfiles.iter().any(|other| {
        let d = dir(other);
        !d.is_empty() && d != own && own.starts_with(&format!("{d}/"))
    })
}

/// Every deployable unit in the tree.
pub fn deployables(f: &Facts) -> Vec<Deployable> {
    let mut units = Vec::new();
    let d = f.deploy();
    let dockerfiles: Vec<&str> = d
        .files
        .iter()
        .filter(|(p, _, w)| *w == "Dockerfile" && dockerfile(p))
        .map(|(p, _, _)| p.as_str())
        .collect();
    for (path, line, what) in &d.files {
        let at = match line {
            Some(l) => format!("{path}:{l}"),
            None => path.clone(),
        };
        match *what {
            "Dockerfile" if dockerfile(path) && !nested(path, &dockerfiles) => {
                add(&mut units, folder_name(path), "dockerfile", at)
            }
            "Kubernetes" => {
                for (name, line) in k8s_workloads(f, path) {
                    add(&mut units, name, "kubernetes", format!("{path}:{line}"));
                }
            }
            "Compose" => {
                for (name, line) in compose_built(f, path) {
                    add(&mut units, name, "compose", format!("{path}:{line}"));
                }
            }
            "Serverless Framework" => {
                for (name, line) in serverless_functions(f, path) {
                    add(
                        &mut units,
                        format!("function {name}"),
                        "serverless",
                        format!("{path}:{line}"),
                    );
                }
            }
            "Fly.io" | "Vercel" | "Procfile" | "Google App Engine" | "Render" | "Railway"
            | "Heroku" | "Cloudflare Workers" | "AWS App Runner" => {
                add(&mut units, folder_name(path), "platform", at)
            }
            _ => {}
        }
    }
    for (name, at) in deploy_jobs(f) {
        add(&mut units, name, "deploy-job", at);
    }
    units
}

/// Manifests that make a folder a workspace package.
const MANIFESTS: &[&str] = &[
    "package.json",
    "Cargo.toml",
    "pyproject.toml",
    "go.mod",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "Gemfile",
    "composer.json",
];

/// Workspace packages that a CI step deploys on their own, by the folder
/// the deploy command names on its line: `cd apps/api && fly deploy`,
/// `vercel deploy apps/web --prod`, `fly deploy --config apps/api/fly.toml`.
fn deploy_jobs(f: &Facts) -> Vec<(String, String)> {
    let mut packages: Vec<&str> = f
        .files()
        .iter()
        .filter(|p| !example(p))
        .filter_map(|p| {
            let (dir, name) = p.rsplit_once('/')?;
            MANIFESTS.contains(&name).then_some(dir)
        })
        .collect();
    // The deepest folder first: `apps/api/worker` before `apps/api`.
    packages.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let mut out = Vec::new();
    for (line, cmd) in f.ci.commands() {
        if !crate::checks::deploys(cmd.tool(), &cmd.subcommands(3), cmd.args()) {
            continue;
        }
        let named = line.text.split_whitespace().find_map(|w| {
            let w = w
                .trim_matches(['"', '\'', ',', ';', '(', ')'])
                .trim_start_matches("./");
            let w = w.split_once('=').map_or(w, |(_, v)| v);
            packages
                .iter()
                .find(|d| w == **d || w.starts_with(&format!("{d}/")))
        });
        if let Some(dir) = named {
            let at = format!("{}:{}", line.path, line.line);
            out.push((folder_name(&format!("{dir}/x")), at));
        }
    }
    out
}

/// Deployments and StatefulSets of a Kubernetes file, by name.
fn k8s_workloads(f: &Facts, path: &str) -> Vec<(String, u32)> {
    let text = f.read(path).unwrap_or_default();
    let mut out = Vec::new();
    let mut workload: Option<u32> = None;
    let mut in_metadata = false;
    for (i, l) in text.lines().enumerate() {
        if l.starts_with("---") {
            workload = None;
            in_metadata = false;
        }
        if let Some(k) = l.strip_prefix("kind:") {
            let k = k.trim();
            workload = matches!(k, "Deployment" | "StatefulSet" | "DaemonSet" | "Rollout")
                .then_some(i as u32 + 1);
        }
        if l.starts_with("metadata:") {
            in_metadata = true;
        } else if in_metadata && !l.starts_with(' ') && !l.trim().is_empty() {
            in_metadata = false;
        }
        if let (Some(at), true) = (workload, in_metadata)
            && let Some(n) = l.strip_prefix("  name:")
        {
            let n = n.trim().trim_matches(['"', '\'']);
            let name = if n.contains("{{") {
                folder_name(path)
            } else {
                n.to_string()
            };
            out.push((name, at));
            workload = None;
        }
    }
    out
}

/// Services of a compose file that are built from this repository.
fn compose_built(f: &Facts, path: &str) -> Vec<(String, u32)> {
    let Some(text) = f.read(path) else {
        return Vec::new();
    };
    let Ok(doc) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let Some(services) = doc["services"].as_object() else {
        return Vec::new();
    };
    services
        .iter()
        .filter(|(_, s)| !s["build"].is_null())
        .map(|(name, _)| {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("{name}:")))
                .map_or(1, |i| i as u32 + 1);
            (name.clone(), line)
        })
        .collect()
}

/// Functions of a serverless.yml.
fn serverless_functions(f: &Facts, path: &str) -> Vec<(String, u32)> {
    let Some(text) = f.read(path) else {
        return Vec::new();
    };
    let Ok(doc) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    doc["functions"]
        .as_object()
        .map(|fns| {
            fns.keys()
                .map(|name| {
                    let line = text
                        .lines()
                        .position(|l| l.trim_start().starts_with(&format!("{name}:")))
                        .map_or(1, |i| i as u32 + 1);
                    (name.clone(), line)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The day of the newest commit by a person (bots left out), YYYY-MM-DD.
fn last_commit(f: &Facts) -> Option<String> {
    f.history?
        .commits
        .iter()
        .filter(|c| !c.author.bot)
        .map(|c| c.author.time)
        .max()
        .map(|t| crate::duration::date_of(t).to_string())
}

pub fn fit(f: &Facts) -> Fit {
    let units: Vec<Deployable> = deployables(f)
        .into_iter()
        .filter(|u| !example(&u.at))
        .collect();
    let days = f.window_days;
    let active = f.history.map(|_| f.active_people(f.since, i64::MAX).len());
    let n = units.len();
    let per = active
        .filter(|a| *a > 0)
        .map(|a| ((n as f64 / a as f64) * 100.0).round() / 100.0);
    let outpaces = active.is_some_and(|a| n >= 2 && n >= a);
    let verdict = match active {
        None => format!(
            "{}; active contributors not known: history not read",
            count(n, "deployable unit")
        ),
        // A dormant repository: nobody to compare with, and saying "0 for
        // 0" would read as a finding.
        Some(0) if last_commit(f).is_some() => format!(
            "{}; no commit in the last {} (the last on {}): the team's fit cannot be judged from activity",
            count(n, "deployable unit"),
            count(days as usize, "day"),
            last_commit(f).unwrap_or_default()
        ),
        Some(a) if outpaces => format!(
            "{} for {} in the last {}: more architecture than the team can carry",
            count(n, "deployable unit"),
            count(a, "active contributor"),
            count(days as usize, "day")
        ),
        Some(a) => format!(
            "{} for {} in the last {}",
            count(n, "deployable unit"),
            count(a, "active contributor"),
            count(days as usize, "day")
        ),
    };
    Fit {
        deployables: units,
        active_contributors: active,
        window_days: days,
        per_contributor: per,
        outpaces_team: outpaces,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nested_dockerfiles_belong_to_their_unit() {
        let all = [
            "Dockerfile",
            "src/checkout/Dockerfile",
            "src/checkout/genproto/Dockerfile",
            "src/cart/src/Dockerfile",
        ];
        assert!(super::nested("src/checkout/genproto/Dockerfile", &all));
        assert!(!super::nested("src/checkout/Dockerfile", &all));
        // The root's Dockerfile swallows nobody.
        assert!(!super::nested("src/cart/src/Dockerfile", &all));
        assert_eq!(super::folder_name("src/cart/src/Dockerfile"), "cart");
    }
}
