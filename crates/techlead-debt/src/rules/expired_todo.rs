//! `debt/expired-todo`: a marker whose own due date has passed
//! (`TODO(alice, 2026-03-01): ...`).

use super::DebtCtx;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub const ID: &str = "debt/expired-todo";

pub static INFO: RuleInfo = RuleInfo::new(
    ID,
    Severity::Warning,
    "A `TODO`, `FIXME`, `HACK`, `XXX` or `BUG` marker in a comment is past the due date it carries.",
);

pub struct ExpiredTodo;

impl Rule<DebtCtx<'_>> for ExpiredTodo {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &DebtCtx<'_>, out: &mut Vec<Finding>) {
        for m in cx.markers {
            let Some(due) = &m.due else { continue };
            if due.as_str() >= cx.today {
                continue;
            }
            let text = if m.text.is_empty() {
                String::new()
            } else {
                format!(": {}", m.text)
            };
            let owner = m
                .owner
                .as_ref()
                .map(|o| format!(" (owner {o})"))
                .unwrap_or_default();
            out.push(Finding::new(
                INFO.id,
                INFO.default_severity,
                format!("{} was due on {due}{owner}{text}", m.tag),
                Some(Location::line(&m.file, m.line)),
                "do it, move its date with a reason, or record it in the register (`techlead debt add`) and remove the marker",
                &format!("{}\u{0}{due}\u{0}{}", m.tag, m.text),
            ));
        }
    }
}
