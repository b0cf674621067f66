//! `boundaries/unused-suppression`: an inline suppression comment that
//! suppresses nothing: the import it covers breaks none of the rules it
//! names (any more), or the comment is malformed; and an
//! `[[boundaries.ignore_imports]]` entry that leaves out no import between
//! modules.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, Location, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/unused-suppression",
    Severity::Warning,
    "An inline `techlead: ignore[...]` (or honoured `tach-ignore`) comment, or an `ignore_imports` entry, suppresses nothing.",
);

pub struct UnusedSuppression;

impl Rule<Ctx<'_>> for UnusedSuppression {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let known = |id: &str| super::RULES.iter().any(|r| r.info().id == id);
        for (file, s, idle) in ctx.suppressions.unused() {
            let (message, help, key) = if let Some(problem) = &s.problem {
                (
                    format!("malformed suppression: {problem}"),
                    "write `techlead: ignore[rule-id, ...] reason` on the import's line, or remove \
                     the comment"
                        .to_string(),
                    "malformed".to_string(),
                )
            } else if s.tach {
                (
                    "`tach-ignore` suppresses nothing: the import it covers breaks no boundary rule"
                        .to_string(),
                    "remove the comment".to_string(),
                    "tach-ignore".to_string(),
                )
            } else {
                let unknown: Vec<&str> = idle.iter().copied().filter(|r| !known(r)).collect();
                let names = idle
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = if unknown.is_empty() {
                    format!(
                        "suppression of {names} suppresses nothing: the import it covers does \
                         not break {}",
                        if idle.len() == 1 { "it" } else { "them" }
                    )
                } else {
                    format!(
                        "suppression of {names} suppresses nothing: {} no boundaries rule",
                        unknown
                            .iter()
                            .map(|r| format!("`{r}` is"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                let help = if idle.len() == s.rules.len() {
                    "remove the comment; if the import should still be suppressed, check that the \
                     comment is on its line and names the rule `techlead check` reports"
                        .to_string()
                } else {
                    format!("remove {names} from the comment's list")
                };
                (message, help, idle.join(","))
            };
            let mut finding = Finding::new(
                INFO.id,
                INFO.default_severity,
                message,
                Some(Location::line(file, s.line)),
                help,
                &key,
            );
            if let Some(line) = ctx.source_line(file, s.line) {
                finding = finding.with_snippet(line);
            }
            out.push(finding);
        }
        for (entry, used) in ctx.section.ignore_imports.iter().zip(&ctx.ignores_used) {
            if *used {
                continue;
            }
            let i = entry.get_ref();
            let (from, to) = (i.from.join(", "), i.to.join(", "));
            let why = i
                .reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            out.push(ctx.on_config(
                &INFO,
                entry.span().start,
                format!(
                    "ignore_imports entry {from} -> {to}{why} ignores nothing: no import between \
                     modules goes from the one to the other"
                ),
                "remove the entry; if the import still exists, check its globs against \
                 `techlead boundaries imports`"
                    .to_string(),
                &format!("ignore_imports:{from}->{to}"),
            ));
        }
    }
}
