//! `boundaries/undeclared-dependency`: a module imports one that its
//! `depends_on` does not list.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/undeclared-dependency",
    Severity::Error,
    "A module imports a module that its `depends_on` does not list.",
);

pub struct UndeclaredDependency;

impl Rule<Ctx<'_>> for UndeclaredDependency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let mods = &ctx.modules.modules;
        for g in ctx.groups(&INFO, |c| {
            let from = &mods[c.from];
            !from.unchecked
                && !mods[c.to].utility
                && ctx.section.needs_declaring(from.layer, mods[c.to].layer)
                && from
                    .depends_on
                    .as_ref()
                    .is_some_and(|d| !d.iter().any(|n| n == &mods[c.to].name))
        }) {
            let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
            out.push(ctx.on_imports(
                &INFO,
                &g,
                format!("module `{from}` imports `{to}`, which its depends_on does not list"),
                format!(
                    "if `{from}` should depend on `{to}`, add \"{to}\" to its depends_on in techlead.toml; \
                     otherwise remove the import"
                ),
            ));
        }
    }
}
