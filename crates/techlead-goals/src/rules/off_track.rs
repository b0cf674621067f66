//! `goals/off-track`: a key result of an active goal trails the elapsed
//! share of its horizon by more than the tolerance.

use super::{GoalsCtx, finding};
use crate::progress::Track;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "goals/off-track",
    Severity::Warning,
    "A key result of an active goal is behind the share of its horizon that has gone by.",
);

pub struct OffTrack;

impl Rule<GoalsCtx<'_>> for OffTrack {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &GoalsCtx<'_>, out: &mut Vec<Finding>) {
        for g in cx.goals {
            let Some(s) = cx.status_of(g) else { continue };
            let (Some(elapsed), Some(horizon)) = (s.elapsed, &s.horizon) else {
                continue;
            };
            for kr in s
                .key_results
                .iter()
                .filter(|k| k.track == Some(Track::OffTrack))
            {
                let progress = kr.progress.unwrap_or(0.0);
                let now = kr.shown.current.as_deref().unwrap_or("?");
                let start = kr.shown.start.as_deref().unwrap_or("?");
                out.push(finding(
                    &INFO,
                    &g.path,
                    Some(kr.line),
                    format!(
                        "goal {}: `{} {} {}` is {}% of the way ({start} → {now}) with {}% of {horizon} gone",
                        g.id,
                        kr.label(),
                        kr.op,
                        kr.shown.target,
                        (progress * 100.0).round() as i64,
                        (elapsed * 100.0).round() as i64,
                    ),
                    "plan the work that moves it (link it with `techlead goals link`), or change the target or the horizon with a reason in the goal's history".into(),
                    &format!("{}:{}", g.id, kr.label()),
                ));
            }
        }
    }
}
