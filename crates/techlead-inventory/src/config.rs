//! `[deps]` in `techlead.toml`: the license policy, the online rules and
//! their thresholds, and how long online answers are cached. The section's
//! presence switches the `deps` check on.

use crate::Ecosystem;
use crate::license::policy::Policy;
use crate::license::{Expr, License, Origin};
use serde::Deserialize;
use std::collections::BTreeMap;
use techlead_core::InputError;
use techlead_core::config::LoadedConfig;
use toml::Spanned;

/// The section's name in `techlead.toml`.
pub const SECTION: &str = "deps";

/// `deps/outdated-major` by default: a major line behind.
pub const DEFAULT_OUTDATED_MAJORS: u32 = 1;
/// `deps/unmaintained` by default: no release for two years.
pub const DEFAULT_UNMAINTAINED_MONTHS: u32 = 24;

fn present() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepsConfig {
    /// Set when the section is in the file (the check runs).
    #[serde(skip_deserializing, default = "present")]
    pub configured: bool,
    /// Licenses no package may be under (`deps/denied-license`).
    #[serde(default)]
    pub deny_licenses: Vec<Spanned<String>>,
    /// When given, the only licenses packages may be under.
    #[serde(default)]
    pub allow_licenses: Vec<Spanned<String>>,
    /// Check development-only packages' licenses too (default false: the
    /// license policy is about what ships).
    #[serde(default)]
    pub dev_licenses: bool,
    /// The license of a package whose metadata does not say, or says it
    /// wrongly: `"npm:left-pad" = "WTFPL"`.
    #[serde(default)]
    pub clarify: BTreeMap<String, Spanned<String>>,
    /// Advisories (`GHSA-...`, `RUSTSEC-...`, `CVE-...`) that
    /// `deps/vulnerable` does not report: read, judged not to apply.
    #[serde(default)]
    pub ignore_advisories: Vec<Spanned<String>>,
    /// Run the online rules in `techlead check` (default false; `techlead
    /// check --online` for one run).
    #[serde(default)]
    pub online: bool,
    /// `deps/outdated-major`: this many major lines behind (default 1).
    pub outdated_majors: Option<u32>,
    /// `deps/unmaintained`: no release for this many months (default 24).
    pub unmaintained_months: Option<u32>,
    /// Hours an online answer is kept in `.techlead/cache` (default 24).
    pub cache_hours: Option<u32>,
}

impl DepsConfig {
    /// The allow and deny lists, each entry normalised.
    pub fn policy(&self) -> Policy {
        let norm = |list: &[Spanned<String>]| -> Vec<String> {
            list.iter()
                .filter_map(|s| crate::license::normalize(s.get_ref()))
                .collect()
        };
        Policy {
            allow: norm(&self.allow_licenses),
            deny: norm(&self.deny_licenses),
        }
    }

    pub fn outdated_majors(&self) -> u32 {
        self.outdated_majors
            .unwrap_or(DEFAULT_OUTDATED_MAJORS)
            .max(1)
    }

    pub fn unmaintained_months(&self) -> u32 {
        self.unmaintained_months
            .unwrap_or(DEFAULT_UNMAINTAINED_MONTHS)
            .max(1)
    }

    pub fn cache_hours(&self) -> u64 {
        u64::from(
            self.cache_hours
                .unwrap_or(crate::online::DEFAULT_TTL_HOURS as u32),
        )
    }

    /// Whether `deps/vulnerable` leaves an advisory out (by its id or
    /// any alias).
    pub fn ignores(&self, a: &crate::online::osv::Advisory) -> bool {
        self.ignore_advisories.iter().any(|i| {
            let i = i.get_ref().trim();
            a.id.eq_ignore_ascii_case(i) || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(i))
        })
    }

    /// The clarified license of a package, if `[deps.clarify]` names it.
    pub fn clarified(&self, eco: Ecosystem, name: &str) -> Option<License> {
        self.clarify.iter().find_map(|(k, v)| {
            let (e, n) = k.split_once(':')?;
            let same = match eco {
                Ecosystem::Pypi => techlead_project::pep503(n) == techlead_project::pep503(name),
                _ => n == name,
            };
            (e == eco.as_str() && same).then(|| License::new(v.get_ref(), Origin::Config))
        })
    }

    /// Entries that do not read: a license list entry that is not one
    /// SPDX license, a clarification that is no SPDX expression or whose
    /// key is not `ecosystem:name`. Each an input error at its line.
    pub fn validate(&self, file: &LoadedConfig) -> Vec<InputError> {
        let mut errors = Vec::new();
        for (field, list) in [
            ("deny_licenses", &self.deny_licenses),
            ("allow_licenses", &self.allow_licenses),
        ] {
            for s in list {
                let one = matches!(Expr::parse(s.get_ref()), Some(Expr::License { .. }));
                if !one {
                    errors.push(
                        file.error_at(
                            s.span().start,
                            format!(
                                "`{}` in [deps] {field} is not one SPDX license",
                                s.get_ref()
                            ),
                        )
                        .with_help(
                            "write one SPDX id (`MIT`, `GPL-3.0-only`), or `id WITH exception`",
                        ),
                    );
                }
            }
        }
        for (key, value) in &self.clarify {
            let eco_ok = key.split_once(':').is_some_and(|(e, n)| {
                !n.is_empty() && Ecosystem::ALL.iter().any(|x| x.as_str() == e)
            });
            if !eco_ok {
                errors.push(
                    file.error_at(
                        value.span().start,
                        format!("[deps.clarify] key `{key}` is not `ecosystem:name`"),
                    )
                    .with_help(format!(
                        "the ecosystem is one of {}",
                        Ecosystem::ALL.map(Ecosystem::as_str).join(", ")
                    )),
                );
            }
            if crate::license::normalize(value.get_ref()).is_none() {
                errors.push(
                    file.error_at(
                        value.span().start,
                        format!(
                            "[deps.clarify] `{key}` = `{}` is not an SPDX license expression",
                            value.get_ref()
                        ),
                    )
                    .with_help("write an SPDX expression such as `MIT OR Apache-2.0`"),
                );
            }
        }
        errors
    }
}
