//! `boundaries/private-import`: an import that bypasses a module's
//! declared interface.

use super::Ctx;
use techlead_core::check::Rule;
use techlead_core::{Finding, RuleInfo, Severity};

pub static INFO: RuleInfo = RuleInfo::new(
    "boundaries/private-import",
    Severity::Error,
    "An import bypasses a module's interface and reaches a private file.",
);

pub struct PrivateImport;

impl Rule<Ctx<'_>> for PrivateImport {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
        let mods = &ctx.modules.modules;
        let private = |c: &super::Crossing| {
            mods[c.to]
                .interface
                .as_ref()
                .is_some_and(|i| !i.is_match(&*c.edge.to))
        };
        for g in ctx.groups(&INFO, |c| !mods[c.from].unchecked && private(c)) {
            let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
            out.push(ctx.on_imports(
                &INFO,
                &g,
                format!(
                    "module `{from}` imports `{}`, which is private to `{to}`",
                    g[0].edge.to
                ),
                format!(
                    "import what you need through `{to}`'s interface, or, if this file is meant to be \
                     public, add it to `{to}`'s interface in techlead.toml"
                ),
            ));
        }
    }
}
