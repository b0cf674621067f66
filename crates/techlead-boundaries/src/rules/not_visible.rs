//! `boundaries/not-visible`: an import of a module by one that its
//! `visible_to` does not name.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/not-visible",
    Severity::Error,
    "A module imports a module whose `visible_to` does not name it.",
);

pub struct NotVisible;

impl Rule<Ctx<'_>> for NotVisible {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let mods = &ctx.modules.modules;
        for g in ctx.groups(&INFO, |c| {
            !mods[c.from].unchecked
                && mods[c.to]
                    .visible_to
                    .as_ref()
                    .is_some_and(|v| !v.iter().any(|n| n == &mods[c.from].name))
        }) {
            let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
            out.push(ctx.on_imports(
                &INFO,
                &g,
                format!("module `{to}` is not visible to `{from}` (visible_to)"),
                format!(
                    "remove the import, or add \"{from}\" to `{to}`'s visible_to if its owners agree"
                ),
            ));
        }
    }
}
