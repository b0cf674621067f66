//! Dependency risk in numbers, per ecosystem: what a report shows next to
//! the code's other risks. Counts are of distinct package versions (one
//! in two lockfiles counts once). A count that needs answers not asked
//! (offline) or a policy not configured is None, never 0; packages whose
//! online answers could not be read are counted apart.

use crate::license::policy::{Policy, Verdict};
use crate::online::Assessment;
use crate::{Ecosystem, Package};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EcosystemRisk {
    pub ecosystem: String,
    /// Distinct package versions.
    pub packages: usize,
    /// Declared by a project in the tree.
    pub direct: usize,
    /// Only needed for development.
    pub dev: usize,
    /// With known vulnerabilities; None offline, and when OSV answered
    /// for none of them.
    pub vulnerable: Option<usize>,
    /// `[deps] outdated_majors` or more major versions behind; None
    /// offline, and when no registry answered for any of them.
    pub outdated_major: Option<usize>,
    /// Yanked from the registry; None as `outdated_major`.
    pub yanked: Option<usize>,
    /// Online, the packages some answer could not be read for (so the
    /// three counts above may miss them).
    pub not_assessed: Option<usize>,
    /// Online, the package versions OSV gave no answer for: `vulnerable`
    /// may miss them.
    pub vulnerabilities_unknown: Option<usize>,
    /// Online, the package versions no registry answered for (not read,
    /// or an ecosystem techlead asks no registry of): `outdated_major`
    /// and `yanked` may miss them.
    pub registry_unknown: Option<usize>,
    /// No license found, or one that is not an SPDX expression.
    pub unknown_license: usize,
    /// Refused by `[deps]` deny or allow lists; None without a policy.
    pub denied_license: Option<usize>,
}

/// The risk of every ecosystem in the inventory, in name order.
pub fn summarize(
    packages: &[Package],
    policy: &Policy,
    online: Option<&Assessment>,
    outdated_majors: u32,
) -> Vec<EcosystemRisk> {
    let versions = distinct_versions(packages);
    // Few license expressions, judged once each (a lockfile of 100,000
    // packages names a handful).
    let mut verdicts: HashMap<Option<&str>, Verdict> = HashMap::new();
    let mut out: BTreeMap<Ecosystem, EcosystemRisk> = BTreeMap::new();
    let mut seen_unassessed: BTreeSet<(Ecosystem, &str, &str)> = BTreeSet::new();
    for (key, all) in &versions {
        let e = out.entry(key.0).or_insert_with(|| EcosystemRisk {
            ecosystem: key.0.as_str().to_string(),
            vulnerable: online.map(|_| 0),
            outdated_major: online.map(|_| 0),
            yanked: online.map(|_| 0),
            not_assessed: online.map(|_| 0),
            vulnerabilities_unknown: online.map(|_| 0),
            registry_unknown: online.map(|_| 0),
            denied_license: (!policy.is_empty()).then_some(0),
            ..EcosystemRisk::default()
        });
        e.packages += 1;
        if all.iter().any(|p| p.direct == Some(true)) {
            e.direct += 1;
        }
        if all.iter().all(|p| p.dev == Some(true)) {
            e.dev += 1;
        }
        let license = all.iter().find_map(|p| p.license.as_ref());
        let verdict = verdicts
            .entry(license.and_then(|l| l.spdx.as_deref()))
            .or_insert_with(|| policy.judge(license));
        match verdict {
            Verdict::Unknown => e.unknown_license += 1,
            Verdict::Refused(_) => {
                if let Some(d) = e.denied_license.as_mut() {
                    *d += 1;
                }
            }
            Verdict::Accepted => {}
        }
        let bump = |c: &mut Option<usize>| {
            if let Some(n) = c.as_mut() {
                *n += 1;
            }
        };
        let Some(risk) = online.and_then(|a| a.get(all[0])) else {
            // Online, but nothing asked for it: both unknown.
            bump(&mut e.vulnerabilities_unknown);
            bump(&mut e.registry_unknown);
            continue;
        };
        match &risk.vulnerabilities {
            Ok(v) if !v.is_empty() => bump(&mut e.vulnerable),
            Ok(_) => {}
            Err(_) => {
                bump(&mut e.vulnerabilities_unknown);
                if seen_unassessed.insert(*key) {
                    bump(&mut e.not_assessed);
                }
            }
        }
        match &risk.registry {
            Some(Ok(info)) => {
                if info.majors_behind >= outdated_majors.max(1) as usize {
                    bump(&mut e.outdated_major);
                }
                if info.yanked.is_some() {
                    bump(&mut e.yanked);
                }
            }
            Some(Err(_)) => {
                bump(&mut e.registry_unknown);
                if seen_unassessed.insert(*key) {
                    bump(&mut e.not_assessed);
                }
            }
            None => bump(&mut e.registry_unknown),
        }
    }
    // A count no answer went into is unknown, not 0.
    for e in out.values_mut() {
        if e.vulnerabilities_unknown == Some(e.packages) {
            e.vulnerable = None;
        }
        if e.registry_unknown == Some(e.packages) {
            e.outdated_major = None;
            e.yanked = None;
        }
    }
    out.into_values().collect()
}

