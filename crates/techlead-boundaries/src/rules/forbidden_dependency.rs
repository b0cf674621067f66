//! `boundaries/forbidden-dependency`: a module imports one that its
//! `cannot_depend_on` lists.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/forbidden-dependency",
    Severity::Error,
    "A module imports a module that its `cannot_depend_on` lists.",
);

pub struct ForbiddenDependency;

impl Rule<Ctx<'_>> for ForbiddenDependency {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let mods = &ctx.modules.modules;
        for g in ctx.groups(&INFO, |c| {
            !mods[c.from].unchecked
                && mods[c.from]
                    .cannot_depend_on
                    .iter()
                    .any(|n| n == &mods[c.to].name)
        }) {
            let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
            out.push(ctx.on_imports(
                &INFO,
                &g,
                format!("module `{from}` must not import `{to}` (cannot_depend_on)"),
                format!(
                    "remove the import; move what `{from}` needs into a module it may use, \
                     or invert the dependency behind an interface that `{from}` owns"
                ),
            ));
        }
    }
}
