//! The inventory's part of `techlead check`, when `[deps]` is configured:
//! the license policy over every package (offline), and with online
//! answers (`[deps] online = true` or `techlead check --online`) known
//! vulnerabilities, yanked releases, major versions behind and packages
//! without releases. One file per rule.

mod denied_license;
mod outdated_major;
mod unknown_license;
mod unmaintained;
mod vulnerable;
mod yanked;

pub use vulnerable::fixed_in;

use crate::config::DepsConfig;
use crate::license::policy::Policy;
use crate::online::{Assessment, Risk};
use crate::{Ecosystem, Package};
use std::path::PathBuf;
use techlead_core::check::{Check, Env, Rule, infos};
use techlead_core::{Finding, InputError, Location, RuleInfo};

/// A technology the radar has on Hold, as plain data: the composition
/// root hands the radar's answer over, so this context does not depend on
/// the radar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    pub ecosystem: String,
    pub name: String,
    /// The technology's name and its record, relative to the root.
    pub technology: String,
    pub record: String,
}

impl Hold {
    pub fn covers(&self, p: &Package) -> bool {
        self.ecosystem == p.ecosystem.as_str()
            && match p.ecosystem {
                Ecosystem::Pypi => {
                    techlead_project::pep503(&self.name) == techlead_project::pep503(&p.name)
                }
                _ => self.name == p.name,
            }
    }
}

/// What every deps rule looks at.
pub struct DepsCtx<'a> {
    /// Every package, licenses filled in.
    pub packages: &'a [Package],
    pub config: &'a DepsConfig,
    pub policy: Policy,
    /// The online answers, when the online rules run.
    pub online: Option<&'a Assessment>,
    /// The packages the radar has on Hold.
    pub hold: &'a [Hold],
    /// Today, YYYY-MM-DD.
    pub today: &'a str,
}

impl DepsCtx<'_> {
    /// The online answer for a package, when there is one.
    fn risk(&self, p: &Package) -> Option<&Risk> {
        self.online.and_then(|a| a.get(p))
    }

    /// Where a finding about `p` points: its lockfile line.
    fn at(p: &Package) -> Option<Location> {
        Some(Location::line(&p.source, p.line.max(1)))
    }

    /// `lodash` 4.17.20 (npm)
    fn name(p: &Package) -> String {
        if p.version.is_empty() {
            format!("`{}` ({})", p.name, p.ecosystem.as_str())
        } else {
            format!("`{}` {} ({})", p.name, p.version, p.ecosystem.as_str())
        }
    }

    /// The stable key of a package for fingerprints.
    fn key(p: &Package) -> String {
        format!("{}:{}", p.ecosystem.as_str(), p.name)
    }

    /// Packages whose licenses the policy covers: development-only ones
    /// only with `dev_licenses`.
    fn licensed(&self) -> impl Iterator<Item = &Package> {
        self.packages
            .iter()
            .filter(|p| self.config.dev_licenses || p.dev != Some(true))
    }
}

pub type DepsRule = dyn for<'a> Rule<DepsCtx<'a>>;

/// Every deps rule, in the order `techlead rules` lists them.
pub static RULES: &[&DepsRule] = &[
    &vulnerable::Vulnerable,
    &yanked::Yanked,
    &denied_license::DeniedLicense,
    &unknown_license::UnknownLicense,
    &outdated_major::OutdatedMajor,
    &unmaintained::Unmaintained,
];

/// The rules that need online answers.
pub const ONLINE: &[&str] = &[
    "deps/vulnerable",
    "deps/yanked",
    "deps/outdated-major",
    "deps/unmaintained",
];

/// Every rule over the context.
pub fn check(cx: &DepsCtx<'_>) -> Vec<Finding> {
    techlead_core::check::run_rules(RULES, cx)
}

/// The radar's Hold ring, asked through the composition root.
pub type HoldSource<'a> = Box<dyn Fn(&dyn Env) -> Vec<Hold> + Sync + 'a>;

/// `deps/*` in `techlead check`.
pub struct DepsCheck<'a> {
    pub config: &'a DepsConfig,
    /// `techlead check --online`.
    pub online: bool,
    /// Where Cargo keeps its registry sources (`CARGO_HOME`), for licenses.
    pub cargo_home: Option<PathBuf>,
    /// The radar's Hold ring, composed by the CLI; asked only when the
    /// online rules run.
    pub hold: HoldSource<'a>,
}

impl Check for DepsCheck<'_> {
    fn name(&self) -> &'static str {
        "deps"
    }

    fn rules(&self) -> Vec<&'static RuleInfo> {
        infos(RULES)
    }

    fn skipped(&self, _env: &dyn Env) -> Vec<(&'static str, String)> {
        if self.online || self.config.online {
            return Vec::new();
        }
        ONLINE
            .iter()
            .map(|id| {
                (
                    *id,
                    "needs the registries and OSV: `techlead check --online` or [deps] online = true"
                        .to_string(),
                )
            })
            .collect()
    }

    fn run(&self, env: &dyn Env) -> Result<Option<Vec<Finding>>, InputError> {
        if !self.config.configured {
            if self.online {
                env.note(
                    "note: --online asks nothing: there is no [deps] section in techlead.toml",
                );
            }
            return Ok(None);
        }
        let root = env.root();
        let online = self.online || self.config.online;
        let opts =
            online.then(|| crate::online::Options::new(env.use_cache(), self.config.cache_hours()));
        let risk = crate::risk::dependency_risk(
            root,
            self.config,
            self.cargo_home.as_deref(),
            opts.as_ref(),
        );
        for e in &risk.inventory.errors {
            env.note(&format!("warning: {e} (its packages are not checked)"));
        }
        // Without online answers the online rules find nothing; the guide
        // says how to switch them on.
        for n in risk.online.iter().flat_map(|a| &a.notes) {
            env.note(n);
        }
        let hold = if online { (self.hold)(env) } else { Vec::new() };
        let cx = DepsCtx {
            packages: &risk.inventory.packages,
            config: self.config,
            policy: self.config.policy(),
            online: risk.online.as_ref(),
            hold: &hold,
            today: env.today(),
        };
        let findings = check(&cx);
        if let Some(a) = risk.online {
            env.defer_cache(a.cache);
        }
        Ok(Some(findings))
    }
}

/// Licenses from `[deps.clarify]` (over any other), then the registries'
/// for packages that still have none.
pub fn fill_licenses(packages: &mut [Package], config: &DepsConfig, online: Option<&Assessment>) {
    for p in packages.iter_mut() {
        if let Some(l) = config.clarified(p.ecosystem, &p.name) {
            p.license = Some(l);
            continue;
        }
        if p.license.is_none()
            && let Some(Some(Ok(info))) = online.and_then(|a| a.get(p)).map(|r| r.registry.as_ref())
            && let Some(text) = &info.license
        {
            p.license = Some(crate::license::License::new(
                text,
                crate::license::Origin::Registry,
            ));
        }
    }
}
