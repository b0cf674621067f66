//! Dependency risk from the network, only when asked (`--online`): for
//! every package version, what its registry says (newest release, how far
//! behind, yanked, deprecated, last release, license) and which known
//! vulnerabilities OSV lists for it.
//!
//! Requests run on a bounded pool of threads ([`pool`]); registry
//! documents are fetched once per package name, OSV is asked in batches
//! per ecosystem. Answers are kept in `.techlead/cache` ([`cache`]) for a
//! time to live; a run within it asks nothing again. A service that
//! cannot be reached is a note and an unknown, never a wrong answer: an
//! expired cached answer (at most [`MAX_STALE_DAYS`] old) is used instead
//! when there is one, and the note says so.

pub mod cache;
pub mod entry;
pub(crate) mod http;
pub mod osv;
pub mod pool;
pub mod registry;

use crate::{Ecosystem, Package};
use cache::{Key, Stamped, Store};
use osv::{Advisory, Query};
use registry::RegistryInfo;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use techlead_core::cache::Pending;

/// Cached answers older than this are dropped, even as a fallback.
pub const MAX_STALE_DAYS: u64 = 30;

/// The default time to live of cached answers, in hours.
pub const DEFAULT_TTL_HOURS: u64 = 24;

/// Where the services are: each address can be replaced through an
/// environment variable (`TECHLEAD_REGISTRY_CRATES`,
/// `TECHLEAD_REGISTRY_NPM`, `TECHLEAD_REGISTRY_PYPI`, `TECHLEAD_OSV_URL`),
/// for a mirror or a test server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub crates: String,
    pub npm: String,
    pub pypi: String,
    pub osv: String,
}

impl Default for Endpoints {
    fn default() -> Self {
        Endpoints {
            crates: "https://crates.io".into(),
            npm: "https://registry.npmjs.org".into(),
            pypi: "https://pypi.org".into(),
            osv: "https://api.osv.dev".into(),
        }
    }
}