/// The headline counts of an inventory, as the report and the `deps.*`
/// metrics define them: a package listed by two lockfiles counts once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Distinct (ecosystem, name, version).
    pub packages: usize,
    /// Distinct (ecosystem, name) that a project in the tree declares.
    pub direct: usize,
    /// Entries read: one per package per lockfile or manifest.
    pub entries: usize,
}

pub fn counts(packages: &[Package]) -> Counts {
    let versions: BTreeSet<VersionKey> = packages
        .iter()
        .map(|p| (p.ecosystem, p.name.as_str(), p.version.as_str()))
        .collect();
    let direct: BTreeSet<(Ecosystem, &str)> = packages
        .iter()
        .filter(|p| p.direct == Some(true))
        .map(|p| (p.ecosystem, p.name.as_str()))
        .collect();
    Counts {
        packages: versions.len(),
        direct: direct.len(),
        entries: packages.len(),
    }
}

type VersionKey<'a> = (Ecosystem, &'a str, &'a str);

/// One entry per distinct version, merging its occurrences, in key order.
/// The inventory comes sorted, so its runs are the groups; other input is
/// grouped through a map.
fn distinct_versions(packages: &[Package]) -> Vec<(VersionKey<'_>, Vec<&Package>)> {
    fn key(p: &Package) -> VersionKey<'_> {
        (p.ecosystem, p.name.as_str(), p.version.as_str())
    }
    if packages.is_sorted_by(|a, b| key(a) <= key(b)) {
        return packages
            .chunk_by(|a, b| key(a) == key(b))
            .map(|run| (key(&run[0]), run.iter().collect()))
            .collect();
    }
    let mut versions: BTreeMap<VersionKey, Vec<&Package>> = BTreeMap::new();
    for p in packages {
        versions.entry(key(p)).or_default().push(p);
    }
    versions.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license::{License, Origin};
    use crate::online::Risk;
    use crate::online::registry::RegistryInfo;

    fn pkg(eco: Ecosystem, name: &str, source: &str, dev: bool, license: Option<&str>) -> Package {
        Package {
            ecosystem: eco,
            name: name.into(),
            version: "1.0.0".into(),
            direct: Some(!dev),
            dev: Some(dev),
            source: source.into(),
            declared_by: Vec::new(),
            line: 1,
            requested: Vec::new(),
            released: None,
            license: license.map(|l| License::new(l, Origin::Lockfile)),
            depends: Vec::new(),
        }
    }

    #[test]
    fn headline_counts_are_distinct_versions_and_declared_names() {
        let mut two = pkg(Ecosystem::Npm, "a", "web/package-lock.json", false, None);
        two.version = "2.0.0".into();
        let packages = vec![
            pkg(Ecosystem::Npm, "a", "web/package-lock.json", false, None),
            pkg(Ecosystem::Npm, "a", "api/package-lock.json", false, None),
            two,
            pkg(Ecosystem::Pypi, "a", "uv.lock", false, None),
        ];
        let c = counts(&packages);
        assert_eq!((c.packages, c.direct, c.entries), (3, 2, 4));
    }

    #[test]
    fn counts_per_ecosystem_and_none_for_what_was_not_asked() {
        let packages = vec![
            pkg(
                Ecosystem::Npm,
                "a",
                "web/package-lock.json",
                false,
                Some("MIT"),
            ),
            pkg(
                Ecosystem::Npm,
                "a",
                "api/package-lock.json",
                false,
                Some("MIT"),
            ),
            pkg(
                Ecosystem::Npm,
                "b",
                "web/package-lock.json",
                true,
                Some("GPL-3.0-only"),
            ),
            pkg(Ecosystem::Cargo, "c", "Cargo.lock", false, None),
        ];
        let offline = summarize(&packages, &Policy::default(), None, 1);
        assert_eq!(offline.len(), 2);
        let npm = &offline[1];
        assert_eq!((npm.packages, npm.direct, npm.dev), (2, 1, 1));
        assert_eq!((npm.vulnerable, npm.denied_license), (None, None));
        assert_eq!(offline[0].unknown_license, 1);

        let mut a = Assessment::default();
        a.risks.insert(
            (Ecosystem::Npm, "a".into(), "1.0.0".into()),
            Risk {
                registry: Some(Ok(RegistryInfo {
                    majors_behind: 2,
                    yanked: Some(String::new()),
                    ..RegistryInfo::default()
                })),
                vulnerabilities: Ok(vec![crate::online::osv::Advisory {
                    id: "GHSA-1".into(),
                    aliases: vec![],
                    summary: None,
                    severity: None,
                    fixed: vec![],
                    url: String::new(),
                }]),
            },
        );
        a.risks.insert(
            (Ecosystem::Npm, "b".into(), "1.0.0".into()),
            Risk {
                registry: Some(Err("down".into())),
                vulnerabilities: Err("down".into()),
            },
        );
        let policy = Policy {
            allow: vec![],
            deny: vec!["GPL-3.0-only".into()],
        };
        let online = summarize(&packages, &policy, Some(&a), 1);
        let npm = &online[1];
        assert_eq!(npm.vulnerable, Some(1));
        assert_eq!(npm.outdated_major, Some(1));
        assert_eq!(npm.yanked, Some(1));
        assert_eq!(
            npm.not_assessed,
            Some(1),
            "b once, though both answers failed"
        );
        assert_eq!(npm.denied_license, Some(1));
    }
}
