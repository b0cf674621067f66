//! `.techlead/cache/deps-online.bin`: what the registries and OSV said,
//! with when they said it, so that a second run within the time to live
//! asks nothing, and a run whose services cannot be reached can still use
//! an older answer (saying how old). Written with the kernel's codec and
//! checksum; a damaged file or one from another techlead build is no cache.

use super::osv::Vuln;
use super::registry::RegistryInfo;
use crate::Ecosystem;
use std::collections::HashMap;
use std::path::Path;
use techlead_core::cache::{Reader, Writer};

pub const NAME: &str = "deps-online.bin";
const MAGIC: &str = "techlead deps-online 1";

/// An answer and when it was fetched (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped<T> {
    pub at: u64,
    pub value: T,
}

/// (ecosystem, name, version).
pub type Key = (Ecosystem, String, String);

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Store {
    pub registry: HashMap<Key, Stamped<RegistryInfo>>,
    /// The advisory ids OSV gave for each package version.
    pub osv: HashMap<Key, Stamped<Vec<String>>>,
    pub vulns: HashMap<String, Stamped<Vuln>>,
}

const ECOSYSTEMS: [Ecosystem; 7] = [
    Ecosystem::Cargo,
    Ecosystem::Go,
    Ecosystem::Maven,
    Ecosystem::Npm,
    Ecosystem::Packagist,
    Ecosystem::Pypi,
    Ecosystem::Rubygems,
];

fn eco_code(e: Ecosystem) -> u8 {
    ECOSYSTEMS.iter().position(|x| *x == e).unwrap_or(0) as u8
}

fn strings(w: &mut Writer, list: &[String]) {
    w.u32(list.len() as u32);
    for s in list {
        w.str(s);
    }
}

fn read_strings(r: &mut Reader) -> Option<Vec<String>> {
    let n = r.u32()? as usize;
    let mut out = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        out.push(r.str()?.to_string());
    }
    Some(out)
}

fn key(w: &mut Writer, k: &Key, at: u64) {
    w.u8(eco_code(k.0));
    w.str(&k.1);
    w.str(&k.2);
    w.u64(at);
}

fn read_key(r: &mut Reader) -> Option<(Key, u64)> {
    let eco = *ECOSYSTEMS.get(r.u8()? as usize)?;
    Some(((eco, r.str()?.to_string(), r.str()?.to_string()), r.u64()?))
}

impl Store {
    /// The cache of `root`, or an empty one.
    pub fn load(root: &Path) -> Store {
        techlead_core::cache::load(root, NAME)
            .and_then(|b| Store::decode(&b))
            .unwrap_or_default()
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.str(MAGIC);
        // Sorted, so that the same answers give the same bytes.
        let mut registry: Vec<_> = self.registry.iter().collect();
        registry.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(registry.len() as u32);
        for (k, s) in registry {
            key(&mut w, k, s.at);
            let i = &s.value;
            for field in [&i.released, &i.latest, &i.latest_released, &i.last_release]
                .into_iter()
                .chain([&i.yanked, &i.deprecated, &i.license])
            {
                w.opt_str(field.as_deref());
            }
            w.u32(i.behind as u32);
            w.u32(i.majors_behind as u32);
        }
        let mut osv: Vec<_> = self.osv.iter().collect();
        osv.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(osv.len() as u32);
        for (k, s) in osv {
            key(&mut w, k, s.at);
            strings(&mut w, &s.value);
        }
        let mut vulns: Vec<_> = self.vulns.iter().collect();
        vulns.sort_by(|a, b| a.0.cmp(b.0));
        w.u32(vulns.len() as u32);
        for (id, s) in vulns {
            w.str(id);
            w.u64(s.at);
            w.opt_str(s.value.summary.as_deref());
            strings(&mut w, &s.value.aliases);
            w.opt_str(s.value.severity.as_deref());
            w.u32(s.value.fixed.len() as u32);
            for (eco, name, fixed) in &s.value.fixed {
                w.str(eco);
                w.str(name);
                strings(&mut w, fixed);
            }
        }
        w.out
    }

    pub fn decode(b: &[u8]) -> Option<Store> {
        let mut r = Reader::new(b);
        if r.str()? != MAGIC {
            return None;
        }
        let mut store = Store::default();
        for _ in 0..r.u32()? {
            let (k, at) = read_key(&mut r)?;
            let mut f = || -> Option<Option<String>> { Some(r.opt_str()?.map(String::from)) };
            let (released, latest, latest_released, last_release) = (f()?, f()?, f()?, f()?);
            let (yanked, deprecated, license) = (f()?, f()?, f()?);
            let value = RegistryInfo {
                released,
                latest,
                latest_released,
                last_release,
                yanked,
                deprecated,
                license,
                behind: r.u32()? as usize,
                majors_behind: r.u32()? as usize,
            };
            store.registry.insert(k, Stamped { at, value });
        }
        for _ in 0..r.u32()? {
            let (k, at) = read_key(&mut r)?;
            let value = read_strings(&mut r)?;
            store.osv.insert(k, Stamped { at, value });
        }
        for _ in 0..r.u32()? {
            let id = r.str()?.to_string();
            let at = r.u64()?;
            let summary = r.opt_str()?.map(String::from);
            let aliases = read_strings(&mut r)?;
            let severity = r.opt_str()?.map(String::from);
            let mut fixed = Vec::new();
            for _ in 0..r.u32()? {
                let eco = r.str()?.to_string();
                let name = r.str()?.to_string();
                fixed.push((eco, name, read_strings(&mut r)?));
            }
            let value = Vuln {
                id: id.clone(),
                summary,
                aliases,
                severity,
                fixed,
            };
            store.vulns.insert(id, Stamped { at, value });
        }
        r.at_end().then_some(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut s = Store::default();
        let k: Key = (Ecosystem::Npm, "@babel/core".into(), "7.24.5".into());
        s.registry.insert(
            k.clone(),
            Stamped {
                at: 1_700_000_000,
                value: RegistryInfo {
                    released: Some("2024-04-29".into()),
                    latest: Some("7.26.0".into()),
                    behind: 12,
                    majors_behind: 1,
                    yanked: Some(String::new()),
                    ..RegistryInfo::default()
                },
            },
        );
        s.osv.insert(
            k,
            Stamped {
                at: 5,
                value: vec!["GHSA-1".into()],
            },
        );
        s.vulns.insert(
            "GHSA-1".into(),
            Stamped {
                at: 6,
                value: Vuln {
                    id: "GHSA-1".into(),
                    summary: Some("bad".into()),
                    aliases: vec!["CVE-1".into()],
                    severity: None,
                    fixed: vec![("npm".into(), "@babel/core".into(), vec!["7.25.0".into()])],
                },
            },
        );
        let bytes = s.encode();
        assert_eq!(Store::decode(&bytes), Some(s.clone()));
        assert_eq!(bytes, s.clone().encode(), "the same store, the same bytes");
        for cut in 0..bytes.len() {
            assert_eq!(Store::decode(&bytes[..cut]), None, "cut at {cut}");
        }
    }
}
