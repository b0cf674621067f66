//! `decisions/unknown-status`: a status outside the agreed vocabulary
//! (often a typo, or a team habit worth adding to `[decisions] statuses`).

use super::{LintContext, finding};
use crate::parse::KNOWN_STATUSES;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "decisions/unknown-status",
    Severity::Warning,
    "The status is neither a standard one nor listed in `[decisions] statuses`.",
);

pub struct UnknownStatus;

impl Rule<LintContext<'_>> for UnknownStatus {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for r in cx.records {
            let Some(status) = &r.status else { continue };
            let known = KNOWN_STATUSES.contains(&status.as_str())
                || cx
                    .opts
                    .extra_statuses
                    .iter()
                    .any(|s| s.trim().eq_ignore_ascii_case(status));
            if known {
                continue;
            }
            let mut help = format!(
                "use one of {}, or accept it in techlead.toml: [decisions] statuses = [\"{status}\"]",
                KNOWN_STATUSES.join(", ")
            );
            if let Some(s) =
                techlead_core::suggest::did_you_mean(status, KNOWN_STATUSES.iter().copied())
            {
                help = format!("did you mean `{s}`? {help}");
            }
            out.push(finding(
                &INFO,
                r,
                r.status_field.as_ref().map(|f| f.line),
                format!("unknown status `{status}`"),
                help,
                status,
            ));
        }
    }
}
