//! `practices/architecture-outpaces-team`: more deployable units than
//! active engineers, or one per engineer. Reported at the first unit.

use super::PracticesCx;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "practices/architecture-outpaces-team",
    Severity::Warning,
    "The repository has as many deployable units as active engineers, or more.",
);

pub struct ArchitectureOutpacesTeam;

impl Rule<PracticesCx<'_>> for ArchitectureOutpacesTeam {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &PracticesCx<'_>, out: &mut Vec<Finding>) {
        let fit = &cx.report.fit;
        if !fit.outpaces_team {
            return;
        }
        let location = fit
            .deployables
            .first()
            .map(|u| match u.at.rsplit_once(':') {
                Some((path, line)) if line.bytes().all(|b| b.is_ascii_digit()) => {
                    Location::line(path, line.parse().unwrap_or(1))
                }
                _ => Location::file(u.at.clone()),
            });
        let names: Vec<&str> = fit.deployables.iter().map(|u| u.name.as_str()).collect();
        out.push(Finding::new(
            INFO.id,
            INFO.default_severity,
            format!("{} ({})", fit.verdict, names.join(", ")),
            location,
            "merge services that change together into one deployable with module boundaries inside (a modular monolith); split again when team and load require it",
            "deployables",
        ));
    }
}