impl Endpoints {
    pub fn from_env() -> Endpoints {
        let d = Endpoints::default();
        let var = |name: &str, default: String| std::env::var(name).unwrap_or(default);
        Endpoints {
            crates: var("TECHLEAD_REGISTRY_CRATES", d.crates),
            npm: var("TECHLEAD_REGISTRY_NPM", d.npm),
            pypi: var("TECHLEAD_REGISTRY_PYPI", d.pypi),
            osv: var("TECHLEAD_OSV_URL", d.osv),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Read and write `.techlead/cache` (not with `--no-cache`).
    pub use_cache: bool,
    /// Seconds an answer stays fresh.
    pub ttl_secs: u64,
    /// Now, in Unix seconds.
    pub now: u64,
    pub endpoints: Endpoints,
    /// How long one request may take.
    pub timeout: std::time::Duration,
}

impl Options {
    /// The clock's now, the addresses and timeout of the environment
    /// (`TECHLEAD_ONLINE_TIMEOUT`, seconds), with `ttl_hours`.
    pub fn new(use_cache: bool, ttl_hours: u64) -> Options {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Options {
            use_cache,
            ttl_secs: ttl_hours.saturating_mul(3600),
            now,
            endpoints: Endpoints::from_env(),
            timeout: http::timeout_from_env(),
        }
    }
}

/// What is known of one package version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    /// None: no registry client for the ecosystem (Go, Maven, RubyGems,
    /// Packagist); Err: why the registry could not be read.
    pub registry: Option<Result<RegistryInfo, String>>,
    /// Err: why they are unknown (a version range, OSV not reached).
    pub vulnerabilities: Result<Vec<Advisory>, String>,
}

/// The answers for a set of packages.
#[derive(Debug, Default)]
pub struct Assessment {
    pub risks: HashMap<Key, Risk>,
    /// What could not be read, and stale answers used: for people.
    pub notes: Vec<String>,
    /// The updated cache, to write once the command succeeded.
    pub cache: Option<Pending>,
    /// Answers taken from the cache, fetched now, and failed.
    pub from_cache: usize,
    pub fetched: usize,
    pub failed: usize,
}

impl Assessment {
    pub fn get(&self, p: &Package) -> Option<&Risk> {
        self.risks
            .get(&(p.ecosystem, p.name.clone(), p.version.clone()))
    }
}

/// Fresh, usable as a fallback, or too old.
fn age(opts: &Options, at: u64) -> (bool, bool) {
    let old = opts.now.saturating_sub(at);
    (old <= opts.ttl_secs, old <= MAX_STALE_DAYS * 86_400)
}

/// Asks the registries and OSV about every package version (each once).
pub fn assess(root: &Path, packages: &[&Package], opts: &Options) -> Assessment {
    let store = if opts.use_cache {
        Store::load(root)
    } else {
        Store::default()
    };
    let keys: BTreeSet<Key> = packages
        .iter()
        .map(|p| (p.ecosystem, p.name.clone(), p.version.clone()))
        .collect();
    let mut out = Assessment::default();
    let mut next = Store::default();
    let client = http::Client::new(opts.timeout);
    let registry = registry_answers(&client, &keys, &store, &mut next, opts, &mut out);
    let vulnerabilities = osv_answers(&client, &keys, &store, &mut next, opts, &mut out);
    for k in keys {
        let r = Risk {
            registry: registry.get(&k).cloned().flatten(),
            vulnerabilities: vulnerabilities
                .get(&k)
                .cloned()
                .unwrap_or_else(|| Err("not asked".to_string())),
        };
        out.risks.insert(k, r);
    }
    if opts.use_cache {
        // Keep what other runs asked about (radar evaluate asks about a
        // few packages) as long as it may serve as a fallback.
        let keep = |at: u64| age(opts, at).1;
        for (k, v) in store.registry {
            if keep(v.at) {
                next.registry.entry(k).or_insert(v);
            }
        }
        for (k, v) in store.osv {
            if keep(v.at) {
                next.osv.entry(k).or_insert(v);
            }
        }
        for (k, v) in store.vulns {
            if keep(v.at) {
                next.vulns.entry(k).or_insert(v);
            }
        }
        out.cache = Some(Pending::new(root, cache::NAME, next.encode()));
    }
    out
}

/// A note for failures of one service: how many, and the first reason.
fn failure_note(out: &mut Assessment, what: &str, unit: &str, errors: &[String], stale: usize) {
    if errors.is_empty() && stale == 0 {
        return;
    }
    let mut note = String::new();
    if !errors.is_empty() {
        note = format!(
            "{what} not read for {} ({}): {}",
            techlead_core::words::count(errors.len() as u64, unit),
            "shown as unknown",
            errors[0]
        );
    }
    if stale > 0 {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str(&format!(
            "{what}: {} from the cache, older than its time to live, because the service was not reached",
            techlead_core::words::count(stale as u64, "answer")
        ));
    }
    out.notes.push(format!("warning: {note}"));
}

fn registry_answers(
    client: &http::Client,
    keys: &BTreeSet<Key>,
    store: &Store,
    next: &mut Store,
    opts: &Options,
    out: &mut Assessment,
) -> HashMap<Key, Option<Result<RegistryInfo, String>>> {
    let cached = |k: &Key| store.registry.get(k).filter(|s| age(opts, s.at).0);
    let names: BTreeSet<(Ecosystem, String)> = keys
        .iter()
        .filter(|k| registry::has_client(k.0) && cached(k).is_none())
        .map(|k| (k.0, k.1.clone()))
        .collect();
    let names: Vec<(Ecosystem, String)> = names.into_iter().collect();
    let fetched = pool::map(&names, pool::THREADS, |(e, n)| {
        registry::fetch(client, &opts.endpoints, *e, n).unwrap_or_else(|| Err("no registry".into()))
    });
    let by_name: HashMap<(Ecosystem, String), Result<registry::Releases, String>> =
        names.into_iter().zip(fetched).collect();
    let mut answers = HashMap::new();
    let (mut errors, mut stale) = (Vec::new(), 0);
    for k in keys {
        if !registry::has_client(k.0) {
            answers.insert(k.clone(), None);
            continue;
        }
        if let Some(c) = cached(k) {
            out.from_cache += 1;
            next.registry.insert(k.clone(), c.clone());
            answers.insert(k.clone(), Some(Ok(c.value.clone())));
            continue;
        }
        let answer = match by_name.get(&(k.0, k.1.clone())) {
            Some(Ok(releases)) => {
                out.fetched += 1;
                let info = releases.info(&k.2);
                next.registry.insert(
                    k.clone(),
                    Stamped {
                        at: opts.now,
                        value: info.clone(),
                    },
                );
                Ok(info)
            }
            Some(Err(e)) => match store.registry.get(k).filter(|s| age(opts, s.at).1) {
                Some(old) => {
                    stale += 1;
                    Ok(old.value.clone())
                }
                None => {
                    out.failed += 1;
                    errors.push(e.clone());
                    Err(e.clone())
                }
            },
            None => Err("not asked".to_string()),
        };
        answers.insert(k.clone(), Some(answer));
    }
    failure_note(out, "registry metadata", "package", &errors, stale);
    answers
}

fn osv_answers(
    client: &http::Client,
    keys: &BTreeSet<Key>,
    store: &Store,
    next: &mut Store,
    opts: &Options,
    out: &mut Assessment,
) -> HashMap<Key, Result<Vec<Advisory>, String>> {
    let fresh = |at: u64| age(opts, at).0;
    let usable = |at: u64| age(opts, at).1;
    // Which advisory ids each version has: cached, else asked in batches.
    let mut ids: HashMap<Key, Result<Vec<String>, String>> = HashMap::new();
    let mut ask: BTreeMap<Ecosystem, Vec<(Key, Query)>> = BTreeMap::new();
    for k in keys {
        let Some(version) = osv::query_version(k.0, &k.2) else {
            let why = if k.2.is_empty() {
                "no version".to_string()
            } else {
                format!("`{}` is a range, not one release", k.2)
            };
            ids.insert(k.clone(), Err(why));
            continue;
        };
        match store.osv.get(k).filter(|s| fresh(s.at)) {
            Some(c) => {
                out.from_cache += 1;
                next.osv.insert(k.clone(), c.clone());
                ids.insert(k.clone(), Ok(c.value.clone()));
            }
            None => ask.entry(k.0).or_default().push((
                k.clone(),
                Query {
                    ecosystem: k.0,
                    name: k.1.clone(),
                    version,
                },
            )),
        }
    }
    let batches: Vec<&[(Key, Query)]> = ask
        .values()
        .flat_map(|list| list.chunks(osv::BATCH))
        .collect();
    let answers = pool::map(&batches, 4, |batch| {
        let queries: Vec<Query> = batch.iter().map(|(_, q)| q.clone()).collect();
        osv::query_batch(client, &opts.endpoints.osv, &queries)
    });
    let (mut errors, mut stale) = (Vec::new(), 0);
    for (batch, answer) in batches.iter().zip(answers) {
        match answer {
            Ok(found) => {
                for ((k, _), list) in batch.iter().zip(found) {
                    out.fetched += 1;
                    next.osv.insert(
                        k.clone(),
                        Stamped {
                            at: opts.now,
                            value: list.clone(),
                        },
                    );
                    ids.insert(k.clone(), Ok(list));
                }
            }
            Err(e) => {
                for (k, _) in batch.iter() {
                    match store.osv.get(k).filter(|s| usable(s.at)) {
                        Some(old) => {
                            stale += 1;
                            ids.insert(k.clone(), Ok(old.value.clone()));
                        }
                        None => {
                            out.failed += 1;
                            errors.push(e.clone());
                            ids.insert(k.clone(), Err(e.clone()));
                        }
                    }
                }
            }
        }
    }
    failure_note(out, "vulnerabilities (OSV)", "package", &errors, stale);
    // The details of every advisory found, each once.
    let wanted: BTreeSet<&String> = ids.values().flatten().flatten().collect();
    let mut vulns: HashMap<String, osv::Vuln> = HashMap::new();
    let mut missing: Vec<String> = Vec::new();
    for id in wanted {
        match store.vulns.get(id).filter(|s| fresh(s.at)) {
            Some(c) => {
                next.vulns.insert(id.clone(), c.clone());
                vulns.insert(id.clone(), c.value.clone());
            }
            None => missing.push(id.clone()),
        }
    }
    let details = pool::map(&missing, pool::THREADS, |id| {
        osv::details(client, &opts.endpoints.osv, id)
    });
    let (mut errors, mut stale) = (Vec::new(), 0);
    for (id, d) in missing.into_iter().zip(details) {
        match d {
            Ok(v) => {
                next.vulns.insert(
                    id.clone(),
                    Stamped {
                        at: opts.now,
                        value: v.clone(),
                    },
                );
                vulns.insert(id, v);
            }
            Err(e) => match store.vulns.get(&id).filter(|s| usable(s.at)) {
                Some(old) => {
                    stale += 1;
                    vulns.insert(id, old.value.clone());
                }
                // Known vulnerable all the same: the id without details.
                None => {
                    errors.push(e);
                    vulns.insert(
                        id.clone(),
                        osv::Vuln {
                            id,
                            ..osv::Vuln::default()
                        },
                    );
                }
            },
        }
    }
    if !errors.is_empty() || stale > 0 {
        failure_note(out, "advisory details (OSV)", "advisory", &errors, stale);
    }
    ids.into_iter()
        .map(|(k, found)| {
            let advisories = found.map(|list| {
                let mut a: Vec<Advisory> = list
                    .iter()
                    .filter_map(|id| vulns.get(id))
                    .map(|v| v.advisory(k.0, &k.1))
                    .collect();
                a.sort();
                a
            });
            (k, advisories)
        })
        .collect()
}

#[cfg(test)]
mod tests;
