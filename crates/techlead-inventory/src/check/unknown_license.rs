//! `deps/unknown-license`: with a license policy, a package whose license
//! techlead could not find, or found but cannot read as SPDX.

use super::DepsCtx;
use crate::license::policy::Verdict;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "deps/unknown-license",
    Severity::Warning,
    "With a [deps] license policy, a package's license is unknown or is not an SPDX expression.",
);

pub struct UnknownLicense;

impl Rule<DepsCtx<'_>> for UnknownLicense {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DepsCtx<'_>, out: &mut Vec<Finding>) {
        if cx.policy.is_empty() {
            return;
        }
        for p in cx.licensed() {
            if cx.policy.judge(p.license.as_ref()) != Verdict::Unknown {
                continue;
            }
            let message = match &p.license {
                Some(l) => format!(
                    "{}'s license `{}` ({}) is not an SPDX expression, so the policy cannot judge it",
                    DepsCtx::name(p),
                    l.text,
                    l.origin.as_str()
                ),
                None => format!(
                    "no license found for {}: not in the lockfile, no installed copy says{}",
                    DepsCtx::name(p),
                    if cx.online.is_some() {
                        ", nor the registry"
                    } else {
                        ""
                    }
                ),
            };
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                message,
                DepsCtx::at(p),
                format!(
                    "read the package's license and add `\"{}\" = \"<SPDX expression>\"` to [deps.clarify]; installing the packages or `--online` lets techlead read more licenses",
                    DepsCtx::key(p)
                ),
                &DepsCtx::key(p),
            ));
        }
    }
}
