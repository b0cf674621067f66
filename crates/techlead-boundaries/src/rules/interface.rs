//! `private-import`: an import that bypasses a module's declared
//! interface. `not-visible`: an import of a module by one that its
//! `visible_to` does not name.

use super::Ctx;
use techlead_core::{Finding, RuleInfo, Severity};

pub const PRIVATE: RuleInfo = RuleInfo::new(
    "boundaries/private-import",
    Severity::Error,
    "an import bypasses a module's interface and reaches a private file",
);

pub const NOT_VISIBLE: RuleInfo = RuleInfo::new(
    "boundaries/not-visible",
    Severity::Error,
    "a module imports a module that is not visible to it (visible_to)",
);

pub fn check(ctx: &Ctx, out: &mut Vec<Finding>) {
    let mods = &ctx.modules.modules;
    let private = |c: &super::Crossing| {
        mods[c.to]
            .interface
            .as_ref()
            .is_some_and(|i| !i.is_match(&*c.edge.to))
    };
    for g in ctx.groups(|c| !mods[c.from].unchecked && private(c)) {
        let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
        out.push(ctx.on_imports(
            &PRIVATE,
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
    for g in ctx.groups(|c| {
        !mods[c.from].unchecked
            && mods[c.to]
                .visible_to
                .as_ref()
                .is_some_and(|v| !v.iter().any(|n| n == &mods[c.from].name))
    }) {
        let (from, to) = (ctx.name(g[0].from), ctx.name(g[0].to));
        out.push(ctx.on_imports(
            &NOT_VISIBLE,
            &g,
            format!("module `{to}` is not visible to `{from}` (visible_to)"),
            format!(
                "remove the import, or add \"{from}\" to `{to}`'s visible_to if its owners agree"
            ),
        ));
    }
}
