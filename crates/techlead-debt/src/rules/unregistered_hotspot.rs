//! `debt/unregistered-hotspot` (with `[debt] unregistered_hotspots`): a
//! file among the hottest by interest that no register item covers. It
//! needs history; when history cannot be read it says so once, as a note,
//! instead of guessing.

use super::{DebtCtx, Hotspots};
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub const ID: &str = "debt/unregistered-hotspot";

pub static INFO: RuleInfo = RuleInfo::new(
    ID,
    Severity::Warning,
    "A file among the hottest by interest is covered by no debt item (only with `[debt] unregistered_hotspots = true`).",
);

pub struct UnregisteredHotspot;

impl Rule<DebtCtx<'_>> for UnregisteredHotspot {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DebtCtx<'_>, out: &mut Vec<Finding>) {
        match cx.hotspots {
            Hotspots::NotLooked => {}
            Hotspots::Unreadable(why) => out.push(Finding::new(
                INFO.id,
                Severity::Note,
                format!("hotspots were not looked for: {why}"),
                None,
                "run where the whole git history is readable (in a shallow CI clone: `git fetch --unshallow`)",
                "history",
            )),
            Hotspots::Found(list) => {
                for s in list {
                    let g = &s.signals;
                    out.push(Finding::new(
                        INFO.id,
                        INFO.default_severity,
                        format!(
                            "`{}` is a hotspot no debt item covers: interest {:.1} ({} revisions by {} authors, {} bug fixes, {:.0}% of changes coupled elsewhere, in the last {} days)",
                            s.file,
                            g.interest,
                            g.revisions,
                            g.authors,
                            g.bug_fixes,
                            g.coupling * 100.0,
                            cx.config.window_days()
                        ),
                        Some(Location::file(&s.file)),
                        format!("record it in the register: {}", s.command),
                        &s.file,
                    ));
                }
            }
        }
    }
}
